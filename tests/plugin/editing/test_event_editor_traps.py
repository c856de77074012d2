"""Traps a communications editor met in the event editor, checked through the admin as they use
it: logged in as a member of "Communications editors", with the admin in Serbian Latin."""

import datetime
import html
import json
import re
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS, ensure_role_groups
from panel_event.models import EventPage, Venue
from tests.event_form_data import agenda, agenda_item, event_form_data
from tests.public_fixtures import create_event, translate_event

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")


def client_for(username, group_name, admin_language="sr-latn"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = admin_language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def roles(home_pages):
    return ensure_role_groups()


@pytest.fixture
def editor(roles):
    return client_for("editor", COMMUNICATIONS_EDITORS)


@pytest.fixture
def english_speaking_editor(roles):
    """Messages built from the agenda's times are written in the admin's language at once."""
    return client_for("editor", COMMUNICATIONS_EDITORS, "en")


@pytest.fixture
def translator(roles):
    return client_for("translator", TRANSLATORS)


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def created_event():
    return EventPage.objects.get(
        slug="podrska-i-zastita-migranata", locale__language_code="sr-latn"
    )


def in_english(errors):
    with translation.override("en"):
        return [str(message) for message in getattr(errors, "messages", errors)]


def form_errors(response):
    assert response.status_code == 200, "a rejected form re-renders the editor"
    return response.context["form"].errors


def input_value(response, name):
    """The value an ``<input name=...>`` shows in the rendered editor."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', response.content.decode())
    assert tag, f"no input named {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


# --- 1. Dates typed the Serbian way ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("admin_language", ["sr-latn", "en"])
@pytest.mark.parametrize(
    "typed",
    [
        "08.04.2027. 09.00",
        "8.4.2027. 9:00",
        "08.04.2027 09:00",
        "08.04.2027. 09:00",
        "8. 4. 2027. 9.00",
    ],
)
def test_dates_written_the_serbian_way_are_read(roles, home_pages, typed, admin_language):
    editor = client_for("editor", COMMUNICATIONS_EDITORS, admin_language)
    data = event_form_data(
        starts_at=typed,
        ends_at="08.04.2027. 11.30",
        registration_deadline="1.4.2027 16:00",
        status="rescheduled",
        previous_starts_at="20.3.2027. 10.00",
    )

    response = editor.post(add_event_url(home_pages["sr-latn"]), data)

    assert response.status_code == 302, response.context["form"].errors
    event = created_event()
    assert (
        event.starts_at,
        event.ends_at,
        event.registration_deadline,
        event.previous_starts_at,
    ) == (
        datetime.datetime(2027, 4, 8, 9, 0, tzinfo=BELGRADE),
        datetime.datetime(2027, 4, 8, 11, 30, tzinfo=BELGRADE),
        datetime.datetime(2027, 4, 1, 16, 0, tzinfo=BELGRADE),
        datetime.datetime(2027, 3, 20, 10, 0, tzinfo=BELGRADE),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["8 april 2027 9h", "31.02.2027. 09:00", "08.04.2027. 25.00"])
def test_an_unreadable_date_is_kept_and_the_expected_format_shown(editor, home_pages, typed):
    response = editor.post(add_event_url(home_pages["sr-latn"]), event_form_data(starts_at=typed))

    assert in_english(form_errors(response)["starts_at"]) == [
        "Enter the date and time as day.month.year. hours:minutes, e.g. 08.04.2027. 09:00."
    ]
    assert input_value(response, "starts_at") == typed
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_the_editor_shows_dates_the_serbian_way(editor, home_pages):
    event = create_event(
        home_pages["sr-latn"],
        starts_at=datetime.datetime(2027, 4, 8, 9, 0, tzinfo=BELGRADE),
        ends_at=datetime.datetime(2027, 4, 8, 11, 30, tzinfo=BELGRADE),
    )

    response = editor.get(edit_url(event))

    assert (input_value(response, "starts_at"), input_value(response, "ends_at")) == (
        "08.04.2027. 09:00",
        "08.04.2027. 11:30",
    )


@pytest.mark.django_db
def test_agenda_times_and_days_are_read_the_serbian_way(editor, home_pages):
    body = [
        agenda(
            [
                agenda_item("9.00", "9.45", "Uvodna obraćanja"),
                agenda_item("10:00", "10.30", "Panel"),
            ],
            date="9.4.2027.",
        )
    ]
    data = event_form_data(body=body, starts_at="08.04.2027. 09.00", ends_at="09.04.2027. 12.00")

    response = editor.post(add_event_url(home_pages["sr-latn"]), data)

    assert response.status_code == 302, response.context["form"].errors
    agenda_value = created_event().body[0].value
    assert agenda_value["date"] == datetime.date(2027, 4, 9)
    assert [(item["start_time"], item["end_time"]) for item in agenda_value["items"]] == [
        (datetime.time(9, 0), datetime.time(9, 45)),
        (datetime.time(10, 0), datetime.time(10, 30)),
    ]


# --- 2. Every agenda mistake in one save ---------------------------------------------------------


def item_errors(response, stream_index=0):
    """{item index: {field: [messages]}} for one agenda block of the body."""
    body_error = form_errors(response).as_data()["body"][0]
    items_error = body_error.block_errors[stream_index].block_errors["items"]
    return {
        index: {field: in_english(error) for field, error in item_error.block_errors.items()}
        for index, item_error in items_error.block_errors.items()
    }


@pytest.mark.django_db
def test_one_save_reports_every_broken_agenda_item_on_that_item(
    english_speaking_editor, home_pages
):
    body = [
        agenda(
            [
                agenda_item("10:30", "11:10", "Uvodna obraćanja"),  # before the event starts
                agenda_item("11:10", "11:05", "Predstavljanje"),  # ends before it starts
                agenda_item("11:00", "12:00", "Diskusija"),  # overlaps the first item
                agenda_item("12:30", "13:30", "Osveženje"),  # after the event ends
            ]
        )
    ]
    data = event_form_data(body=body, starts_at="20.06.2019. 11:00", ends_at="20.06.2019. 13:00")

    response = english_speaking_editor.post(add_event_url(home_pages["sr-latn"]), data)

    assert item_errors(response) == {
        0: {
            "start_time": [
                "This item starts at 20 Jun 2019, 10:30, before the event starts "
                "(20 Jun 2019, 11:00)."
            ]
        },
        1: {"end_time": ["This item ends at 11:05, which is not after its start at 11:10."]},
        2: {
            "start_time": [
                "This item starts at 11:00, while “Uvodna obraćanja” runs until 11:10. Items in "
                "one agenda must not overlap; put parallel sessions in an agenda of their own."
            ]
        },
        3: {
            "end_time": [
                "This item ends at 20 Jun 2019, 13:30, after the event ends (20 Jun 2019, 13:00)."
            ]
        },
    }
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_agenda_errors_of_every_kind_come_with_the_errors_of_other_fields(
    english_speaking_editor, home_pages
):
    body = [
        agenda(
            [
                agenda_item("11:00", "11:30", "Uvodna obraćanja"),
                agenda_item("11:20", "11:50", "Predstavljanje"),  # overlaps the first item
                agenda_item("12:10", "12:00", "Diskusija"),  # ends before it starts
            ]
        )
    ]
    data = event_form_data(
        body=body, starts_at="2019-06-20 11:00", ends_at="2019-06-20 13:00", online_url="x"
    )

    response = english_speaking_editor.post(add_event_url(home_pages["sr-latn"]), data)

    assert sorted(form_errors(response)) == ["body", "online_url"]
    assert {index: sorted(fields) for index, fields in item_errors(response).items()} == {
        1: ["start_time"],
        2: ["end_time"],
    }


# --- 3. What publishing will still ask for ---------------------------------------------------


def messages_shown(response):
    # Wagtail's own messages are HTML (escaped, with room for buttons).
    return [
        (message.level_tag, html.unescape(str(message.message)).strip())
        for message in response.context["messages"]
    ]


@pytest.mark.django_db
def test_a_draft_save_names_the_required_fields_still_empty(english_speaking_editor, home_pages):
    data = event_form_data(intro="", event_type="")

    response = english_speaking_editor.post(add_event_url(home_pages["sr-latn"]), data, follow=True)

    event = created_event()
    assert (event.live, event.intro, event.event_type) == (False, "", "")
    assert messages_shown(response) == [
        ("success", f"Page '{event.title}' created."),
        ("warning", "Saved as a draft. Before publishing, fill in: Event type, Summary."),
    ]
    form = response.context["form"]
    with translation.override("en"):
        help_texts = [str(form[name].help_text) for name in ("event_type", "intro", "starts_at")]
    assert help_texts == [
        "Still empty: needed before publishing. Shown above the title as a label, e.g. "
        "'Panel discussion'.",
        "Still empty: needed before publishing. One or two sentences for listings, search "
        "engines and social media previews.",
        "Local time at the venue, in the event's time zone.",
    ]


@pytest.mark.django_db
def test_a_complete_draft_save_has_no_warning(english_speaking_editor, home_pages):
    response = english_speaking_editor.post(
        add_event_url(home_pages["sr-latn"]), event_form_data(), follow=True
    )

    assert messages_shown(response) == [("success", f"Page '{created_event().title}' created.")]


# --- 4. and 5. Publish first, no moderation ----------------------------------------------------


def action_menu(response):
    """The editor's footer actions: the main button first, then the menu beside it."""
    menu = response.context["action_menu"]
    return [menu.default_item.name] + [item.name for item in menu.menu_items]


@pytest.mark.django_db
def test_publish_is_the_main_action_for_an_editor_and_nobody_is_offered_moderation(
    editor, translator, home_pages
):
    latin = create_event(home_pages["sr-latn"])
    english = translate_event(latin, "en", title="Support for migrants")

    menus = {
        "editor creating": action_menu(editor.get(add_event_url(home_pages["sr-latn"]))),
        "editor editing": action_menu(editor.get(edit_url(latin))),
        "translator editing": action_menu(translator.get(edit_url(english))),
    }

    assert menus == {
        "editor creating": ["action-publish", "action-save-draft"],
        "editor editing": ["action-publish", "action-save-draft", "action-unpublish"],
        "translator editing": ["action-publish", "action-save-draft", "action-unpublish"],
    }


@pytest.mark.django_db
def test_who_may_not_publish_keeps_save_draft_first(roles, home_pages):
    """Wagtail's own "Editors" group may edit but not publish."""
    latin = create_event(home_pages["sr-latn"])
    writer = client_for("writer", "Editors")

    assert action_menu(writer.get(edit_url(latin))) == ["action-save-draft"]


# --- 6. Adding a venue from the chooser ---------------------------------------------------------


def venue_chooser_url(name, locale="sr-latn"):
    return reverse(f"wagtailsnippetchoosers_panel_event_venue:{name}") + f"?locale={locale}"


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["sr-latn", "en"])
def test_the_editor_adds_a_venue_from_the_chooser_in_the_pages_language(
    editor, home_pages, language_code
):
    chooser = editor.get(venue_chooser_url("choose", language_code))
    modal_html = chooser.json()["html"]
    create_url = venue_chooser_url("create", language_code)

    assert create_url.replace("&", "&amp;") in modal_html
    response = editor.post(
        create_url,
        {
            "name": "Dom omladine Beograda",
            "street_address": "Makedonska 22",
            "postal_code": "11000",
            "city": "Beograd",
            "country": "Srbija",
            "country_code": "RS",
        },
    )

    venue = Venue.objects.get(name="Dom omladine Beograda")
    assert (venue.locale.language_code, venue.street_address, venue.city) == (
        language_code,
        "Makedonska 22",
        "Beograd",
    )
    chosen = json.loads(response.content)
    assert (chosen["step"], chosen["result"]["id"], chosen["result"]["string"]) == (
        "chosen",
        str(venue.pk),
        "Dom omladine Beograda, Beograd",
    )


