"""Finding a page's versions in the other content languages, for switchers and hreflang."""

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from .languages import bcp47_tag
from .privacy import in_private_section

CACHE_ATTRIBUTE = "_panel_event_live_translations"

# How each script is offered to readers, in its own script. Sites can override or extend
# these with PANEL_EVENT_LANGUAGE_LABELS; other languages use Django's local name.
DEFAULT_LANGUAGE_LABELS = {"sr-latn": "Latinica", "sr-cyrl": "Ћирилица", "en": "English"}


def language_label(language_code):
    labels = {**DEFAULT_LANGUAGE_LABELS, **getattr(settings, "PANEL_EVENT_LANGUAGE_LABELS", {})}
    if language_code in labels:
        return labels[language_code]
    return get_language_info(language_code)["name_local"]


def live_translations(page, request):
    """{language code: live page} for ``page`` and its public translations.

    One query per request and page. It also records whether each version is private, for the
    page cache, and gives ``page`` its locale, so ``page.locale`` costs no query afterwards.
    """
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None or cached["page_id"] != page.pk:
        versions = list(
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .annotate(panel_event_private=in_private_section())
        )
        cached = {
            "page_id": page.pk,
            "public": {
                version.locale.language_code: version
                for version in versions
                if not version.panel_event_private
            },
            "private": {version.pk: version.panel_event_private for version in versions},
            "locales": {version.pk: version.locale for version in versions},
        }
        if request is not None:
            setattr(request, CACHE_ATTRIBUTE, cached)
    locale = cached["locales"].get(page.pk)
    if locale is not None and page.locale_id == locale.pk:
        page.locale = locale
    return cached["public"]


def known_privacy(page, request):
    """Whether ``page`` is in a private section, if ``live_translations`` has already found
    out during this request; None otherwise."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None or cached["page_id"] != page.pk:
        return None
    return cached["private"].get(page.pk)


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
    """The default content language, as ``Locale.get_default()`` finds it, without a query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)
