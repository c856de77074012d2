"""The admin in Serbian, as a browser shows it: Wagtail's and wagtail-localize's screens, their
server-rendered text and what their scripts draw (StreamField controls, the sidebar, the
translation editor), in Serbian Latin and Serbian Cyrillic.

A screen fails when it shows a whole English interface string of Wagtail or wagtail-localize
that the catalogue translates, or, in Cyrillic, the Latin translation of one.
"""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from panel_event.models import EventPage
from tests.conftest import user_in_role
from tests.event_form_data import new_event_in_subotica
from tests.site.test_admin_catalogue import foreign_msgids

from .admin_ui import log_in
from .content import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCRIPTS = {"sr-latn": "Umetni blok", "sr-cyrl": "Уметни блок"}
# wagtail-localize 1.14.5 writes the heading above each tab's segments and its action menu
# toggle's label into its script in English; the plugin replaces them once they are drawn.
TRANSLATION_HEADINGS = {
    "sr-latn": "Prevod: Srpski (latinica) → English",
    "sr-cyrl": "Превод: Srpski (latinica) → English",
}

# What the browser shows a user: rendered text plus the labels assistive technology reads,
# buttons' values included.
SCREEN_TEXTS = """() => {
  const texts = new Set(document.body.innerText.split("\\n").map((t) => t.trim()).filter(Boolean));
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
    if (element.closest("[hidden]")) continue;
    for (const name of ["aria-label", "title", "placeholder"]) {
      const value = element.getAttribute(name);
      if (value) texts.add(value.trim());
    }
  }
  for (const button of document.querySelectorAll("input[type=submit], input[type=button]")) {
    if (button.value) texts.add(button.value.trim());
  }
  return [...texts];
}"""


def speak(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def foreign_texts_on(page, path, foreign):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return sorted(set(page.evaluate(SCREEN_TEXTS)) & foreign)


@pytest.fixture
def team(homes):
    return {
        username: user_in_role(username, role, password=PASSWORD)
        for username, role in (("urednica", COMMUNICATIONS_EDITORS), ("prevodilac", TRANSLATORS))
    }


@pytest.fixture
def english_translation(team, homes):
    """An event the editor published in Serbian Latin, submitted for English by the translator."""
    data, _partner, _venue = new_event_in_subotica(
        "Lokalne zajednice i podrška", "lokalne-zajednice", "Uvodna reč", "koordinatorka projekta"
    )
    editor = Client()
    editor.force_login(team["urednica"])
    add_url = reverse(
        "wagtailadmin_pages:add", args=("panel_event", "eventpage", homes["sr-latn"].pk)
    )
    assert editor.post(add_url, data).status_code == 302
    event = EventPage.objects.get(slug="lokalne-zajednice", locale__language_code="sr-latn")
    translator = Client()
    translator.force_login(team["prevodilac"])
    english = Locale.objects.get(language_code="en")
    submit_url = reverse("wagtail_localize:submit_page_translation", args=(event.pk,))
    assert translator.post(submit_url, {"locales": [english.pk]}).status_code == 302
    return event, event.get_translation(english)


@pytest.mark.parametrize("language", SCRIPTS)
def test_event_editor_scripts_speak_serbian(page, superuser, homes, language):
    speak(superuser, language)
    log_in(page, "admin")
    path = f"/admin/pages/add/panel_event/eventpage/{homes['sr-latn'].pk}/"
    foreign = foreign_msgids(language, domains=("django", "djangojs"))
    assert foreign_texts_on(page, path, foreign) == []
    # Drawn by StreamField's script, from the plugin's JavaScript catalogue.
    expect(page.locator("#body-root").get_by_title(SCRIPTS[language]).first).to_be_attached()


@pytest.mark.parametrize("language", SCRIPTS)
def test_translators_screens_speak_serbian(page, team, homes, english_translation, language):
    _event, english = english_translation
    speak(team["prevodilac"], language)
    log_in(page, "prevodilac")
    foreign = foreign_msgids(language, domains=("django", "djangojs"))
    screens = [
        "/admin/",
        f"/admin/pages/{homes['sr-cyrl'].pk}/",
        f"/admin/pages/{english.pk}/edit/",
        "/admin/snippets/panel_event/partnersnippet/",
        "/admin/pages/search/?q=zajednice",
        "/admin/account/",
    ]
    leftovers = {path: foreign_texts_on(page, path, foreign) for path in screens}
    assert leftovers == {path: [] for path in screens}


@pytest.mark.parametrize("language", SCRIPTS)
def test_the_translation_editor_draws_its_headings_in_serbian(
    page, team, english_translation, language
):
    _event, english = english_translation
    speak(team["prevodilac"], language)
    log_in(page, "prevodilac")
    page.goto(f"/admin/pages/{english.pk}/edit/")

    headings = page.locator(".js-translation-editor section h3")
    expect(headings.first).to_have_text(TRANSLATION_HEADINGS[language])
    english_headings = [text for text in headings.all_inner_texts() if text.endswith("translation")]
    assert english_headings == []
    texts = set(page.evaluate(SCREEN_TEXTS))
    assert "More actions" not in texts


@pytest.mark.parametrize("language", SCRIPTS)
def test_editors_screens_speak_serbian(page, team, homes, english_translation, language):
    event, _english = english_translation
    speak(team["urednica"], language)
    log_in(page, "urednica")
    foreign = foreign_msgids(language, domains=("django", "djangojs"))
    screens = [
        "/admin/",
        f"/admin/pages/{homes['sr-latn'].pk}/",
        f"/admin/pages/{event.pk}/edit/",
        "/admin/snippets/panel_event/venue/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
    ]
    assert {path: foreign_texts_on(page, path, foreign) for path in screens} == {
        path: [] for path in screens
    }
