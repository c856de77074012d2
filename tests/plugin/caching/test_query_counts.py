"""How many SQL queries the public pages take, and that the number does not grow with content.

What is counted: every query of one anonymous GET, through all middleware, right after the
page cache was invalidated (``page_cache.invalidate()``), so the page is rendered afresh.
In-process and Django-cache state from an earlier view of the same URL is warm, as it is on a
running site: content types, the site root paths and the renditions (made on the first view).
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from panel_event.caching import page_cache
from panel_event.content.blocks import EventBodyBlock
from panel_event.models import EventPage, PartnerSnippet
from panel_event.outputs.listing import EVENTS_PER_PAGE
from tests import builders
from tests.builders import (
    agenda,
    agenda_item,
    key_figures,
    materials,
    partners_block,
    speaker,
)
from tests.public_fixtures import (
    BELGRADE,
    SEED_SLUG,
    create_event,
    locale,
    make_document,
    make_image,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

LANGUAGES = ["sr-latn", "sr-cyrl", "en"]
# The page cache's generation numbers, the event, its partners, renditions, documents and
# language versions, and the images of image blocks. The site, the active locale and the home
# pages are kept per process (caching/routing.py).
MAX_UNCACHED_QUERIES = 7
LARGE_SLUG = "velika-konferencija"


@pytest.fixture
def partners(db):
    return seed_partners(with_logos=True)


@pytest.fixture
def venue(db):
    return seed_venue()


@pytest.fixture
def hero(db):
    # Small, so that its renditions (AVIF among them) are quick to make.
    return make_image("Južno raskršće", "hero.jpg", size=(640, 360))


@pytest.fixture
def seed(home_pages, partners, venue, hero):
    return seed_event_in_three_languages(
        home_pages,
        partners,
        venue,
        documents=[make_document()],
        hero_image=hero,
        hero_alt_text="Kadar iz filma",
        registration_email="prijave@example.org",
    )


def large_body(partners, documents):
    """Three agendas of ten items with three speakers each, fifteen partners, twelve figures
    and three documents: the seed's kinds of blocks, several times over."""
    agendas = [
        agenda(
            [
                agenda_item(
                    datetime.time(9 + number, 0).isoformat(),
                    datetime.time(9 + number, 50).isoformat(),
                    f"Sesija {number}",
                    speakers=[
                        speaker(
                            f"Govornik {day}-{number}-{seat}",
                            "istraživač",
                            partners[(number + seat) % len(partners)],
                        )
                        for seat in range(3)
                    ],
                )
                for number in range(10)
            ],
            title=f"Dan {day + 1}",
        )
        for day in range(3)
    ]
    return [
        key_figures([(str(n), f"stavka {n}") for n in range(12)], title="Brojke"),
        *agendas,
        partners_block(zip(partners, ["organiser", "funder", "cooperation"] * 5, strict=True)),
        materials(documents),
    ]


@pytest.fixture
def large(home_pages, partners, venue, hero):
    """A three-day conference with fifteen partners, in three languages."""
    many_partners = list(partners.values()) + [
        PartnerSnippet.objects.create(
            name=f"Partner {number}",
            acronym=f"P{number}",
            logo=make_image(f"P{number} logo", f"p{number}.png", size=(240, 80)),
            locale=locale("sr-latn"),
        )
        for number in range(10)
    ]
    documents = [make_document(f"Dokument {n}", f"dokument-{n}.pdf") for n in range(3)]
    start = datetime.datetime(2019, 9, 2, 9, 0, tzinfo=BELGRADE)
    latin = create_event(
        home_pages["sr-latn"],
        slug=LARGE_SLUG,
        title="Velika konferencija",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=2, hours=10),
        venue=venue,
        hero_image=hero,
        hero_alt_text="Sala",
        registration_email="prijave@example.org",
        body=large_body(many_partners, documents),
    )
    translate_event(latin, "sr-cyrl", title="Велика конференција")
    translate_event(latin, "en", title="Big conference")
    return latin


def uncached_queries(client, url):
    """The queries of a fresh render of ``url`` (see the module docstring)."""
    assert client.get(url).status_code == 200  # renditions are made on the first view
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response


