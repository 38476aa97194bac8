"""The one place where settings read the process environment, with types.

Every setting that comes from the environment is read through these helpers, so a typo in a
variable name or a value of the wrong type fails loudly at start-up instead of silently falling
back to something unsafe.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_MISSING = object()


def env_str(name, default=_MISSING):
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(
                f"Miljøvariablen {name} skal være sat (environment variable {name} is required)."
            )
        return default
    return value


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from exc


def env_list(name, default=_MISSING):
    raw = os.environ.get(name, "")
    if not raw.strip():
        if default is _MISSING:
            return env_str(name)  # raises the "is required" error
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]
