"""The translator's journey in the real admin: English for a new event, started the way the
admin offers it to a translator, translated, published and read.

Translators see only the Cyrillic and English trees, so the "Translate this page" they can
press is the one on the generated Cyrillic copy. It must lead to a translation of the Serbian
Latin original, one record per object, that stays a draft until every segment is translated.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from panel_event.models import EventPage, PartnerSnippet
from tests.conftest import user_in_role
from tests.event_form_data import new_event_in_subotica

from .admin_ui import (
    expect_message,
    log_in,
    translate_every_remaining_segment,
    translate_segment,
)
from .content import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "okrugli-sto-subotica"
TITLE = "Okrugli sto o socijalnoj zaštiti u Subotici"
ENGLISH_TITLE = "Round table on social protection in Subotica"
ITEM = "Uvodna reč"
ENGLISH_ITEM = "Opening words"
ENGLISH_TEXTS = {
    TITLE: ENGLISH_TITLE,
    ITEM: ENGLISH_ITEM,
    "koordinatorka projekta": "project coordinator",
}


@pytest.fixture
def team(homes):
    return {
        username: user_in_role(username, role, password=PASSWORD)
        for username, role in (("urednica", COMMUNICATIONS_EDITORS), ("prevodilac", TRANSLATORS))
    }


@pytest.fixture
def latin_event(team, homes):
    """A new event, written and published in Serbian Latin by the editor in the page editor."""
    data, _partner, _venue = new_event_in_subotica(TITLE, SLUG, ITEM, "koordinatorka projekta")
    editor = Client()
    editor.force_login(team["urednica"])
    add_url = reverse(
        "wagtailadmin_pages:add", args=("panel_event", "eventpage", homes["sr-latn"].pk)
    )
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug=SLUG, locale__language_code="sr-latn")


def test_translator_starts_translates_publishes_and_reads_english(page, homes, latin_event):
    cyrillic = latin_event.get_translation(Locale.objects.get(language_code="sr-cyrl"))

    # (1) The translator's explorer shows the Cyrillic tree; the event's "More options" menu
    # offers "Translate this page".
    log_in(page, "prevodilac")
    page.goto(f"/admin/pages/{homes['sr-cyrl'].pk}/")
    row = page.get_by_role("row").filter(has_text=cyrillic.title)
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Translate this page").click()

    # (2) It is the original's translation that starts, with a word on why.
    expect_message(page, f"Translations are made from the original, “{TITLE}”")
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("button", name="Submit").click()
    expect_message(page, "submitted for translation into English")
    expect(
        page.get_by_role("heading", name="Srpski (latinica) to English translation")
    ).to_be_visible()
    english = latin_event.get_translation(Locale.objects.get(language_code="en"))
    assert english.live is False
    for instance in (
        latin_event,
        latin_event.venue,
        PartnerSnippet.objects.get(acronym="IOM", locale=latin_event.locale),
    ):
        assert TranslationSource.objects.filter(object_id=instance.translation_key).count() == 1
        assert (
            Translation.objects.filter(
                source__object_id=instance.translation_key, target_locale=english.locale
            ).count()
            == 1
        )

    # (3) Publishing half a translation is refused, and says how much is left.
    translate_segment(page, TITLE, ENGLISH_TITLE)
    page.get_by_role("button", name="Publish in English").click()
    expect_message(page, re.compile(r"was not published: \d+ segments are not translated"))
    assert Client().get(f"/en/{SLUG}/").status_code == 404

    # (4) Every segment translated: published, and read by the public.
    translate_every_remaining_segment(page, ENGLISH_TEXTS)
    page.get_by_role("button", name="Publish in English").click()
    expect_message(page, f"Published '{ENGLISH_TITLE}' in English")
    page.goto(f"/en/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    expect(page.locator(".agenda-item__title")).to_have_text(ENGLISH_ITEM)

    # (5) Every English editor still opens, for the translator and an administrator.
    page.goto(f"/admin/pages/{english.pk}/edit/")
    expect(
        page.get_by_role("heading", name="Srpski (latinica) to English translation")
    ).to_be_visible()
