from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tdkt.demo"
    label = "demo"
