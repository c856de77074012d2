"""Filters on the event listings and the search: type, city, upcoming or past, and month.

They are read from the query string, so a filtered listing is a plain link that can be shared
and works without JavaScript. A value that is not a possible choice (a made-up type, a month
such as 2019-13) is ignored rather than refused: links are shared and edited by hand, and a
reader should get a listing, never an error.

The counts shown beside each choice are the listed events grouped by type, venue and month, each
group counting its upcoming events apart (``FilterCounts``). A listing reads them from the
counts kept as events are published (``listed_counts``); a search, whose events no count can
foresee, groups its matching events in one aggregate query (``FilterCounts.of``). Each filter's
counts are then summed in Python under the other filters chosen, so choosing a type shows how
many events of that type each city has. The groups are combinations that occur, which stay few
however many events there are (types × venues × months), and they also give the listing's
total and the moment it next changes by itself.

The month of each event is the month in the site's time zone. Django's ``TruncMonth`` gets it
on SQLite from a Python function called once per event row, which cost three quarters of the
query at 10,000 events (docs/performance.md); ``LocalMonth`` has SQLite compute it natively.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import CharField, Count, Expression, F, Func, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from ..content.choices import EventType

UPCOMING = "upcoming"
PAST = "past"
WHEN_LABELS = {UPCOMING: _("Upcoming"), PAST: _("Past")}

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR_RE = re.compile(r"^\d{4}$")
# The month filter offers each month this many months around the current one; further months
# are offered by year ("2019"), so the choices stay few however long the site runs. A month
# further away still works in a link (?month=2019-06).
MONTHS_AROUND_NOW = 12
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
            month=month if _is_period(month) else "",
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
            start, end = period_bounds(self.month)
            events = events.filter(starts_at__gte=start, starts_at__lt=end)
        return events


def _is_period(value):
    """A month ("2019-06") or a year ("2019") the calendar can hold, both of them whole."""
    if MONTH_RE.match(value):
        return 1 <= int(value[:4]) <= 9998
    return bool(YEAR_RE.match(value)) and 1 <= int(value) <= 9998


def period_bounds(period):
    """(first moment, first moment after) of a "YYYY-MM" month or a "YYYY" year."""
    if YEAR_RE.match(period):
        year = int(period)
        return month_start(f"{year:04d}-01"), month_start(f"{year + 1:04d}-01")
    start = month_start(period)
    return start, next_month(start)


def month_start(month):
    """The first moment of a "YYYY-MM" month in the site's time zone."""
    year, number = (int(part) for part in month.split("-"))
    return timezone.make_aware(datetime.datetime(year, number, 1))


def next_month(start):
    following = (start.replace(tzinfo=None) + datetime.timedelta(days=32)).replace(day=1)
    return timezone.make_aware(following)


def month_label(month):
    """ "June 2019", "jun 2019", "јун 2019" in the active language; a year as it is."""
    if YEAR_RE.match(month):
        return month
    return dateformat.format(month_start(month), "F Y")


def months_around(today, count=MONTHS_AROUND_NOW):
    """ "YYYY-MM" of ``count`` months either side of ``today``'s, and its own."""
    current = today.year * 12 + today.month - 1
    return {
        f"{number // 12:04d}-{number % 12 + 1:02d}"
        for number in range(current - count, current + count + 1)
    }


def month_choices(counts, today):
    """{choice: count} for the month filter from {"YYYY-MM": count}: the months around
    ``today`` each, and every other month counted in its year (whole years, also the months
    around ``today`` in them, since choosing the year shows them too)."""
    near = months_around(today)
    choices = {month: count for month, count in counts.items() if month in near}
    years = {month[:4] for month in counts if month and month not in near}
    for month, count in counts.items():
        if month[:4] in years:
            choices[month[:4]] = choices.get(month[:4], 0) + count
    return choices


