"""An editor deletes a demo event and publishes an event of their own at its address; the demo
loader, run again as `make run` does, brings the demo event back beside it and leaves the
editor's event as it is."""

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from panel_event.models import EventPage
from tests.event_form_data import event_form_data
from tests.site.test_demo import EVENTS, LANGUAGES, load_demo

pytestmark = pytest.mark.django_db

EDITOR_PASSWORD = "editor-password-for-the-test"
ROUND_TABLE = EVENTS["round-table"]
EDITORS_TITLE = "Okrugli sto koji je urednica sama napravila"


def latin_events():
    """``{slug: title}`` of the Serbian Latin events."""
    return dict(
        EventPage.objects.filter(locale__language_code="sr-latn").values_list("slug", "title")
    )


def test_a_deleted_demo_event_comes_back_beside_the_editors_event_at_its_address(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    load_demo(DEMO_EDITOR_PASSWORD=EDITOR_PASSWORD)
    editor = Client()
    # django-axes counts sign-ins per request, so authenticate() needs one.
    assert editor.login(request=HttpRequest(), username="editor", password=EDITOR_PASSWORD)
    round_table = EventPage.objects.get(
        translation_key=ROUND_TABLE["uuid"], locale__language_code="sr-latn"
    )
    home = round_table.get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        deleted = editor.post(reverse("wagtailadmin_pages:delete", args=[round_table.pk]))
        data = event_form_data(
            title=EDITORS_TITLE, slug=ROUND_TABLE["slug"], intro="Uvod urednice."
        )
        data["action-publish"] = "action-publish"
        added = editor.post(
            reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", home.pk)), data
        )
    assert (deleted.status_code, added.status_code) == (302, 302)
    assert latin_events() == {
        EVENTS["panel"]["slug"]: EVENTS["panel"]["title"],
        EVENTS["workshop"]["slug"]: EVENTS["workshop"]["title"],
        ROUND_TABLE["slug"]: EDITORS_TITLE,
    }

    output = load_demo()

    assert "(1 pages and snippets created, 0 images drawn," in output
    assert latin_events() == {
        EVENTS["panel"]["slug"]: EVENTS["panel"]["title"],
        EVENTS["workshop"]["slug"]: EVENTS["workshop"]["title"],
        ROUND_TABLE["slug"]: EDITORS_TITLE,
        f"{ROUND_TABLE['slug']}-1": ROUND_TABLE["title"],
    }
    versions = EventPage.objects.filter(translation_key=ROUND_TABLE["uuid"], live=True)
    assert sorted(versions.values_list("locale__language_code", flat=True)) == sorted(LANGUAGES)
    client = Client()
    statuses = {
        page.url: client.get(page.url).status_code
        for page in EventPage.objects.live().filter(slug__startswith=ROUND_TABLE["slug"])
    }
    slug = ROUND_TABLE["slug"]
    # The demo's event in every language; the editor's in Latin and its generated Cyrillic.
    assert statuses == {
        **{f"/{code}/{slug}-1/": 200 for code in LANGUAGES},
        f"/sr-latn/{slug}/": 200,
        f"/sr-cyrl/{slug}/": 200,
    }
