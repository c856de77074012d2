"""Listing events: upcoming first (soonest first), then past events (most recent first).

The home page and the events index share this, so both order, filter and paginate the same way.
Everything happens in the database, and the number of queries does not grow with the number
of events on a page.
"""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, ExpressionWrapper, Q, When
from django.utils import timezone

EVENTS_PER_PAGE = 12


def listed_events(locale, within=None, now=None):
    """Live, public events in ``locale``, upcoming first, then past; optionally under a page.

    An event counts as upcoming until it ends, so one happening right now stays at the top.
    """
    # Imported here because the page models import this module for their listings.
    from .models import EventPage

    now = now or timezone.now()
    is_upcoming = Q(ends_at__gte=now)
    events = (
        EventPage.objects.live()
        .public()
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

    @property
    def is_empty(self):
        return self.page.paginator.count == 0

    @property
    def has_no_upcoming(self):
        """True on the first page when nothing is coming up, so readers are told so."""
        return self.page.number == 1 and not self.upcoming and not self.is_empty


def event_listing(request, locale, within=None, per_page=EVENTS_PER_PAGE):
    """The listing page asked for by ``?page=``; a missing, invalid or too-high number gives
    the first or last page rather than an error, because links to old pages outlive events."""
    page = Paginator(listed_events(locale, within=within), per_page).get_page(
        request.GET.get("page")
    )
    events = list(page.object_list)
    return EventListing(
        page=page,
        upcoming=[event for event in events if event.is_upcoming],
        past=[event for event in events if not event.is_upcoming],
    )
