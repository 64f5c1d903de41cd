from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tdkt.web"
    label = "web"
