"""The demo's own editor and translator at work in Serbian: an event written in Cyrillic, its
Latin version published with it, the admin switched to Cyrillic, and the English translation
found missing in the translation overview and started from there.

The accounts are the demo's (``home.demo.accounts``), with the groups and admin language it
gives them; only their passwords come from the environment, as ``load_demo`` allows.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.demo.accounts import ensure_demo_accounts
from panel_event.models import EventPage
from tests.event_form_data import event_form_data

from .admin_ui import (
    log_in,
    type_date_time,
    wait_for_autosave,
    wait_for_edit_tracking,
)
from .content import upcoming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORDS = {
    "DEMO_ADMIN_PASSWORD": "demo-admin-password",
    "DEMO_EDITOR_PASSWORD": "demo-editor-password",
    "DEMO_TRANSLATOR_PASSWORD": "demo-translator-password",
}
CYRILLIC_TITLE = "Округли сто о подршци мигрантима"
LATIN_TITLE = "Okrugli sto o podršci migrantima"
SLUG = "okrugli-sto-o-podrsci-migrantima"
CYRILLIC_SUMMARY = "Разговор о томе како градови и центри за социјални рад подржавају мигранте."
CYRILLIC_ROOM = "Велика сала, други спрат"


@pytest.fixture
def demo_accounts(homes, monkeypatch):
    for variable, password in PASSWORDS.items():
        monkeypatch.setenv(variable, password)
    return {report.username: report for report in ensure_demo_accounts()}


@pytest.fixture
def cyrillic_event(demo_accounts, homes):
    """The event as the demo editor publishes it from the Cyrillic tree's page editor."""
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="editor"))
    add_url = reverse(
        "wagtailadmin_pages:add", args=("panel_event", "eventpage", homes["sr-cyrl"].pk)
    )
    data = event_form_data(
        title=CYRILLIC_TITLE,
        slug=SLUG,
        intro=CYRILLIC_SUMMARY,
        room=CYRILLIC_ROOM,
        starts_at=upcoming(25, 11).strftime("%Y-%m-%d %H:%M"),
        ends_at=upcoming(25, 13).strftime("%Y-%m-%d %H:%M"),
    )
    data["action-publish"] = "action-publish"
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(locale__language_code="sr-cyrl", slug=SLUG)


def sidebar(page):
    return page.locator("#wagtail-sidebar")


def expect_admin_menu(page, dashboard, pages, reports):
    """The sidebar names the Dashboard, Pages and Reports in the admin's language."""
    menu = sidebar(page)
    expect(menu.get_by_role("link", name=dashboard, exact=True)).to_be_visible()
    expect(menu.get_by_role("button", name=pages, exact=True)).to_be_visible()
    expect(menu.get_by_role("button", name=reports, exact=True)).to_be_visible()


def open_translation_overview(page, reports, overview):
    sidebar(page).get_by_role("button", name=reports, exact=True).click()
    sidebar(page).get_by_role("link", name=overview, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(overview)


def write_cyrillic_event(page, home):
    """From the Cyrillic home page in the explorer: add a child page of type Event, fill it in
    Cyrillic, publish."""
    page.goto(f"/admin/pages/{home.pk}/")
    page.get_by_role("link", name="Dodaj podstranicu").first.click()
    page.get_by_role("link", name=re.compile(r"^Događaj\b")).first.click()
    wait_for_edit_tracking(page)
    page.get_by_placeholder(re.compile(r"^Naslov stranice")).fill(CYRILLIC_TITLE)
    page.get_by_role("textbox", name="Sažetak").fill(CYRILLIC_SUMMARY)
    page.get_by_role("combobox", name="Vrsta događaja").select_option(label="Okrugli sto")
    type_date_time(page, "Početak", upcoming(25, 11).strftime("%Y-%m-%d %H:%M"))
    type_date_time(page, "Kraj", upcoming(25, 13).strftime("%Y-%m-%d %H:%M"))
    page.get_by_role("textbox", name="Sala").fill(CYRILLIC_ROOM)
    wait_for_autosave(page)
    page.get_by_role("button", name="Objavi", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(CYRILLIC_TITLE)


def expect_public_title(page, url, title):
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def choose_filter(page, name, choice):
    """In the header's filter menu, open the filter ``name`` and choose ``choice``."""
    filters = page.get_by_role("button", name="Prikaži filtere")
    if filters.get_attribute("aria-expanded") != "true":
        filters.click()
    page.get_by_role("button", name=name, exact=True).click()
    page.get_by_role("combobox", name=name, exact=True).select_option(label=choice)
    page.get_by_role("button", name="Nazad").locator("visible=true").click()


def english_cell(page, title):
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=title))
    return row.locator('td[data-language="en"]')


