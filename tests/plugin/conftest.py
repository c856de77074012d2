"""The plugin's tests run against the test app's settings alone (see ``Makefile``)."""

from django.conf import settings

PLUGIN_SETTINGS = "tests.plugin.settings"

if settings.SETTINGS_MODULE != PLUGIN_SETTINGS:
    raise RuntimeError(
        f"tests/plugin runs with --ds {PLUGIN_SETTINGS}, not {settings.SETTINGS_MODULE}: "
        "pytest-django takes one settings module per run, so the plugin's tests and the "
        "site's are two runs (make test runs both)."
    )
