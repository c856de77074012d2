"""The RSS and Atom feeds of a listing page, read back by feedparser as a feed reader reads them."""

import datetime

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from panel_event.models import Venue
from tests.plugin.outputs.followed_events import (
    FORUM_INTRO,
    FORUM_TITLE,
    events_index,
    publish_seed_and_forum,
)
from tests.public_fixtures import BELGRADE, SEED_INTRO, SEED_TITLE, create_event

pytestmark = pytest.mark.usefixtures("isolated_media")

FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
FEED_VERSIONS = {"rss": "rss20", "atom": "atom10"}


@pytest.fixture
def events(home_pages, settings, django_capture_on_commit_callbacks):
    return publish_seed_and_forum(home_pages, settings, django_capture_on_commit_callbacks)


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def entry_facts(entry):
    return {
        "title": entry.title,
        "link": entry.link,
        "summary": entry.summary,
        "start": entry.ev_startdate,
        "end": entry.ev_enddate,
        "place": entry.ev_location,
        "type": [tag.term for tag in entry.tags],
    }


def test_latin_rss_feed_gives_each_event_its_date_place_and_summary(client, events):
    response, feed = read_feed(client, "/sr-latn/feed/rss/")

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert feed.version == "rss20"
    assert (feed.feed.title, feed.feed.link, feed.feed.language) == (
        "Događaji",
        "http://localhost/sr-latn/",
        "sr-Latn",
    )
    assert feed.feed.description == "Predstojeći i nedavni događaji"
    # The most recently announced first: the forum was published after the seed.
    assert [entry_facts(entry) for entry in feed.entries] == [
        {
            "title": FORUM_TITLE,
            "link": "http://localhost/sr-latn/forum/",
            "summary": "<p><strong>utorak, 8. april 2031, 09.30–12.30 (beogradsko vreme)</strong></p>\n"
            "<p>Skupština grada, Beograd · Onlajn</p>\n"
            f"<p>{FORUM_INTRO}</p>",
            "start": "2031-04-08T09:30:00+02:00",
            "end": "2031-04-08T12:30:00+02:00",
            "place": "Skupština grada, Beograd · Onlajn",
            "type": ["Panel diskusija"],
        },
        {
            "title": SEED_TITLE,
            "link": "http://localhost/sr-latn/podrska-i-zastita-migranata/",
            "summary": "<p><strong>četvrtak, 20. jun 2019, 11.00–13.00 (beogradsko vreme)</strong></p>\n"
            "<p>Media i reform centar Niš, Niš</p>\n"
            f"<p>{SEED_INTRO}</p>",
            "start": "2019-06-20T11:00:00+02:00",
            "end": "2019-06-20T13:00:00+02:00",
            "place": "Media i reform centar Niš, Niš",
            "type": ["Panel diskusija"],
        },
    ]


def test_cyrillic_feed_is_in_cyrillic_throughout(client, events):
    _response, feed = read_feed(client, "/sr-cyrl/feed/atom/")

    assert feed.version == "atom10"
    assert feed.feed.title == "Догађаји"
    assert feed.feed.subtitle == "Предстојећи и недавни догађаји"
    assert [entry_facts(entry) for entry in feed.entries] == [
        {
            "title": "Форум о социјалној заштити",
            "link": "http://localhost/sr-cyrl/forum/",
            "summary": "<p><strong>уторак, 8. април 2031, 09.30–12.30 (београдско време)</strong></p>\n"
            "<p>Скупштина града, Београд · Онлајн</p>\n"
            "<p>Годишњи форум локалних служби социјалне заштите.</p>",
            "start": "2031-04-08T09:30:00+02:00",
            "end": "2031-04-08T12:30:00+02:00",
            "place": "Скупштина града, Београд · Онлајн",
            "type": ["Панел дискусија"],
        },
        {
            "title": "Подршка и заштита миграната у рањивом положају у Србији",
            "link": "http://localhost/sr-cyrl/podrska-i-zastita-migranata/",
            "summary": "<p><strong>четвртак, 20. јун 2019, 11.00–13.00 (београдско време)</strong></p>\n"
            "<p>Медиа и реформ центар Ниш, Ниш</p>\n"
            "<p>Панел дискусија о подршци и заштити миграната у рањивом положају кроз "
            "доступније и квалитетније социјалне услуге у локалним заједницама.</p>",
            "start": "2019-06-20T11:00:00+02:00",
            "end": "2019-06-20T13:00:00+02:00",
            "place": "Медиа и реформ центар Ниш, Ниш",
            "type": ["Панел дискусија"],
        },
    ]


def test_english_atom_feed_dates_entries_by_their_publication(client, events):
    _response, feed = read_feed(client, "/en/feed/atom/")

    forum, seed = events["forum"]["en"], events["seed"]["en"]
    assert (feed.feed.title, feed.feed.language, feed.feed.author) == ("Events", "en", "localhost")
    assert [link.href for link in feed.feed.links] == [
        "http://localhost/en/",
        "http://localhost/en/feed/atom/",
    ]
    assert [
        (entry.title, entry.id, entry.summary.splitlines()[0], entry.published, entry.updated)
        for entry in feed.entries
    ] == [
        (
            "Forum in English",
            "http://localhost/en/forum/",
            "<p><strong>Tuesday, 8 April 2031, 09:30–12:30 (Belgrade time)</strong></p>",
            forum.first_published_at.isoformat(),
            forum.last_published_at.isoformat(),
        ),
        (
            "Seed in English",
            "http://localhost/en/podrska-i-zastita-migranata/",
            "<p><strong>Thursday, 20 June 2019, 11:00–13:00 (Belgrade time)</strong></p>",
            seed.first_published_at.isoformat(),
            seed.last_published_at.isoformat(),
        ),
    ]


