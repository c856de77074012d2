"""The public event page as readers, printers, sharers and assistive technology get it."""

import datetime
import itertools
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from panel_event.languages.formatting import format_event_when
from tests.public_fixtures import (
    BELGRADE,
    SEED_END,
    SEED_SLUG,
    SEED_START,
    create_event,
    make_document,
    make_image,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

LANGUAGES = ["sr-latn", "sr-cyrl", "en"]
HTML_LANG = {"sr-latn": "sr-Latn", "sr-cyrl": "sr-Cyrl", "en": "en"}
PAGE_WEIGHT_BUDGET = 60_000
OWN_HOSTS = {"", "localhost", "testserver"}


@pytest.fixture
def partners(db):
    return seed_partners(with_logos=True)


@pytest.fixture
def venue(db):
    return seed_venue()


@pytest.fixture
def seed(home_pages, partners, venue):
    return seed_event_in_three_languages(
        home_pages,
        partners,
        venue,
        documents=[make_document()],
        hero_image=make_image("Južno raskršće", "hero.jpg"),
        hero_alt_text="Kadar iz filma: grupa migranata na putu kroz polje",
        hero_caption="Kadar iz filma Južno raskršće",
        registration_email="prijave@example.org",
    )


@pytest.fixture
def upcoming(home_pages, partners, venue):
    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=30), datetime.time(11), BELGRADE
    )
    return create_event(
        home_pages["sr-latn"],
        partners=partners,
        venue=venue,
        slug="buduci-panel",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        registration_url="https://example.org/prijava",
        registration_email="prijave@example.org",
        capacity_note="Broj mesta je ograničen na 40 učesnika.",
    )


def page_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def heading_outline(soup):
    return [
        (int(heading.name[1]), heading.get_text(" ", strip=True))
        for heading in soup.find_all(re.compile(r"^h[1-6]$"))
    ]


def first_in_document_order(soup, class_names):
    """The given classes, in the order their first elements appear in the page."""
    seen = []
    for element in soup.find_all(True):
        for name in element.get("class", []):
            if name in class_names and name not in seen:
                seen.append(name)
    return seen


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_event_page_renders_in_each_language(client, seed, language_code):
    event = seed[language_code]

    soup = page_soup(client, f"/{language_code}/{SEED_SLUG}/")

    assert soup.html["lang"] == HTML_LANG[language_code]
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [event.title]
    when = soup.select_one(".event-summary time")
    assert when["datetime"] == "2019-06-20T11:00:00+02:00"
    assert when.get_text() == format_event_when(SEED_START, SEED_END, BELGRADE, language_code)
    assert soup.select_one(".event-header__intro").get_text() == event.intro


def test_event_page_puts_what_matters_most_first(client, seed):
    soup = page_soup(client, f"/en/{SEED_SLUG}/")

    order = first_in_document_order(
        soup,
        {
            "event-header__type",
            "event-header__title",
            "event-summary",
            "event-hero",
            "event-objective",
            "key-figures",
            "agenda",
            "partners",
            "materials",
            "registration",
        },
    )

    assert order == [
        "event-header__type",
        "event-header__title",
        "event-summary",
        "event-hero",
        "event-objective",
        "key-figures",
        "agenda",
        "partners",
        "materials",
        "registration",
    ]
    assert soup.select_one(".event-header__type").get_text() == "Panel discussion"


