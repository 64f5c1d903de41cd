from django.apps import AppConfig


class CommonConfig(AppConfig):
    verbose_name = "Chung"
    name = "tdkt.common"
    label = "common"
