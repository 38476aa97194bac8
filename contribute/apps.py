from django.apps import AppConfig


class ContributeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contribute"
    verbose_name = "Del et eksempel"
