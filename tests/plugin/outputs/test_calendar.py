"""The event as an iCalendar file, read back the way a calendar application reads it."""

import datetime

import icalendar
import pytest

from panel_event.models import EventPage
from tests.public_fixtures import (
    BELGRADE,
    SEED_SLUG,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

SEED_ADDRESS = "Media i reform centar Niš, Generala Milojka Lešjanina 2, 18000 Niš, Srbija"


@pytest.fixture
def seed(home_pages):
    return seed_event_in_three_languages(home_pages, seed_partners(), seed_venue())


def download(client, language_code="sr-latn"):
    response = client.get(f"/{language_code}/{SEED_SLUG}/calendar.ics")
    assert response.status_code == 200
    return response


def calendar_event(client, language_code="sr-latn"):
    calendar = icalendar.Calendar.from_ical(download(client, language_code).content)
    [event] = calendar.events
    return calendar, event


def test_calendar_file_is_served_as_a_named_text_calendar(client, seed):
    response = download(client)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SEED_SLUG}.ics"'


def test_event_starts_at_eleven_belgrade_time_with_its_time_zone(client, seed):
    calendar, event = calendar_event(client)

    assert event.start == datetime.datetime(2019, 6, 20, 11, 0, tzinfo=BELGRADE)
    assert event.end == datetime.datetime(2019, 6, 20, 13, 0, tzinfo=BELGRADE)
    assert event["DTSTART"].params["TZID"] == "Europe/Belgrade"
    assert event["DTEND"].params["TZID"] == "Europe/Belgrade"
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Europe/Belgrade"]
    assert calendar.get_missing_tzids() == set()
    # The VTIMEZONE turns 11:00 local into 09:00 UTC (summer time, UTC+2).
    assert event.start.astimezone(datetime.UTC).hour == 9


def test_event_fields_describe_the_seed(client, seed):
    _calendar, event = calendar_event(client)
    latin = seed["sr-latn"]

    assert event.summary == latin.title
    assert event.location == SEED_ADDRESS
    assert event.status == "CONFIRMED"
    assert event.url == f"http://localhost/sr-latn/{SEED_SLUG}/"
    assert event.uid == f"{latin.translation_key}@localhost"
    # iCalendar keeps whole seconds.
    assert event.stamp == latin.last_published_at.replace(microsecond=0)
    assert event.last_modified == latin.last_published_at.replace(microsecond=0)
    assert event.sequence == int(latin.last_published_at.timestamp() // 60)
    assert event.description == "\n".join(
        [
            latin.intro,
            "",
            "Agenda",
            "11.00–11.10 Uvodna obraćanja",
            "  – Ursula Lojbli, direktorka Švajcarske kancelarije za saradnju, "
            "Ambasada Švajcarske Konfederacije u Republici Srbiji",
            "  – Jelena Ribać, koordinatorka projekta, Međunarodna organizacija za migracije",
            "11.10–12.10 Predstavljanje iskustava i dobrih praksi",
            "  – Kratke prezentacije predstavnika/-ca organizacija civilnog društva",
            "12.10–12.30 Zaključci, preporuke i sledeći koraci",
            "12.30–13.00 Osveženje",
            "",
            f"http://localhost/sr-latn/{SEED_SLUG}/",
        ]
    )


def test_english_file_speaks_english_and_writes_english_times(client, seed):
    _calendar, event = calendar_event(client, "en")

    assert event.summary == "Support and protection for vulnerable migrants in Serbia"
    assert event.description.splitlines()[2:4] == ["Agenda", "11:00–11:10 Opening remarks"]


def test_uid_is_shared_by_languages_and_survives_an_edit(client, seed):
    # As if it had been published yesterday, so the edit below is clearly later.
    EventPage.objects.filter(pk=seed["sr-latn"].pk).update(
        last_published_at=seed["sr-latn"].last_published_at - datetime.timedelta(days=1)
    )
    _calendar, before = calendar_event(client)
    republished = translate_event(
        seed["sr-latn"], "sr-latn", title="Podrška migrantima: panel u Nišu"
    )

    _calendar, after = calendar_event(client)
    _calendar, english = calendar_event(client, "en")
    _calendar, cyrillic = calendar_event(client, "sr-cyrl")

    assert after.summary == "Podrška migrantima: panel u Nišu"
    assert after.uid == before.uid == english.uid == cyrillic.uid
    assert after.last_modified == republished.last_published_at.replace(microsecond=0)
    assert after.last_modified > before.last_modified
    assert after.sequence > before.sequence


@pytest.mark.parametrize(
    ("status", "calendar_status"),
    [
        ("cancelled", "CANCELLED"),
        ("postponed", "TENTATIVE"),
        ("rescheduled", "CONFIRMED"),
        ("scheduled", "CONFIRMED"),
    ],
)
def test_status_follows_the_event(client, seed, status, calendar_status):
    translate_event(
        seed["sr-latn"],
        "sr-latn",
        status=status,
        previous_starts_at=datetime.datetime(2019, 6, 13, 11, tzinfo=BELGRADE),
    )

    _calendar, event = calendar_event(client)

    assert event.status == calendar_status


def test_online_and_hybrid_events_give_the_link_in_location_and_description(client, seed):
    translate_event(
        seed["sr-latn"],
        "sr-latn",
        attendance_mode="hybrid",
        online_url="https://meet.example.org/panel",
    )

    _calendar, event = calendar_event(client)

    assert event.location == f"{SEED_ADDRESS} · https://meet.example.org/panel"
    assert event.description.splitlines()[-3:] == [
        "Pridružite se onlajn: https://meet.example.org/panel",
        "",
        f"http://localhost/sr-latn/{SEED_SLUG}/",
    ]


def test_venue_coordinates_become_geo(client, seed):
    venue = seed["sr-latn"].venue
    venue.latitude, venue.longitude = "43.320900", "21.895800"
    venue.save()

    _calendar, event = calendar_event(client)

    assert (event["GEO"].latitude, event["GEO"].longitude) == (43.3209, 21.8958)
