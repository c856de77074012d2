"""Filters on the listings: type, city, upcoming or past, and month when there are many events.

A GET form whose addresses can be shared, counts from one aggregate query, pagination that keeps
the filters, a fixed number of queries, and a clean page whatever the values.
"""

import collections
import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from panel_event.caching import page_cache
from panel_event.models import EventIndexPage
from panel_event.outputs.listing import EVENTS_PER_PAGE
from tests.public_fixtures import (
    BELGRADE,
    add_event,
    in_days,
    seed_venue,
)

pytestmark = pytest.mark.usefixtures("isolated_media")


@pytest.fixture
def events(home_pages):
    """Five English events: workshops and a lecture, in Niš and Subotica, past and upcoming."""
    home = home_pages["en"]
    nis = seed_venue("en", name="Media Centre", city="Niš")
    subotica = seed_venue("en", name="Town Hall", city="Subotica")
    add_event(home, "Workshop Nis past", in_days(-20), venue=nis, event_type="workshop")
    add_event(home, "Workshop Nis soon", in_days(5), venue=nis, event_type="workshop")
    add_event(home, "Workshop Subotica soon", in_days(6), venue=subotica, event_type="workshop")
    add_event(home, "Lecture Nis soon", in_days(7), venue=nis, event_type="lecture")
    add_event(
        home,
        "Online talk",
        in_days(8),
        event_type="webinar",
        attendance_mode="online",
        online_url="https://meet.example.org/talk",
    )
    return home


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [title.get_text() for title in soup.select(".event-card__title")]


def options(soup, name):
    """[(value, label, selected)] of one filter's select."""
    select = soup.select_one(f'form.event-filters select[name="{name}"]')
    if select is None:
        return None
    return [
        (option["value"], option.get_text(), option.has_attr("selected"))
        for option in select.find_all("option")
    ]


def test_the_filters_are_a_get_form_with_counts(client, events):
    soup = get_soup(client, "/en/")

    form = soup.select_one("form.event-filters")
    assert (form["method"], form["action"]) == ("get", "/en/")
    assert [label.get_text() for label in form.find_all("label")] == [
        "Type of event",
        "City",
        "When",
    ]
    assert options(soup, "type") == [
        ("", "All types", False),
        ("workshop", "Workshop (3)", False),
        ("lecture", "Lecture (1)", False),
        ("webinar", "Webinar (1)", False),
    ]
    assert options(soup, "city") == [
        ("", "All cities", False),
        ("Niš", "Niš (3)", False),
        ("Subotica", "Subotica (1)", False),
    ]
    assert options(soup, "when") == [
        ("", "Upcoming and past", False),
        ("upcoming", "Upcoming (4)", False),
        ("past", "Past (1)", False),
    ]
    # Five events fit on one page: no month filter.
    assert options(soup, "month") is None


def test_filters_narrow_the_listing_and_the_other_filters_counts(client, events):
    soup = get_soup(client, "/en/?type=workshop&city=Ni%C5%A1")

    assert titles(soup) == ["Workshop Nis soon", "Workshop Nis past"]
    assert options(soup, "type") == [
        ("", "All types", False),
        ("workshop", "Workshop (2)", True),
        ("lecture", "Lecture (1)", False),
    ]
    assert options(soup, "city") == [
        ("", "All cities", False),
        ("Niš", "Niš (2)", True),
        ("Subotica", "Subotica (1)", False),
    ]
    assert options(soup, "when") == [
        ("", "Upcoming and past", False),
        ("upcoming", "Upcoming (1)", False),
        ("past", "Past (1)", False),
    ]
    clear = soup.select_one(".event-filters__clear")
    assert (clear.get_text(), clear["href"]) == ("Clear filters", "/en/")


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            "when=upcoming",
            ["Workshop Nis soon", "Workshop Subotica soon", "Lecture Nis soon", "Online talk"],
        ),
        ("when=past", ["Workshop Nis past"]),
        ("type=webinar", ["Online talk"]),
        ("city=Subotica&when=upcoming", ["Workshop Subotica soon"]),
    ],
)
def test_each_filter_alone_and_combined(client, events, query, expected):
    assert titles(get_soup(client, f"/en/?{query}")) == expected


def test_a_filter_that_matches_nothing_says_so(client, events):
    soup = get_soup(client, "/en/?city=Subotica&when=past")

    assert titles(soup) == []
    assert soup.select_one(".empty-state").get_text(" ", strip=True) == (
        "No events match these filters. Clear filters"
    )
    # The chosen city stays chosen, so the reader sees why.
    assert ("Subotica", "Subotica (0)", True) in options(soup, "city")


@pytest.mark.parametrize(
    "query",
    [
        "type=concert",
        "type=%3Cscript%3E",
        "when=tomorrow",
        "month=2019-13",
        "month=%00",
        "city=%00",
        "type=workshop&type=",
        "page=-1&when=past&when=upcoming",
        "city=" + "x" * 3000,
        "month=" + "9" * 3000,
    ],
)
def test_invalid_values_are_ignored_with_a_clean_page(client, events, query):
    response = client.get(f"/en/?{query}")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>" not in content
    soup = BeautifulSoup(content, "html.parser")
    assert soup.select(".event-card")


