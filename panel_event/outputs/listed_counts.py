"""The listings' counts of events, kept as events are published: how many live events of a type,
at a venue, starting in a month, sit directly under each page, in each language.

A listing's filter counts (``filters.FilterCounts``), computed from the events themselves, read
every event of the language: at 10,000 events the home page took 1.6 times as long as at 10
(docs/performance.md). From these rows they read one row per page, type, venue and month,
however many events there are.

Upcoming or past is a matter of time, not of publishing, so each row keeps when its first and
its last event end. A group whose first event ends after now is all upcoming and one whose last
event has ended is all past; only the groups of this month, and of any other month with events on
both sides of now, have their upcoming events counted from the events, in a second query that
reads those months' events alone.

A row counts the events directly under one page, its parent, so a listing sums the rows of the
pages at and below it, and a section moved elsewhere takes its rows along. Privacy is tested
when listing for the parent and its ancestors (a private section), and when counting for the
event itself.

``connect()``'s receivers count a page's events again when one of them is saved (published,
unpublished, edited), deleted or moved, and when a restriction on one is added or removed.
``recount_all()`` counts every page's events again, for events written without saving them
(in bulk, by raw SQL).
"""

import operator
from functools import reduce

from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Sum
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from ..caching.public import InPrivateSection
from .filters import CityOfVenue, FilterCounts, LocalMonth, month_of, period_bounds
from .queries import event_model, public_events, walked_among


class ListedEventCount(models.Model):
    """The live events of one type, at one venue, starting in one month (in the site's time
    zone), that sit directly under ``parent`` in ``locale`` and are not private themselves."""

    parent = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(max_length=30)
    venue = models.ForeignKey(
        "panel_event.Venue", null=True, on_delete=models.CASCADE, related_name="+"
    )
    month = models.CharField(max_length=7)
    count = models.PositiveIntegerField()
    first_end = models.DateTimeField()
    last_end = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["locale", "parent"])]

    def __str__(self):
        return f"{self.count} × {self.event_type} {self.month} under page {self.parent_id}"


def counted_groups(events):
    """{(locale, type, venue, month): (count, first end, last end)} of ``events``.

    Months are the site's, whatever time zone is active (the admin activates the editor's):
    the public listing reads them in the site's time zone.
    """
    with timezone.override(timezone.get_default_timezone()):
        rows = (
            events.order_by()
            .annotate(month=LocalMonth("starts_at"))
            .values("locale", "event_type", "venue", "month")
            .annotate(count=Count("pk"), first_end=Min("ends_at"), last_end=Max("ends_at"))
            .values_list("locale", "event_type", "venue", "month", "count", "first_end", "last_end")
        )
        groups = {}
        # A month that LocalMonth leaves to Python (a moment near a month's end) may join
        # another row of the same month.
        for locale, event_type, venue, month, count, first_end, last_end in rows:
            key = (locale, event_type, venue, month_of(month))
            if key in groups:
                known_count, known_first, known_last = groups[key]
                count += known_count
                first_end, last_end = min(first_end, known_first), max(last_end, known_last)
            groups[key] = (count, first_end, last_end)
        return groups


def recount_children(parents, models_of=None, only=None):
    """Count again the events directly under ``parents`` (a queryset of pages): all their
    groups, or ``only`` those of a set of (locale id, type, venue id, month).

    ``models_of`` gives (event, restriction, count) models other than this module's, for a
    migration's historical models.
    """
    event, restriction, listed_count = models_of or (
        event_model(),
        PageViewRestriction,
        ListedEventCount,
    )
    rows = []
    parent_ids = []
    for parent_id, path, depth in parents.values_list("pk", "path", "depth"):
        parent_ids.append(parent_id)
        events = event._default_manager.filter(
            path__startswith=path, depth=depth + 1, live=True
        ).exclude(Exists(restriction._default_manager.filter(page=OuterRef("pk"))))
        if only is not None:
            events = events.filter(_any_group(only, "starts_at"))
        for (locale, event_type, venue, month), (count, first, last) in counted_groups(
            events
        ).items():
            if only is not None and (locale, event_type, venue, month) not in only:
                continue
            rows.append(
                listed_count(
                    parent_id=parent_id,
                    locale_id=locale,
                    event_type=event_type,
                    venue_id=venue,
                    month=month,
                    count=count,
                    first_end=first,
                    last_end=last,
                )
            )
    if parent_ids:
        kept = listed_count._default_manager.filter(parent_id__in=parent_ids)
        if only is not None:
            kept = kept.filter(_any_group(only))
        kept.delete()
        listed_count._default_manager.bulk_create(rows)


