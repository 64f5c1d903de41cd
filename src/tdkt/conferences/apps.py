from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "tdkt.conferences"
    label = "conferences"
