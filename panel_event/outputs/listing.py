"""Listing events: upcoming first (soonest first), then past events (most recent first).

The home page and the events index share this, so both order, filter and paginate the same way,
and both answer a search of their events at ``search/`` (``EventListingMixin``). Everything
happens in the database, and the number of queries does not grow with the number of events:
one for the filters' counts (which also gives the total and the next change), one for the page
of events, one for their thumbnails. A search adds no query: it is a subquery of these.
"""

import hashlib
import operator
from dataclasses import dataclass, field, replace
from functools import reduce

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from ..caching.page_cache import CachedPageMixin, current_generation
from ..caching.public import request_may_use_shared_copy
from ..caching.routing import EventParentMixin, ViewRestrictionsMixin
from ..languages.search_text import query_words
from ..languages.switcher import keep_in_language_links
from .feeds import EventFeedsMixin
from .filters import PAST, UPCOMING, FilterCounts, ListingFilters, query_string
from .following import respond_with_etag
from .listed_counts import listing_filter_counts
from .queries import event_model, in_listing_order, listing_ordered, public_events, walked_among
from .search import matching_events

EVENTS_PER_PAGE = 12

# The query as shown back in the search box and headings; longer input is cut, not refused.
MAX_SHOWN_QUERY_LENGTH = 200

# A search matching at most this many events has its page chosen by sorting the matches: the
# walk in listing order (``page_window``) steps through the events of the language until it
# has a page of matches, which took 1.2 s of a one-match search at 100,000 events on
# PostgreSQL (docs/performance.md). Sorting this many matches costs less than a page's walk.
FEW_MATCHES = 500

# ``get_context``'s default: the listing of every event under the page.
EVERY_EVENT = object()


