"""The language switcher says when a page has no version in a language, instead of sending the
reader elsewhere without a word, and no hreflang link points at a missing or unpublished version."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from panel_event.editing.roles import TRANSLATORS, ensure_role_groups
from tests.event_form_data import event_form_data
from tests.public_fixtures import SEED_SLUG, create_event, locale, translate_event

LATIN_URL = f"/sr-latn/{SEED_SLUG}/"
CYRILLIC_URL = f"/sr-cyrl/{SEED_SLUG}/"
ENGLISH_URL = f"/en/{SEED_SLUG}/"


@pytest.fixture
def latin_and_cyrillic_event(home_pages, django_capture_on_commit_callbacks):
    # Publishing in Serbian Latin publishes the Cyrillic version when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return create_event(home_pages["sr-latn"])


@pytest.fixture
def english_draft(latin_and_cyrillic_event):
    """An English translation that was started but never published."""
    english = latin_and_cyrillic_event.copy_for_translation(locale("en"))
    english.title = "Support for migrants"
    english.save_revision()
    return english


@pytest.fixture
def translator_client(home_pages):
    user = get_user_model().objects.create_user("translator", "translator@example.org", "pw")
    user.groups.add(ensure_role_groups()[TRANSLATORS])
    client = Client()
    client.force_login(user)
    return client


def switcher(html):
    """Each switcher entry: ("link", href, lang, hreflang, aria-current, text) for a link,
    ("unavailable", lang, text) for a language shown without a link."""
    nav = BeautifulSoup(html, "html.parser").select_one("nav.language-switcher")
    entries = []
    for item in nav.select("li"):
        link = item.find("a")
        if link is not None:
            entries.append(
                (
                    "link",
                    link["href"],
                    link["lang"],
                    link["hreflang"],
                    link.get("aria-current"),
                    link.get_text(),
                )
            )
        else:
            unavailable = item.select_one(".language-switcher__unavailable")
            entries.append(("unavailable", unavailable["lang"], unavailable.get_text()))
    return entries


def alternates(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        (link["hreflang"], link["href"]) for link in soup.select('link[rel="alternate"][hreflang]')
    ]


def hreflangs_anywhere(html):
    soup = BeautifulSoup(html, "html.parser")
    return sorted({tag["hreflang"] for tag in soup.select("[hreflang]")})


def latin_switcher_without_english():
    return [
        ("link", LATIN_URL, "sr-Latn", "sr-Latn", "page", "Latinica"),
        ("link", CYRILLIC_URL, "sr-Cyrl", "sr-Cyrl", None, "Ћирилица"),
        ("unavailable", "en", "English (not available in English)"),
    ]


@pytest.mark.django_db
def test_a_language_without_a_version_is_shown_as_unavailable_not_linked(
    client, latin_and_cyrillic_event
):
    html = client.get(LATIN_URL).content.decode()

    assert switcher(html) == latin_switcher_without_english()
    assert "en" not in hreflangs_anywhere(html)
    assert alternates(html) == [
        ("sr-Latn", f"http://localhost{LATIN_URL}"),
        ("sr-Cyrl", f"http://localhost{CYRILLIC_URL}"),
        ("x-default", f"http://localhost{LATIN_URL}"),
    ]


@pytest.mark.django_db
def test_the_note_is_written_in_the_missing_language(client, home_pages, settings):
    # Without the automatic Cyrillic copy, the English page has no Cyrillic version.
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False
    latin = create_event(home_pages["sr-latn"])
    translate_event(latin, "en", title="Support for migrants")

    html = client.get(ENGLISH_URL).content.decode()

    assert switcher(html) == [
        ("link", LATIN_URL, "sr-Latn", "sr-Latn", None, "Latinica"),
        ("unavailable", "sr-Cyrl", "Ћирилица (није доступно ћирилицом)"),
        ("link", ENGLISH_URL, "en", "en", "page", "English"),
    ]
    assert "sr-Cyrl" not in [hreflang for hreflang, _url in alternates(html)]


@pytest.mark.django_db
def test_an_unpublished_english_translation_counts_as_missing(client, english_draft):
    html = client.get(LATIN_URL).content.decode()

    assert switcher(html) == latin_switcher_without_english()
    assert "en" not in hreflangs_anywhere(html)


@pytest.mark.django_db
def test_the_switcher_links_to_english_once_a_translator_publishes_it(
    client, translator_client, english_draft, django_capture_on_commit_callbacks
):
    # The anonymous reader's page is now in the page cache, with English unavailable.
    assert switcher(client.get(LATIN_URL).content.decode()) == latin_switcher_without_english()
    data = event_form_data(
        title="Support for migrants",
        slug=english_draft.slug,
        intro=english_draft.intro,
        starts_at="2019-06-20 11:00",
        ends_at="2019-06-20 13:00",
    )
    data["action-publish"] = "action-publish"

    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(
            reverse("wagtailadmin_pages:edit", args=(english_draft.pk,)), data
        )

    assert response.status_code == 302
    html = client.get(LATIN_URL).content.decode()
    assert switcher(html) == [
        ("link", LATIN_URL, "sr-Latn", "sr-Latn", "page", "Latinica"),
        ("link", CYRILLIC_URL, "sr-Cyrl", "sr-Cyrl", None, "Ћирилица"),
        ("link", ENGLISH_URL, "en", "en", None, "English"),
    ]
    assert ("en", f"http://localhost{ENGLISH_URL}") in alternates(html)


@pytest.mark.django_db
def test_a_page_outside_wagtail_still_offers_every_languages_home(client, home_pages):
    html = client.get("/sr-latn/no-such-page/").content.decode()

    assert switcher(html) == [
        ("link", "/sr-latn/", "sr-Latn", "sr-Latn", "page", "Latinica"),
        ("link", "/sr-cyrl/", "sr-Cyrl", "sr-Cyrl", None, "Ћирилица"),
        ("link", "/en/", "en", "en", None, "English"),
    ]
