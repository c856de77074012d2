"""Slugs in plain Latin ASCII, whatever the editor types, and addresses that never change by
themselves. Everything goes through the page editor, as an editor would."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import rich_text
from wagtail_localize.operations import translate_object

from panel_event.editing.roles import COMMUNICATIONS_EDITORS
from panel_event.models import EventIndexPage, EventPage
from tests.conftest import user_in_role
from tests.event_form_data import event_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(home_pages):
    client = Client()
    client.force_login(user_in_role("editor", COMMUNICATIONS_EDITORS))
    return client


def add_url(parent, model="eventpage"):
    return reverse("wagtailadmin_pages:add", args=("panel_event", model, parent.pk))


def post(client, url, data, capture, publish=True):
    if publish:
        data = {**data, "action-publish": "action-publish"}
    with capture(execute=True):
        return client.post(url, data)


def slugs_by_language(page):
    return {
        version.locale.language_code: version.slug
        for version in EventPage.objects.filter(translation_key=page.translation_key)
    }


def test_a_slug_with_diacritics_becomes_ascii(
    editor, home_pages, django_capture_on_commit_callbacks
):
    data = event_form_data(title="Podrška migrantima", slug="Podrška migrantima")
    response = post(
        editor, add_url(home_pages["sr-latn"]), data, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    page = EventPage.objects.get(locale__language_code="sr-latn")
    assert page.slug == "podrska-migrantima"
    assert page.url == "/sr-latn/podrska-migrantima/"
    assert Client().get(page.url).status_code == 200


def test_a_cyrillic_slug_becomes_ascii_latin(
    editor, home_pages, django_capture_on_commit_callbacks
):
    data = event_form_data(title="Подршка", slug="подршка-ђаци-џеп-љубав")
    post(editor, add_url(home_pages["sr-latn"]), data, django_capture_on_commit_callbacks)

    page = EventPage.objects.get(locale__language_code="sr-latn")
    assert page.slug == "podrska-djaci-dzep-ljubav"


def test_a_draft_slug_with_diacritics_becomes_ascii(
    editor, home_pages, django_capture_on_commit_callbacks
):
    data = event_form_data(slug="međunarodna-saradnja")
    response = post(
        editor,
        add_url(home_pages["sr-latn"]),
        data,
        django_capture_on_commit_callbacks,
        publish=False,
    )

    assert response.status_code == 302
    page = EventPage.objects.get(locale__language_code="sr-latn")
    assert (page.slug, page.live) == ("medjunarodna-saradnja", False)


def test_an_events_index_slug_becomes_ascii(
    editor, home_pages, django_capture_on_commit_callbacks, admin_client
):
    data = {"title": "Događaji u Nišu", "slug": "događaji-u-nišu", "intro": rich_text("")}
    response = post(
        admin_client,
        add_url(home_pages["sr-latn"], "eventindexpage"),
        data,
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    index = Page.objects.get(title="Događaji u Nišu")
    assert (index.specific_class, index.slug) == (EventIndexPage, "dogadjaji-u-nisu")


def test_every_language_version_has_the_ascii_slug(
    editor, home_pages, settings, django_capture_on_commit_callbacks
):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = True
    data = event_form_data(title="Podrška migrantima", slug="podrška-migrantima")
    post(editor, add_url(home_pages["sr-latn"]), data, django_capture_on_commit_callbacks)
    latin = EventPage.objects.get(locale__language_code="sr-latn")
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(latin, [Locale.objects.get(language_code="en")])

    assert slugs_by_language(latin) == {
        "sr-latn": "podrska-migrantima",
        "sr-cyrl": "podrska-migrantima",
        "en": "podrska-migrantima",
    }


def test_a_stored_slug_with_diacritics_keeps_its_address(
    editor, home_pages, settings, django_capture_on_commit_callbacks
):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = True
    post(
        editor,
        add_url(home_pages["sr-latn"]),
        event_form_data(slug="podrska"),
        django_capture_on_commit_callbacks,
    )
    # A page saved before slugs were folded: its row holds the slug as the editor typed it.
    for page in EventPage.objects.all():
        EventPage.objects.filter(pk=page.pk).update(
            slug="podrška", url_path=page.url_path.replace("/podrska/", "/podrška/")
        )
    latin = EventPage.objects.get(locale__language_code="sr-latn")
    edit_url = reverse("wagtailadmin_pages:edit", args=[latin.pk])
    form = editor.get(edit_url).context["form"]
    assert form["slug"].value() == "podrška"

    data = event_form_data(slug="podrška", title="Podrška, izmenjeno")
    response = post(editor, edit_url, data, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert slugs_by_language(latin) == {"sr-latn": "podrška", "sr-cyrl": "podrška"}
    latin.refresh_from_db()
    assert (latin.title, latin.url) == ("Podrška, izmenjeno", "/sr-latn/podr%C5%A1ka/")
    assert Client().get(latin.url).status_code == 200


def test_a_stored_cyrillic_slug_of_a_copy_survives_the_next_sync(
    home_pages, settings, django_capture_on_commit_callbacks
):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = True
    index = home_pages["sr-latn"].add_child(instance=EventIndexPage(title="Arhiva", slug="arhiva"))
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    copy = index.get_translation(Locale.objects.get(language_code="sr-cyrl"))
    assert copy.slug == "arhiva"
    # A copy written before slugs were folded, with the index's slug transliterated.
    Page.objects.filter(pk=copy.pk).update(
        slug="архива", url_path=copy.url_path.replace("/arhiva/", "/архива/")
    )

    index.title = "Arhiva događaja"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()

    copy.refresh_from_db()
    assert (copy.title, copy.slug) == ("Архива догађаја", "архива")


def test_an_editor_may_change_a_stored_slug_to_ascii(
    editor, home_pages, django_capture_on_commit_callbacks
):
    post(
        editor,
        add_url(home_pages["sr-latn"]),
        event_form_data(slug="podrska"),
        django_capture_on_commit_callbacks,
    )
    latin = EventPage.objects.get(locale__language_code="sr-latn")
    EventPage.objects.filter(pk=latin.pk).update(slug="podrška")
    edit_url = reverse("wagtailadmin_pages:edit", args=[latin.pk])

    post(editor, edit_url, event_form_data(slug="podrska"), django_capture_on_commit_callbacks)

    latin.refresh_from_db()
    assert (latin.slug, latin.url) == ("podrska", "/sr-latn/podrska/")


def test_a_folded_slug_that_is_taken_is_an_error_on_the_slug_field(
    editor, home_pages, django_capture_on_commit_callbacks
):
    url = add_url(home_pages["sr-latn"])
    post(editor, url, event_form_data(slug="podrska"), django_capture_on_commit_callbacks)

    data = event_form_data(title="Druga podrška", slug="podrška")
    response = post(editor, url, data, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["slug"]
    assert form["slug"].value() == "podrška"
    assert form["title"].value() == "Druga podrška"
    assert EventPage.objects.filter(locale__language_code="sr-latn").count() == 1


def in_the_browser(widget, typed):
    """What Wagtail's slug widget makes of ``typed`` with Unicode slugs off: its formatters,
    then its clean-up (spaces to hyphens, anything but ASCII letters, digits, - and _ dropped)."""
    value = typed.strip()
    for (pattern, _flags), replacement in json.loads(widget.attrs["data-w-slug-formatters-value"]):
        value = re.sub(pattern, replacement, value)
    return re.sub(r"[^A-Za-z0-9\-_]", "", re.sub(r"\s+", "-", value)).lower()


def test_the_slug_widget_spells_serbian_letters_as_the_server_does(editor, home_pages):
    response = editor.get(add_url(home_pages["sr-latn"]))

    widget = response.context["form"].fields["slug"].widget
    assert (
        in_the_browser(widget, "Podrška Đorđu i Џамили, љубав")
        == "podrska-djordju-i-dzamili-ljubav"
    )
    assert in_the_browser(widget, "ČAČAK ћевап Њ ж х") == "cacak-cevap-nj-z-h"
