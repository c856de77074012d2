"""The event content model, exercised through the Wagtail admin as an editor uses it."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from panel_event.models import EventIndexPage, EventPage, PartnerSnippet, Venue
from tests.conftest import prefer_english_admin
from tests.event_form_data import (
    agenda,
    agenda_item,
    event_form_data,
    key_figures,
    partners,
    speaker,
)
from tests.plugin.testapp.models import HomePage

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")


@pytest.fixture
def seed_partners(db):
    locale = Locale.objects.get(language_code="sr-latn")
    names = {
        "IOM": "Međunarodna organizacija za migracije",
        "SDC": "Švajcarska kancelarija za saradnju",
        "MINRSZ": "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
        "RZSZ": "Republički zavod za socijalnu zaštitu",
        "KIRS": "Komesarijat za izbeglice i migracije",
    }
    return {
        acronym: PartnerSnippet.objects.create(name=name, acronym=acronym, locale=locale)
        for acronym, name in names.items()
    }


@pytest.fixture
def venue(db):
    return Venue.objects.create(
        name="Media i reform centar Niš",
        street_address="Generala Milojka Lešjanina 2",
        postal_code="18000",
        city="Niš",
        locale=Locale.objects.get(language_code="sr-latn"),
    )


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", parent.pk))


def seed_agenda(seed_partners):
    return agenda(
        [
            agenda_item(
                "11:00",
                "11:10",
                "Uvodna obraćanja",
                kind="opening",
                speakers=[
                    speaker(
                        "Ursula Lojbli",
                        "direktorka Švajcarske kancelarije za saradnju",
                        organisation_text="Ambasada Švajcarske Konfederacije u Republici Srbiji",
                    ),
                    speaker(
                        "Jelena Ribać",
                        "koordinatorka projekta",
                        organisation=seed_partners["IOM"].pk,
                    ),
                ],
            ),
            agenda_item(
                "11:10",
                "12:10",
                "Predstavljanje iskustava i dobrih praksi",
                kind="presentation",
                group_speakers="Kratke prezentacije predstavnika/-ca organizacija civilnog društva",
            ),
            agenda_item("12:10", "12:30", "Zaključci, preporuke i sledeći koraci", kind="closing"),
            agenda_item("12:30", "13:00", "Osveženje", kind="refreshments"),
        ]
    )


def block_errors(response):
    """The StreamBlockValidationError the editor sees on the body field."""
    assert response.status_code == 200, "a rejected form re-renders the editor"
    return response.context["form"].errors.as_data()["body"][0]


def in_english(errors):
    """Error messages are lazy; read them in the language the editor's admin uses."""
    with translation.override("en"):
        return [str(message) for message in getattr(errors, "messages", errors)]


def item_field_error(stream_error, stream_index, item_index, field):
    agenda_error = stream_error.block_errors[stream_index]
    item_error = agenda_error.block_errors["items"].block_errors[item_index]
    return in_english(item_error.block_errors[field])