@pytest.mark.django_db
def test_a_venue_without_a_city_is_refused_in_the_chooser_with_the_reason(
    english_speaking_editor, home_pages
):
    response = english_speaking_editor.post(
        venue_chooser_url("create"), {"name": "Dom omladine", "city": "", "country": "Srbija"}
    )

    assert response.json()["step"] == "reshow_creation_form"
    assert in_english(response.context["creation_form"].errors["city"]) == [
        "This field is required."
    ]
    assert not Venue.objects.exists()


# --- 8. The event type is chosen, not preselected ------------------------------------------------


@pytest.mark.django_db
def test_a_new_event_starts_without_a_type(editor, home_pages):
    response = editor.get(add_event_url(home_pages["sr-latn"]))

    field = response.context["form"]["event_type"]
    assert field.value() == ""
    assert field.field.choices[0] == ("", "---------")
    assert re.search(r'<option value="" selected>---------</option>', str(field))


@pytest.mark.django_db
def test_publishing_without_a_type_asks_for_it_next_to_the_field(
    english_speaking_editor, home_pages
):
    data = event_form_data(event_type="")
    data["action-publish"] = "action-publish"

    response = english_speaking_editor.post(add_event_url(home_pages["sr-latn"]), data)

    assert in_english(form_errors(response)["event_type"]) == [
        "Choose the type of event; it is shown above the title."
    ]
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_an_existing_event_keeps_its_type(editor, home_pages):
    event = create_event(home_pages["sr-latn"], event_type="workshop")

    response = editor.get(edit_url(event))

    assert response.context["form"]["event_type"].value() == "workshop"