def test_headings_form_an_outline_without_skipped_levels(client, seed):
    soup = page_soup(client, f"/en/{SEED_SLUG}/")

    assert heading_outline(soup) == [
        (1, "Support and protection for vulnerable migrants in Serbia"),
        (2, "Objective"),
        (2, "Agenda"),
        (3, "Opening remarks"),
        (3, "Experiences and good practice from the support programmes"),
        (3, "Conclusions, recommendations and next steps"),
        (3, "Refreshments"),
        (2, "Partners"),
        (3, "Organiser"),
        (3, "Implementing partner"),
        (3, "Donor / funder"),
        (3, "In cooperation with"),
        (3, "In coordination with"),
        (2, "Materials"),
        (2, "Registration"),
    ]


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_language_has_one_h1_and_no_skipped_heading_level(client, seed, language_code):
    levels = [level for level, _text in heading_outline(page_soup(client, seed[language_code].url))]

    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_time_element_has_a_machine_readable_datetime(client, seed, language_code):
    soup = page_soup(client, seed[language_code].url)

    times = soup.find_all("time")
    assert times
    for element in times:
        # Raises if missing or not ISO 8601.
        datetime.datetime.fromisoformat(element["datetime"])


def test_agenda_times_are_full_date_times_in_the_events_zone(client, seed):
    soup = page_soup(client, f"/sr-latn/{SEED_SLUG}/")

    assert [time["datetime"] for time in soup.select(".agenda-item__time time")] == [
        "2019-06-20T11:00:00+02:00",
        "2019-06-20T11:10:00+02:00",
        "2019-06-20T11:10:00+02:00",
        "2019-06-20T12:10:00+02:00",
        "2019-06-20T12:10:00+02:00",
        "2019-06-20T12:30:00+02:00",
        "2019-06-20T12:30:00+02:00",
        "2019-06-20T13:00:00+02:00",
    ]
    assert [time.get_text(" ", strip=True) for time in soup.select(".agenda-item__time")] == [
        "11.00 – do 11.10",
        "11.10 – do 12.10",
        "12.10 – do 12.30",
        "12.30 – do 13.00",
    ]


def test_agenda_shows_speakers_and_sets_pauses_apart(client, seed):
    soup = page_soup(client, f"/sr-latn/{SEED_SLUG}/")

    items = soup.select(".agenda-item")
    assert [
        (
            item.select_one(".agenda-item__title").get_text(),
            "agenda-item--pause" in item["class"],
        )
        for item in items
    ] == [
        ("Uvodna obraćanja", False),
        ("Predstavljanje iskustava i dobrih praksi", False),
        ("Zaključci, preporuke i sledeći koraci", False),
        ("Osveženje", True),
    ]
    assert [speaker.get_text() for speaker in items[0].select(".speaker")] == [
        "Ursula Lojbli, direktorka Švajcarske kancelarije za saradnju, "
        "Ambasada Švajcarske Konfederacije u Republici Srbiji",
        "Jelena Ribać, koordinatorka projekta, Međunarodna organizacija za migracije",
    ]
    assert items[1].select_one(".agenda-item__group").get_text() == (
        "Kratke prezentacije predstavnika/-ca organizacija civilnog društva"
    )


def test_partners_are_grouped_by_role_with_logos(client, seed):
    soup = page_soup(client, f"/en/{SEED_SLUG}/")

    groups = [
        (
            group.select_one(".partners__role").get_text(),
            [name.get_text() for name in group.select(".partner__name")],
            len(group.select("img.partner__logo")),
        )
        for group in soup.select(".partners__group")
    ]
    assert groups == [
        ("Organiser", ["Međunarodna organizacija za migracije (IOM)"], 1),
        ("Implementing partner", ["Međunarodna organizacija za migracije (IOM)"], 1),
        ("Donor / funder", ["Švajcarska kancelarija za saradnju (SDC)"], 1),
        (
            "In cooperation with",
            [
                "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja (MINRSZ)",
                "Republički zavod za socijalnu zaštitu (RZSZ)",
            ],
            2,
        ),
        ("In coordination with", ["Komesarijat za izbeglice i migracije (KIRS)"], 1),
    ]
    logo = soup.select_one("img.partner__logo")
    # 360×120 originals shown 48 px tall, with a 2× rendition for sharp screens.
    assert (logo["width"], logo["height"], logo["alt"], logo["sizes"]) == ("144", "48", "", "144px")
    assert [width.split()[-1] for width in logo["srcset"].split(", ")] == ["144w", "288w"]


