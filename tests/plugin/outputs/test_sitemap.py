"""/sitemap.xml: every live page in every language, each linked to its other languages."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest

from tests.public_fixtures import (
    SEED_SLUG,
    create_event,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
)

NAMESPACES = {
    "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
BASE = "http://localhost"


@pytest.fixture(autouse=True)
def no_auto_transliteration(settings):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False


@pytest.fixture
def seed(home_pages):
    return seed_event_in_three_languages(home_pages, seed_partners(), seed_venue())


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("sitemap:loc", namespaces=NAMESPACES): sorted(
            (link.get("hreflang"), link.get("href"))
            for link in url.findall("xhtml:link", NAMESPACES)
        )
        for url in root.findall("sitemap:url", NAMESPACES)
    }


def language_alternates(path):
    return sorted(
        [
            ("en", f"{BASE}/en/{path}"),
            ("sr-Cyrl", f"{BASE}/sr-cyrl/{path}"),
            ("sr-Latn", f"{BASE}/sr-latn/{path}"),
            ("x-default", f"{BASE}/sr-latn/{path}"),
        ]
    )


def test_sitemap_lists_every_language_version_with_its_alternates(client, seed):
    only_latin = create_event(
        seed["sr-latn"].get_parent(),
        slug="samo-latinica",
        starts_at=datetime.datetime(2020, 1, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC),
    )
    draft = create_event(seed["sr-latn"].get_parent(), slug="nacrt")
    draft.unpublish()

    entries = sitemap_entries(client)

    assert entries == {
        f"{BASE}/sr-latn/": language_alternates(""),
        f"{BASE}/sr-cyrl/": language_alternates(""),
        f"{BASE}/en/": language_alternates(""),
        f"{BASE}/sr-latn/{SEED_SLUG}/": language_alternates(f"{SEED_SLUG}/"),
        f"{BASE}/sr-cyrl/{SEED_SLUG}/": language_alternates(f"{SEED_SLUG}/"),
        f"{BASE}/en/{SEED_SLUG}/": language_alternates(f"{SEED_SLUG}/"),
        f"{BASE}{only_latin.url}": [],
    }


def test_sitemap_sits_outside_the_language_prefixes(client, seed):
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/sr-latn/sitemap.xml").status_code == 404


def test_sitemap_query_count_does_not_grow_with_pages(client, seed, django_assert_max_num_queries):
    for number in range(10):
        create_event(seed["sr-latn"].get_parent(), slug=f"dogadjaj-{number}")
    client.get("/sitemap.xml")

    with django_assert_max_num_queries(12):
        assert client.get("/sitemap.xml").status_code == 200
