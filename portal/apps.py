from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import checks, outage, signals  # noqa: F401 - checks registers itself

        signals.connect()
        outage.connect()
