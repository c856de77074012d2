"""A listing page's calendar subscription, read back by the icalendar library as a calendar
application reads it."""

import datetime
import zoneinfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.utils import timezone

from panel_event.caching import page_cache
from tests.plugin.outputs.followed_events import events_index, publish_seed_and_forum
from tests.public_fixtures import SEED_SLUG, create_event

pytestmark = pytest.mark.usefixtures("isolated_media")

LANGUAGES = ("sr-latn", "sr-cyrl", "en")


@pytest.fixture
def events(home_pages, settings, django_capture_on_commit_callbacks):
    return publish_seed_and_forum(home_pages, settings, django_capture_on_commit_callbacks)


def subscribe(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.content)


def own_file_event(client, event):
    _response, calendar = subscribe(client, f"{event.url}calendar.ics")
    [vevent] = calendar.events
    return vevent


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_each_event_is_the_very_vevent_of_its_own_calendar_file(client, events, language_code):
    _response, calendar = subscribe(client, f"/{language_code}/calendar.ics")

    # Soonest first, then the most recent past: the forum (2031), then the seed (2019).
    expected = [events["forum"][language_code], events["seed"][language_code]]
    assert [vevent.to_ical() for vevent in calendar.events] == [
        own_file_event(client, event).to_ical() for event in expected
    ]
    assert [vevent.uid for vevent in calendar.events] == [
        f"{event.translation_key}@localhost" for event in expected
    ]


def test_the_subscription_names_itself_and_asks_to_be_refreshed_hourly(client, events, home_pages):
    response, calendar = subscribe(client, "/sr-latn/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{home_pages["sr-latn"].slug}.ics"'
    )
    assert (calendar["X-WR-CALNAME"], calendar.calendar_name) == ("Događaji", "Događaji")
    assert calendar["X-WR-CALDESC"] == "Predstojeći i nedavni događaji"
    assert calendar.refresh_interval == datetime.timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert (calendar.source, calendar.url) == (
        "http://localhost/sr-latn/calendar.ics",
        "http://localhost/sr-latn/",
    )
    assert calendar.uid == f"{home_pages['sr-latn'].translation_key}.sr-latn@localhost"


def test_the_cyrillic_subscription_is_written_in_cyrillic(client, events):
    _response, calendar = subscribe(client, "/sr-cyrl/calendar.ics")

    assert calendar.calendar_name == "Догађаји"
    assert calendar["X-WR-CALDESC"] == "Предстојећи и недавни догађаји"
    assert [(vevent.summary, vevent.location) for vevent in calendar.events] == [
        (
            "Форум о социјалној заштити",
            "Скупштина града, Драгослава Јовановића 2, 18000 Београд, Србија · "
            "https://meet.example.org/forum",
        ),
        (
            "Подршка и заштита миграната у рањивом положају у Србији",
            "Медиа и реформ центар Ниш, Генерала Милојка Лешјанина 2, 18000 Ниш, Србија",
        ),
    ]
    seed = calendar.events[1]
    assert seed.description.splitlines()[2:5] == [
        "Агенда",
        "11.00–11.10 Уводна обраћања",
        "  – Урсула Лојбли, директорка Швајцарске канцеларије за сарадњу, "
        "Амбасада Швајцарске Конфедерације у Републици Србији",
    ]


