"""The read-only JSON API at /api/v2/events/, read the way a program reads it."""

import datetime
import itertools

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from panel_event.models import EventIndexPage, EventPage
from panel_event.outputs.api import response_cache
from tests.api_facts import api_facts, page_facts
from tests.public_fixtures import (
    SEED_SLUG,
    create_event,
    in_days,
    locale,
    make_document,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

LANGUAGES = ["sr-latn", "sr-cyrl", "en"]
LISTING = "/api/v2/events/"


@pytest.fixture
def partners(db):
    return seed_partners()


@pytest.fixture
def venue(db):
    return seed_venue(latitude="43.320900", longitude="21.895400")


@pytest.fixture
def seed(home_pages, partners, venue):
    return seed_event_in_three_languages(
        home_pages, partners, venue, registration_email="prijave@example.org"
    )


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def detail(client, page, **params):
    return get_json(client, f"{LISTING}{page.pk}/", **params)


def listed_ids(client, **params):
    return [item["id"] for item in get_json(client, LISTING, **params)["items"]]


def event_on(home, slug, days, **fields):
    start = in_days(days)
    return create_event(
        home, slug=slug, starts_at=start, ends_at=start + datetime.timedelta(hours=2), **fields
    )


# --- The event's fields ------------------------------------------------------------------------


def test_detail_gives_the_seed_in_its_language_and_time_zone(client, seed, partners, venue):
    latin = seed["sr-latn"]
    data = detail(client, latin)

    assert data["meta"]["type"] == "panel_event.EventPage"
    assert data["meta"]["locale"] == "sr-latn"
    assert data["meta"]["html_url"] == f"http://localhost/sr-latn/{SEED_SLUG}/"
    assert data["meta"]["detail_url"] == f"http://localhost/api/v2/events/{latin.pk}/"
    assert data["title"] == latin.title
    assert data["event_type"] == {"code": "panel_discussion", "label": "Panel diskusija"}
    assert data["intro"] == latin.intro
    assert data["starts_at"] == "2019-06-20T11:00:00+02:00"
    assert data["ends_at"] == "2019-06-20T13:00:00+02:00"
    assert data["time_zone"] == "Europe/Belgrade"
    assert data["status"] == {"code": "scheduled", "label": "Zakazano"}
    assert data["attendance_mode"] == {"code": "in_person", "label": "Uživo"}
    assert data["venue"] == {
        "id": venue.pk,
        "name": "Media i reform centar Niš",
        "street_address": "Generala Milojka Lešjanina 2",
        "postal_code": "18000",
        "city": "Niš",
        "country": "Srbija",
        "country_code": "RS",
        "latitude": 43.3209,
        "longitude": 21.8954,
        "map_url": "",
        "accessibility_notes": "",
    }
    assert data["registration"] == {
        "url": "",
        "email": "prijave@example.org",
        "deadline": None,
        "is_open": False,  # the event is over
        "capacity_note": "",
    }


def test_agenda_items_have_iso_times_kinds_and_speakers_with_organisations(client, seed, partners):
    [agenda] = detail(client, seed["sr-latn"])["agendas"]

    assert agenda["title"] == "Agenda"
    assert agenda["date"] is None
    assert [
        (item["starts_at"], item["ends_at"], item["kind"]["code"]) for item in agenda["items"]
    ] == [
        ("2019-06-20T11:00:00+02:00", "2019-06-20T11:10:00+02:00", "opening"),
        ("2019-06-20T11:10:00+02:00", "2019-06-20T12:10:00+02:00", "presentation"),
        ("2019-06-20T12:10:00+02:00", "2019-06-20T12:30:00+02:00", "closing"),
        ("2019-06-20T12:30:00+02:00", "2019-06-20T13:00:00+02:00", "refreshments"),
    ]
    opening = agenda["items"][0]
    assert opening["title"] == "Uvodna obraćanja"
    assert opening["kind"] == {"code": "opening", "label": "Uvodna obraćanja"}
    assert opening["speakers"] == [
        {
            "name": "Ursula Lojbli",
            "role": "direktorka Švajcarske kancelarije za saradnju",
            "organisation": {
                "name": "Ambasada Švajcarske Konfederacije u Republici Srbiji",
                "acronym": "",
                "partner_id": None,
            },
            "note": "",
        },
        {
            "name": "Jelena Ribać",
            "role": "koordinatorka projekta",
            "organisation": {
                "name": "Međunarodna organizacija za migracije",
                "acronym": "IOM",
                "partner_id": partners["IOM"].pk,
            },
            "note": "",
        },
    ]
    assert agenda["items"][1]["group_speakers"] == (
        "Kratke prezentacije predstavnika/-ca organizacija civilnog društva"
    )


def test_partners_come_with_their_roles(client, seed, partners):
    data = detail(client, seed["en"])

    assert [(entry["role"]["code"], entry["acronym"]) for entry in data["partners"]] == [
        ("organiser", "IOM"),
        ("implementing_partner", "IOM"),
        ("funder", "SDC"),
        ("cooperation", "MINRSZ"),
        ("cooperation", "RZSZ"),
        ("coordination", "KIRS"),
    ]
    assert data["partners"][2] == {
        "role": {"code": "funder", "label": "Donor / funder"},
        "id": partners["SDC"].pk,
        "name": "Švajcarska kancelarija za saradnju",
        "acronym": "SDC",
        "kind": {"code": "other", "label": "Other"},
        "website": "https://sdc.example.org/",
    }


def test_each_version_links_the_others(client, seed):
    data = detail(client, seed["sr-cyrl"])

    assert data["translations"] == [
        {
            "id": seed[code].pk,
            "locale": code,
            "title": seed[code].title,
            "html_url": f"http://localhost/{code}/{SEED_SLUG}/",
            "detail_url": f"http://localhost/api/v2/events/{seed[code].pk}/",
        }
        for code in ("sr-latn", "en")
    ]


def test_times_are_given_in_the_events_own_zone(client, home_pages):
    start = datetime.datetime(2027, 1, 15, 18, 30, tzinfo=datetime.UTC)
    event = create_event(
        home_pages["sr-latn"],
        slug="london",
        time_zone="Europe/London",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )

    data = detail(client, event)

    assert (data["starts_at"], data["ends_at"]) == (
        "2027-01-15T18:30:00+00:00",
        "2027-01-15T19:30:00+00:00",
    )
    assert data["venue"] is None
    assert data["agendas"] == []


# --- The same event as the page shows it -------------------------------------------------------


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_api_says_what_the_page_shows(client, seed, language_code):
    page = seed[language_code]

    from_page = page_facts(client.get(page.url).content)
    from_api = api_facts(detail(client, page))

    assert from_api == from_page
    # Not two empty readings agreeing: the seed's agenda is there.
    assert len(from_api["agendas"][0]["items"]) == 4
    assert from_api["agendas"][0]["items"][0]["speakers"][1][0] == "Jelena Ribać"


# --- Filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_locale_filter_gives_one_language(client, seed, language_code):
    assert listed_ids(client, locale=language_code) == [seed[language_code].pk]


def test_locale_filter_takes_the_bcp47_spelling(client, seed):
    assert listed_ids(client, locale="sr-Cyrl") == [seed["sr-cyrl"].pk]


def test_listing_without_filters_has_every_language(client, seed):
    data = get_json(client, LISTING)

    assert data["meta"]["total_count"] == 3
    assert {item["meta"]["locale"] for item in data["items"]} == set(LANGUAGES)


def test_event_type_filter(client, home_pages):
    workshop = event_on(home_pages["sr-latn"], "radionica", 10, event_type="workshop")
    event_on(home_pages["sr-latn"], "panel", 12)

    assert listed_ids(client, event_type="workshop") == [workshop.pk]


def test_upcoming_soonest_first_and_past_most_recent_first(client, home_pages):
    home = home_pages["sr-latn"]
    later = event_on(home, "kasnije", 20)
    sooner = event_on(home, "uskoro", 5)
    long_ago = event_on(home, "davno", -60)
    recently = event_on(home, "nedavno", -3)

    assert listed_ids(client, when="upcoming") == [sooner.pk, later.pk]
    assert listed_ids(client, when="past") == [recently.pk, long_ago.pk]
    assert listed_ids(client) == [long_ago.pk, recently.pk, sooner.pk, later.pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"locale": "de"}, "locale must be one of: sr-latn, sr-cyrl, en"),
        ({"when": "soon"}, "when must be one of: upcoming, past"),
        (
            {"event_type": "party"},
            "event_type must be one of: panel_discussion, conference, workshop, round_table, "
            "training, lecture, webinar, other",
        ),
        (
            {"type": "workshop"},
            "this endpoint lists only panel_event.EventPage pages; filter by the kind of event "
            "with event_type",
        ),
        ({"starts_at": "tomorrow"}, "not a valid value for starts_at"),
        (
            {"starts_at": "2027-04-08T09:00:00"},
            "starts_at needs a UTC offset, e.g. 2027-04-08T09:00:00+02:00",
        ),
        ({"id": "99999999999999999999999"}, "id is out of range"),
        ({"venue": "x"}, "not a valid value for venue"),
        ({"offset": "99999999999999999999"}, "offset is out of range"),
        ({"colour": "red"}, "query parameter is not an operation or a recognised field: colour"),
        ({"limit": "500"}, "limit cannot be higher than 20"),
        ({"search": "Niš"}, "search is not offered here; the site's search pages find events"),
    ],
)
def test_bad_values_are_answered_400_with_what_is_allowed(client, seed, params, message):
    response = client.get(LISTING, params)

    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_type_may_name_the_event_page_type(client, seed):
    assert len(listed_ids(client, type="panel_event.EventPage")) == 3