def test_hero_image_is_responsive_with_dimensions_alt_caption_and_credit(client, seed):
    soup = page_soup(client, f"/sr-latn/{SEED_SLUG}/")

    hero = soup.select_one(".event-hero")
    image = hero.find("img")
    assert image["alt"] == "Kadar iz filma: grupa migranata na putu kroz polje"
    # The 1600×900 original at the smallest width; the browser picks from the srcset.
    assert (image["width"], image["height"]) == ("480", "270")
    assert [source["type"] for source in hero.find_all("source")] == ["image/avif", "image/webp"]
    assert [entry.split()[-1] for entry in image["srcset"].split(", ")] == [
        "480w",
        "800w",
        "1200w",
    ]
    assert hero.find("figcaption").get_text(" ", strip=True) == (
        "Kadar iz filma Južno raskršće "
        "Izvor: Printscreen iz filma Južno raskršće - Migranti / foto: Saša Đorđević"
    )


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_image_has_alt_text_and_dimensions(client, seed, language_code):
    soup = page_soup(client, seed[language_code].url)

    images = soup.find_all("img")
    assert len(images) == 7  # the hero and six partner logos
    for image in images:
        assert image.has_attr("alt")
        assert int(image["width"]) > 0
        assert int(image["height"]) > 0


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_page_loads_nothing_from_other_hosts(client, seed, language_code):
    soup = page_soup(client, seed[language_code].url)

    assert soup.find_all(["iframe", "embed", "object", "video", "audio"]) == []
    assert soup.find_all("script", src=True) == []
    assert [script["type"] for script in soup.find_all("script")] == ["application/ld+json"]
    resource_urls = [
        link["href"]
        for link in soup.find_all("link")
        if {"stylesheet", "icon", "preload", "modulepreload"} & set(link.get("rel", []))
    ]
    resource_urls += [image["src"] for image in soup.find_all("img")]
    resource_urls += [
        entry.split()[0]
        for element in soup.find_all(["img", "source"])
        for entry in element.get("srcset", "").split(", ")
        if entry
    ]
    assert resource_urls
    assert {urlsplit(url).hostname or "" for url in resource_urls} <= OWN_HOSTS


def test_open_graph_and_twitter_cards_describe_the_event(client, seed):
    event = seed["en"]
    soup = page_soup(client, f"/en/{SEED_SLUG}/")
    image_url = "http://localhost" + event.hero_image.get_rendition("fill-1200x630").url

    open_graph = [
        (meta.get("property") or meta.get("name"), meta["content"])
        for meta in soup.find_all("meta")
        if (meta.get("property") or meta.get("name") or "").startswith(("og:", "twitter:"))
    ]
    assert open_graph == [
        ("og:type", "website"),
        ("og:site_name", "Events"),
        ("og:title", event.title),
        ("og:url", f"http://localhost/en/{SEED_SLUG}/"),
        ("og:description", event.intro),
        ("og:locale", "en_GB"),
        ("og:locale:alternate", "sr_RS"),
        ("og:image", image_url),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("og:image:alt", "Kadar iz filma: grupa migranata na putu kroz polje"),
        ("twitter:card", "summary_large_image"),
        ("twitter:image", image_url),
        ("twitter:image:alt", "Kadar iz filma: grupa migranata na putu kroz polje"),
        ("twitter:title", event.title),
        ("twitter:description", event.intro),
    ]
    # The test site's title is the page's; a site adds its own name (tests/site/test_site_pages.py).
    assert soup.title.get_text() == event.title
    assert soup.find("meta", attrs={"name": "description"})["content"] == event.intro
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost/en/{SEED_SLUG}/"


