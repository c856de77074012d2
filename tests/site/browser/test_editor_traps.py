"""Traps the event editor set for a communications editor, checked in the real admin: typed
dates kept and read, agenda errors counted on their tab, honest save status, venues added from
the chooser, and Publish as the main action."""

import datetime
import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from panel_event.models import EventPage, Venue

from .admin_ui import (
    add_list_child,
    expect_message,
    insert_block,
    log_in,
    open_tab,
    publish,
    save_draft,
    type_date_time,
    wait_for_autosave,
)
from .content import BELGRADE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Okrugli sto o integraciji migranata"


@pytest.fixture
def serbian_editor(editor):
    """The communications editor of the usability test: the admin in Serbian Latin."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "sr-latn"
    profile.save()
    return editor


def add_event(page, home):
    page.goto(f"/admin/pages/add/panel_event/eventpage/{home.pk}/")
    # Wagtail notes the form's contents two seconds after it opens and autosaves what differs
    # from them; a test types faster than that, so it waits, as no person needs to.
    page.wait_for_function(
        """() => {
            const form = document.querySelector('form[data-controller~="w-unsaved"]');
            const unsaved = form && window.wagtail.app.getControllerForElementAndIdentifier(
                form, 'w-unsaved'
            );
            return Boolean(unsaved && unsaved.initialFormData);
        }"""
    )


def type_and_leave(field, value):
    field.click()
    field.press_sequentially(value)
    field.press("Tab")


def test_a_date_typed_the_serbian_way_is_kept_read_by_the_picker_and_saved(
    page, serbian_editor, homes
):
    log_in(page, "urednica")
    add_event(page, homes["sr-latn"])
    # Wagtail's own title field: its label and placeholder come from Wagtail's catalogue.
    page.locator("#id_title").fill(TITLE)
    starts = page.get_by_role("textbox", name="Početak")
    ends = page.get_by_role("textbox", name="Kraj")

    type_and_leave(starts, "08.04.2027. 09.00")
    type_and_leave(ends, "8.4.2027. 11:30")

    expect(starts).to_have_value("08.04.2027. 09.00")
    expect(ends).to_have_value("8.4.2027. 11:30")
    # The picker reads the typed date: choosing a time keeps the day, and quarter hours are on
    # offer.
    starts.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker.locator(".xdsoft_time.xdsoft_current")).to_have_text("09:00")
    picker.locator(".xdsoft_time").get_by_text("09:15", exact=True).click()
    expect(starts).to_have_value("08.04.2027. 09:15")
    page.keyboard.press("Tab")
    page.get_by_role("combobox", name="Vrsta događaja").select_option(label="Okrugli sto")

    wait_for_autosave(page)
    event = EventPage.objects.get(title=TITLE)
    assert (event.starts_at, event.ends_at) == (
        datetime.datetime(2027, 4, 8, 9, 15, tzinfo=BELGRADE),
        datetime.datetime(2027, 4, 8, 11, 30, tzinfo=BELGRADE),
    )


def fill_event_tab(page, summary="Razgovor o integraciji."):
    page.get_by_placeholder("Page title*").fill(TITLE)
    type_date_time(page, "Starts", "12.03.2030. 11:00")
    type_date_time(page, "Ends", "12.03.2030. 13:00")
    if summary:
        page.get_by_role("textbox", name="Summary").fill(summary)
    page.get_by_role("combobox", name="Event type").select_option(label="Round table")


def fill_item(item, starts, ends, title):
    type_date_time(item, "Starts", starts)
    type_date_time(item, "Ends", ends)
    item.get_by_role("textbox", name=re.compile("^Title")).fill(title)


def tab_error_count(page, name):
    tab = page.get_by_role("tab", name=re.compile(f"^{name}"))
    return tab.locator('[data-w-count-target="total"]')


def test_every_agenda_mistake_shows_after_one_save_and_the_programme_tab_counts_them(
    page, editor, homes
):
    log_in(page, "urednica")
    add_event(page, homes["sr-latn"])
    fill_event_tab(page)
    wait_for_autosave(page)

    open_tab(page, "Programme and content")
    insert_block(page, "Agenda")
    items_list = page.locator('[data-contentpath="items"]').first
    items = page.locator(".agenda-item-block")
    fill_item(items.nth(0), "10:30", "11.10", "Uvodna reč")
    add_list_child(items_list)
    fill_item(items.nth(1), "11:10", "11:05", "Predstavljanje")
    add_list_child(items_list)
    fill_item(items.nth(2), "11:00", "12:00", "Diskusija")
    # The agenda's time picker offers quarter hours too.
    items.nth(2).get_by_role("textbox", name="Ends").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker.locator(".xdsoft_time").get_by_text("11:45", exact=True)).to_have_count(1)
    page.keyboard.press("Escape")
    save_draft(page)

    expect_message(page, "could not be saved")
    open_tab(page, "Programme and content")
    items = page.locator(".agenda-item-block")
    expect(items.nth(0)).to_contain_text(
        "This item starts at 12 Mar 2030, 10:30, before the event starts (12 Mar 2030, 11:00)."
    )
    expect(items.nth(1)).to_contain_text(
        "This item ends at 11:05, which is not after its start at 11:10."
    )
    expect(items.nth(2)).to_contain_text(
        "This item starts at 11:00, while “Uvodna reč” runs until 11:10."
    )
    expect(tab_error_count(page, "Programme and content")).to_have_text("3")
    expect(tab_error_count(page, "Event")).to_have_text("")
    # What the editor typed is kept, in the form they typed it.
    expect(items.nth(0).get_by_role("textbox", name="Ends")).to_have_value("11.10")


def test_a_failed_publish_never_says_saved_and_could_not_be_saved_at_once(page, editor, homes):
    log_in(page, "urednica")
    add_event(page, homes["sr-latn"])
    fill_event_tab(page, summary="")
    wait_for_autosave(page)

    save_draft(page)

    expect_message(page, "Saved as a draft. Before publishing, fill in: Summary.")
    summary_field = page.locator("[data-field-wrapper]").filter(
        has=page.get_by_role("textbox", name="Summary")
    )
    expect(summary_field).to_contain_text("Still empty: needed before publishing.")

    page.get_by_placeholder("Page title*").fill(TITLE + " u Nišu")
    publish(page)

    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    expect(page.locator(".messages")).to_contain_text(
        "Your changes are saved as a draft but not published. Fix the errors marked below, "
        "then publish."
    )
    expect(page.locator(".messages")).not_to_contain_text("could not be")
    event = EventPage.objects.get(title=TITLE + " u Nišu")
    assert not event.live


def test_the_editor_adds_a_venue_from_the_chooser(page, editor, homes):
    log_in(page, "urednica")
    add_event(page, homes["sr-latn"])

    page.get_by_role("button", name="Choose venue").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Add a new venue").click()
    dialog.get_by_role("textbox", name="Name").fill("Dom omladine Beograda")
    dialog.get_by_role("textbox", name="Street address").fill("Makedonska 22")
    dialog.get_by_role("textbox", name="City").fill("Beograd")
    dialog.get_by_role("button", name="Add venue").click()

    expect(dialog).to_be_hidden()
    expect(page.locator("#id_venue-title")).to_have_text("Dom omladine Beograda, Beograd")
    venue = Venue.objects.get(name="Dom omladine Beograda")
    assert (venue.locale.language_code, venue.street_address) == ("sr-latn", "Makedonska 22")
