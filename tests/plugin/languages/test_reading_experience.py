"""What a reader of any language gets: a switcher to the same event, hreflang, local dates."""

import re

import pytest

from panel_event.languages.formatting import format_event_when
from tests.public_fixtures import (
    BELGRADE,
    SEED_END,
    SEED_SLUG,
    SEED_START,
    create_event,
    translate_event,
)


@pytest.fixture
def event_in_latin_and_cyrillic(home_pages, django_capture_on_commit_callbacks):
    # Publishing in Serbian Latin publishes the Cyrillic version when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return create_event(home_pages["sr-latn"])


def switcher_links(html):
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group()
    return re.findall(
        r'<a href="([^"]+)" lang="([^"]+)"[^>]*?( aria-current="page")?>([^<]+)</a>', switcher
    )


@pytest.mark.django_db
def test_switcher_links_to_the_same_event_in_each_language_it_exists_in(
    client, event_in_latin_and_cyrillic
):
    html = client.get(f"/sr-latn/{SEED_SLUG}/").content.decode()

    # No English version yet: English is shown without a link (tests/test_language_switcher.py).
    assert switcher_links(html) == [
        (f"/sr-latn/{SEED_SLUG}/", "sr-Latn", ' aria-current="page"', "Latinica"),
        (f"/sr-cyrl/{SEED_SLUG}/", "sr-Cyrl", "", "Ћирилица"),
    ]


@pytest.mark.django_db
def test_switcher_reaches_the_english_version_once_it_exists(client, event_in_latin_and_cyrillic):
    translate_event(event_in_latin_and_cyrillic, "en", title="Support for migrants")

    html = client.get(f"/sr-cyrl/{SEED_SLUG}/").content.decode()

    assert [link[0] for link in switcher_links(html)] == [
        f"/sr-latn/{SEED_SLUG}/",
        f"/sr-cyrl/{SEED_SLUG}/",
        f"/en/{SEED_SLUG}/",
    ]
    assert client.get(f"/en/{SEED_SLUG}/").context["page"].title == "Support for migrants"


@pytest.mark.django_db
def test_every_version_lists_all_versions_with_hreflang_and_a_canonical_link(
    client, event_in_latin_and_cyrillic
):
    translate_event(event_in_latin_and_cyrillic, "en", title="Support for migrants")
    base = "http://localhost"
    expected_alternates = [
        ("sr-Latn", f"{base}/sr-latn/{SEED_SLUG}/"),
        ("sr-Cyrl", f"{base}/sr-cyrl/{SEED_SLUG}/"),
        ("en", f"{base}/en/{SEED_SLUG}/"),
        ("x-default", f"{base}/sr-latn/{SEED_SLUG}/"),
    ]

    for language_code in ("sr-latn", "sr-cyrl", "en"):
        html = client.get(f"/{language_code}/{SEED_SLUG}/").content.decode()
        alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
        assert alternates == expected_alternates
        assert canonical == [f"{base}/{language_code}/{SEED_SLUG}/"]


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("sr-latn", "četvrtak, 20. jun 2019, 11.00–13.00 (beogradsko vreme)"),
        ("sr-cyrl", "четвртак, 20. јун 2019, 11.00–13.00 (београдско време)"),
        ("en", "Thursday, 20 June 2019, 11:00–13:00 (Belgrade time)"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language_code, expected):
    assert format_event_when(SEED_START, SEED_END, BELGRADE, language_code) == expected


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        (
            "sr-latn",
            "četvrtak, 20. jun 2019, 18.00 – petak, 21. jun 2019, 13.00 (beogradsko vreme)",
        ),
        ("en", "Thursday, 20 June 2019, 18:00 – Friday, 21 June 2019, 13:00 (Belgrade time)"),
    ],
)
def test_an_event_over_two_days_names_both_days(language_code, expected):
    start = SEED_START.replace(hour=18)
    end = SEED_END.replace(day=21)

    assert format_event_when(start, end, BELGRADE, language_code) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("sr-latn", "četvrtak, 20. jun 2019, 11.00–13.00 (beogradsko vreme)"),
        ("sr-cyrl", "четвртак, 20. јун 2019, 11.00–13.00 (београдско време)"),
    ],
)
def test_the_event_page_shows_the_local_date_line(
    client, event_in_latin_and_cyrillic, language_code, expected
):
    html = client.get(f"/{language_code}/{SEED_SLUG}/").content.decode()

    assert expected in html
