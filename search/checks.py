from django.conf import settings
from django.core import checks


@checks.register("search")
def search_backend_configured(app_configs, **kwargs):
    config = getattr(settings, "SEARCH_BACKEND", None)
    if not config or "BACKEND" not in config:
        return [
            checks.Error(
                "SEARCH_BACKEND is not configured.",
                hint="Set SEARCH_BACKEND in portal/settings/base.py.",
                id="search.E001",
            )
        ]
    if config["BACKEND"].endswith("EmbeddedBackend") and not config.get("OPTIONS", {}).get("path"):
        return [checks.Error("The embedded search backend needs a path.", id="search.E002")]
    return []
