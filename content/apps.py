from django.apps import AppConfig


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content"
    verbose_name = "Indhold"

    def ready(self):
        from django.db import models
        from wagtail.admin.forms import models as admin_form_models

        from .slugs import DanishSlugField

        # Every slug field in the Wagtail admin (pages, snippets, taxonomy) follows the project's
        # rule: registered after Wagtail's own override for SlugField, which it replaces.
        admin_form_models.register_form_field_override(
            models.SlugField, override={"form_class": DanishSlugField}
        )
