"""Template tags that offer a listing page's RSS and Atom feeds and calendar subscription.

``{% event_feed_links %}`` in ``<head>`` lets browsers and feed readers discover them;
``{% follow_links %}`` shows them to readers. On any page that is not a listing page (or has
no URL) both write nothing, so a site's base template may call the first on every page.
"""

from django import template

from panel_event.outputs.feeds import EventFeedsMixin
from panel_event.outputs.following import follow_addresses

register = template.Library()


def _addresses(context, page):
    page = page if page is not None else context.get("page")
    if not isinstance(page, EventFeedsMixin):
        return None
    return follow_addresses(page, context.get("request"))


@register.inclusion_tag("panel_event/includes/feed_links.html", takes_context=True)
def event_feed_links(context, page=None):
    """``<link rel="alternate">`` for the feeds and the subscription of the page shown."""
    page = page if page is not None else context.get("page")
    return {"follow": _addresses(context, page), "title": getattr(page, "title", "")}


@register.inclusion_tag("panel_event/includes/follow_links.html", takes_context=True)
def follow_links(context, page=None):
    """The "Subscribe" (``webcal://``), download, RSS and Atom links of the page shown."""
    return {"follow": _addresses(context, page)}
