"""The site's frame around the plugin's event page: title, landmarks, skip link, header and
footer (``templates/base.html``), and its one stylesheet (``static/css/site.css``)."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from tests.public_fixtures import (
    SEED_SLUG,
    make_document,
    make_image,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

LANGUAGES = ["sr-latn", "sr-cyrl", "en"]
PAGE_WEIGHT_BUDGET = 60_000
SITE_NAMES = {"sr-latn": "Događaji", "sr-cyrl": "Догађаји", "en": "Events"}


@pytest.fixture
def seed(home_pages):
    return seed_event_in_three_languages(
        home_pages,
        seed_partners(with_logos=True),
        seed_venue(),
        documents=[make_document()],
        hero_image=make_image("Južno raskršće", "hero.jpg"),
        hero_alt_text="Kadar iz filma: grupa migranata na putu kroz polje",
        hero_caption="Kadar iz filma Južno raskršće",
        registration_email="prijave@example.org",
    )


def page_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_page_has_landmarks_and_a_skip_link_to_main(client, seed, language_code):
    soup = page_soup(client, seed[language_code].url)

    assert [len(soup.find_all(name)) for name in ("header", "main", "footer")] == [2, 1, 1]
    assert soup.select_one("body > header.site-header nav.language-switcher") is not None
    skip_link = soup.find("a", class_="skip-link")
    assert skip_link["href"] == "#main"
    assert soup.find("main")["id"] == "main"
    # The site's name follows the page's in the title, in the reader's language.
    assert soup.title.get_text() == f"{seed[language_code].title} · {SITE_NAMES[language_code]}"


def test_stylesheet_uses_only_system_fonts_and_local_resources():
    stylesheet = Path(finders.find("css/site.css")).read_text(encoding="utf-8")

    assert "@import" not in stylesheet
    assert "@font-face" not in stylesheet
    assert re.findall(r"url\(", stylesheet) == []
    assert ":focus-visible" in stylesheet
    assert "@media print" in stylesheet


def test_seed_event_page_weighs_under_60_kb_with_its_css(client, seed):
    response = client.get(f"/sr-latn/{SEED_SLUG}/")
    soup = BeautifulSoup(response.content, "html.parser")

    stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    css_bytes = sum(
        Path(finders.find(href.removeprefix("/static/"))).stat().st_size for href in stylesheets
    )
    scripts = soup.find_all("script", src=True)
    total = len(response.content) + css_bytes

    assert stylesheets == ["/static/css/site.css", "/static/panel_event/css/events.css"]
    assert scripts == []
    assert total < PAGE_WEIGHT_BUDGET, f"HTML {len(response.content)} + CSS {css_bytes} bytes"