def cached_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_event_page_takes_the_same_few_queries_however_large_the_event(client, seed, large):
    counts = {}
    for language_code in LANGUAGES:
        seed_sql, _ = uncached_queries(client, f"/{language_code}/{SEED_SLUG}/")
        large_sql, response = uncached_queries(client, f"/{language_code}/{LARGE_SLUG}/")
        counts[language_code] = (len(seed_sql), len(large_sql))
        # Printed with -s; a new query shows up here first.
        print(f"\n{language_code}: {len(large_sql)} queries\n" + "\n".join(large_sql))

        # The optimisation dropped nothing: every speaker, partner (with logo) and document.
        soup = BeautifulSoup(response.content, "html.parser")
        assert len(soup.select(".agenda-item .speaker")) == 90, language_code
        assert len(soup.select(".partner.partner--with-logo img")) == 15, language_code
        assert len(soup.select(".material")) == 3, language_code

    # The same for the seed and for the conference, in every language, a translated home page
    # included: the site and its home pages are kept per process.
    assert counts == {"sr-latn": (6, 6), "sr-cyrl": (6, 6), "en": (6, 6)}
    assert max(max(pair) for pair in counts.values()) <= MAX_UNCACHED_QUERIES


def test_event_page_query_count_with_every_kind_of_block(client, seed, hero):
    """Image blocks add one query for their images; their renditions come with the others'."""
    extra_blocks = [
        ("image", {"image": hero, "alt_text": "Sala", "caption": "", "credit": ""}),
        ("quote", {"quote": "Citat", "attribution": "Neko"}),
        ("heading", {"text": "Naslov", "level": "h2"}),
        ("text", "<p>Tekst</p>"),
    ]
    for version in seed.values():
        for block in extra_blocks:
            version.body.append(block)
        version.save_revision().publish()

    for language_code in LANGUAGES:
        sql, _ = uncached_queries(client, f"/{language_code}/{SEED_SLUG}/")
        assert len(sql) <= MAX_UNCACHED_QUERIES, (language_code, sql)


def test_a_cached_page_takes_one_query_for_a_visitor_without_a_session(client, seed):
    urls = [f"/{language_code}/{SEED_SLUG}/" for language_code in LANGUAGES]
    urls += [f"/{language_code}/" for language_code in LANGUAGES]

    # The page cache's generation number, kept in the database so that it survives a Redis
    # outage; no routing, no content.
    assert {url: cached_queries(client, url) for url in urls} == dict.fromkeys(urls, 1)


def test_a_cached_event_page_costs_only_wagtail_routing_for_a_visitor_with_a_session(client, seed):
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-someone-else"
    counts = {
        language_code: cached_queries(client, f"/{language_code}/{SEED_SLUG}/")
        for language_code in LANGUAGES
    }
    # The generation numbers and the event; none for content. The site, the active locale and
    # the (translated) home page are kept per process.
    assert counts == {"sr-latn": 2, "sr-cyrl": 2, "en": 2}


def test_anonymous_user_bar_and_language_switcher_take_no_extra_queries(client, seed):
    sql, response = uncached_queries(client, f"/en/{SEED_SLUG}/")

    assert b"wagtail-userbar" not in response.content
    # Nothing reads a locale on its own: the routing keeps the home page of each language per
    # process, and the event and its language versions bring theirs along.
    locale_lookups = [
        query for query in sql if re.match(r'SELECT [^()]* FROM "wagtailcore_locale"', query)
    ]
    assert locale_lookups == []
    # The language versions for the switcher and hreflang: one query.
    assert (
        sum(
            ' WHERE ("wagtailcore_page"."live" AND "wagtailcore_page"."translation_key"' in query
            for query in sql
        )
        == 1
    )


