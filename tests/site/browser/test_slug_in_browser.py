"""The slug an editor sees in the page editor is the one the server stores: Serbian letters in
Latin or Cyrillic spelled in plain ASCII Latin (panel_event.content.slugs), never dropped."""

import pytest
from playwright.sync_api import expect

from .admin_ui import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Podrška Đorđu i Ćiri, džep", "podrska-djordju-i-ciri-dzep"),
        ("Подршка Ђорђу, џеп и љубав", "podrska-djordju-dzep-i-ljubav"),
    ],
)
def test_the_slug_made_from_the_title_spells_serbian_in_ascii(page, editor, homes, typed, slug):
    log_in(page, "urednica")
    page.goto(f"/admin/pages/add/panel_event/eventpage/{homes['sr-latn'].pk}/")

    page.locator("#id_title").fill(typed)
    page.locator("#id_title").press("Tab")

    expect(page.locator("#id_slug")).to_have_value(slug)


def test_a_slug_typed_with_serbian_letters_is_spelled_in_ascii(page, editor, homes):
    log_in(page, "urednica")
    page.goto(f"/admin/pages/add/panel_event/eventpage/{homes['sr-latn'].pk}/")
    page.get_by_role("tab", name="Promote").click()
    slug = page.locator("#id_slug")

    slug.fill("međunarodna-подршка")
    slug.press("Tab")

    expect(slug).to_have_value("medjunarodna-podrska")
