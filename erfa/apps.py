from django.apps import AppConfig


class ErfaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "erfa"
    verbose_name = "Erfa-grupper"
