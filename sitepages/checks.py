"""Deployment check: the editorial address shown on Kontakt and the other site pages."""

from django.conf import settings
from django.core import checks

PLACEHOLDER_DOMAIN = ".example"


@checks.register(deploy=True)
def editorial_email_is_real(app_configs, **kwargs):
    """The default address is a placeholder (…@praksisbanken.example) so development works; a
    public site must show the editorial team's real role address."""
    if settings.PRAKSISBANKEN_EDITORIAL_EMAIL.endswith(PLACEHOLDER_DOMAIN):
        return [
            checks.Warning(
                "The site pages show the placeholder editorial address "
                f"{settings.PRAKSISBANKEN_EDITORIAL_EMAIL}.",
                hint="Set PRAKSISBANKEN_EDITORIAL_EMAIL to the editorial team's role address.",
                id="sitepages.W001",
            )
        ]
    return []
