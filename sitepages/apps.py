from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sitepages"
    verbose_name = "Sider om portalen"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment check
