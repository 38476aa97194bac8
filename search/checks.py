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


@checks.register("search")
def synonyms_file_is_valid(app_configs, **kwargs):
    """A malformed synonym list is reported at start-up with its line, not at the first search."""
    from .synonyms import parse, synonyms_path

    path = synonyms_path()
    if not path.exists():
        return [
            checks.Warning(
                f"The synonym list {path} does not exist; searches use no synonyms.",
                id="search.W003",
            )
        ]
    try:
        parse(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        return [checks.Error(f"The synonym list {path} is invalid: {exc}", id="search.E003")]
    return []