# --- Visibility --------------------------------------------------------------------------------


def assert_hidden(client, page, seed=None):
    assert page.pk not in listed_ids(client)
    response = client.get(f"{LISTING}{page.pk}/")
    assert response.status_code == 404
    assert response.json() == {"message": "No EventPage matches the given query."}
    assert client.get(f"{LISTING}find/", {"html_path": page.url}).status_code == 404
    if seed is not None:
        linked = [link["id"] for link in detail(client, seed["sr-latn"])["translations"]]
        assert page.pk not in linked


def test_a_draft_never_appears(client, home_pages):
    draft = home_pages["sr-latn"].add_child(
        instance=EventPage(
            title="Nacrt",
            slug="nacrt",
            intro="Još se piše.",
            starts_at=in_days(3),
            ends_at=in_days(3, hour=13),
            live=False,
        )
    )
    draft.save_revision()

    assert_hidden(client, draft)


def test_a_private_event_never_appears(client, seed):
    PageViewRestriction.objects.create(
        page=seed["en"], restriction_type=PageViewRestriction.PASSWORD, password="tajna"
    )

    assert_hidden(client, seed["en"], seed)


def test_an_event_in_a_private_section_never_appears(client, home_pages):
    section = home_pages["sr-latn"].add_child(
        instance=EventIndexPage(title="Interno", slug="interno")
    )
    section.save_revision().publish()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    hidden = event_on(section, "interni-sastanak", 4)

    assert_hidden(client, hidden)