def test_a_vtimezone_for_each_zone_the_events_use(client, events, home_pages):
    start = datetime.datetime(2030, 9, 12, 18, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    create_event(
        home_pages["en"],
        title="London evening",
        slug="london",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="Europe/London",
    )

    _response, calendar = subscribe(client, "/en/calendar.ics")

    assert sorted(zone.tz_name for zone in calendar.timezones) == [
        "Europe/Belgrade",
        "Europe/London",
    ]
    assert calendar.get_missing_tzids() == set()
    london = next(vevent for vevent in calendar.events if vevent.summary == "London evening")
    assert london["DTSTART"].params["TZID"] == "Europe/London"
    # 18:00 in London in September is 17:00 UTC (British Summer Time).
    assert london.start.astimezone(datetime.UTC).hour == 17


def test_upcoming_and_recently_ended_events_only(client, home_pages, settings):
    now = timezone.now()
    for title, days in (("Next week", 7), ("Last week", -7), ("Half a year ago", -180)):
        start = now + datetime.timedelta(days=days)
        create_event(
            home_pages["en"],
            title=title,
            slug=title.lower().replace(" ", "-"),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )

    _response, calendar = subscribe(client, "/en/calendar/")
    assert [vevent.summary for vevent in calendar.events] == ["Next week", "Last week"]

    # A site that keeps a year of past events (a setting changes on a restart, which empties
    # the stored pages).
    settings.PANEL_EVENT_SUBSCRIPTION_PAST_DAYS = 365
    page_cache.invalidate()
    _response, calendar = subscribe(client, "/en/calendar/")
    assert [vevent.summary for vevent in calendar.events] == [
        "Next week",
        "Last week",
        "Half a year ago",
    ]


def test_the_subscription_holds_at_most_the_configured_number_of_events(client, events, settings):
    settings.PANEL_EVENT_SUBSCRIPTION_MAX_EVENTS = 1

    _response, calendar = subscribe(client, "/en/calendar.ics")

    assert [vevent.summary for vevent in calendar.events] == ["Forum in English"]


def test_both_addresses_give_the_same_calendar(client, events):
    dotted, _calendar = subscribe(client, "/en/calendar.ics")
    plain, _calendar = subscribe(client, "/en/calendar/")

    assert dotted.content == plain.content


def test_an_index_subscribes_to_its_own_events(client, events, home_pages):
    index = events_index(home_pages)
    start = datetime.datetime(2031, 5, 5, 10, tzinfo=datetime.UTC)
    create_event(
        index["sr-latn"],
        title="U arhivi",
        slug="u-arhivi",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )

    _response, calendar = subscribe(client, "/sr-latn/arhiva/calendar.ics")

    assert calendar.calendar_name == "Arhiva"
    assert [vevent.summary for vevent in calendar.events] == ["U arhivi"]


def test_a_calendar_that_has_the_subscription_gets_304_until_an_event_changes(client, events):
    url = "/sr-latn/calendar.ics"
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again["ETag"], again.content) == (304, etag, b"")
    # Rendered afresh (the stored copy lost), the answer is the same.
    caches["default"].clear()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    forum = events["forum"]["sr-latn"]
    forum.title = "Forum o socijalnoj zaštiti 2031"
    forum.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    first_event = icalendar.Calendar.from_ical(changed.content).events[0]
    assert first_event.summary == "Forum o socijalnoj zaštiti 2031"


def follow_section(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    section = soup.select_one(".follow-events")
    return section.h2.get_text(), [(link.get_text(), link["href"]) for link in section.select("a")]


def test_listing_pages_offer_a_webcal_subscription_and_a_download(client, home_pages):
    index = events_index(home_pages)

    assert follow_section(client, "/sr-latn/") == (
        "Pratite događaje",
        [
            ("Pretplatite se na kalendar", "webcal://localhost/sr-latn/calendar.ics"),
            ("Preuzmite kalendar (.ics)", "http://localhost/sr-latn/calendar.ics"),
            ("RSS kanal", "http://localhost/sr-latn/feed/rss/"),
            ("Atom kanal", "http://localhost/sr-latn/feed/atom/"),
        ],
    )
    assert follow_section(client, "/sr-cyrl/") == (
        "Пратите догађаје",
        [
            ("Претплатите се на календар", "webcal://localhost/sr-cyrl/calendar.ics"),
            ("Преузмите календар (.ics)", "http://localhost/sr-cyrl/calendar.ics"),
            ("RSS канал", "http://localhost/sr-cyrl/feed/rss/"),
            ("Atom канал", "http://localhost/sr-cyrl/feed/atom/"),
        ],
    )
    assert follow_section(client, index["en"].url) == (
        "Follow events",
        [
            ("Subscribe to the calendar", "webcal://localhost/en/arhiva/calendar.ics"),
            ("Download the calendar (.ics)", "http://localhost/en/arhiva/calendar.ics"),
            ("RSS feed", "http://localhost/en/arhiva/feed/rss/"),
            ("Atom feed", "http://localhost/en/arhiva/feed/atom/"),
        ],
    )


def test_an_event_page_offers_no_subscription(client, events):
    soup = BeautifulSoup(client.get(f"/en/{SEED_SLUG}/").content, "html.parser")

    assert soup.select(".follow-events") == []
    assert soup.head.select('link[type="application/rss+xml"]') == []
