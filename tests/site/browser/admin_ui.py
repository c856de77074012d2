"""What an editor does in the Wagtail admin, in Playwright steps.

Locators follow what a person sees: labels, roles and button names. Where Wagtail gives a
field no accessible name of its own (StreamField's insert buttons, a block's children), the
step is scoped to the block through the classes this project gives its blocks
(``agenda-item-block``, ``speaker-block``) or Wagtail's own content paths.
"""

import re

from django.utils import translation
from playwright.sync_api import expect
from wagtail_localize.machine_translators import get_machine_translator

from .content import PASSWORD


def log_in(page, username, password=PASSWORD):
    """Log in through the admin's login form, as a person does."""
    page.goto("/admin/login/")
    # The login page speaks the browser's language (the context asks for English).
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def type_date_time(scope, name, value):
    """Type a date-time or time into an admin picker field, then leave it as a person does.

    ``scope`` is the page or the block that holds the field.
    """
    field = scope.get_by_role("textbox", name=name)
    field.click()
    field.press_sequentially(value)
    # Leaving the field closes the picker, which then checks the value against its format.
    field.press("Tab")
    expect(field).to_have_value(value)


def choose_in_modal(page, opener, choice, search=None):
    """Open a chooser, optionally search, pick ``choice`` from the results, wait for it to close."""
    opener.click()
    dialog = page.get_by_role("dialog").filter(has=page.get_by_role("heading", name="Choose"))
    expect(dialog).to_be_visible()
    if search:
        dialog.get_by_placeholder("Search").fill(search)
    dialog.get_by_role("link", name=choice).click()
    expect(dialog).to_be_hidden()


def insert_block(page, block_label):
    """Add a block at the end of the page body, through the block picker."""
    page.locator("#body-root").get_by_title("Insert a block").last.click()
    page.get_by_role("option", name=block_label, exact=True).click()


def add_list_child(container):
    """Append a child to a ListBlock: its last "Add" button."""
    container.get_by_title("Add", exact=True).last.click()


def wait_for_edit_tracking(page):
    """Wait until Wagtail watches the edit form for changes.

    Wagtail reads the form's initial values two seconds after it opens and autosaves only
    what differs from them; a form filled faster than a person types would count as unchanged
    and never be saved.
    """
    page.wait_for_function(
        """() => {
            const form = document.querySelector("[data-edit-form]");
            const app = window.wagtail && window.wagtail.app;
            const tracker = form && app && app.getControllerForElementAndIdentifier(form, "w-unsaved");
            return Boolean(tracker && tracker.initialFormData);
        }"""
    )


def wait_for_autosave(page):
    """Wait until autosave has created the new page and finished saving.

    Wagtail 8 autosaves a new page once its form is valid, then turns the create view into the
    edit view. "Save draft" clicked before that turn posts to the create view again and fails
    with "The slug ... is already in use", so an editor (and this test) waits for the header to
    say the changes are saved.
    """
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )


def open_tab(page, name):
    page.get_by_role("tab", name=name).click()


def publish(page):
    # Publish is the main button for whoever may publish (panel_event.editing.editor_hooks).
    page.get_by_role("button", name="Publish", exact=True).click()


def save_draft(page):
    """Save draft sits in the menu beside Publish for whoever may publish."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Save draft").click()


def expect_message(page, text):
    """A success or error message in the admin's message area (text or regular expression)."""
    expect(page.locator(".messages")).to_contain_text(text)


def machine_translation_button(page):
    """The translation editor's one-click button for the configured machine translator.

    wagtail-localize labels it "Translate with " followed by the translator's display name;
    the tests' admin speaks English.
    """
    with translation.override("en"):
        name = f"Translate with {get_machine_translator().display_name}"
    return page.get_by_role("button", name=name, exact=True)


def open_header_actions(page):
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Actions").click()


def translation_segment(page, source_text):
    """A segment in the wagtail-localize editor: the list item that shows ``source_text``."""
    source = page.locator("li > p").filter(
        has_text=re.compile(rf"^\s*{re.escape(source_text)}\s*$")
    )
    return source.locator("xpath=..")


def translate_segment(page, source_text, translation):
    segment = translation_segment(page, source_text)
    segment.get_by_role("button", name=re.compile(r"^(Translate|Edit)$")).click()
    segment.get_by_role("textbox").fill(translation)
    segment.get_by_role("button", name="Save", exact=True).click()
    # Saved segments show the translation as text instead of the text box.
    expect(segment.get_by_role("textbox")).to_have_count(0)
    expect(segment).to_contain_text(translation)


def untranslated_segments(page):
    # wagtail-localize marks each string segment's list item complete or incomplete; the
    # related partner and venue rows have no such mark (they are translated on their own).
    return page.locator("li.incomplete:visible")


def translate_every_remaining_segment(page, texts):
    """Translate each segment still untranslated, tab by tab: ``texts`` maps a source text to
    its translation; a text it lacks (a name, a number) is kept as it is."""
    for tab in page.get_by_role("tab").all():
        tab.click()
        while remaining := untranslated_segments(page).count():
            segment = untranslated_segments(page).first
            source = segment.locator("p").first.inner_text().strip()
            segment.get_by_role("button", name="Translate", exact=True).click()
            segment.get_by_role("textbox").fill(texts.get(source, source))
            segment.get_by_role("button", name="Save", exact=True).click()
            expect(untranslated_segments(page)).to_have_count(remaining - 1)
