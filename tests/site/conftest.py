"""The site's tests run with the site's test settings (see ``Makefile``)."""

from django.conf import settings

SITE_SETTINGS = "cms_site.settings.test"

if settings.SETTINGS_MODULE != SITE_SETTINGS:
    raise RuntimeError(
        f"tests/site runs with --ds {SITE_SETTINGS}, not {settings.SETTINGS_MODULE}: "
        "pytest-django takes one settings module per run, so the plugin's tests and the "
        "site's are two runs (make test runs both)."
    )
