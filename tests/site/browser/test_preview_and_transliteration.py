"""The preview panel, and Serbian Cyrillic made with one click in the translation editor."""

import re

import pytest
from playwright.sync_api import expect

from panel_event.models import EventPage

from .admin_ui import log_in, machine_translation_button, open_header_actions
from .content import EVENT_TEXT, event_body, upcoming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def latin_event(homes, partners, live):
    text = EVENT_TEXT["sr-latn"]
    event = EventPage(
        title=text["title"],
        slug="lokalne-zajednice",
        intro=text["intro"],
        starts_at=upcoming(20, 11),
        ends_at=upcoming(20, 13),
        body=event_body(text, partners),
        live=live,
    )
    homes["sr-latn"].add_child(instance=event)
    revision = event.save_revision()
    if live:
        revision.publish()
    return event


def test_preview_panel_shows_the_draft(page, editor, homes, latin_partners):
    event = latin_event(homes, latin_partners, live=False)
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "frame" in message.text else None,
    )
    log_in(page, "urednica")
    page.goto(f"/admin/pages/{event.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    heading = preview.get_by_role("heading", level=1)
    try:
        expect(heading).to_have_text(EVENT_TEXT["sr-latn"]["title"])
    except AssertionError as error:
        raise AssertionError(
            f"The preview panel stays empty. Browser console: {blocked}"
        ) from error
    expect(preview.locator(".agenda-item__title").first).to_have_text("Uvodna obraćanja")


def test_cyrillic_with_one_click_when_automatic_transliteration_is_off(
    page, settings, editor, homes, latin_partners
):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False
    event = latin_event(homes, latin_partners, live=True)
    assert event.get_translation_or_none(homes["sr-cyrl"].locale) is None

    log_in(page, "urednica")
    page.goto(f"/admin/pages/{event.pk}/edit/")
    open_header_actions(page)
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_role("checkbox", name="Српски (ћирилица)").check()
    page.get_by_role("button", name="Submit").click()
    expect(
        page.get_by_role("heading", name="Srpski (latinica) to Српски (ћирилица) translation")
    ).to_be_visible()

    machine_translation_button(page).click()
    expect(page.locator(".messages")).to_contain_text("translated")
    page.get_by_role("button", name="Publish in Српски (ћирилица)").click()
    expect(page.locator(".messages")).to_contain_text("Published")

    page.goto(f"/sr-cyrl/{event.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Локалне заједнице и подршка мигрантима у Србији"
    )
    expect(page.locator(".agenda-item__title").first).to_have_text("Уводна обраћања")
    expect(page.locator(".speaker__name")).to_have_text(["Јелена Рибаћ", "Урсула Лојбли"])
    cyrillic = EventPage.objects.get(
        translation_key=event.translation_key, locale__language_code="sr-cyrl"
    )
    assert cyrillic.live
    assert re.fullmatch(r"[^A-Za-z]+", cyrillic.title)
