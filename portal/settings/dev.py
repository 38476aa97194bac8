"""Local development: `make run`."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
# A development-only key; production.py refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", default="dev-only-insecure-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
