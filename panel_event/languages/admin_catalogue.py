"""Serve the plugin's JavaScript catalogue to every admin page, after Wagtail's own.

Wagtail's admin JavaScript (StreamField controls, comments, the sidebar, wagtail-localize's
translation editor) translates through ``django.gettext``. Wagtail fills that catalogue from
``wagtail.admin``'s locale folder and ``LOCALE_PATHS`` only, and wagtail-localize from its own
folder, so the Serbian strings in this plugin's ``djangojs`` catalogue would never reach them.
Django's catalogue script adds its entries to the ones already loaded, so a second script, in
the same language as the user's admin, completes the first one.
"""

from functools import cache
from pathlib import Path

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale
from django.views.i18n import JavaScriptCatalog
from wagtail import hooks
from wagtail.admin.localization import get_localized_response

_plugin_javascript_catalogue = JavaScriptCatalog.as_view(packages=["panel_event"])
_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@cache
def _has_javascript_catalogue(language_code):
    return (_LOCALE_DIR / to_locale(language_code) / "LC_MESSAGES" / "djangojs.mo").exists()


def admin_javascript_catalogue(request, *args, **kwargs):
    # In the user's admin language, not the site's: what Wagtail does for its own catalogue.
    return get_localized_response(_plugin_javascript_catalogue, request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_admin_javascript_catalogue_url():
    return [
        path(
            "panel-event/jsi18n/",
            admin_javascript_catalogue,
            name="panel_event_admin_javascript_catalogue",
        )
    ]


@hooks.register("insert_global_admin_js")
def admin_javascript_catalogue_script():
    # Inserted right after Wagtail's own scripts, before any of them runs on page load. The page
    # renders in the user's admin language; an admin in English has nothing to load.
    if not _has_javascript_catalogue(get_language() or ""):
        return ""
    return format_html(
        '<script src="{}"></script>', reverse("panel_event_admin_javascript_catalogue")
    )
