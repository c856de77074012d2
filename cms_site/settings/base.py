"""Settings shared by every environment. Environment-specific files import from here."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
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
    # Two-factor sign-in to the admin: TOTP apps and recovery codes (settings/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # django-csp: its system checks catch settings left in the pre-4.0 format.
    "csp",
    # Failed sign-ins are counted and locked out (settings/login_security.py).
    "axes",
]

MIDDLEWARE = [
    # First: a load balancer's health checks are answered before the HTTPS redirect and the
    # host name check, which its requests (plain HTTP, to the server's own address) would fail.
    "cms_site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files, served by the app itself: right after SecurityMiddleware, so they carry its
    # headers and skip everything below (sessions, language, the page cache).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after SecurityMiddleware, so every response, errors included, carries the headers.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions and before common: it picks the language from the URL prefix and
    # redirects "/" to the visitor's preferred language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave its second factor. The next one keeps
    # a session that owes one out of the admin, except the sign-in steps.
    "django_otp.middleware.OTPMiddleware",
    "home.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends signed-in sessions after the idle time and the maximum age (settings/login_security.py).
    "home.login_security.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A database or Redis outage answers 503 with a Retry-After instead of a generic 500.
    "cms_site.middleware.ServiceUnavailableMiddleware",
    # Turns a locked-out sign-in into Wagtail's sign-in page with the lockout message.
    "axes.middleware.AxesMiddleware",
    # A writing request in one transaction: a publish and the other script's version written
    # from it commit or roll back together.
    "panel_event.editing.atomic_writes.AtomicWritesMiddleware",
    # Last: answers stored pages for anonymous visitors before URL routing, once everything
    # above has run (CSP nonce, language); see panel_event/page_cache.py.
    "panel_event.caching.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "cms_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "cms_site.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# First: refuses a locked-out username before any password is checked (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Codes stay lowercase here: a mixed-case code (sr-Latn) makes
# wagtail-localize serve the wrong script. The BCP 47 case is used only in lang/hreflang.
LANGUAGE_CODE = "sr-latn"
LANGUAGES = [
    ("sr-latn", "Srpski (latinica)"),
    ("sr-cyrl", "Српски (ћирилица)"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The admin languages a user can pick in Account > Preferences: Wagtail would list all of its
# own, without Serbian. The plugin's catalogue translates Wagtail's admin into both scripts.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The site's home time zone; each event carries its own zone on top of this.
TIME_ZONE = "Europe/Belgrade"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A full agenda with many speakers posts thousands of fields from the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Događaji"
# Addresses in plain Latin ASCII (podrska, not podrška); panel_event folds what editors type.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Wagtail's serve view, which checks collection privacy and sends them
# with nosniff and "Content-Security-Policy: default-src 'none'".
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Raster formats only: an SVG can carry script, and Wagtail would serve it from our origin.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# 50 megapixels covers a full-frame camera photo; decoding one takes about 200 MB, which bounds
# the memory a single upload or rendition can make a worker use.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000

# One process's memory. Production uses Redis when REDIS_URL is set (see production.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered pages are kept for anonymous visitors for at most this many seconds; any publish or
# snippet edit empties the cache sooner (panel_event/page_cache.py). 0 turns it off.
PANEL_EVENT_PAGE_CACHE_TIMEOUT = 600

# Security headers every environment sends, so development and tests see what production
# sends. Transport security (HTTPS redirect, HSTS, secure cookies) is in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "browsing-topics",
        "camera",
        "geolocation",
        "interest-cohort",
        "microphone",
        "payment",
        "usb",
    )
}
# The public site runs no inline script or style. JSON-LD blocks carry the request's nonce
# (request.csp_nonce). The Wagtail admin needs inline script and style, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The admin's preview panel frames public pages from this origin; other sites may not.
        "frame-ancestors": ["'self'"],
    },
}

# Avatars from gravatar.com would be the admin's only request to another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The events plugin: where event pages may be created in this site's page tree.
PANEL_EVENT_PARENT_PAGE_TYPES = ["home.HomePage", "panel_event.EventIndexPage"]

# Serbian Cyrillic is generated from Serbian Latin: one click in the translation editor, and
# automatically whenever a Latin page or snippet is published (PANEL_EVENT_AUTO_TRANSLITERATE).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "panel_event.languages.machine_translation.SerbianTransliterator",
    "OPTIONS": {},
}
PANEL_EVENT_AUTO_TRANSLITERATE = True
# A new translation starts as a draft, even of a live page: its text is the source's until a
# translator has translated it, and the translator publishes it (panel_event checks this).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# No one on the team approves others' work: communications editors and translators publish
# directly (panel_event/roles.py). An approval workflow would only offer "Submit to Moderators
# approval" to a queue no one reads, so workflows are off and Publish is the editor's main action.
WAGTAIL_WORKFLOW_ENABLED = False

from .login_security import *  # noqa: E402, F403
from .two_factor import *  # noqa: E402, F403
