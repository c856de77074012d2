"""Event listings on the home page and on an events index."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from panel_event.models import EventIndexPage
from panel_event.outputs.listing import EVENTS_PER_PAGE
from tests.public_fixtures import (
    BELGRADE,
    add_event,
    in_days,
    make_image,
    seed_venue,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")


def listing_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def sections(soup):
    """[(section heading, [event titles])] as the reader sees them."""
    return [
        (
            section.find("h2").get_text(),
            [title.get_text() for title in section.select(".event-card__title")],
        )
        for section in soup.select(".event-listing__section")
    ]


def test_upcoming_events_come_first_soonest_first_then_past_most_recent_first(client, home_pages):
    home = home_pages["en"]
    add_event(home, "Long ago", datetime.datetime(2019, 6, 20, 11, tzinfo=BELGRADE))
    add_event(home, "Last month", in_days(-30))
    add_event(home, "Next month", in_days(30))
    add_event(home, "Next week", in_days(7))
    add_event(home, "Happening now", timezone.now() - datetime.timedelta(hours=1))
    draft = add_event(home, "Draft", in_days(3))
    draft.unpublish()
    add_event(home_pages["sr-latn"], "Serbian only", in_days(5))

    soup = listing_soup(client, "/en/")

    assert sections(soup) == [
        ("Upcoming events", ["Happening now", "Next week", "Next month"]),
        ("Past events", ["Last month", "Long ago"]),
    ]
    assert soup.select(".pagination") == []


def test_cards_show_type_status_date_and_place(client, home_pages):
    venue = seed_venue("en", name="Media Centre", city="Niš")
    start = datetime.datetime(2019, 6, 20, 11, tzinfo=BELGRADE)
    add_event(home_pages["en"], "Panel", start, venue=venue, status="cancelled")

    card = listing_soup(client, "/en/").select_one(".event-card")

    assert card.select_one(".event-card__type").get_text(" ", strip=True) == (
        "Panel discussion · Cancelled"
    )
    assert card.select_one(".event-card__title a")["href"] == "/en/panel/"
    when = card.select_one(".event-card__when time")
    assert (when["datetime"], when.get_text()) == (
        "2019-06-20T11:00:00+02:00",
        "Thursday, 20 June 2019, 11:00–13:00 (Belgrade time)",
    )
    assert card.select_one(".event-card__where").get_text() == "Media Centre, Niš"


def test_listing_is_paginated_and_forgives_bad_page_numbers(client, home_pages):
    home = home_pages["en"]
    for number in range(EVENTS_PER_PAGE + 1):
        add_event(home, f"Event {number:02}", in_days(number + 1))

    first = listing_soup(client, "/en/")
    second = listing_soup(client, "/en/?page=2")

    assert sections(first) == [
        ("Upcoming events", [f"Event {number:02}" for number in range(EVENTS_PER_PAGE)])
    ]
    assert sections(second) == [("Upcoming events", [f"Event {EVENTS_PER_PAGE:02}"])]
    assert [(a.get_text(), a["href"]) for a in first.select(".pagination a")] == [
        ("Next page →", "?page=2")
    ]
    assert [(a.get_text(), a["href"]) for a in second.select(".pagination a")] == [
        ("← Previous page", "?page=1")
    ]
    assert second.select_one(".pagination__current").get_text() == "Page 2 of 2"
    for bad_page, shown in [("abc", "Page 1 of 2"), ("99", "Page 2 of 2"), ("0", "Page 2 of 2")]:
        soup = listing_soup(client, f"/en/?page={bad_page}")
        assert soup.select_one(".pagination__current").get_text() == shown


def count_listing_queries(client, url):
    client.get(url)  # renditions and site root paths are made once, on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_events(client, home_pages):
    home = home_pages["en"]
    venue = seed_venue("en")
    image = make_image("Hero", "hero.jpg", size=(1000, 563))

    def add_events(first, count):
        for number in range(first, first + count):
            add_event(
                home,
                f"Event {number}",
                in_days(number),
                venue=venue,
                hero_image=image,
                hero_alt_text="A hall",
            )

    add_events(1, 2)
    with_two = count_listing_queries(client, "/en/")
    add_events(3, 8)
    with_ten = count_listing_queries(client, "/en/")

    assert with_ten == with_two
    # Site, routing, view restrictions, count, events, renditions, language links: 14.
    assert with_ten <= 14, with_ten


def test_empty_listing_says_so(client, home_pages):
    soup = listing_soup(client, "/en/")

    assert sections(soup) == []
    assert soup.select_one(".empty-state").get_text() == "No events have been published yet."


def test_only_past_events_says_nothing_is_coming_up(client, home_pages):
    add_event(home_pages["en"], "Last year", in_days(-365))

    soup = listing_soup(client, "/en/")

    assert sections(soup) == [("Upcoming events", []), ("Past events", ["Last year"])]
    assert soup.select_one(".empty-state").get_text() == (
        "No upcoming events at the moment. Past events are listed below."
    )


def test_events_index_lists_its_own_events_the_same_way(client, home_pages):
    home = home_pages["en"]
    index = home.add_child(instance=EventIndexPage(title="Workshops", slug="workshops"))
    index.save_revision().publish()
    add_event(index, "Workshop past", in_days(-10))
    add_event(index, "Workshop soon", in_days(10))
    add_event(home, "Panel soon", in_days(5))

    index_soup = listing_soup(client, "/en/workshops/")
    home_soup = listing_soup(client, "/en/")

    assert [h1.get_text() for h1 in index_soup.find_all("h1")] == ["Workshops"]
    assert sections(index_soup) == [
        ("Upcoming events", ["Workshop soon"]),
        ("Past events", ["Workshop past"]),
    ]
    assert sections(home_soup) == [
        ("Upcoming events", ["Panel soon", "Workshop soon"]),
        ("Past events", ["Workshop past"]),
    ]


def test_listing_headings_follow_the_page_title(client, home_pages):
    add_event(home_pages["en"], "Soon", in_days(3))
    add_event(home_pages["en"], "Before", in_days(-3))

    soup = listing_soup(client, "/en/")

    assert [
        (heading.name, heading.get_text()) for heading in soup.find_all(["h1", "h2", "h3"])
    ] == [
        ("h1", "Events"),
        ("h2", "Upcoming events"),
        ("h3", "Soon"),
        ("h2", "Past events"),
        ("h3", "Before"),
        # The feeds and the calendar subscription, below the listing.
        ("h2", "Follow events"),
    ]