def test_demo_editor_writes_in_cyrillic_and_finds_english_missing(page, homes, demo_accounts):
    # (1) The demo editor's admin speaks Serbian Latin from the first sign-in.
    log_in(page, "editor", PASSWORDS["DEMO_EDITOR_PASSWORD"])
    expect(page.locator("html")).to_have_attribute("lang", "sr-latn")
    expect_admin_menu(page, "Kontrolna tabla", "Stranice", "Izveštaji")
    expect(page.get_by_role("heading", level=2, name="Jelena Marković")).to_be_visible()

    # (2) An event written in the Cyrillic tree, published: the Latin version is live at once,
    # at a plain ASCII address.
    write_cyrillic_event(page, homes["sr-cyrl"])
    cyrillic = EventPage.objects.get(locale__language_code="sr-cyrl", title=CYRILLIC_TITLE)
    assert cyrillic.live
    assert cyrillic.slug == SLUG
    latin = cyrillic.get_translation(Locale.objects.get(language_code="sr-latn"))
    assert (latin.title, latin.slug, latin.live) == (LATIN_TITLE, SLUG, True)
    expect_public_title(page, f"/sr-latn/{SLUG}/", LATIN_TITLE)
    expect_public_title(page, f"/sr-cyrl/{SLUG}/", CYRILLIC_TITLE)

    # (3) Reports → Translation overview, English, needs work: the event's English is missing,
    # and its link opens wagtail-localize's Translate form with English ticked.
    page.goto("/admin/")
    open_translation_overview(page, "Izveštaji", "Pregled prevoda")
    choose_filter(page, "Jezik", "English")
    choose_filter(page, "Stanje", "Treba uraditi (nedostaje ili zaostaje)")
    expect(page.get_by_role("columnheader")).to_have_text(
        ["Naslov", "Tip", "Jezik originala", "English"]
    )
    expect(page.get_by_role("row").filter(has=page.get_by_role("rowheader"))).to_have_count(1)
    cell = english_cell(page, CYRILLIC_TITLE)
    expect(cell).to_have_attribute("data-state", "missing")
    expect(cell).to_have_text("Nedostaje: prevedi")
    cell.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/admin/localize/submit/page/{cyrillic.pk}/"))
    expect(page.get_by_role("checkbox", name="English")).to_be_checked()

    # (4) Nalog → the admin in Serbian Cyrillic.
    sidebar(page).get_by_role("button", name="Jelena", exact=True).click()
    sidebar(page).get_by_role("link", name="Nalog", exact=True).click()
    page.get_by_role("combobox", name="Željeni jezik").select_option(label="српски (ћирилица)")
    page.get_by_role("button", name="Sačuvaj", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "sr-cyrl")
    page.goto("/admin/")
    expect_admin_menu(page, "Контролна табла", "Странице", "Извештаји")
    open_translation_overview(page, "Извештаји", "Преглед превода")
    assert UserProfile.get_for_user(cyrillic.owner).preferred_language == "sr-cyrl"


def test_demo_translator_starts_english_from_the_overview(page, cyrillic_event):
    # (1) The demo translator's admin speaks Serbian Latin; the overview shows the languages
    # they translate, Cyrillic and English, and not Serbian Latin.
    log_in(page, "translator", PASSWORDS["DEMO_TRANSLATOR_PASSWORD"])
    expect(page.locator("html")).to_have_attribute("lang", "sr-latn")
    expect_admin_menu(page, "Kontrolna tabla", "Stranice", "Izveštaji")
    open_translation_overview(page, "Izveštaji", "Pregled prevoda")
    expect(page.get_by_role("columnheader")).to_have_text(
        ["Naslov", "Tip", "Jezik originala", "Српски (ћирилица)", "English"]
    )
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=CYRILLIC_TITLE))
    expect(row.locator("td[data-language]")).to_have_text(["Original", "Nedostaje: prevedi"])
    cell = english_cell(page, CYRILLIC_TITLE)
    expect(cell).to_have_attribute("data-state", "missing")

    # (2) The cell's link: the Translate form with English ticked; submitting it opens the
    # translation editor for the new English draft.
    cell.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/admin/localize/submit/page/{cyrillic_event.pk}/"))
    expect(page.get_by_role("checkbox", name="English")).to_be_checked()
    page.get_by_role("button", name="Pošalji", exact=True).click()
    english = cyrillic_event.get_translation(Locale.objects.get(language_code="en"))
    page.wait_for_url(re.compile(rf"/admin/pages/{english.pk}/edit/$"))
    expect(page.locator(".js-translation-editor section h3").first).to_have_text(
        "Prevod: Српски (ћирилица) → English"
    )
    assert (english.title, english.live) == (CYRILLIC_TITLE, False)