def test_hostile_city_is_shown_as_text(client, events):
    response = client.get("/en/", {"city": '"><script>alert(1)</script>'})

    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    soup = BeautifulSoup(response.content, "html.parser")
    assert ('"><script>alert(1)</script>', '"><script>alert(1)</script> (0)', True) in options(
        soup, "city"
    )


def test_month_filter_appears_with_many_events_and_pagination_keeps_filters(client, home_pages):
    home = home_pages["en"]
    venue = seed_venue("en", city="Niš")
    first_of_next_month = (
        timezone.localdate().replace(day=1) + datetime.timedelta(days=32)
    ).replace(day=1)
    month_after = (first_of_next_month + datetime.timedelta(days=32)).replace(day=1)
    for number in range(EVENTS_PER_PAGE + 2):
        day = (first_of_next_month if number < 13 else month_after) + datetime.timedelta(
            days=number % 13
        )
        starts_at = datetime.datetime.combine(day, datetime.time(10), BELGRADE)
        add_event(home, f"Event {number:02}", starts_at, venue=venue)
    next_month = first_of_next_month.strftime("%Y-%m")

    soup = get_soup(client, "/en/?city=Ni%C5%A1")
    by_month = get_soup(client, f"/en/?city=Ni%C5%A1&month={next_month}")
    second = get_soup(client, f"/en/?city=Ni%C5%A1&month={next_month}&page=2")

    assert [value for value, _label, _selected in options(soup, "month")] == [
        "",
        month_after.strftime("%Y-%m"),
        next_month,
    ]
    assert options(soup, "month")[2][1] == f"{first_of_next_month:%B %Y} (13)"
    assert len(titles(by_month)) == EVENTS_PER_PAGE
    assert [a["href"] for a in by_month.select(".pagination a")] == [
        f"?city=Ni%C5%A1&month={next_month}&page=2"
    ]
    assert titles(second) == ["Event 12"]
    assert [a["href"] for a in second.select(".pagination a")] == [
        f"?city=Ni%C5%A1&month={next_month}&page=1"
    ]


def count_queries(client, url):
    client.get(url)  # site root paths and renditions are made once, on the first view
    page_cache.invalidate()  # rendered afresh, not answered from the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_filters_take_a_fixed_number_of_queries_and_one_for_all_counts(client, home_pages):
    home = home_pages["en"]

    def add_events(first, count):
        for number in range(first, first + count):
            venue = seed_venue("en", name=f"Hall {number}", city=f"City {number % 7}")
            add_event(home, f"Event {number}", in_days(number - 1), venue=venue)

    add_events(0, 3)
    few = count_queries(client, "/en/?type=panel_discussion&when=upcoming")
    add_events(3, 40)
    many = count_queries(client, "/en/?type=panel_discussion&when=upcoming&page=2")
    with_city = count_queries(client, "/en/?city=City+3&when=upcoming")

    assert len(few) == len(many) == len(with_city)
    # The page cache's and the sites' generations (the site and its home page are kept per
    # process while the latter stays the same), restrictions, the filters' counts (and the
    # total) kept as events are published and this month's upcoming events counted, the page
    # of events, language links.
    assert len(many) == 6
    kept_counts = [query for query in many if "panel_event_listedeventcount" in query]
    assert len(kept_counts) == 1
    assert len([query for query in many if "COUNT(" in query and query not in kept_counts]) == 1


def test_an_events_index_filters_its_own_events(client, home_pages):
    home = home_pages["en"]
    index = home.add_child(instance=EventIndexPage(title="Workshops", slug="workshops"))
    index.save_revision().publish()
    add_event(index, "Inside soon", in_days(3), event_type="workshop")
    add_event(index, "Inside lecture", in_days(4), event_type="lecture")
    add_event(home, "Outside soon", in_days(5), event_type="workshop")

    soup = get_soup(client, "/en/workshops/?type=workshop")

    assert titles(soup) == ["Inside soon"]
    assert soup.select_one("form.event-filters")["action"] == "/en/workshops/"
    assert options(soup, "type") == [
        ("", "All types", False),
        ("workshop", "Workshop (1)", True),
        ("lecture", "Lecture (1)", False),
    ]


