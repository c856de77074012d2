"""Production: every secret and host name comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "The SECRET_KEY environment variable is not set. Production settings refuse to start "
        'without it. Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured(
        "The WAGTAILADMIN_BASE_URL environment variable is not set, for example "
        "https://events.example.org. Admin e-mails and previews need it."
    )

# Hashed file names let browsers cache static files for a long time.
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}
