"""An editor's whole journey in the real admin: from the login form to the page in three
languages, with Chromium doing what a person does."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from panel_event.models import EventPage, PartnerSnippet, Venue

from .admin_ui import (
    add_list_child,
    choose_in_modal,
    expect_message,
    insert_block,
    log_in,
    machine_translation_button,
    open_header_actions,
    open_tab,
    publish,
    save_draft,
    translate_every_remaining_segment,
    translate_segment,
    type_date_time,
    wait_for_autosave,
)
from .content import BELGRADE, upcoming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Podrška migrantima u lokalnim zajednicama"
CYRILLIC_TITLE = "Подршка мигрантима у локалним заједницама"
ENGLISH_TITLE = "Support for migrants in local communities"
ITEM = "Uvodna obraćanja"
CYRILLIC_ITEM = "Уводна обраћања"
ENGLISH_ITEM = "Opening remarks"
SPEAKERS = {
    "sr-latn": ["Jelena Ribać", "Ursula Lojbli"],
    "sr-cyrl": ["Јелена Рибаћ", "Урсула Лојбли"],
    "en": ["Jelena Ribać", "Ursula Lojbli"],
}
PARTNER = "Međunarodna organizacija za migracije"


@pytest.fixture
def snippets(homes):
    """A venue and a partner an editor has entered before (their Cyrillic versions follow)."""
    latin = Locale.objects.get(language_code="sr-latn")
    venue = Venue.objects.create(
        name="Media i reform centar Niš",
        street_address="Generala Milojka Lešjanina 2",
        postal_code="18000",
        city="Niš",
        locale=latin,
    )
    partner = PartnerSnippet.objects.create(name=PARTNER, acronym="IOM", locale=latin)
    return venue, partner


def fill_event_form(page, starts, ends):
    page.get_by_placeholder("Page title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(
        "Panel diskusija o podršci migrantima u gradovima Srbije."
    )
    # A new event starts with no type: the editor chooses one.
    page.get_by_role("combobox", name="Event type").select_option(label="Panel discussion")
    type_date_time(page, "Starts", starts.strftime("%Y-%m-%d %H:%M"))
    type_date_time(page, "Ends", ends.strftime("%Y-%m-%d %H:%M"))
    choose_in_modal(
        page, page.get_by_role("button", name="Choose venue"), "Media i reform centar Niš"
    )
    expect(page.locator("#id_venue-title")).to_have_text("Media i reform centar Niš, Niš")

    open_tab(page, "Programme and content")
    insert_block(page, "Agenda")
    item = page.locator(".agenda-item-block").first
    type_date_time(item, "Starts", "11:00")
    type_date_time(item, "Ends", "11:15")
    item.get_by_role("textbox", name=re.compile("^Title")).fill(ITEM)
    item.get_by_role("combobox", name="Kind").select_option(label="Opening remarks")

    speakers = item.locator('[data-contentpath="speakers"]')
    add_list_child(speakers)
    first = speakers.locator(".speaker-block").nth(0)
    first.get_by_role("textbox", name=re.compile("^Name")).fill(SPEAKERS["sr-latn"][0])
    first.get_by_role("textbox", name="Role or title").fill("koordinatorka projekta")
    choose_in_modal(page, first.get_by_role("button", name="Choose partner"), PARTNER, "IOM")
    expect(first.locator("[data-chooser-title]")).to_have_text(f"{PARTNER} (IOM)")

    add_list_child(speakers)
    second = speakers.locator(".speaker-block").nth(1)
    second.get_by_role("textbox", name=re.compile("^Name")).fill(SPEAKERS["sr-latn"][1])
    second.get_by_role("textbox", name="Organisation (typed)").fill(
        "Ambasada Švajcarske u Republici Srbiji"
    )

    insert_block(page, "Partners")
    partners = page.locator('[data-contentpath="partners"]').last
    choose_in_modal(page, partners.get_by_role("button", name="Choose partner"), PARTNER)
    partners.get_by_role("combobox", name="Role in this event").select_option(label="Organiser")


def expect_public_page(page, url, title, item, speakers):
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".agenda-item__title").first).to_have_text(item)
    for name in speakers:
        expect(page.locator(".speaker__name").filter(has_text=name)).to_have_count(1)


def test_editor_creates_previews_publishes_and_translates_an_event(page, editor, homes, snippets):
    starts, ends = upcoming(40, 11), upcoming(40, 13)

    # (1) The login form, as a communications editor.
    log_in(page, "urednica")

    # (2) Under the Serbian Latin home page: add child page → Event.
    page.goto(f"/admin/pages/{homes['sr-latn'].pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name=re.compile(r"^Event\b")).first.click()
    expect(page.get_by_role("heading", name=re.compile("New: Event"))).to_be_visible()
    fill_event_form(page, starts, ends)

    # (3) Save a draft, look at the preview, publish.
    wait_for_autosave(page)
    save_draft(page)
    expect_message(page, f"Page '{TITLE}' has been updated.")
    event = EventPage.objects.get(title=TITLE, locale__language_code="sr-latn")
    assert not event.live
    assert event.has_unpublished_changes
    assert timezone.localtime(event.starts_at, BELGRADE) == starts
    assert timezone.localtime(event.ends_at, BELGRADE) == ends
    assert event.venue.name == "Media i reform centar Niš"

    # The preview panel's "Preview in new tab" shows the draft as readers will see it. (The
    # panel's own iframe is checked in test_preview_panel_shows_the_draft.)
    page.get_by_role("button", name="Toggle preview").click()
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Preview in new tab").click()
    preview = new_tab.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(preview.locator(".agenda-item__title")).to_have_text(ITEM)
    expect(preview.locator(".speaker__name")).to_have_text(SPEAKERS["sr-latn"])
    preview.close()
    page.get_by_role("button", name="Toggle preview").click()

    publish(page)
    expect_message(page, "published")
    event.refresh_from_db()
    assert event.live
    body = event.specific.body
    agenda, partners = body[0].value, body[1].value
    speakers = agenda["items"][0]["speakers"]
    assert [s["name"] for s in speakers] == SPEAKERS["sr-latn"]
    assert speakers[0]["organisation"].name == PARTNER
    assert speakers[1]["organisation_text"] == "Ambasada Švajcarske u Republici Srbiji"
    assert partners["partners"][0]["partner"].name == PARTNER
    assert partners["partners"][0]["role"] == "organiser"

    # (4) Publishing in Latin published the Cyrillic version.
    slug = event.slug
    expect_public_page(
        page, f"/sr-cyrl/{slug}/", CYRILLIC_TITLE, CYRILLIC_ITEM, SPEAKERS["sr-cyrl"]
    )
    # ... and its admin edit view is wagtail-localize's translation editor, with the
    # one-click transliteration.
    cyrillic = EventPage.objects.get(
        translation_key=event.translation_key, locale__language_code="sr-cyrl"
    )
    page.goto(f"/admin/pages/{cyrillic.pk}/edit/")
    expect(
        page.get_by_role("heading", name="Srpski (latinica) to Српски (ћирилица) translation")
    ).to_be_visible()
    expect(machine_translation_button(page)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Publish in Српски"))).to_be_visible()

    # (5) English through the admin: Actions → Translate this page → English.
    page.goto(f"/admin/pages/{event.pk}/edit/")
    open_header_actions(page)
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("button", name="Submit").click()
    expect_message(page, "submitted for translation into English")
    expect(
        page.get_by_role("heading", name="Srpski (latinica) to English translation")
    ).to_be_visible()
    translate_segment(page, TITLE, ENGLISH_TITLE)
    open_tab(page, "Programme and content")
    translate_segment(page, ITEM, ENGLISH_ITEM)
    page.get_by_role("button", name="Publish in English").click()
    # Half a translation stays a draft: readers would get Serbian text under an English title.
    expect_message(page, re.compile(r"was not published: \d+ segments are not translated"))
    translate_every_remaining_segment(page, {})
    page.get_by_role("button", name="Publish in English").click()
    expect_message(page, f"Published '{ENGLISH_TITLE}' in English")

    # (6) The public page in each language.
    expect_public_page(page, f"/sr-latn/{slug}/", TITLE, ITEM, SPEAKERS["sr-latn"])
    expect_public_page(
        page, f"/sr-cyrl/{slug}/", CYRILLIC_TITLE, CYRILLIC_ITEM, SPEAKERS["sr-cyrl"]
    )
    expect_public_page(page, f"/en/{slug}/", ENGLISH_TITLE, ENGLISH_ITEM, SPEAKERS["en"])
