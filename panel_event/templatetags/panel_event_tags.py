"""Template tags for the public event pages: structured data, social previews, the agenda."""

from django import template
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Page

from panel_event.conf import plugin_settings
from panel_event.languages.switcher import live_translations
from panel_event.outputs import structured_data

register = template.Library()

# Open Graph knows locales, not scripts: both Serbian scripts are sr_RS. Sites can extend or
# override this with PANEL_EVENT_OPEN_GRAPH_LOCALES.
DEFAULT_OPEN_GRAPH_LOCALES = {"sr-latn": "sr_RS", "sr-cyrl": "sr_RS", "sr": "sr_RS", "en": "en_GB"}
META_DESCRIPTION_WORDS = 40


def open_graph_locale(language_code):
    locales = {
        **DEFAULT_OPEN_GRAPH_LOCALES,
        **plugin_settings.OPEN_GRAPH_LOCALES,
    }
    if language_code in locales:
        return locales[language_code]
    language, _, region = language_code.partition("-")
    return f"{language}_{region.upper()}" if len(region) == 2 else language


@register.inclusion_tag("panel_event/includes/structured_data.html", takes_context=True)
def event_structured_data(context, page):
    """``<script type="application/ld+json">`` with the page's schema.org Event."""
    request = context.get("request")
    data = structured_data.event_structured_data(page, request)
    # django-csp's request.csp_nonce is falsy until something reads it, so
    # {% if request.csp_nonce %} alone would never add the nonce; reading it here does.
    nonce = getattr(request, "csp_nonce", None)
    return {
        "csp_nonce": str(nonce) if nonce is not None else "",
        # Safe: json_for_script escapes every character that could end the script element.
        "json_ld": mark_safe(structured_data.json_for_script(data)),
    }


@register.simple_tag
def social_image(image):
    """``{% social_image page.hero_image as image %}``: the 1200×630 sharing rendition."""
    return structured_data.social_image(image)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """A media or page URL made absolute, against the site of the page being shown."""
    return structured_data.absolute_url(url, context.get("page"), context.get("request"))


@register.simple_tag
def page_description(page):
    """The page's search description, or else its introduction as plain text."""
    if not isinstance(page, Page):
        return ""
    description = page.search_description or strip_tags(getattr(page, "intro", "") or "")
    return Truncator(" ".join(description.split())).words(META_DESCRIPTION_WORDS)


@register.simple_tag(takes_context=True)
def open_graph_locales(context, page):
    """``(this page's og:locale, [og:locale:alternate, ...])`` from its live translations."""
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    # Read first: it gives the page its locale without another query.
    versions = live_translations(page, request)
    current = open_graph_locale(page.locale.language_code)
    alternates = []
    for language_code in versions:
        locale = open_graph_locale(language_code)
        if locale != current and locale not in alternates:
            alternates.append(locale)
    return {"locale": current, "alternates": alternates}


@register.simple_tag(takes_context=True)
def agenda_slot(context, item):
    """``{% agenda_slot item as slot %}``: the item's absolute start and end on the calendar.

    None where there is no event around the block (the admin's block preview).
    """
    page = context.get("page")
    slots = getattr(page, "agenda_slots", None)
    return slots.get(id(item)) if slots else None


@register.simple_tag
def partner_groups(partners_value):
    """``PartnersValue.groups()`` with every partner's logo fetched in one query, not one each.

    On the event page the logos and their renditions are already there (``EventPage``
    prefetches them with the body), and this costs nothing; it matters in the block preview.
    """
    groups = partners_value.groups()
    prefetch_related_objects(
        [partner for _role, partners in groups for partner in partners], "logo"
    )
    return groups


@register.filter
def iso(moment):
    """ISO 8601 with the UTC offset, for ``<time datetime>``.

    Django's ``|date:"c"`` would first convert to the site's time zone; this keeps the value's
    own zone, which for event times is the venue's.
    """
    return moment.isoformat() if moment else ""


@register.filter
def logo_sizes(image, height):
    """``sizes`` for a logo shown ``height`` pixels tall: its width at that height."""
    if not image or not image.height:
        return "100vw"
    return f"{round(image.width * int(height) / image.height)}px"