@functools.cache
def _offset_bounds(zone):
    """The smallest and largest UTC offsets, in seconds, that ``zone`` has used since 1900 or
    will use until 2100 (sampled twice a month, so both sides of every summer time change)."""
    offsets = {
        zone.utcoffset(datetime.datetime(year, month, day))
        for year in range(1900, 2101)
        for month in range(1, 13)
        for day in (1, 15)
    }
    return int(min(offsets).total_seconds()), int(max(offsets).total_seconds())


class LocalMonth(Func):
    """The month of a moment in the site's time zone, for grouping: a ``datetime`` at the month's
    start (``TruncMonth``) on most databases, where it is native.

    On SQLite, which stores moments as UTC text, it is the "YYYY-MM" that SQLite computes itself:
    the UTC month for a moment that no offset of the zone moves to another day (in Belgrade,
    one before 22:00 UTC) or that falls away from a month's first and last days, both read from
    the text; otherwise the month of the moment shifted by the zone's smallest and by its
    largest offset. These two agree except for a moment within that span of a month's end (an
    hour, in Belgrade), whose full text is given instead, to be placed in Python
    (``month_of``). ``TruncMonth`` would call Python for every row, and ``strftime`` for every
    row cost a quarter of the filter counts' query (docs/performance.md).
    """

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(TruncMonth(*self.get_source_expressions()))

    def as_sqlite(self, compiler, connection, **extra_context):
        moment, params = compiler.compile(self.get_source_expressions()[0])
        smallest, largest = _offset_bounds(timezone.get_current_timezone())
        time_of_day = f"substr({moment}, 12, 8)"
        # "HH:MM:SS" text compares as the time it names; "24:00:00" is after every time.
        stays_on_its_day = f"{time_of_day} < '{_time_text(SECONDS_PER_DAY - max(0, largest))}'"
        if smallest < 0:
            stays_on_its_day += f" AND {time_of_day} >= '{_time_text(-smallest)}'"
        shifted = [
            f"strftime('%%Y-%%m', {moment}, '{offset:+d} seconds')"
            for offset in (smallest, largest)
        ]
        sql = (
            # No offset moves the 2nd to the 27th day of a month into another month either.
            f"CASE WHEN {stays_on_its_day} OR substr({moment}, 9, 2) BETWEEN '02' AND '27' "
            f"THEN substr({moment}, 1, 7) "
            f"WHEN {shifted[0]} = {shifted[1]} THEN {shifted[0]} ELSE {moment} END"
        )
        # The moment's parameters, if it has any, once for each time it is written.
        return sql, params * sql.count(moment)


SECONDS_PER_DAY = 24 * 60 * 60


