from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "tdkt.eligibility"
    label = "eligibility"
    verbose_name = "Xét điều kiện khen thưởng"

    def ready(self) -> None:
        # Startup refuses a rule naming an unknown parameter, regime or award code, and bad
        # regime/parameter files: the default engine validates all of them when it loads.
        from tdkt.eligibility.core import Engine

        Engine.default()
