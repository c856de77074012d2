"""Finding a page's versions in the other content languages, for switchers and hreflang."""

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

from .languages import bcp47_tag

# How each script is offered to readers, in its own script. Sites can override or extend
# these with PANEL_EVENT_LANGUAGE_LABELS; other languages use Django's local name.
DEFAULT_LANGUAGE_LABELS = {"sr-latn": "Latinica", "sr-cyrl": "Ћирилица", "en": "English"}


def language_label(language_code):
    labels = {**DEFAULT_LANGUAGE_LABELS, **getattr(settings, "PANEL_EVENT_LANGUAGE_LABELS", {})}
    if language_code in labels:
        return labels[language_code]
    return get_language_info(language_code)["name_local"]


def live_translations(page, request):
    """{language code: live page} for ``page`` and its translations, in one query per request."""
    cache_name = "_panel_event_live_translations"
    cached = getattr(request, cache_name, None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    versions = {
        version.locale.language_code: version
        for version in Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    }
    setattr(request, cache_name, (page.pk, versions))
    return versions


def language_links(page, request):
    """One entry per content language: where the switcher and hreflang links point.

    A language without a live version of this page points at that language's home page, so
    the switcher never leads to a 404.
    """
    versions = live_translations(page, request) if page is not None else {}
    current_code = page.locale.language_code if page is not None else None
    homes = None
    links = []
    for language_code, _name in settings.LANGUAGES:
        version = versions.get(language_code)
        if version is None:
            if homes is None:
                homes = _home_pages(request)
            target = homes.get(language_code)
        else:
            target = version
        links.append(
            {
                "language_code": language_code,
                "bcp47": bcp47_tag(language_code),
                "label": language_label(language_code),
                "url": target.get_url(request) if target else f"/{language_code}/",
                "full_url": target.get_full_url(request) if target else None,
                "is_translation": version is not None,
                "is_current": language_code == current_code,
            }
        )
    return links


def _home_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {
        home.locale.language_code: home
        for home in Page.objects.live()
        .filter(translation_key=site.root_page.translation_key)
        .select_related("locale")
    }


def source_language_code():
    return Locale.get_default().language_code
