"""schema.org Event JSON-LD, read back from the page as a search engine reads it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from wagtail.models import Site

from panel_event.outputs.structured_data import json_for_script
from tests.builders import seed_body
from tests.public_fixtures import (
    BELGRADE,
    SEED_SLUG,
    make_image,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

SEED_URL = f"http://localhost/sr-latn/{SEED_SLUG}/"
IN_LANGUAGE = {"sr-latn": "sr-Latn", "sr-cyrl": "sr-Cyrl", "en": "en"}


@pytest.fixture
def seed(home_pages):
    return seed_event_in_three_languages(
        home_pages,
        seed_partners(),
        seed_venue(latitude="43.320900", longitude="21.895800"),
        hero_image=make_image("Južno raskršće", "hero.jpg"),
        hero_alt_text="Kadar iz filma",
    )


def json_ld_scripts(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find_all("script", type="application/ld+json")


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    [script] = json_ld_scripts(response)
    return json.loads(script.string)


def person(name, job_title, organisation):
    return {
        "@type": "Person",
        "name": name,
        "jobTitle": job_title,
        "affiliation": {"@type": "Organization", "name": organisation},
    }


def organisation(name, acronym):
    return {"@type": "Organization", "name": name, "url": f"https://{acronym}.example.org/"}


def test_seed_event_is_described_in_full(client, seed):
    latin = seed["sr-latn"]
    image_url = "http://localhost" + latin.hero_image.get_rendition("fill-1200x630").url
    speakers = [
        person(
            "Ursula Lojbli",
            "direktorka Švajcarske kancelarije za saradnju",
            "Ambasada Švajcarske Konfederacije u Republici Srbiji",
        ),
        person(
            "Jelena Ribać",
            "koordinatorka projekta",
            "Međunarodna organizacija za migracije",
        ),
    ]

    data = json_ld(client, f"/sr-latn/{SEED_SLUG}/")

    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": latin.title,
        "description": latin.intro,
        "url": SEED_URL,
        "inLanguage": "sr-Latn",
        "startDate": "2019-06-20T11:00:00+02:00",
        "endDate": "2019-06-20T13:00:00+02:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Media i reform centar Niš",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Niš",
                "streetAddress": "Generala Milojka Lešjanina 2",
                "postalCode": "18000",
                "addressCountry": "RS",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 43.3209, "longitude": 21.8958},
        },
        "image": [image_url],
        "organizer": [organisation("Međunarodna organizacija za migracije", "iom")],
        "funder": [organisation("Švajcarska kancelarija za saradnju", "sdc")],
        "sponsor": [organisation("Švajcarska kancelarija za saradnju", "sdc")],
        "performer": speakers,
        "subEvent": [
            {
                "@type": "Event",
                "name": "Uvodna obraćanja",
                "startDate": "2019-06-20T11:00:00+02:00",
                "endDate": "2019-06-20T11:10:00+02:00",
                "performer": speakers,
            },
            {
                "@type": "Event",
                "name": "Predstavljanje iskustava i dobrih praksi",
                "startDate": "2019-06-20T11:10:00+02:00",
                "endDate": "2019-06-20T12:10:00+02:00",
            },
            {
                "@type": "Event",
                "name": "Zaključci, preporuke i sledeći koraci",
                "startDate": "2019-06-20T12:10:00+02:00",
                "endDate": "2019-06-20T12:30:00+02:00",
            },
            {
                "@type": "Event",
                "name": "Osveženje",
                "startDate": "2019-06-20T12:30:00+02:00",
                "endDate": "2019-06-20T13:00:00+02:00",
            },
        ],
    }
    assert image_url.endswith(".fill-1200x630.jpg")


@pytest.mark.parametrize("language_code", ["sr-latn", "sr-cyrl", "en"])
def test_every_language_version_carries_its_own_event(client, seed, language_code):
    event = seed[language_code]

    data = json_ld(client, f"/{language_code}/{SEED_SLUG}/")

    assert (data["name"], data["inLanguage"], data["url"], data["startDate"]) == (
        event.title,
        IN_LANGUAGE[language_code],
        f"http://localhost/{language_code}/{SEED_SLUG}/",
        "2019-06-20T11:00:00+02:00",
    )


def test_english_sub_events_are_in_english(client, seed):
    data = json_ld(client, f"/en/{SEED_SLUG}/")

    assert [sub_event["name"] for sub_event in data["subEvent"]] == [
        "Opening remarks",
        "Experiences and good practice from the support programmes",
        "Conclusions, recommendations and next steps",
        "Refreshments",
    ]


@pytest.mark.parametrize(
    ("status", "expected_status"),
    [
        ("cancelled", "https://schema.org/EventCancelled"),
        ("postponed", "https://schema.org/EventPostponed"),
        ("moved_online", "https://schema.org/EventMovedOnline"),
    ],
)
def test_changed_plans_reach_search_engines(client, seed, status, expected_status):
    translate_event(
        seed["sr-latn"], "sr-latn", status=status, online_url="https://meet.example.org/panel"
    )

    data = json_ld(client, f"/sr-latn/{SEED_SLUG}/")

    assert data["eventStatus"] == expected_status
    assert "previousStartDate" not in data


def test_rescheduled_event_keeps_its_previous_start(client, seed):
    translate_event(
        seed["sr-latn"],
        "sr-latn",
        status="rescheduled",
        previous_starts_at=datetime.datetime(2019, 6, 13, 11, 0, tzinfo=BELGRADE),
    )

    data = json_ld(client, f"/sr-latn/{SEED_SLUG}/")

    assert (data["eventStatus"], data["previousStartDate"], data["startDate"]) == (
        "https://schema.org/EventRescheduled",
        "2019-06-13T11:00:00+02:00",
        "2019-06-20T11:00:00+02:00",
    )


def test_event_moved_online_has_a_virtual_location_only(client, seed):
    translate_event(
        seed["sr-latn"],
        "sr-latn",
        status="moved_online",
        online_url="https://meet.example.org/panel",
    )

    data = json_ld(client, f"/sr-latn/{SEED_SLUG}/")

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/panel",
    }


def test_hybrid_event_has_the_place_and_the_virtual_location(client, seed):
    translate_event(
        seed["sr-latn"],
        "sr-latn",
        attendance_mode="hybrid",
        online_url="https://meet.example.org/panel",
    )

    data = json_ld(client, f"/sr-latn/{SEED_SLUG}/")

    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][1]["url"] == "https://meet.example.org/panel"


def test_without_an_organiser_the_implementing_partner_organises(client, seed):
    body = seed_body(seed_partners())
    partners_block = body[2]["value"]
    partners_block["partners"] = [
        entry for entry in partners_block["partners"] if entry["value"]["role"] != "organiser"
    ]
    translate_event(seed["sr-latn"], "sr-latn", body=body)

    data = json_ld(client, f"/sr-latn/{SEED_SLUG}/")

    assert data["organizer"] == [organisation("Međunarodna organizacija za migracije", "iom")]


def test_content_cannot_break_out_of_the_script_element(client, seed):
    hostile_title = 'Panel "Migracije" </script><script>alert(1)</script> & <!-- više -->'
    hostile_intro = 'Prvi red,\ndrugi red sa "navodnicima" i \\ kosom crtom.\u2028Kraj.'
    translate_event(seed["sr-latn"], "sr-latn", title=hostile_title, intro=hostile_intro)

    response = client.get(f"/sr-latn/{SEED_SLUG}/")
    html = response.content.decode()
    [script] = json_ld_scripts(response)
    data = json.loads(script.string)

    assert (data["name"], data["description"]) == (hostile_title, hostile_intro)
    json_text = html.split('<script type="application/ld+json"', 1)[1].split("</script>", 1)[0]
    assert "<" not in json_text.split(">", 1)[1]
    assert "alert(1)</script>" not in html


def test_json_for_script_escapes_markup_characters():
    assert json_for_script({"a": "</script>&<!--"}) == (
        '{"a": "\\u003c/script\\u003e\\u0026\\u003c!--"}'
    )


def test_script_carries_the_content_security_policy_nonce(client, seed):
    response = client.get(f"/sr-latn/{SEED_SLUG}/")

    [script] = json_ld_scripts(response)
    nonce = script["nonce"]
    assert nonce
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_outside_a_page_a_url_is_made_absolute_against_the_site_not_the_host_header(rf):
    # A view that is not a page (no "page" in its context) still names the Site's address,
    # as the canonical and hreflang links of every page do.
    Site.objects.filter(is_default_site=True).update(hostname="events.example.org", port=443)
    template = Template("{% load panel_event_tags %}{% absolute_url '/media/social.png' %}")

    rendered = template.render(Context({"request": rf.get("/search/", HTTP_HOST="testserver")}))

    assert rendered == "https://events.example.org/media/social.png"
