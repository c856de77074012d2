"""Following a listing page's events without visiting it: what its RSS and Atom feeds and its
calendar subscription hold, where they are, and how a reader that has them already is told
nothing changed.

Both hold the listing's own events (live, public, in the page's language, below it): the feeds
(``feeds.py``) the most recently announced, past or upcoming, as feeds do; the subscription
(``subscription.py``) the upcoming ones and those that ended less than
``PANEL_EVENT_SUBSCRIPTION_PAST_DAYS`` ago, as a calendar needs.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.db.models import Count, Max, Min, Q
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response

from ..caching.page_cache import current_generation
from ..conf import plugin_settings
from .calendar import site_routes_dotted_address
from .queries import listed_events

logger = logging.getLogger(__name__)


def followed_events(listing_page, now=None, past_days=None):
    """The listing's events, upcoming first (soonest first), then past ones (most recent
    first); with ``past_days``, only those that ended less than that many days ago."""
    now = now or timezone.now()
    events = listed_events(listing_page.locale_id, within=listing_page, now=now)
    if past_days is None:
        return events
    return events.filter(ends_at__gte=now - datetime.timedelta(days=past_days))


def _content_generation():
    """The page cache's generation: it changes with every publish, unpublish, move and snippet
    edit, so with it an entity tag also changes when a venue or partner is renamed. None if
    the cache cannot be read."""
    try:
        return current_generation()
    except Exception:
        logger.exception("Could not read the page cache's generation")
        return None


def events_etag(events, route_name, now=None):
    """An entity tag for a feed or the subscription of ``events``, in one small query.

    Besides the content generation, what changes without an edit: an event leaving the window
    (the count), one ending (the next end). None when no tag can be trusted.
    """
    generation = _content_generation()
    if generation is None:
        return None
    now = now or timezone.now()
    summary = events.aggregate(
        count=Count("pk"),
        published=Max("last_published_at"),
        next_end=Min("ends_at", filter=Q(ends_at__gte=now)),
    )
    parts = (
        generation,
        route_name,
        translation.get_language(),
        plugin_settings.SUBSCRIPTION_PAST_DAYS,
        plugin_settings.FEED_MAX_ITEMS,
        plugin_settings.SUBSCRIPTION_MAX_EVENTS,
        summary["count"],
        summary["published"],
        summary["next_end"],
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def respond_with_etag(request, etag, render):
    """304 Not Modified when the reader already has ``etag``; else ``render()`` tagged with it.

    Only the entity tag is a validator: a feed or calendar can change without any event being
    published (an event unpublished, a venue renamed), so no Last-Modified date would be true.
    """
    if etag is not None:
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag
            return not_modified
    response = render()
    # Django's Feed dates its response by its newest entry: not a validator to offer here.
    response.headers.pop("Last-Modified", None)
    if etag is not None:
        response["ETag"] = etag
    return response


@dataclass(frozen=True)
class FollowAddresses:
    """The absolute addresses of a listing page's feeds and calendar subscription."""

    rss: str
    atom: str
    calendar: str

    @property
    def webcal(self):
        """The subscription with the webcal scheme, which calendar applications open as a
        subscription (kept up to date) rather than a one-time import."""
        return urlunsplit(urlsplit(self.calendar)._replace(scheme="webcal"))


def follow_addresses(listing_page, request=None):
    """``FollowAddresses`` of ``listing_page``, or None if the page has no URL."""
    page_url = listing_page.get_full_url(request)
    if page_url is None:
        return None
    dotted = page_url + listing_page.reverse_subpage("events_calendar_ics").rstrip("/")
    calendar = (
        dotted
        if site_routes_dotted_address(page_url, dotted)
        else page_url + listing_page.reverse_subpage("events_calendar")
    )
    return FollowAddresses(
        rss=page_url + listing_page.reverse_subpage("rss_feed"),
        atom=page_url + listing_page.reverse_subpage("atom_feed"),
        calendar=calendar,
    )
