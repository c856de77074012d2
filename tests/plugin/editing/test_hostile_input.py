"""Hostile text typed into every editable field reaches readers only as text.

The content is built the way an editor (or a stolen editor account) would: through the admin's
add views, with script, attribute-breaking and template payloads in every text field and
``javascript:`` in every link. Then the public page in all three languages, its JSON-LD, its
calendar file and the sitemap are read back.
"""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import icalendar
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale

from panel_event.models import EventPage, PartnerSnippet, Venue
from tests.event_form_data import agenda, agenda_item, event_form_data, list_block, speaker
from tests.plugin.testapp.models import HomePage
from tests.public_fixtures import make_image

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SCRIPT_END = "</script><script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"
EVERY_PAYLOAD = f"{SCRIPT} {ATTRIBUTE} {SCRIPT_END} {TEMPLATE}"
# For fields too short for all of them, in order of preference.
SHORTER_PAYLOADS = [SCRIPT_END, SCRIPT, '"><b onclick=1>', "<b onclick=1>"]
JAVASCRIPT_URL = "javascript:alert(1)"
VIDEO_URL = "https://www.youtube.com/watch?v=hostile"


def hostile(marker, max_length=None):
    """``marker`` followed by as many payloads as the field's length allows."""
    for payload in [EVERY_PAYLOAD, *SHORTER_PAYLOADS]:
        value = f"{marker} {payload}"
        if max_length is None or len(value) <= max_length:
            return value
    raise ValueError(f"no payload fits in {max_length} characters")


def contentstate_with_hostile_link(marker):
    """Rich text as Draftail posts it, hand-written so that nothing filters it on the way:
    raw markup in the text and a ``javascript:`` link entity."""
    text = hostile(marker)
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "aaaaa",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": len(marker), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "jav\tascript:alert(1)"},
                }
            },
        }
    )


# Every value the public page shows, by field: rendered escaped, the marker and payload appear
# in the HTML as text. Fields only in JSON-LD, the .ics or the admin are checked there.
SHOWN = {
    "title": hostile("T-title", 255),
    "intro": hostile("T-intro", 400),
    "hero_alt_text": hostile("T-hero-alt", 300),
    "hero_caption": hostile("T-hero-caption", 300),
    "hero_credit": hostile("T-hero-credit", 300),
    "room": hostile("T-room", 200),
    "capacity_note": hostile("T-capacity", 200),
    "heading": hostile("T-heading", 200),
    "figures_title": hostile("T-figures-title", 200),
    "figure": hostile("T1", 20),
    "figure_label": hostile("T-figure-label", 200),
    "agenda_title": hostile("T-agenda", 200),
    "item_title": hostile("T-item", 300),
    "speaker_name": hostile("T-speaker", 200),
    "speaker_role": hostile("T-speaker-role", 300),
    "speaker_organisation": hostile("T-speaker-org", 300),
    "speaker_note": hostile("T-speaker-note", 300),
    "group_speakers": hostile("T-group", 500),
    "partners_title": hostile("T-partners", 200),
    "quote": hostile("T-quote"),
    "attribution": hostile("T-attribution", 300),
    "image_alt": hostile("T-image-alt", 300),
    "image_caption": hostile("T-image-caption", 300),
    "image_credit": hostile("T-image-credit", 300),
    "materials_title": hostile("T-materials", 200),
    "material_title": hostile("T-material", 200),
    "document_title": hostile("T-document", 255),
    "cta_heading": hostile("T-cta", 200),
    "cta_text": hostile("T-cta-text"),
    "cta_button": hostile("T-btn", 80),
    "video_title": hostile("T-video", 200),
    "video_caption": hostile("T-video-caption", 300),
    "partner_name": hostile("T-partner", 255),
    "partner_acronym": hostile("T-acr", 30),
    "venue_name": hostile("T-venue", 255),
    "venue_street": hostile("T-street", 255),
    "venue_city": hostile("T-city", 100),
    "venue_accessibility": hostile("T-access"),
}
NOT_SHOWN = {
    "seo_title": hostile("T-seo", 255),
    "search_description": hostile("T-search"),
    "partner_description": hostile("T-partner-description", 600),
    "venue_country": hostile("T-country", 100),
}
RICH_TEXT_MARKERS = ["T-objective", "T-text", "T-item-description"]
CALENDAR_TEXT = "Prvi red\nDrugi red, sa zarezom; i tačkom-zarezom\r\nATTENDEE:mailto:x@example.org"


