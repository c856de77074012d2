"""Production: every secret and host name comes from the environment.

The site is served over HTTPS only, behind a reverse proxy that terminates TLS and sets
``X-Forwarded-Proto``. See docs/security.md for what each setting protects against.
"""

import ipaddress
import os
from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, MEDIA_ROOT, STATIC_ROOT, STORAGES
from .object_storage import media_origin, media_storage
from .redis_cache import redis_caches
from .two_factor import admin_2fa_required_for


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "The SECRET_KEY environment variable is not set. Production settings refuse to start "
        'without it. Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured(
        "The WAGTAILADMIN_BASE_URL environment variable is not set, for example "
        "https://events.example.org. Admin e-mails and previews need it."
    )
# Only needed when the admin is reached under another origin than the one the proxy passes on
# as Host, e.g. "https://cms.example.org".
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS. The proxy terminates TLS; this header is how Django learns that the request was secure.
# The proxy must overwrite X-Forwarded-Proto on every request, or a client could forge it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# HSTS: one year, subdomains included. Preloading is a commitment that is slow to undo (the
# domain is compiled into browsers), so it is opted into with SECURE_HSTS_PRELOAD=true once
# every subdomain serves HTTPS. Leaving it off is a decision, so its check is silenced with it.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# The public pages reference nothing over plain HTTP; browsers upgrade anything that slips in.
# CSP_REPORT_URI (optional) collects violation reports, e.g. from a monitoring service.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "upgrade-insecure-requests": True,
        **(
            {"report-uri": os.environ["CSP_REPORT_URI"]} if os.environ.get("CSP_REPORT_URI") else {}
        ),
    },
}

# Superusers sign in to the admin with a second factor; ADMIN_2FA_REQUIRED_FOR=all extends it to
# every admin account (docs/security.md).
ADMIN_2FA_REQUIRED_FOR = admin_2fa_required_for(os.environ, "superusers", allow_nobody=False)

# --- Files (docs/deployment.md) -----------------------------------------------------------------
# Static files are served by the app itself (WhiteNoise, see base.py) under hashed names, gzip-
# compressed, with far-future cache headers; `manage.py collectstatic` writes them to STATIC_ROOT.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT
# Uploads (images, their renditions, documents) go to an S3-compatible object store when
# AWS_STORAGE_BUCKET_NAME is set, so that several app servers share them; otherwise to MEDIA_ROOT,
# on this server's disk.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or MEDIA_ROOT
MEDIA_STORAGE = media_storage(os.environ)
STORAGES = {
    **STORAGES,
    **({"default": MEDIA_STORAGE} if MEDIA_STORAGE else {}),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if MEDIA_STORAGE:
    # Images are then served from the object store's (or its CDN's) host, not from this one.
    CONTENT_SECURITY_POLICY["DIRECTIVES"] = {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], media_origin(MEDIA_STORAGE)],
    }

# Sessions live in the database, shared by every app server. Not "cached_db": a logout made while
# Redis is unreachable could not remove the cached copy, and the session would come back with it.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Signing in (settings/login_security.py, docs/security.md) ---------------------------------
# The reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or networks.
# A proxy on the same machine connects from loopback; any other address is the client's own.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES") or ["127.0.0.1", "::1"]
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (10.0.0.0/8)."
        ) from None
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", AXES_FAILURE_LIMIT))  # noqa: F405
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", AXES_COOLOFF_TIME / timedelta(minutes=1)))  # noqa: F405
)
SESSION_IDLE_TIMEOUT = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", SESSION_IDLE_TIMEOUT // 60))  # noqa: F405
SESSION_COOKIE_AGE = 3600 * int(os.environ.get("SESSION_MAX_AGE_HOURS", SESSION_COOKIE_AGE // 3600))  # noqa: F405

# E-mail (password reset, Wagtail's notifications) through the SMTP server of EMAIL_HOST.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587 if os.environ.get("EMAIL_HOST") else 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", bool(os.environ.get("EMAIL_HOST")))
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", False)
# A reset request waits for the SMTP server; a dead one must not hold the worker for minutes.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or (
    f"noreply@{urlsplit(WAGTAILADMIN_BASE_URL).hostname}"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Errors go to stderr, where the process manager collects them; nothing is shown to visitors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "cms_site": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Lockouts, lifted lockouts and group changes (docs/security.md, "Who did what").
        "home": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Caching (see docs/performance.md) --------------------------------------------------------
# REDIS_URL (or CACHE_URL), e.g. redis://127.0.0.1:6379/0, selects a Redis cache that every
# worker process shares. Rendered pages, renditions and site root paths are cached there.
CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL") or ""
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL / CACHE_URL must be a Redis URL (redis://, rediss:// or unix://)."
        )
    # Redis being down slows pages (rendered afresh) instead of stopping them or the admin.
    CACHES = redis_caches(CACHE_URL, os.environ.get("CACHE_KEY_PREFIX", "cms_site"))
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The rendered-page cache (panel_event.caching.page_cache) needs a cache shared by all workers: a
# per-process memory cache would go on serving a page that another worker saw change. Without
# Redis it is off, unless PAGE_CACHE_TIMEOUT is set (e.g. for a single-process server).
PANEL_EVENT_PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 600 if CACHE_URL else 0))

# A CDN in front of the site: Wagtail purges the URLs of what editors publish (and
# panel_event.caching.frontend_cache the pages that show it). Configured only from the environment.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
    if not os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"):
        raise ImproperlyConfigured(
            "FRONTEND_CACHE_CLOUDFLARE_ZONE_ID needs FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN, an "
            "API token allowed to purge that zone's cache."
        )
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    # Needs boto3 (pip install boto3); credentials come from the usual AWS_* variables.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("FRONTEND_CACHE_HTTP_LOCATION"):
    # A Varnish or nginx cache that accepts PURGE requests, e.g. http://127.0.0.1:8000.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_LOCATION"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