def add_events(home, count, first=0):
    """Live events under ``home``, half of them past; saved directly, which is all a listing
    reads (the revisions that publishing adds would only slow the test down)."""
    venue = seed_venue(home.locale.language_code)
    image = make_image("Hero", "hero.jpg", size=(480, 270))
    today = timezone.localdate()
    for number in range(first, first + count):
        day = today + datetime.timedelta(days=number - count // 2)
        starts_at = datetime.datetime.combine(day, datetime.time(11), BELGRADE)
        home.add_child(
            instance=EventPage(
                title=f"Event {number}",
                slug=f"event-{number}",
                intro="An event.",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
                venue=venue,
                hero_image=image,
                hero_alt_text="A hall",
                locale=home.locale,
                live=True,
            )
        )
    home.refresh_from_db()


def test_home_page_query_count_does_not_grow_with_the_number_of_events(client, home_pages):
    home = home_pages["en"]
    add_events(home, 3)
    with_three = {url: len(uncached_queries(client, url)[0]) for url in ("/en/", "/en/?page=2")}
    add_events(home, 37, first=3)
    assert home.get_children().count() == 40
    with_forty = {
        url: len(uncached_queries(client, url)[0]) for url in ("/en/", "/en/?page=2", "/en/?page=4")
    }

    # Page 2 of three events is page 1 again (the paginator forgives it).
    assert with_forty["/en/"] == with_forty["/en/?page=2"] == with_forty["/en/?page=4"]
    assert with_forty["/en/"] == with_three["/en/"] == with_three["/en/?page=2"]
    # The page cache's generation numbers, restrictions, the kept counts, this month's upcoming
    # events, one page of events, their thumbnails, language links; the site and the home
    # pages are kept per process.
    assert with_forty["/en/"] == 7
    assert EVENTS_PER_PAGE * 3 < 40


def test_home_page_lists_a_page_of_events_from_the_database(client, home_pages):
    add_events(home_pages["en"], 14)

    sql, response = uncached_queries(client, "/en/?page=2")

    soup = BeautifulSoup(response.content, "html.parser")
    # The last page holds the two oldest past events, most recent first.
    titles = [card.h3.get_text(strip=True) for card in soup.select(".event-card")]
    assert titles == ["Event 1", "Event 0"]
    # The page is cut in the database, not in Python: past events are walked from the most
    # recent, past the ones shown on page 1 (those not taken by upcoming events).
    upcoming = EventPage.objects.filter(ends_at__gte=timezone.now()).count()
    assert any(f"LIMIT 2 OFFSET {12 - upcoming}" in query for query in sql)


def add_events_with_programmes(home, count, first=0):
    """Live events under ``home``, each with an agenda whose speaker stands for a partner, a
    document and an image: what the calendar subscription would read once per event if it
    turned the bodies into values one by one."""
    partner = PartnerSnippet.objects.create(name="Partner", acronym="P", locale=home.locale)
    document = make_document()
    image = make_image("Sala", "sala.jpg", size=(320, 180))
    start = timezone.now() + datetime.timedelta(days=1)
    for number in range(first, first + count):
        body = [
            agenda(
                [
                    agenda_item(
                        "09:00:00", "10:00:00", "Uvod", speakers=[speaker("Ana", "", partner)]
                    )
                ]
            ),
            materials([document]),
            builders.block(
                "image", {"image": image.pk, "alt_text": "Sala", "caption": "", "credit": ""}
            ),
        ]
        home.add_child(
            instance=EventPage(
                title=f"Event {number}",
                slug=f"event-{number}",
                intro="An event.",
                starts_at=start + datetime.timedelta(days=number),
                ends_at=start + datetime.timedelta(days=number, hours=2),
                body=EventBodyBlock().to_python(body),
                locale=home.locale,
                live=True,
            )
        )
    home.refresh_from_db()


FOLLOW_URLS = ("feed/rss/", "feed/atom/", "calendar/")


def follow_queries(client, language_code):
    counts = {}
    for route in FOLLOW_URLS:
        sql, response = uncached_queries(client, f"/{language_code}/{route}")
        assert response.content
        counts[route] = len(sql)
    return counts


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_feeds_and_subscription_take_the_same_queries_however_many_events(
    client, home_pages, language_code
):
    home = home_pages[language_code]
    add_events_with_programmes(home, 2)
    with_two = follow_queries(client, language_code)
    add_events_with_programmes(home, 30, first=2)
    with_thirty_two = follow_queries(client, language_code)

    assert with_thirty_two == with_two
    # The page cache's lookup and the home page's restrictions (the site and the home pages
    # are kept per process); the entity tag (the generation and one summary of the events);
    # the events; whether the answer may be stored. The subscription adds the site (the host
    # of its UIDs) and every partner the agendas name, in one query.
    routing = 2
    assert with_two == {
        "feed/rss/": routing + 4,
        "feed/atom/": routing + 4,
        "calendar/": routing + 6,
    }


def test_a_stored_feed_or_subscription_answers_304_after_the_cache_lookup(client, home_pages):
    add_events_with_programmes(home_pages["en"], 2)
    for route in FOLLOW_URLS:
        url = f"/en/{route}"
        etag = client.get(url)["ETag"]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        # The one query is the page cache's generation.
        assert (response.status_code, len(queries)) == (304, 1), url
