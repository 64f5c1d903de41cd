from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tdkt.imports"
    label = "imports"
