"""Listing events: upcoming first (soonest first), then past events (most recent first).

The home page and the events index share this, so both order, filter and paginate the same way.
Everything happens in the database, and the number of queries does not grow with the number
of events on a page: one for the count, one for the page of events, one for their thumbnails.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, Min, Q, When
from django.utils import timezone

from ..caching.page_cache import CachedPageMixin
from ..caching.public import in_private_section
from ..caching.routing import EventParentMixin, ViewRestrictionsMixin

EVENTS_PER_PAGE = 12


def listed_events(locale, within=None, now=None):
    """Live, public events in ``locale``, upcoming first, then past; optionally under a page.

    An event counts as upcoming until it ends, so one happening right now stays at the top.
    """
    # By its label: the page models import this module for their listings.
    event_page = apps.get_model("panel_event", "EventPage")
    now = now or timezone.now()
    is_upcoming = Q(ends_at__gte=now)
    events = (
        event_page.objects.live()
        # As .public() does, without first reading every view restriction in a query of its own.
        .exclude(in_private_section())
        .filter(locale=locale)
        .select_related("venue", "hero_image")
        # Renditions come with their images, so thumbnails cost one query for the whole page.
        .prefetch_related("hero_image__renditions")
        .defer_streamfields()
        .annotate(is_upcoming=ExpressionWrapper(is_upcoming, output_field=BooleanField()))
        .order_by(
            "-is_upcoming",
            # Upcoming events sort on this key (soonest first); for past events it is NULL for
            # all, and the next key puts the most recent first.
            Case(When(is_upcoming, then="starts_at")).asc(nulls_last=True),
            "-starts_at",
            "path",
        )
    )
    if within is not None:
        events = events.descendant_of(within)
    return events


@dataclass
class EventListing:
    """One page of the listing, split into its upcoming and past events for the template."""

    page: PaginatorPage
    upcoming: list
    past: list
    # When an upcoming event ends and moves to the past events, changing the listing; None if
    # nothing is upcoming. The page cache keeps the listing until then at most.
    next_change: object = None

    @property
    def is_empty(self):
        return self.page.paginator.count == 0

    @property
    def has_no_upcoming(self):
        """True on the first page when nothing is coming up, so readers are told so."""
        return self.page.number == 1 and not self.upcoming and not self.is_empty


def event_listing(request, locale, within=None, per_page=EVENTS_PER_PAGE, now=None):
    """The listing page asked for by ``?page=``; a missing, invalid or too-high number gives
    the first or last page rather than an error, because links to old pages outlive events."""
    now = now or timezone.now()
    events = listed_events(locale, within=within, now=now)
    # The paginator's count and the next change in one query.
    summary = events.aggregate(
        total=Count("pk"), next_change=Min("ends_at", filter=Q(ends_at__gte=now))
    )
    paginator = Paginator(events, per_page)
    paginator.count = summary["total"]
    page = paginator.get_page(request.GET.get("page"))
    # The page's events are chosen by a subquery that reads only the columns it sorts on, and
    # only those rows are read in full: sorting full rows would read every event's body from
    # disk (SQLite stores the large columns of a row together with the rest).
    window = page.object_list.values("pk")
    listed = list(events.filter(pk__in=window))
    page.object_list = listed
    return EventListing(
        page=page,
        upcoming=[event for event in listed if event.is_upcoming],
        past=[event for event in listed if not event.is_upcoming],
        next_change=summary["next_change"],
    )


class EventListingMixin(EventParentMixin, ViewRestrictionsMixin, CachedPageMixin):
    """For a page that lists the events below it in its language: an events index, a site's
    home page. Put it before ``Page``; the template gets ``listing``, an ``EventListing``."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every event in this language, wherever it sits under this page.
        context["listing"] = event_listing(request, self.locale_id, within=self)
        return context

    def page_cache_expiry(self, context):
        # The listing moves an event to the past ones when it ends.
        listing = context.get("listing")
        return listing.next_change if listing is not None else None
