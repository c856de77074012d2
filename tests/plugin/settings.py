"""A minimal Wagtail site for the plugin's tests: Wagtail, wagtail-localize, the plugin and a
one-page-type test app, in the three content languages. Nothing of this repository's own site.

What the plugin's optional parts need is switched on here so that they are tested: the page
cache and its middleware, automatic transliteration, the Serbian machine translator, the parent
page types, and django-csp (JSON-LD blocks carry the request's nonce when it is there).
"""

import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

DEBUG = False
# Not a secret: test runs never face the network.
SECRET_KEY = "plugin-tests-only-not-a-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "tests.plugin.testapp",
    "panel_event",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A writing request in one transaction: a publish and the other script's version written
    # from it commit or roll back together.
    "panel_event.editing.atomic_writes.AtomicWritesMiddleware",
    # Last, as the plugin's docs ask: it answers stored pages once everything above has run.
    "panel_event.caching.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "tests.plugin.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in memory unless DATABASE_URL selects PostgreSQL.
DATABASES = {"default": dj_database_url.config(default="sqlite://:memory:")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Codes stay lowercase: a mixed-case code (sr-Latn) makes wagtail-localize serve the wrong script.
LANGUAGE_CODE = "sr-latn"
LANGUAGES = [
    ("sr-latn", "Srpski (latinica)"),
    ("sr-cyrl", "Српски (ћирилица)"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Belgrade"

STATIC_URL = "/static/"
# Tests that upload set a folder of their own (the isolated_media fixture); this is the rest.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "panel-event-plugin-tests-media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A full agenda with many speakers posts thousands of fields from the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Događaji"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_ENABLED = False

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]},
}

# The plugin's optional parts, all on.
PANEL_EVENT_PARENT_PAGE_TYPES = ["testapp.HomePage", "panel_event.EventIndexPage"]
PANEL_EVENT_PAGE_CACHE_TIMEOUT = 600
PANEL_EVENT_AUTO_TRANSLITERATE = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "panel_event.languages.machine_translation.SerbianTransliterator",
    "OPTIONS": {},
}
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