@dataclass
class EventListing:
    """One page of the listing, split into its upcoming and past events for the template,
    with the filters chosen and the choices the filter form offers."""

    page: PaginatorPage
    upcoming: list
    past: list
    # When an upcoming event ends and moves to the past events, changing the listing; None if
    # nothing is upcoming. The page cache keeps the listing until then at most.
    next_change: object = None
    filters: ListingFilters = field(default_factory=ListingFilters)
    choices: dict = field(default_factory=dict)
    # Parameters every link of this listing keeps besides the filters (the search's query).
    kept_parameters: list = field(default_factory=list)
    # More events than one page under the other filters: the month filter is worth offering.
    offers_months: bool = False

    @property
    def is_empty(self):
        return self.page.paginator.count == 0

    @property
    def total(self):
        return self.page.paginator.count

    @property
    def is_filtered(self):
        return self.filters.is_active

    @property
    def has_no_upcoming(self):
        """True on the first page when nothing is coming up, so readers are told so."""
        return (
            self.page.number == 1
            and not self.upcoming
            and not self.is_empty
            # Not when past events were asked for, nor in search results.
            and self.filters.when != PAST
            and not self.kept_parameters
        )

    @property
    def without_filters_link(self):
        return query_string(self.kept_parameters)

    def page_link(self, number):
        """The link to another page of this listing, keeping the search and the filters."""
        return query_string([*self.kept_parameters, *self.filters.parameters(), ("page", number)])

    @property
    def previous_page_link(self):
        return self.page_link(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_page_link(self):
        return self.page_link(self.page.next_page_number()) if self.page.has_next() else ""


def event_listing(
    request, locale, within=None, per_page=EVENTS_PER_PAGE, now=None, words=None, kept=()
):
    """The listing page asked for by ``?page=`` and the filters, of the events matching
    ``words`` when given (a search). A missing, invalid or too-high page number gives the first
    or last page rather than an error, because links to old pages outlive events."""
    now = now or timezone.now()
    events = public_events(locale, within=within)
    if words:
        events = events.filter(pk__in=matching_events(words))
    filters = ListingFilters.from_query(request.GET)
    if words or within is None:
        counts = FilterCounts.of(events, now)
    else:
        counts = listing_filter_counts(locale, within, now)
    choices = counts.choices_for(filters)
    filtered = filters.apply(events, now)
    listed = in_listing_order(filtered, now)
    paginator = Paginator(listed, per_page)
    paginator.count = counts.total(filters)
    page = paginator.get_page(request.GET.get("page"))
    upcoming_count = 0 if filters.when == PAST else counts.total(replace(filters, when=UPCOMING))
    # The window has applied every condition already: the page's events are read by their
    # ids alone. With the conditions repeated (a search's match above all), PostgreSQL
    # evaluated them for every event of the language before keeping the page's twelve.
    if words and 0 < paginator.count <= FEW_MATCHES:
        window = sorted_window(filtered, page, now)
    else:
        window = page_window(filtered, page, upcoming_count, now)
    shown = list(in_listing_order(event_model().objects.filter(window), now))
    page.object_list = shown
    # Every event has a month: the events under the other filters.
    events_by_month = counts.total(replace(filters, month=""))
    return EventListing(
        page=page,
        upcoming=[event for event in shown if event.is_upcoming],
        past=[event for event in shown if not event.is_upcoming],
        next_change=counts.next_change(filters),
        filters=filters,
        choices=choices,
        kept_parameters=list(kept),
        offers_months=bool(filters.month) or events_by_month > per_page,
    )


def sorted_window(events, page, now):
    """Which of ``events`` are on ``page``: the matches themselves sorted in listing order, for
    a search that matches few events (``FEW_MATCHES``)."""
    first, last = page.start_index() - 1, page.end_index()
    return Q(pk__in=listing_ordered(events, now).values("pk")[first:last])


def page_window(events, page, upcoming_count, now):
    """Which of ``events`` are on ``page`` of the listing: a condition on their ids.

    Upcoming and past events are chosen apart, each by a subquery that walks the index on
    (starts_at, ends_at) in its own order and stops at the end of the page, so a page costs
    the same with ten events or a hundred thousand (docs/performance.md). The number of
    upcoming events, known from the filter counts, says which of the two a page draws on.
    The walk tests each event it meets against ``events``' conditions (language, section,
    privacy, filters, search) in a correlated ``EXISTS``: with those conditions joined
    instead, SQLite reads every event of the language, body included, and sorts them.
    """
    first, last = page.start_index() - 1, page.end_index()
    if last <= 0:
        return Q(pk__in=page.object_list.values("pk"))
    walked = walked_among(events)
    chosen = []
    if first < upcoming_count:
        upcoming = walked.filter(ends_at__gte=now).order_by("starts_at", "path")
        chosen.append(Q(pk__in=upcoming[first : min(last, upcoming_count)].values("pk")))
    if last > upcoming_count:
        past = walked.filter(ends_at__lt=now).order_by("-starts_at", "path")
        past_window = past[max(first - upcoming_count, 0) : last - upcoming_count]
        chosen.append(Q(pk__in=past_window.values("pk")))
    return reduce(operator.or_, chosen)


# --- The search page ---------------------------------------------------------------------------


def shown_query(request):
    """The visitor's query as it is shown back: printable characters only, cut to length."""
    query = request.GET.get("q", "")
    printable = "".join(character if character.isprintable() else " " for character in query)
    return " ".join(printable.split())[:MAX_SHOWN_QUERY_LENGTH]


def _language_neutral_parameters(query, filters):
    """What the other languages' search pages keep: a city is written per language."""
    return [("q", query)] * bool(query) + [
        (name, value) for name, value in filters.parameters() if name != "city"
    ]


def search_etag(page, request, now):
    """Names this search's answer until content changes (the page cache's generation) or an
    event in this language ends; one query for the latter, no search.

    The next end is the first upcoming event met walking the index on ``ends_at``, each tested
    against the listing's conditions as the page window does: as ``MIN(ends_at)`` over the
    public events, PostgreSQL read every upcoming event of the language first (86 ms at
    100,000 events, docs/performance.md).
    """
    next_end = (
        walked_among(public_events(page.locale_id, within=page))
        .filter(ends_at__gte=now)
        .order_by("ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )
    parts = (
        current_generation(request=request),
        page.pk,
        page.last_published_at,
        translation.get_language(),
        request.get_full_path(),
        request.user.is_authenticated,
        next_end,
    )
    digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()
    return f'W/"{digest[:32]}"'


def search_response(page, request):
    """The search page of a listing page: the events matching ``?q=`` in the page's language.

    It is not stored in the page cache: queries are as many as visitors can type, and storing
    each would push the listings and events out of a cache of bounded size. It answers
    conditional requests instead (ETag), without searching again.
    """
    now = timezone.now()
    etag = search_etag(page, request, now)
    response = respond_with_etag(request, etag, lambda: _search_page(page, request, now))
    return _with_cache_headers(response, page, request)


def _search_page(page, request, now):
    query = shown_query(request)
    words = query_words(query)
    listing = None
    if words:
        listing = event_listing(
            request, page.locale_id, within=page, now=now, words=words, kept=[("q", query)]
        )
    filters = listing.filters if listing else ListingFilters.from_query(request.GET)
    keep_in_language_links(
        request,
        page.reverse_subpage("search") + query_string(_language_neutral_parameters(query, filters)),
    )
    context = page.get_context(request, listing=listing)
    page_url = page.get_url(request)
    context.update(
        search_query=query,
        search_url=page_url + page.reverse_subpage("search"),
        listing_url=page_url,
    )
    if not words or (listing.is_empty and not listing.is_filtered):
        # An empty or fruitless search suggests the types and cities there are, with counts.
        counts = listing_filter_counts(page.locale_id, page, now)
        context["suggestions"] = counts.choices_for(ListingFilters())
    return TemplateResponse(request, "panel_event/search_page.html", context)


def _with_cache_headers(response, page, request):
    # Revalidated on every use (an event may have ended); kept by the visitor's browser only
    # when what they see is not for everyone.
    if request_may_use_shared_copy(page, request):
        patch_cache_control(response, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class EventListingMixin(
    EventFeedsMixin, CachedPageMixin, RoutablePageMixin, EventParentMixin, ViewRestrictionsMixin
):
    """For a page that lists the events below it in its language: an events index, a site's
    home page. Put it before ``Page``; the template gets ``listing``, an ``EventListing``.

    The page is routable: ``search/`` searches its events (``search_response``), and a mixin
    listed before this one may add routes of its own (feeds, say). Routes are matched before
    child events, as on any routable page, so an event cannot take the slug of a route.
    """

    def get_context(self, request, *args, listing=EVERY_EVENT, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if listing is EVERY_EVENT:
            # Every event in this language, wherever it sits under this page.
            listing = event_listing(request, self.locale_id, within=self)
        context["listing"] = listing
        return context

    def serve(self, request, view=None, args=None, kwargs=None):
        if getattr(view, "skips_page_cache", False):
            return RoutablePageMixin.serve(self, request, view, args, kwargs)
        return super().serve(request, view, args, kwargs)

    @path("search/", name="search")
    def search_events(self, request):
        return search_response(self, request)

    search_events.skips_page_cache = True

    def page_cache_expiry(self, context):
        # The listing moves an event to the past ones when it ends.
        listing = context.get("listing")
        return listing.next_change if listing is not None else None
