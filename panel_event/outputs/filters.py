"""Filters on the event listings and the search: type, city, upcoming or past, and month.

They are read from the query string, so a filtered listing is a plain link that can be shared
and works without JavaScript. A value that is not a possible choice (a made-up type, a month
such as 2019-13) is ignored rather than refused: links are shared and edited by hand, and a
reader should get a listing, never an error.

The counts shown beside each choice come from one aggregate query over the listed events,
grouped by all four filters at once (``FilterCounts``). Each filter's counts are then summed in
Python under the other filters chosen, so choosing a type shows how many events of that type
each city has. The rows are combinations that occur, which stay few however many events there
are (types × cities × months), and the same query gives the listing's total and the moment it
next changes by itself.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from ..content.choices import EventType

UPCOMING = "upcoming"
PAST = "past"
WHEN_LABELS = {UPCOMING: _("Upcoming"), PAST: _("Past")}

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# A city is a venue's city as the listing's language writes it; longer text is no city.
MAX_CITY_LENGTH = 100


def _one_value(query, name):
    """The parameter's last value, or "" (a form can send a name twice; the last one wins)."""
    values = query.getlist(name) if hasattr(query, "getlist") else [query.get(name, "")]
    return str(values[-1]).strip() if values else ""


def _clean_city(value):
    if len(value) > MAX_CITY_LENGTH or not value.isprintable():
        return ""
    return value


@dataclass(frozen=True)
class ListingFilters:
    """The filters a request chose; empty strings where it chose none (or nothing valid)."""

    event_type: str = ""
    city: str = ""
    when: str = ""
    month: str = ""

    @classmethod
    def from_query(cls, query):
        """Read from ``request.GET``; invalid values are left out, never an error."""
        event_type = _one_value(query, "type")
        when = _one_value(query, "when")
        month = _one_value(query, "month")
        return cls(
            event_type=event_type if event_type in EventType.values else "",
            city=_clean_city(_one_value(query, "city")),
            when=when if when in WHEN_LABELS else "",
            month=month if MONTH_RE.match(month) else "",
        )

    @property
    def is_active(self):
        return bool(self.event_type or self.city or self.when or self.month)

    def parameters(self):
        """[(name, value)] for links that keep these filters, in a fixed order."""
        pairs = (
            ("type", self.event_type),
            ("city", self.city),
            ("when", self.when),
            ("month", self.month),
        )
        return [(name, value) for name, value in pairs if value]

    def apply(self, events, now):
        """``events`` narrowed to these filters."""
        if self.event_type:
            events = events.filter(event_type=self.event_type)
        if self.city:
            events = events.filter(venue__city=self.city)
        if self.when == UPCOMING:
            events = events.filter(ends_at__gte=now)
        elif self.when == PAST:
            events = events.filter(ends_at__lt=now)
        if self.month:
            start = month_start(self.month)
            events = events.filter(starts_at__gte=start, starts_at__lt=next_month(start))
        return events


def month_start(month):
    """The first moment of a "YYYY-MM" month in the site's time zone."""
    year, number = (int(part) for part in month.split("-"))
    return timezone.make_aware(datetime.datetime(year, number, 1))


def next_month(start):
    following = (start.replace(tzinfo=None) + datetime.timedelta(days=32)).replace(day=1)
    return timezone.make_aware(following)


def month_label(month):
    """ "June 2019", "jun 2019", "јун 2019" in the active language."""
    return dateformat.format(month_start(month), "F Y")


@dataclass(frozen=True)
class Combination:
    """Listed events sharing a type, a city, upcoming or past, and a month."""

    event_type: str
    city: str
    when: str
    month: str
    count: int
    next_change: object

    def matches(self, filters, ignoring=None):
        checks = {
            "event_type": filters.event_type,
            "city": filters.city,
            "when": filters.when,
            "month": filters.month,
        }
        return all(
            not wanted or getattr(self, name) == wanted
            for name, wanted in checks.items()
            if name != ignoring
        )


@dataclass
class FilterChoice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FilterCounts:
    """Every combination of the filters among the listed events, with its count."""

    combinations: list = field(default_factory=list)

    @classmethod
    def of(cls, events, now):
        """One query: ``events`` grouped by type, city, upcoming or past, and month."""
        is_upcoming = ExpressionWrapper(Q(ends_at__gte=now), output_field=BooleanField())
        rows = (
            events.order_by()
            .annotate(upcoming=is_upcoming, month=TruncMonth("starts_at"))
            .values("event_type", "venue__city", "upcoming", "month")
            .annotate(count=Count("pk"), next_change=Min("ends_at", filter=Q(ends_at__gte=now)))
        )
        return cls(
            [
                Combination(
                    event_type=row["event_type"],
                    city=row["venue__city"] or "",
                    when=UPCOMING if row["upcoming"] else PAST,
                    month=timezone.localtime(row["month"]).strftime("%Y-%m")
                    if row["month"]
                    else "",
                    count=row["count"],
                    next_change=row["next_change"],
                )
                for row in rows
            ]
        )

    def total(self, filters):
        return sum(row.count for row in self.combinations if row.matches(filters))

    def next_change(self, filters):
        moments = [
            row.next_change
            for row in self.combinations
            if row.next_change is not None and row.matches(filters)
        ]
        return min(moments, default=None)

    def _counts(self, filters, name):
        counts = {}
        for row in self.combinations:
            if row.matches(filters, ignoring=name):
                value = getattr(row, name)
                counts[value] = counts.get(value, 0) + row.count
        return counts

    def choices(self, filters, name, labels):
        """[FilterChoice] for one filter: the values that occur under the other filters
        chosen, with their counts, plus the chosen value even when nothing matches it."""
        counts = self._counts(filters, name)
        chosen = getattr(filters, name)
        return [
            FilterChoice(value, str(label), counts.get(value, 0), value == chosen)
            for value, label in labels(counts)
            if value and (counts.get(value) or value == chosen)
        ]

    def choices_for(self, filters):
        """{filter: [FilterChoice]} for the form."""

        def cities(counts):
            names = set(counts) | ({filters.city} if filters.city else set())
            return [(name, name) for name in sorted(names, key=str.casefold)]

        def months(counts):
            values = set(counts) | ({filters.month} if filters.month else set())
            return [(value, month_label(value)) for value in sorted(values, reverse=True)]

        return {
            "type": self.choices(filters, "event_type", lambda counts: EventType.choices),
            "city": self.choices(filters, "city", cities),
            "when": self.choices(filters, "when", lambda counts: WHEN_LABELS.items()),
            "month": self.choices(filters, "month", months),
        }


def query_string(pairs):
    """ "?name=value&…" for links, or "" when there is nothing to keep."""
    return f"?{urlencode(pairs)}" if pairs else ""