def test_private_events_stay_hidden_from_a_logged_in_reader(admin_client, seed):
    PageViewRestriction.objects.create(page=seed["en"], restriction_type=PageViewRestriction.LOGIN)

    assert_hidden(admin_client, seed["en"], seed)


def test_an_unpublished_translation_never_appears(client, seed):
    seed["en"].unpublish()

    assert_hidden(client, seed["en"], seed)


def test_a_translation_never_published_is_not_linked(client, home_pages, partners, venue):
    latin = create_event(home_pages["sr-latn"], partners=partners, venue=venue)
    english_draft = latin.copy_for_translation(locale("en"))
    english_draft.save_revision()

    assert_hidden(client, english_draft)
    assert detail(client, latin)["translations"] == []


# --- Finding an event by its address ---------------------------------------------------------


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_find_leads_from_a_page_address_to_its_event(client, seed, language_code):
    page = seed[language_code]

    response = client.get(f"{LISTING}find/", {"html_path": page.url})

    assert response.status_code == 302
    assert response["Location"] == f"http://localhost/api/v2/events/{page.pk}/?"


def test_an_unknown_event_is_a_json_404_not_a_redirect(client, seed):
    for url in (f"{LISTING}999999/", f"{LISTING}99999999999999999999999/"):
        response = client.get(url)

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "url", ["/api/v2/", "/api/v2/pages/", "/api/v2/events/next", f"{LISTING}x/"]
)
def test_a_path_that_names_no_endpoint_is_a_json_404(client, db, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json() == {
        "message": "no such endpoint; the events are at http://testserver/api/v2/events/"
    }


# --- Read-only ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(admin_client, seed, method):
    url = f"{LISTING}{seed['sr-latn'].pk}/"
    response = getattr(admin_client, method)(url, {"title": "X"}, content_type="application/json")

    assert response.status_code == 405
    assert EventPage.objects.get(pk=seed["sr-latn"].pk).title == seed["sr-latn"].title


# --- Cost --------------------------------------------------------------------------------------

# A listing page, whatever its size: the cache generation (read by the page cache's middleware,
# then by the API's response cache), the site, the count, the events with their venues and
# locales, every partner their agendas and partners blocks choose, their public versions in
# other languages, and when the next event ends (how long the answer may be kept).
QUERIES_PER_LISTING = 8


def many_events(home_pages, partners, venue, count):
    """``count`` events with the seed's agenda, partners and a document, each in English too."""
    programme = make_document()
    for number in range(count):
        latin = create_event(
            home_pages["sr-latn"],
            partners=partners,
            venue=venue,
            documents=[programme],
            slug=f"dogadjaj-{number}",
        )
        translate_event(latin, "en", title=f"Event {number}")


@pytest.mark.parametrize("count", [2, 8])
def test_a_page_of_all_fields_costs_a_fixed_number_of_queries(
    client, home_pages, partners, venue, count, django_assert_num_queries
):
    many_events(home_pages, partners, venue, count)
    get_json(client, LISTING, limit=1)  # caches of the process: content types, site paths

    with django_assert_num_queries(QUERIES_PER_LISTING):
        data = get_json(client, LISTING, fields="*", locale="sr-latn")

    assert len(data["items"]) == count
    assert all(len(item["agendas"][0]["items"]) == 4 for item in data["items"])
    assert all(len(item["partners"]) == 6 for item in data["items"])
    assert all(len(item["translations"]) == 1 for item in data["items"])


def test_a_listing_without_agendas_or_partners_reads_no_partner(
    client, home_pages, partners, venue, django_assert_num_queries
):
    many_events(home_pages, partners, venue, 3)
    get_json(client, LISTING, limit=1)

    with django_assert_num_queries(QUERIES_PER_LISTING - 1):
        get_json(client, LISTING, locale="sr-latn")


# --- Caching -----------------------------------------------------------------------------------


def test_answers_carry_an_etag_and_a_matching_one_gets_304(client, seed):
    first = client.get(LISTING)
    assert first["Cache-Control"] == "public, no-cache"

    again = client.get(LISTING, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_a_stored_answer_is_served_without_reading_the_events(
    client, seed, django_assert_max_num_queries
):
    first = client.get(LISTING, {"locale": "en"})

    with django_assert_max_num_queries(2):  # the cache generation, nothing about events
        second = client.get(LISTING, {"locale": "en"})

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_publish_makes_the_stored_answer_stale(client, seed):
    before = client.get(f"{LISTING}{seed['en'].pk}/")

    translate_event(seed["sr-latn"], "en", title="Migrants in Serbia: a panel in Niš")
    after = client.get(f"{LISTING}{seed['en'].pk}/", headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert after.json()["title"] == "Migrants in Serbia: a panel in Niš"


def test_a_privacy_change_makes_the_stored_answer_stale(client, seed):
    assert seed["en"].pk in listed_ids(client)

    PageViewRestriction.objects.create(page=seed["en"], restriction_type=PageViewRestriction.LOGIN)

    assert seed["en"].pk not in listed_ids(client)


def test_an_answer_is_kept_no_longer_than_until_the_next_event_ends(home_pages):
    start = timezone.now() - datetime.timedelta(hours=1)
    create_event(
        home_pages["sr-latn"],
        slug="u-toku",
        starts_at=start,
        ends_at=timezone.now() + datetime.timedelta(seconds=90),
    )

    assert 85 <= response_cache.storage_timeout() <= 90


# --- Hostile input -----------------------------------------------------------------------------

HOSTILE_VALUES = [
    '<script>alert("x")</script>',
    "\"'; DROP TABLE wagtailcore_page; --",
    "nul\x00byte",
    "x" * 3000,
    "%00%3Cb%3E",
    "-1",
    "99999999999999999999",
]
PARAMETERS = [
    "locale",
    "when",
    "event_type",
    "type",
    "search",
    "order",
    "fields",
    "limit",
    "offset",
    "starts_at",
    "id",
    "venue",
    "title",
    "rich_text_format",
    "<b>",
]


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_hostile_query_strings_get_no_server_error(client, seed, parameter):
    urls = (LISTING, f"{LISTING}{seed['sr-latn'].pk}/", f"{LISTING}find/")
    for value in HOSTILE_VALUES:
        for url, params in itertools.product(
            urls, ({parameter: value}, {parameter: value, "html_path": value})
        ):
            response = client.get(url, params)

            assert response.status_code < 500, (url, value, response.content[:300])
            assert b"<script" not in response.content
            assert b"<b>" not in response.content
