"""The listing's pages across the boundary between upcoming and past events, and the index
that chooses each page's events (outputs/listing.py, ``page_window``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from panel_event.caching import page_cache
from panel_event.models import EventPage
from panel_event.outputs.listing import EVENTS_PER_PAGE
from tests.plugin.outputs.test_listing import add_event, in_days, listing_soup, sections

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

UPCOMING = EVENTS_PER_PAGE + 2
PAST = EVENTS_PER_PAGE + 3


@pytest.fixture
def english_events(home_pages):
    """14 upcoming events (one a day from tomorrow) and 15 past ones (one a day until
    yesterday), created in an order unlike the listing's, plus one Serbian event."""
    home = home_pages["en"]
    for number in range(PAST):
        add_event(home, f"Past {number:02}", in_days(-1 - number))
    for number in reversed(range(UPCOMING)):
        add_event(home, f"Upcoming {number:02}", in_days(1 + number))
    add_event(home_pages["sr-latn"], "Serbian only", in_days(2))
    return home


def upcoming(numbers):
    return [f"Upcoming {number:02}" for number in numbers]


def past(numbers):
    return [f"Past {number:02}" for number in numbers]


def test_pages_run_on_from_upcoming_to_past_events(client, english_events):
    assert sections(listing_soup(client, "/en/")) == [
        ("Upcoming events", upcoming(range(EVENTS_PER_PAGE)))
    ]
    # The page across the boundary: the last upcoming events, then the most recent past ones.
    assert sections(listing_soup(client, "/en/?page=2")) == [
        ("Upcoming events", upcoming(range(EVENTS_PER_PAGE, UPCOMING))),
        ("Past events", past(range(EVENTS_PER_PAGE - 2))),
    ]
    assert sections(listing_soup(client, "/en/?page=3")) == [
        ("Past events", past(range(EVENTS_PER_PAGE - 2, PAST)))
    ]


def test_filtered_pages_take_their_events_from_one_side_only(client, english_events):
    assert sections(listing_soup(client, "/en/?when=past&page=2")) == [
        ("Past events", past(range(EVENTS_PER_PAGE, PAST)))
    ]
    assert sections(listing_soup(client, "/en/?when=upcoming&page=2")) == [
        ("Upcoming events", upcoming(range(EVENTS_PER_PAGE, UPCOMING)))
    ]


def test_events_starting_together_keep_the_tree_order(client, home_pages):
    home = home_pages["en"]
    start = in_days(4)
    for title in ("Second room", "First room", "Third room"):
        add_event(home, title, start)
    earlier = timezone.now() - datetime.timedelta(days=4)
    for title in ("Morning", "Afternoon"):
        add_event(home, title, earlier)

    assert sections(listing_soup(client, "/en/")) == [
        ("Upcoming events", ["Second room", "First room", "Third room"]),
        ("Past events", ["Morning", "Afternoon"]),
    ]


def window_query_plans(client, url):
    """SQLite's plan for the query that reads the page's events."""
    client.get(url)  # renditions and site root paths are made once, on the first view
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The walk is a subquery of the page query, which Django aliases V0.
    page_queries = [query["sql"] for query in queries if 'V0."starts_at"' in query["sql"]]
    assert len(page_queries) == 1, page_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + page_queries[0])
        return [row[-1] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize("url", ["/en/", "/en/?page=3", "/en/?when=past"])
def test_each_page_walks_the_index_on_start_and_end(client, english_events, url):
    (walk_index,) = [
        index.name for index in EventPage._meta.indexes if index.fields[0] == "starts_at"
    ]

    plans = window_query_plans(client, url)

    assert [step for step in plans if walk_index in step] == [
        f"SCAN V0 USING COVERING INDEX {walk_index}"
    ]
