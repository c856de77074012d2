from django import template
from django.utils import translation
from django.utils.html import format_html, format_html_join

from panel_event.languages.codes import bcp47_tag
from panel_event.languages.formatting import format_date, format_event_when, format_time
from panel_event.languages.switcher import language_links, source_language_code

register = template.Library()


@register.filter
def bcp47(language_code):
    """``{{ LANGUAGE_CODE|bcp47 }}`` gives ``sr-Latn`` for ``sr-latn``."""
    return bcp47_tag(language_code or "")


@register.filter
def event_when(page):
    """The date, times and time zone of an event, as the active language writes them."""
    if not (page.starts_at and page.ends_at):
        return ""
    return format_event_when(page.starts_at, page.ends_at, page.tzinfo)


@register.filter
def local_time(moment):
    """A time of day in the active language's style: 11.00 in Serbian, 11:00 in English."""
    return format_time(moment) if moment else ""


@register.filter
def local_date(moment):
    return format_date(moment) if moment else ""


@register.inclusion_tag("panel_event/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    links = language_links(page, request)
    if page is None:
        # Pages outside Wagtail (404, 500) mark the language of the URL instead.
        active = translation.get_language()
        for link in links:
            link["is_current"] = link["language_code"] == active
    return {"links": links}


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates for every live language version, x-default and the canonical URL."""
    request = context["request"]
    page = context.get("page")
    if page is None or not getattr(page, "translation_key", None):
        return ""
    links = [link for link in language_links(page, request) if link["is_translation"]]
    tags = format_html_join(
        "\n",
        '<link rel="alternate" hreflang="{}" href="{}">',
        ((link["bcp47"], link["full_url"]) for link in links),
    )
    default = next(
        (link for link in links if link["language_code"] == source_language_code()), None
    )
    if default is not None:
        tags += format_html(
            '\n<link rel="alternate" hreflang="x-default" href="{}">', default["full_url"]
        )
    current = next((link for link in links if link["is_current"]), None)
    if current is not None:
        tags += format_html('\n<link rel="canonical" href="{}">', current["full_url"])
    return tags
