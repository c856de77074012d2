"""Local development: DEBUG on, a per-checkout secret key that is never committed."""

import os
import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR
from .two_factor import admin_2fa_required_for

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"


def _local_secret_key():
    # A key generated once per checkout and kept in a git-ignored file, so sessions survive
    # restarts without a secret ever being written into the repository.
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()

# Nobody has to use two-factor sign-in here; ADMIN_2FA_REQUIRED_FOR=superusers (or all) tries
# what production requires.
ADMIN_2FA_REQUIRED_FOR = admin_2fa_required_for(os.environ, "nobody")
