"""Production settings, made to run on loopback over plain HTTP against a throwaway database.

Used by bench/run.py only. Everything that shapes a request's cost (DEBUG off, middleware,
templates, caches) is production's; what differs is listed here.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-" + "not-a-secret-" * 4)
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://127.0.0.1")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

import dj_database_url

from cms_site.settings.production import *  # noqa: F403
from cms_site.settings.production import STORAGES

# Loopback, plain HTTP: no TLS proxy in front.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"], conn_max_age=600)}
MEDIA_ROOT = os.environ["BENCH_MEDIA_ROOT"]
ROOT_URLCONF = "bench.urls"
# Static files straight from static/, without collectstatic's hashed names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production turns the page cache off without Redis, because worker processes would not see
# each other's invalidations; nothing is edited during a benchmark run, so it may stay on.
PANEL_EVENT_PAGE_CACHE_TIMEOUT = int(os.environ.get("BENCH_PAGE_CACHE_TIMEOUT", 600))
PANEL_EVENT_AUTO_TRANSLITERATE = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