class EventPageRulesTest(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get(locale__language_code="sr-latn", depth=2)
        prefer_english_admin(self.login())

    def test_event_lives_under_home_or_an_events_index_only(self):
        self.assertCanCreateAt(HomePage, EventPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(Page, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertAllowedParentPageTypes(EventPage, {HomePage, EventIndexPage})

    def test_event_page_is_routable_renderable_editable_and_previewable(self):
        event = self.home.add_child(
            instance=EventPage(
                title="Panel",
                slug="panel",
                intro="Kratko.",
                starts_at=datetime.datetime(2019, 6, 20, 11, tzinfo=BELGRADE),
                ends_at=datetime.datetime(2019, 6, 20, 13, tzinfo=BELGRADE),
            )
        )
        # assertPageIsRoutable would route "/sr-latn/panel/" from the site root without
        # stripping i18n_patterns' language prefix, so route through the public URL instead.
        self.assertEqual(event.url, "/sr-latn/panel/")
        self.assertEqual(self.client.get(event.url).context["page"], event)
        self.assertPageIsRenderable(event)
        # The body's form fields are built by JavaScript, so the editable check gets them here.
        self.assertPageIsEditable(
            event,
            post_data=event_form_data(
                title="Panel",
                slug="panel",
                intro="Kratko.",
                starts_at="2019-06-20 11:00",
                ends_at="2019-06-20 13:00",
            ),
        )
        self.assertPageIsPreviewable(
            event,
            post_data=event_form_data(
                title="Panel",
                slug="panel",
                intro="Kratko.",
                starts_at="2019-06-20 11:00",
                ends_at="2019-06-20 13:00",
            ),
        )


@pytest.mark.django_db
def test_admin_creates_an_event_with_the_full_seed_agenda(admin_client, home, seed_partners, venue):
    data = event_form_data(
        body=[
            key_figures([("10", "dodatnih stručnih radnika"), ("70%", "migranata u zemlji")]),
            seed_agenda(seed_partners),
            partners(
                [
                    (seed_partners["IOM"].pk, "organiser"),
                    (seed_partners["IOM"].pk, "implementing_partner"),
                    (seed_partners["SDC"].pk, "funder"),
                    (seed_partners["MINRSZ"].pk, "cooperation"),
                    (seed_partners["RZSZ"].pk, "cooperation"),
                    (seed_partners["KIRS"].pk, "coordination"),
                ]
            ),
        ],
        venue=str(venue.pk),
        hero_credit="Izvor: Printscreen iz filma Južno raskršće - Migranti / foto: Saša Đorđević",
        objective=rich_text("<p>Cilj diskusije jeste da doprinese jačanju socijalne zaštite.</p>"),
    )
    data["action-publish"] = "action-publish"

    response = admin_client.post(add_event_url(home), data)

    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(
        slug="podrska-i-zastita-migranata", locale__language_code="sr-latn"
    )
    assert event.live
    assert event.starts_at == datetime.datetime(2019, 6, 20, 11, 0, tzinfo=BELGRADE)
    assert event.ends_at == datetime.datetime(2019, 6, 20, 13, 0, tzinfo=BELGRADE)
    assert event.venue == venue
    assert [block.block_type for block in event.body] == ["key_figures", "agenda", "partners"]
    items = event.body[1].value["items"]
    assert [(i["start_time"], i["end_time"], i["kind"]) for i in items] == [
        (datetime.time(11, 0), datetime.time(11, 10), "opening"),
        (datetime.time(11, 10), datetime.time(12, 10), "presentation"),
        (datetime.time(12, 10), datetime.time(12, 30), "closing"),
        (datetime.time(12, 30), datetime.time(13, 0), "refreshments"),
    ]
    first_speakers = [speaker.summary() for speaker in items[0]["speakers"]]
    assert first_speakers == [
        "Ursula Lojbli, direktorka Švajcarske kancelarije za saradnju, "
        "Ambasada Švajcarske Konfederacije u Republici Srbiji",
        "Jelena Ribać, koordinatorka projekta, Međunarodna organizacija za migracije",
    ]
    with translation.override("en"):
        groups = [
            (str(label), [p.acronym for p in group])
            for label, group in event.body[2].value.groups()
        ]
    assert groups == [
        ("Organiser", ["IOM"]),
        ("Implementing partner", ["IOM"]),
        ("Donor / funder", ["SDC"]),
        ("In cooperation with", ["MINRSZ", "RZSZ"]),
        ("In coordination with", ["KIRS"]),
    ]


@pytest.mark.django_db
def test_times_are_read_in_the_events_time_zone_not_the_editors(admin_client, home):
    data = event_form_data(
        time_zone="America/New_York", starts_at="2024-03-14 10:00", ends_at="2024-03-14 12:00"
    )
    data["action-publish"] = "action-publish"

    admin_client.post(add_event_url(home), data)

    event = EventPage.objects.get(
        slug="podrska-i-zastita-migranata", locale__language_code="sr-latn"
    )
    new_york = zoneinfo.ZoneInfo("America/New_York")
    assert event.starts_at == datetime.datetime(2024, 3, 14, 10, 0, tzinfo=new_york)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert edit.context["form"]["starts_at"].value() == datetime.datetime(2024, 3, 14, 10, 0)


@pytest.mark.django_db
def test_agenda_item_that_ends_before_it_starts_is_rejected_on_that_item(admin_client, home):
    data = event_form_data(
        body=[
            agenda(
                [
                    agenda_item("11:00", "11:10", "Uvodna obraćanja"),
                    agenda_item("11:30", "11:20", "Predstavljanje"),
                ]
            )
        ]
    )

    response = admin_client.post(add_event_url(home), data)

    errors = block_errors(response)
    assert item_field_error(errors, 0, 1, "end_time") == [
        "This item ends at 11:20, which is not after its start at 11:30."
    ]
    assert list(errors.block_errors[0].block_errors["items"].block_errors) == [1]
    assert not EventPage.objects.exists()
    # Everything the editor typed comes back in the form.
    form = response.context["form"]
    assert form["title"].value() == "Podrška i zaštita migranata u ranjivom položaju u Srbiji"
    assert form.data["body-0-value-items-1-value-title"] == "Predstavljanje"


@pytest.mark.django_db
def test_agenda_items_out_of_order_are_rejected_on_the_later_item(admin_client, home):
    data = event_form_data(
        body=[
            agenda(
                [
                    agenda_item("11:10", "11:30", "Druga tačka"),
                    agenda_item("11:00", "11:05", "Prva tačka"),
                ]
            )
        ]
    )

    errors = block_errors(admin_client.post(add_event_url(home), data))

    assert item_field_error(errors, 0, 1, "start_time") == [
        "This item starts at 11:00, before the item above it (11:10). "
        "Keep the items in chronological order."
    ]


@pytest.mark.django_db
def test_overlapping_agenda_items_are_rejected_on_the_overlapping_item(admin_client, home):
    data = event_form_data(
        body=[
            agenda(
                [
                    agenda_item("11:00", "12:00", "Dugačka sesija"),
                    agenda_item("11:30", "11:45", "Kratka sesija"),
                    agenda_item("12:00", "12:30", "Zaključci"),
                ]
            )
        ]
    )

    errors = block_errors(admin_client.post(add_event_url(home), data))

    assert item_field_error(errors, 0, 1, "start_time") == [
        "This item starts at 11:30, while “Dugačka sesija” runs until 12:00. Items in one "
        "agenda must not overlap; put parallel sessions in an agenda of their own."
    ]
    assert list(errors.block_errors[0].block_errors["items"].block_errors) == [1]


@pytest.mark.django_db
def test_agenda_item_outside_the_event_is_rejected_when_the_page_is_saved(admin_client, home):
    data = event_form_data(
        body=[
            agenda(
                [
                    agenda_item("10:30", "11:10", "Prerano"),
                    agenda_item("11:10", "12:00", "U redu"),
                    agenda_item("12:30", "13:30", "Prekasno"),
                ]
            )
        ],
        starts_at="2019-06-20 11:00",
        ends_at="2019-06-20 13:00",
    )

    errors = block_errors(admin_client.post(add_event_url(home), data))

    assert item_field_error(errors, 0, 0, "start_time") == [
        "This item starts at 20 Jun 2019, 10:30, before the event starts (20 Jun 2019, 11:00)."
    ]
    assert item_field_error(errors, 0, 2, "end_time") == [
        "This item ends at 20 Jun 2019, 13:30, after the event ends (20 Jun 2019, 13:00)."
    ]
    assert sorted(errors.block_errors[0].block_errors["items"].block_errors) == [0, 2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field_at_fault", "message"),
    [
        (
            {"starts_at": "2019-06-20 13:00", "ends_at": "2019-06-20 11:00"},
            "ends_at",
            "The event must end after it starts.",
        ),
        (
            {"attendance_mode": "hybrid"},
            "online_url",
            "An online or hybrid event needs the link where people join.",
        ),
        (
            {"status": "rescheduled"},
            "previous_starts_at",
            "A rescheduled event keeps its previous start: enter when it was planned.",
        ),
        (
            {"registration_url": "javascript:alert(1)"},
            "registration_url",
            "Enter a full web address starting with https:// or http://.",
        ),
        (
            {"registration_url": "ftp://example.org/prijava"},
            "registration_url",
            "Enter a full web address starting with https:// or http://.",
        ),
        (
            {"time_zone": "Mars/Olympus_Mons"},
            "time_zone",
            "Select a valid choice. Mars/Olympus_Mons is not one of the available choices.",
        ),
    ],
)
def test_event_fields_are_validated_next_to_the_field(
    admin_client, home, fields, field_at_fault, message
):
    response = admin_client.post(add_event_url(home), event_form_data(**fields))

    assert response.status_code == 200
    assert in_english(response.context["form"].errors[field_at_fault]) == [message]
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_speaker_with_both_a_partner_and_a_typed_organisation_is_rejected(
    admin_client, home, seed_partners
):
    data = event_form_data(
        body=[
            agenda(
                [
                    agenda_item(
                        "11:00",
                        "11:10",
                        "Uvod",
                        speakers=[
                            speaker(
                                "Jelena Ribać",
                                organisation=seed_partners["IOM"].pk,
                                organisation_text="IOM Srbija",
                            )
                        ],
                    )
                ]
            )
        ]
    )

    errors = block_errors(admin_client.post(add_event_url(home), data))

    item_error = errors.block_errors[0].block_errors["items"].block_errors[0]
    speaker_error = item_error.block_errors["speakers"].block_errors[0]
    assert in_english(speaker_error.block_errors["organisation_text"]) == [
        "Choose the organisation from the partners or type it here, not both. Clear one of the two."
    ]


@pytest.mark.django_db
def test_partner_and_venue_snippets_are_managed_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_panel_event_venue:add"),
        {
            "name": "Media i reform centar Niš",
            "street_address": "",
            "postal_code": "18000",
            "city": "Niš",
            "country": "Srbija",
            "country_code": "RS",
            "latitude": "43.32",
            "longitude": "",
            "map_url": "",
            "accessibility_notes": "",
            "locale": "sr-latn",
        },
    )
    assert response.status_code == 200
    assert in_english(response.context["form"].errors["longitude"]) == [
        "Give both coordinates, or neither."
    ]

    listing = admin_client.get(
        reverse("wagtailsnippets_panel_event_partnersnippet:list"), {"q": "IOM"}
    )
    assert listing.status_code == 200