class AuditParser(HTMLParser):
    """What a browser would run or follow: handlers, script elements and link targets."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers = []
        self.dangerous_urls = []
        self.scripts = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            normalised = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name in self.URL_ATTRIBUTES and normalised.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.dangerous_urls.append((tag, name, value))
            if name == "srcset" and "javascript:" in normalised:
                self.dangerous_urls.append((tag, name, value))
        if tag == "script":
            attributes = dict(attrs)
            self.scripts.append(attributes)
            self._in_json_ld = attributes.get("type") == "application/ld+json"
            if self._in_json_ld:
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def audit(html):
    parser = AuditParser()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def visitor():
    """An anonymous reader (admin_client shares pytest-django's ``client``)."""
    return Client()


@pytest.fixture
def home(home_pages):
    return home_pages["sr-latn"]


def post_snippet(admin_client, model_name, data):
    url = reverse(f"wagtailsnippets_panel_event_{model_name}:add")
    response = admin_client.post(url, {"locale": "sr-latn", **data})
    assert response.status_code == 302, response.context["form"].errors
    return response


def partner_data(**fields):
    return {
        "name": SHOWN["partner_name"],
        "acronym": SHOWN["partner_acronym"],
        "kind": "other",
        "logo": "",
        "website": "https://partner.example.org/",
        "description": NOT_SHOWN["partner_description"],
        **fields,
    }


def venue_data(**fields):
    return {
        "name": SHOWN["venue_name"],
        "street_address": SHOWN["venue_street"],
        "postal_code": "18000",
        "city": SHOWN["venue_city"],
        "country": NOT_SHOWN["venue_country"],
        "country_code": "RS",
        "latitude": "",
        "longitude": "",
        "map_url": "https://maps.example.org/?q=nis",
        "accessibility_notes": SHOWN["venue_accessibility"],
        **fields,
    }


def hostile_body(partner, image, document):
    text = SHOWN
    return [
        ("heading", {"text": text["heading"], "level": "h2"}),
        ("text", contentstate_with_hostile_link("T-text")),
        (
            "key_figures",
            {
                "title": text["figures_title"],
                "figures": list_block([{"figure": text["figure"], "label": text["figure_label"]}]),
            },
        ),
        agenda(
            [
                {
                    **agenda_item(
                        "11:00",
                        "11:30",
                        text["item_title"],
                        speakers=[
                            speaker(
                                text["speaker_name"],
                                role=text["speaker_role"],
                                organisation_text=text["speaker_organisation"],
                                note=text["speaker_note"],
                            ),
                            speaker("Jelena Ribać", organisation=partner.pk),
                        ],
                        group_speakers=text["group_speakers"],
                    ),
                    "description": contentstate_with_hostile_link("T-item-description"),
                },
                agenda_item("11:30", "12:00", "Pauza", kind="break"),
            ],
            title=text["agenda_title"],
        ),
        (
            "partners",
            {
                "title": text["partners_title"],
                "partners": list_block([{"partner": str(partner.pk), "role": "organiser"}]),
            },
        ),
        ("quote", {"quote": text["quote"], "attribution": text["attribution"]}),
        (
            "image",
            {
                "image": str(image.pk),
                "alt_text": text["image_alt"],
                "caption": text["image_caption"],
                "credit": text["image_credit"],
            },
        ),
        (
            "materials",
            {
                "title": text["materials_title"],
                "documents": list_block(
                    [
                        {"document": str(document.pk), "title": text["material_title"]},
                        {"document": str(document.pk), "title": ""},
                    ]
                ),
            },
        ),
        (
            "call_to_action",
            {
                "heading": text["cta_heading"],
                "text": text["cta_text"],
                "link_url": "https://example.org/prijava",
                "email": "prijave@example.org",
                "button_label": text["cta_button"],
            },
        ),
        (
            "video",
            {"video": VIDEO_URL, "title": text["video_title"], "caption": text["video_caption"]},
        ),
    ]


@pytest.fixture
def hostile_event(admin_client, home, media, django_capture_on_commit_callbacks):
    """A published event with a hostile value in every text field, in three languages."""
    # The video block checks its URL with the provider; a cached embed keeps the test offline.
    Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL, None, None),
        url=VIDEO_URL,
        type="video",
        html="",
        provider_name="YouTube",
        width=640,
        height=360,
    )
    image = make_image("Hero", "hero.jpg", size=(1200, 700))
    document = get_document_model().objects.create(
        title=SHOWN["document_title"], file=ContentFile(b"%PDF-1.4\n", name="program.pdf")
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_snippet(admin_client, "partnersnippet", partner_data())
        post_snippet(admin_client, "venue", venue_data())
    latin = Locale.objects.get(language_code="sr-latn")
    partner = PartnerSnippet.objects.get(locale=latin)
    venue = Venue.objects.get(locale=latin)

    data = event_form_data(
        body=hostile_body(partner, image, document),
        title=SHOWN["title"],
        slug="neprijateljski-unos",
        intro=f"{SHOWN['intro']}\n{CALENDAR_TEXT}",
        starts_at="2031-06-20 11:00",
        ends_at="2031-06-20 13:00",
        venue=str(venue.pk),
        room=SHOWN["room"],
        attendance_mode="hybrid",
        online_url="https://meet.example.org/panel",
        hero_image=str(image.pk),
        hero_alt_text=SHOWN["hero_alt_text"],
        hero_caption=SHOWN["hero_caption"],
        hero_credit=SHOWN["hero_credit"],
        objective=contentstate_with_hostile_link("T-objective"),
        registration_url="https://example.org/registracija",
        registration_email="prijave@example.org",
        capacity_note=SHOWN["capacity_note"],
        seo_title=NOT_SHOWN["seo_title"],
        search_description=NOT_SHOWN["search_description"],
    )
    data["action-publish"] = "action-publish"
    add_url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", home.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors.as_data()

    source = EventPage.objects.get(slug="neprijateljski-unos", locale=latin)
    english = source.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    events = {
        page.locale.language_code: page
        for page in EventPage.objects.filter(translation_key=source.translation_key)
    }
    assert set(events) == {"sr-latn", "sr-cyrl", "en"}
    assert all(page.live for page in events.values())
    return events


def assert_nothing_runs(html):
    for raw in (SCRIPT, SCRIPT_END, "<img src=x onerror", "<b onclick"):
        assert raw not in html
    page = audit(html)
    assert page.handlers == []
    assert page.dangerous_urls == []
    # The only scripts are data blocks: no payload opened a script element.
    assert [script.get("type") for script in page.scripts] == ["application/ld+json"]
    return page


@pytest.mark.django_db
def test_hostile_text_is_shown_as_text_on_every_public_page(visitor, hostile_event):
    for language_code, event in hostile_event.items():
        response = visitor.get(event.url)

        assert response.status_code == 200, language_code
        html = response.content.decode()
        page = assert_nothing_runs(html)
        (json_ld,) = page.json_ld
        assert "</script" not in json_ld.lower()
        assert "<script" not in json_ld.lower()
        data = json.loads(json_ld)
        assert data["name"] == event.title
        if language_code == "sr-cyrl":
            # The same payloads, transliterated: checked above for what could run.
            continue
        # The Latin and English versions carry the payloads verbatim, so each must be on the
        # page exactly as typed, escaped: proof that every field was rendered and was safe.
        missing = [name for name, value in SHOWN.items() if escape(value) not in html]
        assert missing == [], language_code
        assert data["name"] == SHOWN["title"]
        assert data["performer"][0]["name"] == SHOWN["speaker_name"]
        for marker in RICH_TEXT_MARKERS:
            # The javascript: link keeps its text and loses its target.
            assert f"<a>{marker}</a>" in html
            assert escape(hostile(marker)).removeprefix(marker) in html
        # Template syntax is printed, never evaluated.
        assert TEMPLATE in html


@pytest.mark.django_db
def test_hostile_text_stays_text_in_the_calendar_file_and_the_sitemap(visitor, hostile_event):
    event = hostile_event["sr-latn"]

    response = visitor.get(f"{event.url}calendar.ics")

    assert response.status_code == 200
    ics = response.content.decode()
    # Unfolded, every content line is one property: a newline in the text never starts one.
    lines = re.sub(r"\r\n[ \t]", "", ics).split("\r\n")
    assert not [line for line in lines if line.startswith("ATTENDEE")]
    description = next(line for line in lines if line.startswith("DESCRIPTION"))
    assert "Prvi red\\nDrugi red\\, sa zarezom\\; i tačkom-zarezom\\nATTENDEE:mailto" in (
        description
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == SHOWN["title"]
    assert str(vevent["DESCRIPTION"]).startswith(f"{SHOWN['intro']}\nPrvi red\nDrugi red, sa")
    assert str(vevent["LOCATION"]).startswith(f"{SHOWN['room']}, {SHOWN['venue_name']}")
    assert calendar.walk("VALARM") == []

    sitemap = visitor.get("/sitemap.xml")

    assert sitemap.status_code == 200
    root = ET.fromstring(sitemap.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [element.text for element in root.iterfind("s:url/s:loc", namespace)]
    for version in hostile_event.values():
        assert version.get_full_url() in locations


LINKS_THAT_MUST_BE_REFUSED = [
    JAVASCRIPT_URL,
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
URL_MESSAGE = "Enter a full web address starting with https:// or http://."


@pytest.mark.django_db
@pytest.mark.parametrize("url", LINKS_THAT_MUST_BE_REFUSED)
def test_event_links_accept_only_web_addresses(admin_client, url):
    home = HomePage.objects.get(locale__language_code="sr-latn", depth=2)
    add_url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", home.pk))
    call_to_action = {
        "heading": "Prijavite se",
        "text": "",
        "link_url": url,
        "email": "",
        "button_label": "Prijava",
    }
    data = event_form_data(
        body=[("call_to_action", call_to_action)],
        registration_url=url,
        online_url=url,
    )

    response = admin_client.post(add_url, data)

    assert response.status_code == 200
    form = response.context["form"]
    with override("en"):
        for field in ("registration_url", "online_url"):
            assert [str(error) for error in form.errors[field]] == [URL_MESSAGE]
    link_error = form.errors.as_data()["body"][0].block_errors[0].block_errors["link_url"]
    with override("en"):
        assert [str(message) for message in link_error] == [URL_MESSAGE]
    assert not EventPage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", LINKS_THAT_MUST_BE_REFUSED)
@pytest.mark.parametrize(
    ("model_name", "field", "data"),
    [("partnersnippet", "website", partner_data), ("venue", "map_url", venue_data)],
)
def test_snippet_links_accept_only_web_addresses(admin_client, model_name, field, data, url):
    add_url = reverse(f"wagtailsnippets_panel_event_{model_name}:add")

    response = admin_client.post(add_url, {"locale": "sr-latn", **data(**{field: url})})

    assert response.status_code == 200
    with override("en"):
        assert [str(error) for error in response.context["form"].errors[field]] == [URL_MESSAGE]
    assert not PartnerSnippet.objects.exists()
    assert not Venue.objects.exists()


@pytest.mark.django_db
def test_the_same_links_over_http_and_https_are_accepted(admin_client):
    home = HomePage.objects.get(locale__language_code="sr-latn", depth=2)
    add_url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", home.pk))
    call_to_action = {
        "heading": "Prijavite se",
        "text": "",
        "link_url": "https://example.org/prijava",
        "email": "",
        "button_label": "Prijava",
    }
    data = event_form_data(
        body=[("call_to_action", call_to_action)],
        registration_url="https://example.org/prijava",
        online_url="http://example.org/uzivo",
        attendance_mode="hybrid",
    )

    response = admin_client.post(add_url, data)

    assert response.status_code == 302
    event = EventPage.objects.get(locale__language_code="sr-latn")
    assert (event.registration_url, event.online_url) == (
        "https://example.org/prijava",
        "http://example.org/uzivo",
    )
    assert event.body[0].value["link_url"] == "https://example.org/prijava"


def feed_summaries(content):
    """Each entry's summary HTML as the XML carries it (RSS description, Atom summary)."""
    root = ET.fromstring(content)
    atom = "{http://www.w3.org/2005/Atom}"
    elements = root.findall("channel/item/description") or root.findall(
        f"{atom}entry/{atom}summary"
    )
    return [element.text for element in elements]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["feed/rss/", "feed/atom/"])
def test_hostile_text_stays_text_in_the_feeds(visitor, hostile_event, route):
    response = visitor.get(f"/sr-latn/{route}")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.title == SHOWN["title"]
    [summary] = feed_summaries(response.content)
    page = audit(summary)
    assert (page.handlers, page.dangerous_urls, page.scripts) == ([], [], [])
    assert escape(SHOWN["intro"]) in summary
    assert (
        f"<p>{escape(SHOWN['venue_name'])}, {escape(SHOWN['venue_city'])} · Onlajn</p>" in summary
    )


@pytest.mark.django_db
def test_hostile_text_stays_text_in_the_calendar_subscription(visitor, hostile_event):
    event = hostile_event["sr-latn"]

    subscription = visitor.get("/sr-latn/calendar.ics")
    own_file = visitor.get(f"{event.url}calendar.ics")

    assert subscription.status_code == 200
    lines = re.sub(r"\r\n[ \t]", "", subscription.content.decode()).split("\r\n")
    assert not [line for line in lines if line.startswith("ATTENDEE")]
    [vevent] = icalendar.Calendar.from_ical(subscription.content).walk("VEVENT")
    [own_vevent] = icalendar.Calendar.from_ical(own_file.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == SHOWN["title"]
    assert vevent.to_ical() == own_vevent.to_ical()


HOSTILE_QUERY_VALUES = [SCRIPT, ATTRIBUTE, "quote'\"mark", "nul\x00byte", "x" * 3000]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["feed/rss/", "feed/atom/", "calendar/", "calendar.ics"])
def test_feeds_and_subscription_shrug_off_hostile_queries(visitor, home_pages, route):
    for language_code in ("sr-latn", "sr-cyrl", "en"):
        for value in HOSTILE_QUERY_VALUES:
            response = visitor.get(
                f"/{language_code}/{route}", {"page": value, "q": value, value: "1"}
            )
            assert response.status_code == 200, (language_code, value[:20])
            assert value.encode() not in response.content
            assert escape(value).encode() not in response.content
        for suffix in ("%3Cscript%3E/", "%00/", "x" * 3000 + "/"):
            response = visitor.get(f"/{language_code}/{route.rstrip('/')}/{suffix}")
            assert response.status_code == 404, (language_code, suffix[:20])
