"""Finding a page's versions in the other content languages, for switchers and hreflang."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from ..caching.public import in_private_section, remember_privacy
from ..conf import plugin_settings
from .codes import bcp47_tag

CACHE_ATTRIBUTE = "_panel_event_live_translations"
# The links made for this request: the switcher and the hreflang links ask for the same ones.
LINKS_ATTRIBUTE = "_panel_event_language_links"
# What ``keep_in_language_links()`` asked every version's link to end with.
SUFFIX_ATTRIBUTE = "_panel_event_language_link_suffix"

# How each script is offered to readers, in its own script. Sites can override or extend
# these with PANEL_EVENT_LANGUAGE_LABELS; other languages use Django's local name.
DEFAULT_LANGUAGE_LABELS = {"sr-latn": "Latinica", "sr-cyrl": "Ћирилица", "en": "English"}

# What the switcher says, in the missing language itself, when a page has no public version in
# it: a reader who looks for their own language reads why there is no link.
UNAVAILABLE_NOTES = {
    "sr-latn": _("not available in Latin script"),
    "sr-cyrl": _("not available in Cyrillic script"),
    "en": _("not available in English"),
}
UNAVAILABLE_FALLBACK_NOTE = _("not available in this language")


def language_label(language_code):
    labels = {**DEFAULT_LANGUAGE_LABELS, **plugin_settings.LANGUAGE_LABELS}
    if language_code in labels:
        return labels[language_code]
    return get_language_info(language_code)["name_local"]


def unavailable_note(language_code):
    """ "Not available in <language>", written in that language."""
    with translation.override(language_code):
        return str(UNAVAILABLE_NOTES.get(language_code, UNAVAILABLE_FALLBACK_NOTE))


def live_translations(page, request):
    """{language code: live page} for ``page`` and its public translations.

    One query per request and page. It also records whether each version is private
    (``caching.public.remember_privacy``), and gives ``page`` its locale, so ``page.locale``
    costs no query afterwards.
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
            "locales": {version.pk: version.locale for version in versions},
        }
        if request is not None:
            setattr(request, CACHE_ATTRIBUTE, cached)
        remember_privacy(
            request, page, {version.pk: version.panel_event_private for version in versions}
        )
    locale = cached["locales"].get(page.pk)
    if locale is not None and page.locale_id == locale.pk:
        page.locale = locale
    return cached["public"]


def language_links(page, request):
    """One entry per content language: where the switcher and hreflang links point.

    A language without a live, public version of ``page`` has no link (``url`` is None) and an
    ``unavailable_note`` instead: sending the reader to another page without a word would hide
    that the page is missing. Without a page (404 and 500 pages), every language points at its
    home page.
    """
    if page is None:
        return [_home_link(language_code, home, request) for language_code, home in _homes(request)]
    key = (page.pk, getattr(request, SUFFIX_ATTRIBUTE, ""))
    made = getattr(request, LINKS_ATTRIBUTE, None)
    if made is None or made[0] != key:
        made = (key, _language_links(page, request))
        if request is not None:
            setattr(request, LINKS_ATTRIBUTE, made)
    return [dict(link) for link in made[1]]


def _language_links(page, request):
    versions = live_translations(page, request)
    current_code = page.locale.language_code
    links = []
    for language_code, _name in settings.LANGUAGES:
        version = versions.get(language_code)
        is_current = language_code == current_code
        # The page being read (a private page, a preview) is linked even though it is not public.
        target = version or (page if is_current else None)
        links.append(
            {
                **_link(language_code, target, request),
                "is_translation": version is not None,
                "is_current": is_current,
                "unavailable_note": "" if target else unavailable_note(language_code),
            }
        )
    return links


def keep_in_language_links(request, suffix):
    """Make the switcher and hreflang links of this request point at ``suffix`` (a route and
    query string, "search/?q=Niš") under each version of the page, not at the page itself:
    a reader who changes language on a search page gets the same search."""
    setattr(request, SUFFIX_ATTRIBUTE, suffix)


def _link(language_code, target, request):
    url = target.get_url(request) if target else None
    full_url = target.get_full_url(request) if target else None
    suffix = getattr(request, SUFFIX_ATTRIBUTE, "")
    return {
        "language_code": language_code,
        "bcp47": bcp47_tag(language_code),
        "label": language_label(language_code),
        "url": url + suffix if url else url,
        "full_url": full_url + suffix if full_url else full_url,
    }


def _home_link(language_code, home, request):
    link = _link(language_code, home, request)
    if home is None:
        link["url"] = f"/{language_code}/"
    return {**link, "is_translation": False, "is_current": False, "unavailable_note": ""}


def _homes(request):
    homes = _home_pages(request)
    return [
        (language_code, homes.get(language_code)) for language_code, _name in settings.LANGUAGES
    ]


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