def _time_text(seconds):
    """ "HH:MM:SS" of a number of seconds into a day, "24:00:00" for the whole day."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def month_of(value):
    """ "YYYY-MM" from what ``LocalMonth`` gives, or "" for nothing."""
    if not value:
        return ""
    if isinstance(value, str):
        if MONTH_RE.match(value):
            return value
        value = parse_datetime(value)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
    elif timezone.is_naive(value):
        # PostgreSQL's date_trunc ran in the current time zone: the month is already local.
        return value.strftime("%Y-%m")
    return timezone.localtime(value).strftime("%Y-%m")


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
        return all(
            getattr(self, name) == wanted or (name == "month" and self.in_year(wanted))
            for name, wanted in _chosen(filters, ignoring)
        )

    def in_year(self, year):
        return len(year) == 4 and self.month[:4] == year


def _chosen(filters, ignoring=None):
    """[(name, value)] of the filters chosen, but for ``ignoring``."""
    pairs = (
        ("event_type", filters.event_type),
        ("city", filters.city),
        ("when", filters.when),
        ("month", filters.month),
    )
    return [(name, wanted) for name, wanted in pairs if wanted and name != ignoring]


class CityOfVenue(Expression):
    """The city of a venue that the query groups by, read once per group: it is not grouped by
    itself, which would have the database look it up for every row to sort on. Written as SQL
    directly: as a ``Subquery`` of venues it took longer to build, on every request, than to
    run on a listing of ten events."""

    output_field = CharField()

    def __init__(self, venue):
        super().__init__(output_field=CharField())
        self.venue = venue

    def get_source_expressions(self):
        return [self.venue]

    def set_source_expressions(self, expressions):
        (self.venue,) = expressions

    def get_group_by_cols(self):
        return []

    def as_sql(self, compiler, connection):
        venue_sql, params = compiler.compile(self.venue)
        venue_model = self.venue.target.related_model
        quote = connection.ops.quote_name
        city = quote(venue_model._meta.get_field("city").column)
        venue_id = quote(venue_model._meta.pk.column)
        table = quote(venue_model._meta.db_table)
        return (
            f"(SELECT grouped_venue.{city} FROM {table} grouped_venue "
            f"WHERE grouped_venue.{venue_id} = {venue_sql})",
            params,
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
        """One query: ``events`` grouped by type, venue and month, each group counting its
        upcoming events apart.

        Every row of the query costs the same whatever it groups, so it does the least per
        event: upcoming or past is counted rather than grouped by, and the venue's city is
        looked up once per group, not joined to every event (several venues may share a
        city; their groups are summed like any other).
        """
        upcoming = Q(ends_at__gte=now)
        rows = (
            events.order_by()
            .annotate(month=LocalMonth("starts_at"))
            .values("event_type", "venue", "month")
            .annotate(
                count=Count("pk"),
                upcoming_count=Count("pk", filter=upcoming),
                next_change=Min("ends_at", filter=upcoming),
                city=CityOfVenue(F("venue")),
            )
            .values_list("event_type", "city", "month", "count", "upcoming_count", "next_change")
        )
        return cls.of_groups(rows)

    @classmethod
    def of_groups(cls, groups):
        """From (type, city, month, count, upcoming count, next change) of groups of events;
        groups may share a type, a city and a month (several venues in one city)."""
        combinations = []
        for event_type, city, month, count, upcoming_count, next_change in groups:
            common = {"event_type": event_type, "city": city or "", "month": month_of(month)}
            if upcoming_count:
                combinations.append(
                    Combination(
                        **common, when=UPCOMING, count=upcoming_count, next_change=next_change
                    )
                )
            if count > upcoming_count:
                combinations.append(
                    Combination(**common, when=PAST, count=count - upcoming_count, next_change=None)
                )
        return cls(combinations)

    def _matching(self, filters, ignoring=None):
        """The combinations under ``filters`` (but for ``ignoring``); all of them, without a
        test each, when nothing is chosen, as on a listing's first view."""
        if not _chosen(filters, ignoring):
            return self.combinations
        return [row for row in self.combinations if row.matches(filters, ignoring)]

    def total(self, filters):
        return sum(row.count for row in self._matching(filters))

    def next_change(self, filters):
        moments = [
            row.next_change for row in self._matching(filters) if row.next_change is not None
        ]
        return min(moments, default=None)

    def _counts(self, filters, name):
        counts = {}
        for row in self._matching(filters, ignoring=name):
            value = getattr(row, name)
            counts[value] = counts.get(value, 0) + row.count
        return counts

    def choices(self, filters, name, labels, grouped=None):
        """[FilterChoice] for one filter: the values that occur under the other filters
        chosen, with their counts (``grouped`` into other choices), plus the chosen value even
        when nothing matches it."""
        counts = self._counts(filters, name)
        chosen = getattr(filters, name)
        if grouped is not None:
            counts = grouped(counts)
            if chosen:
                # Whether or not it is among the groups (an old month from a link, say).
                counts[chosen] = self.total(filters)
        return [
            FilterChoice(value, str(label), counts.get(value, 0), value == chosen)
            for value, label in labels(counts)
            if value and (counts.get(value) or value == chosen)
        ]

    def choices_for(self, filters, today=None):
        """{filter: [FilterChoice]} for the form."""
        today = today or timezone.localdate()

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
            "month": self.choices(
                filters, "month", months, lambda counts: month_choices(counts, today)
            ),
        }


def query_string(pairs):
    """ "?name=value&…" for links, or "" when there is nothing to keep."""
    return f"?{urlencode(pairs)}" if pairs else ""
