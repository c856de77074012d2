"""The events a listing shows, as querysets: live, public, in one language, in listing order.

Shared by the listing pages (``listing``) and their feeds and subscription (``following``), so
they list the same events in the same order. Nothing here runs a query by itself.
"""

from django.apps import apps
from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, OuterRef, Q, When
from django.utils import timezone

from ..caching.public import in_private_section


def event_model():
    # By its label: the page models import this module for their listings.
    return apps.get_model("panel_event", "EventPage")


def public_events(locale, within=None):
    """Live, public events in ``locale``, optionally under a page; in no particular order."""
    events = (
        event_model()
        .objects.live()
        # As .public() does, without first reading every view restriction in a query of its own.
        .exclude(in_private_section())
        .filter(locale=locale)
    )
    if within is not None:
        events = events.descendant_of(within)
    return events


def walked_among(listed):
    """Every event, each tested against ``listed``'s conditions by primary key in a correlated
    ``EXISTS``: filtered and ordered on the event table's own indexes, the database walks an
    index and tests the events it meets, instead of joining every event of the language."""
    return event_model().objects.filter(Exists(listed.filter(pk=OuterRef("pk"))))


def in_listing_order(events, now):
    """``events`` upcoming first, then past, with what a card shows fetched along.

    An event counts as upcoming until it ends, so one happening right now stays at the top.
    """
    return listing_ordered(
        events.select_related("venue", "hero_image")
        # Renditions come with their images, so thumbnails cost one query for the whole page.
        .prefetch_related("hero_image__renditions")
        .defer_streamfields(),
        now,
    )


def listing_ordered(events, now):
    """``events`` in listing order, and nothing fetched along (for a subquery)."""
    is_upcoming = Q(ends_at__gte=now)
    return events.annotate(
        is_upcoming=ExpressionWrapper(is_upcoming, output_field=BooleanField())
    ).order_by(
        "-is_upcoming",
        # Upcoming events sort on this key (soonest first); for past events it is NULL for
        # all, and the next key puts the most recent first.
        Case(When(is_upcoming, then="starts_at")).asc(nulls_last=True),
        "-starts_at",
        "path",
    )


def listed_events(locale, within=None, now=None):
    """Live, public events in ``locale``, upcoming first, then past; optionally under a page."""
    now = now or timezone.now()
    return in_listing_order(public_events(locale, within=within), now)
