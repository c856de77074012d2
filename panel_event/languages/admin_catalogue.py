"""Add the plugin's JavaScript catalogue to every admin page, after Wagtail's own.

Wagtail's admin JavaScript (StreamField controls, comments, the sidebar, wagtail-localize's
translation editor) translates through ``django.gettext``. Wagtail fills that catalogue from
``wagtail.admin``'s locale folder and ``LOCALE_PATHS`` only, and wagtail-localize from its own
folder, so the Serbian strings in this plugin's ``djangojs`` catalogue would never reach them.

tools/build_catalogues.py writes each compiled ``djangojs`` catalogue as a static script that
merges its entries into the catalogue already loaded, as Django's own catalogue script does.
Static, it needs no admin login (the sign-in page is in Serbian too) and is cached like the
admin's other scripts.
"""

from functools import cache
from pathlib import Path

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail import hooks

_CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "static" / "panel_event" / "jsi18n"


@cache
def javascript_catalogue_path(language_code):
    """The static path of the catalogue script for ``language_code``, or None if it has none."""
    name = f"{language_code}.js"
    return f"panel_event/jsi18n/{name}" if (_CATALOGUE_DIR / name).exists() else None


@hooks.register("insert_global_admin_js")
def admin_javascript_catalogue_script():
    # Inserted right after Wagtail's own scripts, before any of them runs on page load. The page
    # renders in the user's admin language; an admin in English has nothing to load.
    path = javascript_catalogue_path(get_language() or "")
    return format_html('<script src="{}"></script>', static(path)) if path else ""
