from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redaktion"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail import permissions
        from wagtail.admin import auth as admin_auth

        from . import signals  # noqa: F401  (connects the coordinator sync)
        from .admin_denied import permission_denied
        from .permissions import ContributorScopedPagePermissionPolicy

        # Wagtail's admin views import this one policy object by name; Wagtail has no setting to
        # choose another, so the object's class is narrowed in place. The subclass only removes
        # other municipalities' cases for contributors; everything else is Wagtail's own code.
        permissions.page_permission_policy.__class__ = ContributorScopedPagePermissionPolicy

        # Wagtail's admin views call this module-level function when a permission check fails;
        # ours answers 403 instead of redirecting to the dashboard (editorial/admin_denied.py).
        admin_auth.permission_denied = permission_denied