def test_counts_leave_out_drafts_and_private_sections_and_add_up_venues_of_a_city(
    client, home_pages
):
    """The counts are of the events listed: live, public, in the page's language; two venues in
    one city are one choice with both venues' events."""
    from wagtail.models import PageViewRestriction

    home = home_pages["en"]
    hall = seed_venue("en", name="Hall", city="Niš")
    centre = seed_venue("en", name="Media Centre", city="Niš")
    town_hall = seed_venue("en", name="Town Hall", city="Subotica")
    add_event(home, "Hall soon", in_days(3), venue=hall, event_type="workshop")
    add_event(home, "Centre soon", in_days(4), venue=centre, event_type="workshop")
    add_event(home, "Centre past", in_days(-4), venue=centre, event_type="lecture")
    add_event(home, "Town hall draft", in_days(5), venue=town_hall).unpublish()
    private = add_event(home, "Town hall private", in_days(6), venue=town_hall)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    members = home.add_child(instance=EventIndexPage(title="Members", slug="members"))
    members.save_revision().publish()
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    add_event(members, "Members only", in_days(7), venue=town_hall)
    add_event(home_pages["sr-latn"], "Drugi jezik", in_days(8), venue=seed_venue("sr-latn"))

    soup = get_soup(client, "/en/")

    assert titles(soup) == ["Hall soon", "Centre soon", "Centre past"]
    assert options(soup, "city") == [("", "All cities", False), ("Niš", "Niš (3)", False)]
    assert options(soup, "when") == [
        ("", "Upcoming and past", False),
        ("upcoming", "Upcoming (2)", False),
        ("past", "Past (1)", False),
    ]
    # Under another filter: the counts of that filter's events only.
    assert options(get_soup(client, "/en/?type=workshop"), "when") == [
        ("", "Upcoming and past", False),
        ("upcoming", "Upcoming (2)", False),
    ]
    assert options(get_soup(client, "/en/?when=past"), "type") == [
        ("", "All types", False),
        ("lecture", "Lecture (1)", False),
    ]


def test_events_at_the_edges_of_a_month_count_in_their_local_month(client, home_pages):
    """A month is the month in Belgrade, in winter (UTC+1) and in summer (UTC+2) time, also for an
    event that starts in another month in UTC."""
    home = home_pages["en"]
    year = timezone.localdate().year + 1

    def at(month, day, hour, minute):
        return datetime.datetime(year, month, day, hour, minute, tzinfo=BELGRADE)

    # 23:30 UTC on 31 December, 22:30 UTC on 30 June and 22:30 UTC on 31 March (summer time).
    starts = [at(1, 1, 0, 30), at(7, 1, 0, 30), at(4, 1, 0, 30)]
    # 22:30 UTC on 31 January and 21:30 UTC on 30 June.
    starts += [at(1, 31, 23, 30), at(6, 30, 23, 30)]
    # 21:59:59 and 22:00 UTC on 31 August: the last moment of a day that no offset of Belgrade's
    # moves to the next one, and the first that its summer offset does.
    starts += [at(8, 31, 23, 59) + datetime.timedelta(seconds=59), at(9, 1, 0, 0)]
    # More events than a page, so the month filter is offered.
    starts += [at(9, day, 10, 0) for day in range(1, EVENTS_PER_PAGE)]
    for number, starts_at in enumerate(starts):
        add_event(home, f"Event {number:02}", starts_at)

    soup = get_soup(client, "/en/")

    assert [(value, label) for value, label, _selected in options(soup, "month")] == [
        ("", "All months"),
        (f"{year}-09", f"September {year} ({EVENTS_PER_PAGE})"),
        (f"{year}-08", f"August {year} (1)"),
        (f"{year}-07", f"July {year} (1)"),
        (f"{year}-06", f"June {year} (1)"),
        (f"{year}-04", f"April {year} (1)"),
        (f"{year}-01", f"January {year} (2)"),
    ]


def months_from_now(months, day=10):
    """``day`` of the month ``months`` from this one, 10 o'clock in Belgrade."""
    today = timezone.localdate()
    number = today.year * 12 + today.month - 1 + months
    return datetime.datetime(number // 12, number % 12 + 1, day, 10, tzinfo=BELGRADE)


def test_months_further_than_a_year_are_offered_by_year_and_old_month_links_work(
    client, home_pages
):
    home = home_pages["en"]
    near = [months_from_now(offset) for offset in (12, 0, -12)]
    far = [months_from_now(offset) for offset in (13, -13, -25)]
    oldest = [months_from_now(-30, day=day) for day in range(10, 17)]
    for number, starts_at in enumerate(near + far + oldest):
        add_event(home, f"Event {number:02}", starts_at)
    # A year is offered when it has a month further than a year away, and counts all its events.
    far_years = {str(starts_at.year) for starts_at in far + oldest}
    year_counts = collections.Counter(
        str(starts_at.year) for starts_at in near + far + oldest if str(starts_at.year) in far_years
    )

    soup = get_soup(client, "/en/")
    old_month = get_soup(client, f"/en/?month={oldest[0]:%Y-%m}")
    old_year = get_soup(client, f"/en/?month={oldest[0].year}")

    expected = [(f"{starts_at:%Y-%m}", f"{starts_at:%B %Y} (1)") for starts_at in near]
    expected += [(year, f"{year} ({count})") for year, count in year_counts.items()]
    assert [(value, label) for value, label, _selected in options(soup, "month")] == [
        ("", "All months"),
        *sorted(expected, reverse=True),
    ]
    # A link to a month that is no longer offered by itself still filters, and shows it chosen.
    assert titles(old_month) == [f"Event {number:02}" for number in range(12, 5, -1)]
    assert (f"{oldest[0]:%Y-%m}", f"{oldest[0]:%B %Y} (7)", True) in options(old_month, "month")
    year = str(oldest[0].year)
    assert (year, f"{year} ({year_counts[year]})", True) in options(old_year, "month")
    assert len(titles(old_year)) == year_counts[year]
