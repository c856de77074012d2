"""The public search at ``<listing page>/search/?q=``: script- and diacritic-insensitive, in
the visitor's language, ordered like the listing, safe with any query, a fixed number of
queries, and answering conditional requests.

Events are indexed when their publication is committed, as on the site, so the fixtures run the
commit callbacks. The same tests run on SQLite (FTS5) and, in CI, on PostgreSQL (full-text
search): Wagtail's database backend picks one or the other.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from panel_event.models import EventIndexPage, PartnerSnippet, Venue
from panel_event.outputs import listing
from tests.public_fixtures import (
    BELGRADE,
    add_event,
    in_days,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

pytestmark = pytest.mark.usefixtures("isolated_media")

SEED_TITLES = {
    "sr-latn": "Podrška i zaštita migranata u ranjivom položaju u Srbiji",
    "sr-cyrl": "Подршка и заштита миграната у рањивом положају у Србији",
    "en": "Support and protection for vulnerable migrants in Serbia",
}
SUBOTICA_TITLE = "Radionica o integraciji u Subotici"


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run what the commit runs (the search index update), as the site does after each save."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def seed(home_pages, indexed):
    """The Niš panel in three languages, and a workshop in Subotica that no Niš query finds."""
    with indexed():
        partners = seed_partners("sr-latn")
        venue = seed_venue("sr-latn")
        events = seed_event_in_three_languages(home_pages, partners, venue)
        subotica = seed_venue("sr-latn", name="Gradska kuća", city="Subotica")
        add_event(
            home_pages["sr-latn"],
            SUBOTICA_TITLE,
            datetime.datetime(2019, 9, 12, 10, tzinfo=BELGRADE),
            venue=subotica,
            event_type="workshop",
            intro="Radionica za lokalne organizacije.",
            objective="<p>Bolja saradnja u zajednici.</p>",
        )
    return events


def search(client, language_code, query, **parameters):
    response = client.get(f"/{language_code}/search/", {"q": query, **parameters})
    assert response.status_code == 200, (query, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def found(client, language_code, query, **parameters):
    soup = search(client, language_code, query, **parameters)
    return [title.get_text() for title in soup.select(".event-card__title")]


@pytest.mark.parametrize(
    "query",
    ["Niš", "Nis", "nis", "NIŠ", "Ниш", "ниш", "Ribać", "Ribac", "Рибаћ", "Podrška", "podrska"],
)
def test_a_query_finds_the_event_whatever_its_script_and_diacritics(client, seed, query):
    assert found(client, "sr-latn", query) == [SEED_TITLES["sr-latn"]]
    assert found(client, "sr-cyrl", query) == [SEED_TITLES["sr-cyrl"]]


@pytest.mark.parametrize(
    "query",
    [
        "Подршка миграната",  # the title, typed in Cyrillic
        "ranjivom polozaju",  # the title, without diacritics
        "socijaln uslug kvalitetn",  # the summary, by the start of its words
        "doprinese jacanju",  # the objective
        "Osveženje",  # an agenda item's title
        "Lojbli",  # a speaker
        "Ambasada Švajcarske",  # a speaker's organisation, typed
        "IOM",  # a speaker's organisation, chosen from the partners; also a partner
        "Medjunarodna organizacija",  # a partner's name, đ written as dj
        "Medunarodna",  # ... and as d
        "Komesarijat izbeglice",  # a partner named only among the partners
        "Media reform centar",  # the venue
    ],
)
def test_every_part_of_an_event_is_searched(client, seed, query):
    assert found(client, "sr-latn", query) == [SEED_TITLES["sr-latn"]]


def test_the_type_is_searched_in_the_events_language(client, home_pages, indexed):
    with indexed():
        latin = add_event(
            home_pages["sr-latn"], "Veče sa autorima", in_days(3), event_type="lecture"
        )
        translate_event(latin, "en", title="An evening with authors")

    assert found(client, "sr-latn", "predavanje") == ["Veče sa autorima"]
    assert found(client, "sr-cyrl", "предавање") == []
    assert found(client, "en", "lecture") == ["An evening with authors"]
    assert found(client, "en", "predavanje") == []


def test_results_are_in_the_visitors_language(client, seed):
    for language_code, title in SEED_TITLES.items():
        assert found(client, language_code, "Nis") == [title]
    assert found(client, "en", "migrants") == [SEED_TITLES["en"]]
    # The Subotica workshop has no English version.
    assert found(client, "sr-latn", "Subotica") == [SUBOTICA_TITLE]
    assert found(client, "en", "Subotica") == []


def test_short_words_match_whole_words_and_longer_ones_their_start(client, home_pages, indexed):
    with indexed():
        add_event(home_pages["en"], "Workshop in Beogradu", in_days(3))
        add_event(home_pages["en"], "They nisu here", in_days(4))

    assert found(client, "en", "Beograd") == ["Workshop in Beogradu"]
    assert found(client, "en", "Nis") == []
    assert found(client, "en", "nisu") == ["They nisu here"]


def test_results_are_ordered_like_the_listing_with_date_and_place(client, home_pages, indexed):
    venue = seed_venue("en", name="Media Centre", city="Niš")
    with indexed():
        for title, starts_at in (
            ("Migration talk 2019", datetime.datetime(2019, 6, 20, 11, tzinfo=BELGRADE)),
            ("Migration talk next month", in_days(30)),
            ("Migration talk last month", in_days(-30)),
            ("Migration talk next week", in_days(7)),
            ("Cooking class", in_days(2)),
        ):
            add_event(home_pages["en"], title, starts_at, venue=venue)

    soup = search(client, "en", "migration")

    assert [
        (
            section.find("h2").get_text(),
            [title.get_text() for title in section.select(".event-card__title")],
        )
        for section in soup.select(".event-listing__section")
    ] == [
        ("Upcoming events", ["Migration talk next week", "Migration talk next month"]),
        ("Past events", ["Migration talk last month", "Migration talk 2019"]),
    ]
    card = soup.select(".event-card")[-1]
    assert card.select_one(".event-card__when").get_text() == (
        "Thursday, 20 June 2019, 11:00–13:00 (Belgrade time)"
    )
    assert card.select_one(".event-card__where").get_text() == "Media Centre, Niš"
    assert soup.select_one(".event-search__summary").get_text() == ("4 events match “migration”.")


def test_drafts_private_events_and_other_sections_are_not_found(client, home_pages, indexed):
    from wagtail.models import PageViewRestriction

    home = home_pages["en"]
    with indexed():
        add_event(home, "Migration public", in_days(3))
        add_event(home, "Migration draft", in_days(4)).unpublish()
        private = add_event(home, "Migration private", in_days(5))
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        index = home.add_child(instance=EventIndexPage(title="Workshops", slug="workshops"))
        index.save_revision().publish()
        add_event(index, "Migration workshop", in_days(6))

    assert found(client, "en", "migration") == ["Migration public", "Migration workshop"]
    # An events index searches its own events.
    assert [
        title.get_text()
        for title in search(client, "en/workshops", "migration").select(".event-card__title")
    ] == ["Migration workshop"]


def test_an_empty_query_gets_help_and_suggestions(client, seed):
    soup = search(client, "sr-latn", "")

    assert soup.select(".event-card") == []
    assert soup.select_one("h1").get_text() == "Pretraga događaja"
    assert soup.select_one("#search-help").get_text() == "Šta možete da tražite"
    assert [
        (link.get_text(), link["href"]) for link in soup.select(".event-search__suggestions a")
    ] == [
        ("Panel diskusija", "/sr-latn/?type=panel_discussion"),
        ("Radionica", "/sr-latn/?type=workshop"),
        ("Niš", "/sr-latn/?city=Ni%C5%A1"),
        ("Subotica", "/sr-latn/?city=Subotica"),
    ]
    assert soup.select(".event-search__help > p a")[0]["href"] == "/sr-latn/"


def test_a_query_without_a_match_says_so_and_suggests(client, seed):
    soup = search(client, "en", "zzzqqq")

    assert soup.select(".event-card") == []
    assert soup.select_one(".empty-state").get_text() == "No events match “zzzqqq”."
    assert soup.select_one("#search-help").get_text() == "Nothing found? Try this"
    assert [link.get_text() for link in soup.select(".event-search__suggestions a")] == [
        "Panel discussion",
        "Niš",
    ]


HOSTILE_QUERIES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    '"unbalanced',
    "Ниш\x00<b>bold</b>",
    "\x00",
    "nis*",
    "NEAR(nis ribac) AND -x OR",
    "%s %(x)s \\ {}",
    "x" * 3000,
    "Niš " * 750,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("language_code", ["sr-latn", "sr-cyrl", "en"])
def test_any_query_gives_a_page_and_is_never_reflected_unescaped(
    client, seed, query, language_code
):
    response = client.get(f"/{language_code}/search/", {"q": query, "type": query})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "<b>bold" not in content
    soup = BeautifulSoup(content, "html.parser")
    shown = " ".join(query.replace("\x00", " ").split())[:200]
    assert soup.select_one("#event-search-query")["value"] == shown


def test_hostile_queries_still_find_what_their_words_name(client, seed):
    assert found(client, "en", "Ниш\x00<b>") == [SEED_TITLES["en"]]
    assert found(client, "en", "'Nis' OR 1=1") == []
    assert found(client, "en", "Niš " * 750) == [SEED_TITLES["en"]]


def count_search_queries(client, url):
    client.get(url)  # renditions and site root paths are made once, on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_search_takes_the_same_queries_however_many_events_match(client, home_pages, indexed):
    home = home_pages["en"]
    venue = seed_venue("en")

    def add_events(first, count):
        with indexed():
            for number in range(first, first + count):
                add_event(home, f"Migration event {number}", in_days(number - 5), venue=venue)

    add_events(1, 2)
    with_two = count_search_queries(client, "/en/search/?q=migration")
    add_events(3, 20)
    with_twenty_two = count_search_queries(client, "/en/search/?q=migration&page=2")
    filtered = count_search_queries(
        client, "/en/search/?q=migration&when=past&type=panel_discussion"
    )

    assert with_two == with_twenty_two == filtered
    # The page cache's and the sites' generations (read once for the request: the site and its
    # home page are kept per process), restrictions, the ETag's next change, the filters'
    # counts (and the total), the page of events, language links.
    assert with_twenty_two == 6


def test_search_pages_answer_conditional_requests_until_content_changes(
    client, home_pages, indexed
):
    with indexed():
        add_event(home_pages["en"], "Migration talk", in_days(3))
    url = "/en/search/?q=migration"

    first = client.get(url)
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    queries_for_not_modified = len(queries)
    other_query = client.get("/en/search/?q=talk", HTTP_IF_NONE_MATCH=etag)
    with indexed():
        add_event(home_pages["en"], "Migration workshop", in_days(4))
    after_publishing = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"]
    assert (again.status_code, again.content) == (304, b"")
    # No search and no rendering: the generations (the site is kept), the home page's
    # restrictions, the ETag's next change.
    assert queries_for_not_modified == 3
    assert other_query.status_code == 200
    assert after_publishing.status_code == 200
    assert after_publishing["ETag"] != etag
    soup = BeautifulSoup(after_publishing.content, "html.parser")
    assert [title.get_text() for title in soup.select(".event-card__title")] == [
        "Migration talk",
        "Migration workshop",
    ]


def test_a_search_answer_changes_when_a_listed_event_ends_and_only_then(
    client, home_pages, indexed, monkeypatch
):
    with indexed():
        hidden = add_event(home_pages["en"], "Migration draft", in_days(1))
        soon = add_event(home_pages["en"], "Migration talk", in_days(3))
        add_event(home_pages["en"], "Migration workshop", in_days(9))
    hidden.unpublish()
    url = "/en/search/?q=migration"
    etag = client.get(url)["ETag"]

    def at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return client.get(url, HTTP_IF_NONE_MATCH=etag)

    # The unpublished event ending changes nothing; the first listed one ending does.
    assert at(hidden.ends_at + datetime.timedelta(minutes=1)).status_code == 304
    assert at(soon.ends_at - datetime.timedelta(minutes=1)).status_code == 304
    after_the_end = at(soon.ends_at + datetime.timedelta(minutes=1))
    assert after_the_end.status_code == 200
    assert after_the_end["ETag"] != etag


def test_search_pages_are_not_stored_in_the_page_cache(client, home_pages, indexed):
    # Queries are as many as visitors can type; stored, they would push pages out of the cache.
    with indexed():
        add_event(home_pages["en"], "Migration talk", in_days(3))
    url = "/en/search/?q=migration"

    assert count_search_queries(client, url) == count_search_queries(client, url) > 5


def test_language_switcher_and_hreflang_lead_to_the_same_search(client, seed):
    soup = search(client, "sr-cyrl", "Ниш", type="panel_discussion", city="Ниш")

    assert [(link.get_text(), link["href"]) for link in soup.select(".language-switcher a")] == [
        ("Latinica", "/sr-latn/search/?q=%D0%9D%D0%B8%D1%88&type=panel_discussion"),
        ("Ћирилица", "/sr-cyrl/search/?q=%D0%9D%D0%B8%D1%88&type=panel_discussion"),
        ("English", "/en/search/?q=%D0%9D%D0%B8%D1%88&type=panel_discussion"),
    ]
    assert [(link["hreflang"], link["href"]) for link in soup.select('link[rel="alternate"]')] == [
        (bcp47, f"http://localhost/{code}/search/?q=%D0%9D%D0%B8%D1%88&type=panel_discussion")
        for bcp47, code in (
            ("sr-Latn", "sr-latn"),
            ("sr-Cyrl", "sr-cyrl"),
            ("en", "en"),
            ("x-default", "sr-latn"),
        )
    ]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, follow"
    # The English search finds the English version.
    assert found(client, "en", "Ниш", type="panel_discussion") == [SEED_TITLES["en"]]


def test_results_are_paginated_and_page_links_keep_the_query(client, home_pages, indexed):
    with indexed():
        for number in range(13):
            add_event(home_pages["en"], f"Migration event {number:02}", in_days(number + 1))

    first = search(client, "en", "migration", when="upcoming")
    second = search(client, "en", "migration", when="upcoming", page="2")

    assert len(first.select(".event-card")) == 12
    assert [a["href"] for a in first.select(".pagination a")] == [
        "?q=migration&when=upcoming&page=2"
    ]
    assert [title.get_text() for title in second.select(".event-card__title")] == [
        "Migration event 12"
    ]
    assert [a["href"] for a in second.select(".pagination a")] == [
        "?q=migration&when=upcoming&page=1"
    ]


def titles_and_walk(client, url):
    """The titles a search page lists, and whether its page of events was chosen by walking
    the listing (``page_window``'s correlated ``EXISTS``) rather than by sorting the matches."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [title.get_text() for title in soup.select(".event-card__title")]
    # The page's events come with their venues (the cards show them).
    (page_query,) = [
        query["sql"]
        for query in queries.captured_queries
        if 'LEFT OUTER JOIN "panel_event_venue"' in query["sql"]
    ]
    return titles, 'SELECT 1 AS "a" FROM' in page_query


def test_a_search_with_few_matches_sorts_them_and_one_with_many_walks_the_listing(
    client, home_pages, indexed, monkeypatch
):
    with indexed():
        for number in range(15):
            # None today, so the order does not depend on the hour the test runs.
            days = number - 7 if number < 7 else number - 6
            add_event(home_pages["en"], f"Migration event {number:02}", in_days(days))
            add_event(home_pages["en"], f"Other event {number:02}", in_days(days, hour=15))
    urls = ["/en/search/?q=migration", "/en/search/?q=migration&page=2"]

    sorted_pages = [titles_and_walk(client, url) for url in urls]
    monkeypatch.setattr(listing, "FEW_MATCHES", 14)
    walked_pages = [titles_and_walk(client, url) for url in urls]

    assert [walked for _, walked in sorted_pages] == [False, False]
    assert [walked for _, walked in walked_pages] == [True, True]
    # The same pages either way: upcoming soonest first, then past most recent first.
    assert [titles for titles, _ in sorted_pages] == [titles for titles, _ in walked_pages]
    first, second = (titles for titles, _ in sorted_pages)
    assert first[:2] == ["Migration event 07", "Migration event 08"]
    assert second == ["Migration event 02", "Migration event 01", "Migration event 00"]


def test_renaming_a_partner_or_venue_updates_the_events_found(client, seed, indexed):
    iom = PartnerSnippet.objects.get(acronym="IOM", locale__language_code="sr-latn")
    venue = Venue.objects.get(name="Media i reform centar Niš")
    with indexed():
        iom.name = "Organizacija za seobe"
        iom.save()
        venue.city = "Kragujevac"
        venue.save()

    assert found(client, "sr-latn", "seobe") == [SEED_TITLES["sr-latn"]]
    assert found(client, "sr-latn", "Крагујевац") == [SEED_TITLES["sr-latn"]]
    assert found(client, "sr-latn", "Medjunarodna") == []


def test_a_translation_is_found_by_its_own_words(client, home_pages, indexed):
    with indexed():
        latin = add_event(home_pages["sr-latn"], "Okrugli sto o migracijama", in_days(5))
        translate_event(latin, "en", title="Round table on migration")

    assert found(client, "en", "round table") == ["Round table on migration"]
    assert found(client, "sr-latn", "round table") == []
