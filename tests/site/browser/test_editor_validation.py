"""What an editor sees when the server rejects the form: the error on the item at fault, and
everything else as they typed it."""

import re

import pytest
from playwright.sync_api import expect

from panel_event.models import EventPage

from .admin_ui import add_list_child, insert_block, log_in, open_tab, save_draft, type_date_time

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Okrugli sto o integraciji migranata"


def fill_item(item, starts, ends, title):
    type_date_time(item, "Starts", starts)
    type_date_time(item, "Ends", ends)
    item.get_by_role("textbox", name=re.compile("^Title")).fill(title)


def test_an_agenda_item_that_ends_before_it_starts_is_flagged_on_that_item(page, superuser, homes):
    log_in(page, "admin")
    page.goto(f"/admin/pages/{homes['sr-latn'].pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name=re.compile(r"^Event\b")).first.click()
    page.get_by_placeholder("Page title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill("Razgovor o integraciji.")
    type_date_time(page, "Starts", "2030-03-12 10:00")
    type_date_time(page, "Ends", "2030-03-12 13:00")

    open_tab(page, "Programme and content")
    insert_block(page, "Agenda")
    items = page.locator(".agenda-item-block")
    fill_item(items.nth(0), "10:00", "10:30", "Uvodna reč")
    add_list_child(page.locator('[data-contentpath="items"]').first)
    fill_item(items.nth(1), "11:00", "10:45", "Diskusija")

    save_draft(page)

    expect(page.locator(".messages")).to_contain_text("could not be")
    open_tab(page, "Programme and content")
    items = page.locator(".agenda-item-block")
    expect(items).to_have_count(2)
    error = "This item ends at 10:45, which is not after its start at 11:00."
    expect(items.nth(1).get_by_text(error)).to_be_visible()
    expect(items.nth(0)).not_to_contain_text("This item ends at")
    # What the editor typed is still there.
    expect(items.nth(0).get_by_role("textbox", name=re.compile("^Title"))).to_have_value(
        "Uvodna reč"
    )
    expect(items.nth(1).get_by_role("textbox", name=re.compile("^Title"))).to_have_value(
        "Diskusija"
    )
    expect(items.nth(1).get_by_role("textbox", name="Ends")).to_have_value("10:45")
    open_tab(page, "Event")
    expect(page.get_by_placeholder("Page title*")).to_have_value(TITLE)
    expect(page.get_by_role("textbox", name="Starts")).to_have_value("2030-03-12 10:00")
    assert not EventPage.objects.filter(title=TITLE, live=True).exists()
