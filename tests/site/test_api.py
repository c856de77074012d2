"""The JSON API on this site, read against the demo content that ``make run`` shows.

The demo is loaded once for the module, inside a transaction rolled back afterwards, and every
demo event is compared in each language with its public page.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings

from home.demo import images
from panel_event.models import EventPage
from tests.api_facts import api_facts, page_facts

pytestmark = pytest.mark.django_db

LANGUAGES = ("sr-latn", "sr-cyrl", "en")


def load_demo():
    """As ``make run`` loads it, with the publishing done on commit carried out, and small
    pictures: full-size renditions would take most of this module's time."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "HERO_SIZE", (320, 180))
        patch.setattr(images, "LOGO_SIZE", (120, 60))
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="module")
def demo_answers(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(language code, slug): (page HTML, API detail JSON)}, and the listing per language."""
    media_root = tmp_path_factory.mktemp("api-demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        load_demo()
        client = Client()
        events = {}
        for event in EventPage.objects.live().select_related("locale"):
            key = (event.locale.language_code, event.slug)
            page = client.get(event.url)
            detail = client.get(f"/api/v2/events/{event.pk}/")
            assert page.status_code == detail.status_code == 200
            events[key] = (page.content, detail.json())
        listings = {
            code: client.get("/api/v2/events/", {"locale": code}).json() for code in LANGUAGES
        }
        transaction.set_rollback(True)
    return {"events": events, "listings": listings}


def test_every_demo_event_is_listed_in_every_language(demo_answers):
    slugs = {
        code: sorted(slug for language, slug in demo_answers["events"] if language == code)
        for code in LANGUAGES
    }

    for code, listing in demo_answers["listings"].items():
        assert sorted(item["meta"]["slug"] for item in listing["items"]) == slugs[code]
        assert {item["meta"]["locale"] for item in listing["items"]} == {code}
    assert len(slugs["sr-latn"]) >= 3
    assert slugs["sr-latn"] == slugs["sr-cyrl"] == slugs["en"]


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_the_api_says_what_each_demo_page_shows(demo_answers, language_code):
    compared = 0
    for (code, _slug), (html, data) in demo_answers["events"].items():
        if code != language_code:
            continue
        assert api_facts(data) == page_facts(html)
        compared += 1

    assert compared >= 3


def test_the_seed_panel_has_its_agenda_and_speakers_in_english(demo_answers):
    _html, data = demo_answers["events"][("en", "podrska-i-zastita-migranata")]
    [agenda] = data["agendas"]

    assert agenda["items"][0]["starts_at"] == "2019-06-20T11:00:00+02:00"
    assert agenda["items"][0]["kind"]["code"] == "opening"
    assert [speaker["name"] for speaker in agenda["items"][0]["speakers"]][-1] == "Jelena Ribać"
    assert [link["locale"] for link in data["translations"]] == ["sr-latn", "sr-cyrl"]