def _any_group(groups, moment=None):
    """A condition matching any of ``groups`` (locale id, type, venue id, month): on the kept
    rows, or on events when ``moment`` names the field their month is taken from."""
    conditions = []
    for locale, event_type, venue, month in groups:
        if moment is None:
            in_month = Q(month=month)
        else:
            # The site's month, not that of the editor's time zone, which the admin activates.
            with timezone.override(timezone.get_default_timezone()):
                start, end = period_bounds(month)
            in_month = Q(**{f"{moment}__gte": start, f"{moment}__lt": end})
        at_venue = Q(venue__isnull=True) if venue is None else Q(venue_id=venue)
        conditions.append(Q(locale_id=locale, event_type=event_type) & at_venue & in_month)
    return reduce(operator.or_, conditions)


def site_month(moment):
    """ "YYYY-MM" of a moment in the site's time zone, as the kept rows hold it."""
    return timezone.localtime(moment, timezone.get_default_timezone()).strftime("%Y-%m")


def recount_all(models_of=None, page_model=Page):
    """Count again the events under every page that has events."""
    event = models_of[0] if models_of else event_model()
    steplen = Page.steplen
    parent_paths = {
        path[:-steplen] for path in event._default_manager.values_list("path", flat=True)
    }
    listed_count = models_of[2] if models_of else ListedEventCount
    listed_count._default_manager.exclude(parent__path__in=parent_paths).delete()
    parents = page_model._default_manager.filter(path__in=parent_paths)
    recount_children(parents, models_of)


def parent_of(path):
    """The page above the page at ``path``, as a queryset (empty for the root)."""
    return Page.objects.filter(path=path[: -Page.steplen])


def listing_filter_counts(locale, within, now):
    """``FilterCounts`` of the live, public events in ``locale`` below ``within``, as
    ``FilterCounts.of(public_events(locale, within), now)`` gives them, from the kept counts:
    one query for them and one for the upcoming events of this month and of any other month
    with events on both sides of ``now``."""
    all_upcoming = Q(first_end__gte=now)
    groups = list(
        ListedEventCount.objects.filter(locale=locale, parent__path__startswith=within.path)
        .exclude(InPrivateSection(path=F("parent__path")))
        .values("event_type", "venue", "month")
        .annotate(
            events=Sum("count"),
            # Told apart in the database: reading two moments of every group in Python cost
            # more than the query at 100,000 events (docs/performance.md).
            upcoming_count=Sum("count", filter=all_upcoming),
            next_change=Min("first_end", filter=all_upcoming),
            straddling=Count("pk", filter=Q(first_end__lt=now, last_end__gte=now)),
            city=CityOfVenue(F("venue")),
        )
        .values_list(
            "event_type",
            "venue",
            "month",
            "city",
            "events",
            "upcoming_count",
            "next_change",
            "straddling",
        )
    )
    # This month's events are always counted, whether or not the month has events on both
    # sides of now yet, so that a listing takes as many queries on every day of the month.
    counted_months = {timezone.localtime(now).strftime("%Y-%m")} | {
        group[2] for group in groups if group[-1]
    }
    upcoming_in = upcoming_of_months(locale, within, now, counted_months)
    combined = []
    for event_type, venue, month, city, count, upcoming_count, next_change, _ in groups:
        if month in counted_months:
            upcoming_count, next_change = upcoming_in.get((event_type, venue, month), (0, None))
        combined.append((event_type, city, month, count, upcoming_count or 0, next_change))
    return FilterCounts.of_groups(combined)