def test_a_changed_status_is_in_the_summary(client, events):
    latin = events["forum"]["sr-latn"]
    latin.status = "cancelled"
    latin.save_revision().publish()

    _response, feed = read_feed(client, "/sr-latn/feed/rss/")

    assert feed.entries[0].summary.splitlines()[2] == "<p><strong>Otkazano</strong></p>"


def test_feeds_hold_only_live_public_events_of_their_language(client, events, home_pages):
    home = home_pages["sr-latn"]
    draft = create_event(home, title="Nacrt", slug="nacrt")
    draft.unpublish()
    private = create_event(home, title="Interni sastanak", slug="interni")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    create_event(home_pages["en"], title="English only", slug="english-only")

    _response, feed = read_feed(client, "/sr-latn/feed/rss/")

    assert [entry.title for entry in feed.entries] == [FORUM_TITLE, SEED_TITLE]


def test_a_feed_keeps_past_events_however_old_unlike_the_subscription(client, events, settings):
    # The subscription keeps only what ended in the last 90 days; the 2019 seed is older.
    del settings.PANEL_EVENT_SUBSCRIPTION_PAST_DAYS

    _response, feed = read_feed(client, "/en/feed/atom/")
    subscription = icalendar.Calendar.from_ical(client.get("/en/calendar.ics").content)

    assert [entry.title for entry in feed.entries] == ["Forum in English", "Seed in English"]
    assert [vevent.summary for vevent in subscription.events] == ["Forum in English"]


def test_a_feed_holds_at_most_the_configured_number_of_events(client, events, settings):
    settings.PANEL_EVENT_FEED_MAX_ITEMS = 1

    _response, feed = read_feed(client, "/sr-latn/feed/atom/")

    assert [entry.title for entry in feed.entries] == [FORUM_TITLE]


def test_an_events_index_feeds_only_the_events_below_it(
    client, home_pages, settings, django_capture_on_commit_callbacks
):
    index = events_index(home_pages)
    start = datetime.datetime(2031, 5, 5, 10, tzinfo=BELGRADE)
    create_event(
        index["sr-latn"],
        title="U arhivi",
        slug="u-arhivi",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    create_event(
        home_pages["sr-latn"],
        title="Na početnoj",
        slug="na-pocetnoj",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )

    _response, index_feed = read_feed(client, "/sr-latn/arhiva/feed/rss/")
    _response, home_feed = read_feed(client, "/sr-latn/feed/rss/")

    assert index_feed.feed.title == "Arhiva"
    assert [entry.title for entry in index_feed.entries] == ["U arhivi"]
    # The home page follows every event in its language, the index's too.
    assert [entry.title for entry in home_feed.entries] == ["Na početnoj", "U arhivi"]


def autodiscovery(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [
        (link["type"], link["href"]) for link in soup.head.select('link[rel="alternate"][type]')
    ]


def test_listing_pages_advertise_their_feeds_and_calendar_in_head(client, home_pages):
    index = events_index(home_pages)

    assert autodiscovery(client, "/sr-cyrl/") == [
        ("application/rss+xml", "http://localhost/sr-cyrl/feed/rss/"),
        ("application/atom+xml", "http://localhost/sr-cyrl/feed/atom/"),
        ("text/calendar", "http://localhost/sr-cyrl/calendar.ics"),
    ]
    assert autodiscovery(client, index["en"].url) == [
        ("application/rss+xml", "http://localhost/en/arhiva/feed/rss/"),
        ("application/atom+xml", "http://localhost/en/arhiva/feed/atom/"),
        ("text/calendar", "http://localhost/en/arhiva/calendar.ics"),
    ]


def test_every_advertised_feed_is_found_by_a_feed_reader(client, events):
    for language_code in ("sr-latn", "sr-cyrl", "en"):
        for kind, url in autodiscovery(client, f"/{language_code}/")[:2]:
            _response, feed = read_feed(client, url.removeprefix("http://localhost"))
            assert feed.version == FEED_VERSIONS[kind.split("/")[1].split("+")[0]]
            assert len(feed.entries) == 2, (language_code, kind)


def test_a_reader_with_the_current_feed_gets_304_until_something_changes(client, events):
    url = "/sr-latn/feed/rss/"
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again["ETag"], again.content) == (304, etag, b"")
    assert not first.has_header("Last-Modified")

    # A venue renamed changes every entry it is the place of, with no event published.
    venue = Venue.objects.get(name="Skupština grada")
    venue.name = "Stari dvor"
    venue.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert (
        feedparser.parse(changed.content).entries[0].ev_location == "Stari dvor, Beograd · Onlajn"
    )


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it is told to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_a_cdn_is_told_to_purge_the_feeds_and_subscriptions_an_event_is_in(
    client, events, settings
):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
    }
    RecordingBackend.purged.clear()

    events["forum"]["en"].save_revision().publish()

    follow_urls = {
        f"http://localhost/{language_code}/{route}"
        for language_code in ("sr-latn", "sr-cyrl", "en")
        for route in ("feed/rss/", "feed/atom/", "calendar/", "calendar.ics")
    }
    assert follow_urls - set(RecordingBackend.purged) == set()
