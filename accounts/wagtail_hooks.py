"""Admin wiring: the access requests (accounts/admin_views.py) and the account links on the
admin login page (templates/wagtailadmin/login.html)."""

from wagtail import hooks

from .admin_views import AccessRequestViewSet


@hooks.register("register_admin_viewset")
def register_access_requests():
    return AccessRequestViewSet()