def test_search_description_is_preferred_for_meta_description(client, seed):
    translate_event(seed["en"], "en", search_description="Niš, 20 June 2019: a panel.")

    soup = page_soup(client, f"/en/{SEED_SLUG}/")

    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Niš, 20 June 2019: a panel."
    )
    assert soup.find("meta", property="og:description")["content"] == (
        "Niš, 20 June 2019: a panel."
    )


def test_upcoming_event_offers_registration_and_calendar_links(client, upcoming):
    soup = page_soup(client, upcoming.url)

    actions = [(link.get_text(), link["href"]) for link in soup.select(".event-actions a")]
    google_url = actions[2][1]
    assert actions == [
        ("Prijavite se", "#registration"),
        ("Dodaj u kalendar", "/sr-latn/buduci-panel/calendar.ics"),
        ("Dodaj u Google kalendar", google_url),
    ]
    assert soup.find("link", type="text/calendar")["href"] == "/sr-latn/buduci-panel/calendar.ics"
    google = urlsplit(google_url)
    start = upcoming.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    end = upcoming.ends_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert (google.scheme, google.netloc, google.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    assert parse_qs(google.query) == {
        "action": ["TEMPLATE"],
        "text": [upcoming.title],
        "dates": [f"{start}/{end}"],
        "ctz": ["Europe/Belgrade"],
        "details": [f"{upcoming.intro}\n\nhttp://localhost/sr-latn/buduci-panel/"],
        "location": ["Media i reform centar Niš, Generala Milojka Lešjanina 2, 18000 Niš, Srbija"],
    }
    registration = soup.select_one("#registration")
    assert [(link.get_text(), link["href"]) for link in registration.find_all("a")] == [
        ("Prijavite se onlajn", "https://example.org/prijava"),
        ("ili pišite na prijave@example.org", "mailto:prijave@example.org"),
    ]
    assert registration.select_one(".registration__capacity").get_text() == (
        "Broj mesta je ograničen na 40 učesnika."
    )


def test_past_event_offers_no_registration_or_calendar_buttons(client, seed):
    soup = page_soup(client, f"/en/{SEED_SLUG}/")

    assert soup.select(".event-actions") == []
    # The calendar file stays linked for machines, and the organisers can still be reached.
    assert soup.find("link", type="text/calendar")["href"] == f"/en/{SEED_SLUG}/calendar.ics"
    assert soup.select_one("#registration p").get_text(" ", strip=True) == (
        "Registration is closed. For questions, write to prijave@example.org ."
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("cancelled", "Cancelled: this event will not take place."),
        ("postponed", "Postponed: the new date will be announced here."),
        (
            "rescheduled",
            "Rescheduled: new date below. It was planned for Thursday, 13 June 2019, 11:00 .",
        ),
        ("moved_online", "Moved online: this event now takes place online only."),
    ],
)
def test_changed_plans_are_announced_above_the_details(client, seed, status, expected):
    translate_event(
        seed["en"],
        "en",
        status=status,
        previous_starts_at=SEED_START - datetime.timedelta(days=7),
        online_url="https://meet.example.org/panel",
    )

    soup = page_soup(client, f"/en/{SEED_SLUG}/")

    banner = soup.select_one(".event-status")
    assert banner.get_text(" ", strip=True) == expected
    assert first_in_document_order(soup, {"event-status", "event-summary"}) == [
        "event-status",
        "event-summary",
    ]
    assert soup.select_one(".event-header .event-status") is not None


def test_scheduled_event_shows_no_status_banner(client, seed):
    assert page_soup(client, f"/en/{SEED_SLUG}/").select(".event-status") == []


def test_event_page_query_count_stays_low(client, seed, django_assert_max_num_queries):
    client.get(f"/sr-latn/{SEED_SLUG}/")  # renditions are made on the first view

    # Routing and view restrictions, the venue, the hero image, partners (one query per
    # block, logos in one), language versions: 16 measured, with six partners.
    with django_assert_max_num_queries(17):
        assert client.get(f"/sr-latn/{SEED_SLUG}/").status_code == 200
