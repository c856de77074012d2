"""A listing page's events as RSS and Atom feeds (``django.contrib.syndication``), and
``EventFeedsMixin``, which gives a listing page its feeds and its calendar subscription.

Each entry is one event in the page's language: its title, a summary with the date, the place
and the introduction, and the same facts as RSS event-module elements (``ev:startdate``,
``ev:enddate``, ``ev:location``, ``ev:type``) for programs. Entries come most recently announced
first; each is dated by its first publication and updated by its last.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.models import Site

from ..conf import plugin_settings
from ..languages.codes import bcp47_tag
from ..languages.formatting import format_event_when
from .following import (
    FollowAddresses,
    events_etag,
    follow_addresses,
    followed_events,
    respond_with_etag,
)
from .subscription import subscription_response

# The RSS 1.0 event module; feed readers that know it show the dates and place, others skip it.
EVENT_NAMESPACE = "http://purl.org/rss/1.0/modules/event/"
EVENT_ELEMENTS = ("startdate", "enddate", "location", "type")


class EventElementsMixin:
    """Writes each entry's ``ev:`` elements, given to ``add_item`` as ``event_<name>``."""

    def add_event_elements(self, handler, item):
        for name in EVENT_ELEMENTS:
            if item.get(f"event_{name}"):
                handler.addQuickElement(f"ev:{name}", item[f"event_{name}"])


class EventRssGenerator(EventElementsMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:ev": EVENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_event_elements(handler, item)


class EventAtomGenerator(EventElementsMixin, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:ev": EVENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_event_elements(handler, item)


@dataclass
class FeedSource:
    """What one feed is made of: the listing page, its addresses and the events it holds."""

    page: object
    addresses: FollowAddresses
    events: list
    site_name: str


def event_place(event):
    """Where the event happens, in a few words: 'Venue, City', 'Online', or both."""
    parts = []
    if event.venue is not None and event.takes_place_in_person:
        parts.append(", ".join(part for part in (event.venue.name, event.venue.city) if part))
    if event.takes_place_online:
        parts.append(_("Online"))
    return " · ".join(parts)


def event_when(event):
    return format_event_when(event.starts_at, event.ends_at, event.tzinfo)


def entry_summary(event):
    """The entry's HTML: when, where, a changed status, then the event's introduction."""
    paragraphs = [format_html("<p><strong>{}</strong></p>", event_when(event))]
    place = event_place(event)
    if place:
        paragraphs.append(format_html("<p>{}</p>", place))
    if event.status != "scheduled":
        paragraphs.append(format_html("<p><strong>{}</strong></p>", event.get_status_display()))
    if event.intro:
        paragraphs.append(format_html("<p>{}</p>", event.intro))
    return format_html_join("\n", "{}", ((paragraph,) for paragraph in paragraphs))


class EventRssFeed(Feed):
    """The RSS 2.0 feed of a listing page's events, in the active language."""

    feed_type = EventRssGenerator

    def __init__(self, request):
        self.request = request
        self.language = bcp47_tag(get_language() or "")

    def get_object(self, request, source):
        return source

    def title(self, source):
        return source.page.seo_title or source.page.title

    def link(self, source):
        return source.page.get_full_url(self.request)

    def feed_url(self, source):
        return source.addresses.rss

    def description(self, source):
        return source.page.search_description or _("Upcoming and recent events")

    def author_name(self, source):
        return source.site_name

    def items(self, source):
        return source.events

    def item_title(self, event):
        # Plain text, as Atom's title is and as feed parsers read RSS titles: Django's default
        # escapes it once more, which shows "&amp;" for every "&" in a title.
        return event.title

    def item_description(self, event):
        return entry_summary(event)

    def item_link(self, event):
        return event.get_full_url(self.request)

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at

    def item_categories(self, event):
        return [event.get_event_type_display()]

    def item_extra_kwargs(self, event):
        return {
            "event_startdate": event.local_start.isoformat(),
            "event_enddate": event.local_end.isoformat(),
            "event_location": event_place(event),
            "event_type": event.get_event_type_display(),
        }


class EventAtomFeed(EventRssFeed):
    """The Atom 1.0 feed of a listing page's events, in the active language."""

    feed_type = EventAtomGenerator

    def feed_url(self, source):
        return source.addresses.atom

    # Atom calls the feed's description its subtitle.
    def subtitle(self, source):
        return self.description(source)


def site_name(request):
    # Wagtail keeps the request's site once it has routed the request: no query.
    site = Site.find_for_request(request)
    if site is None:
        return request.get_host()
    return site.site_name or site.hostname


def feed_response(listing_page, request, feed_class, route_name):
    """The feed, or 304 Not Modified for a reader that has it already."""
    now = timezone.now()
    events = followed_events(listing_page, now)
    etag = events_etag(events, route_name, now)

    def render():
        newest_first = events.prefetch_related(None).order_by("-first_published_at", "-pk")
        source = FeedSource(
            page=listing_page,
            addresses=follow_addresses(listing_page, request),
            events=list(newest_first[: plugin_settings.FEED_MAX_ITEMS]),
            site_name=site_name(request),
        )
        return feed_class(request)(request, source)

    return respond_with_etag(request, etag, render)


class EventFeedsMixin:
    """RSS and Atom feeds and a calendar subscription of the events a listing page lists, in
    its language, at ``feed/rss/``, ``feed/atom/`` and ``calendar/``.

    The routes need ``RoutablePageMixin`` among the page's bases; ``EventListingMixin`` brings
    both. ``panel_event.outputs.following.follow_addresses()`` gives their absolute addresses.
    """

    def get_cached_paths(self):
        # A CDN purges these with the page: publishing an event, or editing a venue or partner
        # it shows, purges its listings (panel_event.caching.frontend_cache).
        return [
            *super().get_cached_paths(),
            self.reverse_subpage("rss_feed"),
            self.reverse_subpage("atom_feed"),
            self.reverse_subpage("events_calendar"),
            self.reverse_subpage("events_calendar_ics").rstrip("/"),
        ]

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return feed_response(self, request, EventRssFeed, "rss_feed")

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return feed_response(self, request, EventAtomFeed, "atom_feed")

    # Wagtail's page URLs allow no dot, so the subscription's own address is "calendar/". As for
    # an event's calendar file, a site that routes "calendar.ics" to Wagtail's serve view
    # (docs/plugin.md) reaches the second route, and the links use that address.
    @re_path(r"^calendar/$", name="events_calendar")
    @re_path(r"^calendar\.ics/$", name="events_calendar_ics")
    def events_calendar(self, request):
        return subscription_response(self, request)