def upcoming_of_months(locale, within, now, months):
    """{(type, venue, month): (upcoming count, first end)} of the public events starting in
    ``months``. Walks the index on (starts_at, ends_at) over those months alone, testing each
    event against the listing's conditions, as the page window does (listing.page_window)."""
    starting_in = reduce(
        operator.or_,
        (
            Q(starts_at__gte=start, starts_at__lt=end)
            for start, end in (period_bounds(month) for month in sorted(months))
        ),
    )
    rows = (
        walked_among(public_events(locale, within=within))
        .filter(starting_in, ends_at__gte=now)
        .order_by()
        .annotate(month=LocalMonth("starts_at"))
        .values("event_type", "venue", "month")
        .annotate(count=Count("pk"), next_change=Min("ends_at"))
        .values_list("event_type", "venue", "month", "count", "next_change")
    )
    upcoming = {}
    for event_type, venue, month, count, next_change in rows:
        key = (event_type, venue, month_of(month))
        if key in upcoming:
            known_count, known_next = upcoming[key]
            count, next_change = count + known_count, min(next_change, known_next)
        upcoming[key] = (count, next_change)
    return upcoming


# --- Keeping the counts ------------------------------------------------------------------------


def is_event(instance):
    """Whether a saved or deleted object is an event page, also as a plain ``Page`` (a move
    saves the moved page as one)."""
    if not isinstance(instance, Page):
        return False
    return issubclass(instance.specific_class or type(instance), event_model())


# What the counts read of an event. A save naming only other fields (a draft's new revision, the
# page tree's count of children) changes no count, and is not followed by a recount of every
# event beside it (about 90 ms at 10,000 events on SQLite).
COUNTED_FIELDS = frozenset(
    {"live", "event_type", "venue", "venue_id", "starts_at", "ends_at", "path", "depth"}
    | {"locale", "locale_id"}
)


def names_counted_field(update_fields):
    return update_fields is None or bool(COUNTED_FIELDS & set(update_fields))


def remember_counted_values(sender, instance, update_fields=None, **kwargs):
    """Before an event is saved, what the counts read of it as stored: its group before the
    save, so that the save counts again only the group it leaves and the one it joins."""
    if instance.pk is None or not isinstance(instance, event_model()):
        return
    if names_counted_field(update_fields):
        instance._counted_before = (
            event_model()
            .objects.filter(pk=instance.pk)
            .values_list("live", "locale_id", "event_type", "venue_id", "starts_at", "path")
            .first()
        )


def event_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if not names_counted_field(update_fields) or not is_event(instance):
        return
    parents = parent_of(instance.path)
    before = instance.__dict__.pop("_counted_before", None)
    leaves_path = before is not None and before[-1] != instance.path
    if not isinstance(instance, event_model()) or leaves_path or (before is None and not created):
        # Saved as a plain page (a move), or without a stored row read first.
        recount_children(parents)
        return
    groups = set()
    if before is not None and before[0]:
        _live, locale, event_type, venue, starts_at, _path = before
        groups.add((locale, event_type, venue, site_month(starts_at)))
    if instance.live:
        groups.add(
            (
                instance.locale_id,
                instance.event_type,
                instance.venue_id,
                site_month(instance.starts_at),
            )
        )
    if groups:
        recount_children(parents, only=groups)


def event_deleted(sender, instance, **kwargs):
    if is_event(instance):
        recount_children(parent_of(instance.path))


def event_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if issubclass(sender, event_model()):
        recount_children(Page.objects.filter(pk__in=[parent_page_before.pk, parent_page_after.pk]))


def restriction_changed(sender, instance, **kwargs):
    paths = event_model().objects.filter(pk=instance.page_id).values_list("path", flat=True)
    for path in paths:
        recount_children(parent_of(path))


def connect():
    # Every sender: Wagtail saves and deletes event pages as plain pages too.
    pre_save.connect(remember_counted_values, dispatch_uid="panel_event_counts_before_save")
    post_save.connect(event_saved, dispatch_uid="panel_event_counts_saved")
    post_delete.connect(event_deleted, dispatch_uid="panel_event_counts_deleted")
    post_page_move.connect(event_moved, dispatch_uid="panel_event_counts_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"panel_event_counts_restriction_{signal is post_save}",
        )
