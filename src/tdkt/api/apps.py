from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tdkt.api"
    label = "api"
