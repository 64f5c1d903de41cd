from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "tdkt.nominations"
    label = "nominations"
    verbose_name = "Xét khen thưởng"
