"""An editor makes a Serbian Latin event private in the real admin's privacy dialog: the dialog
offers the English translation, ticked; after saving, neither the generated Cyrillic copy nor
the English page is readable by an anonymous visitor."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from panel_event.editing.roles import COMMUNICATIONS_EDITORS
from tests.conftest import user_in_role
from tests.public_fixtures import SEED_SLUG, create_event, translate_event

from .admin_ui import log_in
from .content import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def editor(homes):
    return user_in_role("urednica", COMMUNICATIONS_EDITORS, password=PASSWORD)


def test_the_privacy_dialog_takes_the_copy_and_the_ticked_translation_along(page, editor, homes):
    latin = create_event(homes["sr-latn"])
    translate_event(latin, "en", title="Support for migrants")
    reader = Client()
    assert reader.get(f"/en/{SEED_SLUG}/").status_code == 200
    assert reader.get(f"/sr-cyrl/{SEED_SLUG}/").status_code == 200

    log_in(page, "urednica")
    page.goto(reverse("wagtailadmin_pages:edit", args=(latin.pk,)))
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Change privacy").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Private, accessible to any logged-in users").check()
    english = dialog.get_by_label("English: Support for migrants")
    expect(english).to_be_checked()
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()

    answers = {}
    for language_code in ("sr-latn", "sr-cyrl", "en"):
        response = reader.get(f"/{language_code}/{SEED_SLUG}/")
        answers[language_code] = (response.status_code, response["Location"].split("?")[0])
    assert answers == {
        language_code: (302, f"/{language_code}/_util/login/")
        for language_code in ("sr-latn", "sr-cyrl", "en")
    }
