"""Whatever an editor's browser, or anyone holding an editor's session, posts as an agenda, the
page editor answers with a validation error or a saved page: never a server error.

Hypothesis builds the POST data field by field, the way the editor's JavaScript would, then
breaks it: invalid and huge times, unicode and NUL characters, items out of order or
overlapping, counts that do not match the items, negative or non-numeric counts, missing keys,
rich text that is not JSON. Examples that are valid enough to publish are then read back from the
public page and the calendar file in every language.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from wagtail.models import Locale

from panel_event.models import EventPage
from tests.conftest import prefer_english_admin, publish_home_pages
from tests.event_form_data import event_form_data

EVENT_FIELDS = {"starts_at": "2031-06-20 11:00", "ends_at": "2031-06-20 15:00"}
BELGRADE = datetime.timezone(datetime.timedelta(hours=2))  # summer time, as on 20 June 2031

ODD_TIMES = [
    "25:99",
    "",
    "11.00",
    "24:00",
    "23:59",
    "00:00",
    "11:00:00",
    "11:00:00.999999",
    "-1:00",
    "1100",
    "11:60",
    "١١:٠٠",
    "11:00\x00",
    "9" * 1000,
    "noon",
]
ODD_TEXT = [
    "",
    " ",
    "Uvodna obraćanja",
    "Уводна обраћања",
    "<script>alert(1)</script>",
    "a\x00b",
    "\u202eevil",
    "😀" * 100,
    "x" * 1000,
]
ODD_DATES = ["", "2031-06-20", "2031-06-21", "2031-02-30", "0001-01-01", "9999-12-31", "x"]
KINDS = ["session", "opening", "break", "refreshments", "nonsense", ""]
# Wagtail reads a negative count as no entries, and a short count as fewer entries.
TOLERATED_COUNTS = ["-1", "-3", "0"]
# Counts the editor's JavaScript never sends: Wagtail's widgets cannot read the structure.
STRUCTURE_BREAKING_COUNTS = ["", "abc", "1.5", "1e3", "9" * 30, " 2 x", "7"]
BROKEN_RICH_TEXT = ["{not json", "null", '{"blocks": 5}', '{"entityMap": {}}', '{"blocks": [{}]}']
# Valid JSON that is not an object makes Draftail's converter raise AttributeError.
RICH_TEXT_NOT_AN_OBJECT = ["[]", "1", '"text"']
# Where a block or list entry keeps its structure (as opposed to its values).
STRUCTURE_KEYS = ("count", "deleted", "order", "type")

# Publishing mode: "publishable" examples are valid enough to go live; "hostile" ones break
# every value but keep the structure; "broken" ones break the structure too.
MODES = ["publishable", "hostile", "broken"]

clock_times = st.builds(
    lambda hour, minute: f"{hour:02d}:{minute:02d}",
    st.integers(min_value=9, max_value=14),
    st.sampled_from([0, 10, 15, 30, 45, 59]),
)
times = st.one_of(clock_times, clock_times, st.sampled_from(ODD_TIMES), st.text(max_size=8))
texts = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=40))
# Text an editor could publish: any script, emoji and bidi controls, but no control characters.
publishable_texts = st.one_of(
    st.sampled_from(["Uvod", "Уводна обраћања", "<script>alert(1)</script>", "\u202eevil"]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    ),
)


def contentstate(text):
    """Rich text as the Draftail editor posts it."""
    block = {
        "key": "a",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


@st.composite
def rich_texts(draw, mode):
    if mode == "broken" and draw(st.booleans()):
        return draw(st.sampled_from(BROKEN_RICH_TEXT))
    return contentstate(draw(publishable_texts if mode == "publishable" else texts))


@st.composite
def list_entries(draw, prefix, entries, mode):
    """Form data for a ListBlock at ``prefix``. Outside "publishable", entries may be marked
    deleted or reordered and the count may not match them."""
    data = {}
    exact = mode == "publishable"
    orders = list(range(len(entries))) if exact else draw(st.permutations(range(len(entries))))
    for index, entry in enumerate(entries):
        data[f"{prefix}-{index}-deleted"] = "" if exact else draw(st.sampled_from(["", "", "1"]))
        data[f"{prefix}-{index}-order"] = str(orders[index])
        data[f"{prefix}-{index}-id"] = ""
        for name, value in entry.items():
            data[f"{prefix}-{index}-value-{name}"] = value
    counts = [st.just(str(len(entries)))]
    if not exact:
        counts += [st.integers(0, len(entries)).map(str), st.sampled_from(TOLERATED_COUNTS)]
    if mode == "broken":
        counts.append(st.sampled_from(STRUCTURE_BREAKING_COUNTS))
    data[f"{prefix}-count"] = draw(st.one_of(counts))
    return data


@st.composite
def speaker_entries(draw, mode):
    text = publishable_texts if mode == "publishable" else texts
    return [
        {
            "name": draw(text),
            "role": draw(text),
            "organisation": (
                "" if mode == "publishable" else draw(st.sampled_from(["", "", "999999"]))
            ),
            "organisation_text": draw(text),
            "note": draw(text),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]


@st.composite
def publishable_times(draw):
    """One to three items in order inside the event (11:00-15:00), ten minutes each."""
    starts = sorted(draw(st.sets(st.integers(0, 23), min_size=1, max_size=3)))
    clock = [(11 * 60 + start * 10, 11 * 60 + start * 10 + 10) for start in starts]
    return [
        (f"{begin // 60:02d}:{begin % 60:02d}", f"{end // 60:02d}:{end % 60:02d}")
        for begin, end in clock
    ]


@st.composite
def agenda_item_entries(draw, mode):
    if mode == "publishable":
        slots = draw(publishable_times())
    else:
        slots = [(draw(times), draw(times)) for _ in range(draw(st.integers(0, 4)))]
    text = publishable_texts if mode == "publishable" else texts
    items = []
    for start, end in slots:
        item = {
            "start_time": start,
            "end_time": end,
            "title": draw(text),
            "kind": draw(st.sampled_from(KINDS[:4] if mode == "publishable" else KINDS)),
            "description": draw(rich_texts(mode)),
            "group_speakers": draw(text),
        }
        item.update(draw(list_entries("speakers", draw(speaker_entries(mode)), mode)))
        items.append(item)
    return items


@st.composite
def agenda_body(draw):
    """``(mode, POST data of the body field)``: one or two agenda blocks."""
    mode = draw(st.sampled_from(MODES))
    data = {}
    blocks = draw(st.integers(1, 2))
    for index in range(blocks):
        block = f"body-{index}"
        data[f"{block}-type"] = "agenda"
        data[f"{block}-deleted"] = ""
        data[f"{block}-order"] = str(index)
        data[f"{block}-id"] = ""
        data[f"{block}-value-title"] = draw(publishable_texts if mode == "publishable" else texts)
        data[f"{block}-value-date"] = draw(
            st.sampled_from(["", "2031-06-20"] if mode == "publishable" else ODD_DATES)
        )
        items = draw(agenda_item_entries(mode))
        data.update(draw(list_entries(f"{block}-value-items", items, mode)))
    data["body-count"] = str(blocks)
    if mode != "publishable":
        # Values left out are read as empty; structure left out cannot be read at all.
        removable = sorted(
            key
            for key in data
            if mode == "broken" or not key.endswith(tuple(f"-{k}" for k in STRUCTURE_KEYS))
        )
        for key in draw(st.lists(st.sampled_from(removable), max_size=2, unique=True)):
            del data[key]
    return mode, data


class EditorTestCase(TestCase):
    """Hypothesis's Django TestCase runs every example in a transaction of its own."""

    @classmethod
    def setUpTestData(cls):
        cls.user = prefer_english_admin(
            get_user_model().objects.create_superuser("fuzz", "fuzz@example.org", "pw")
        )
        cls.home = publish_home_pages()["sr-latn"]

    def setUp(self):
        self.client = Client()
        self.client.force_login(self.user)

    def post_event(self, url, body=None, publish=False, **fields):
        data = {
            key: value
            for key, value in event_form_data(**{**EVENT_FIELDS, **fields}).items()
            if body is None or not key.startswith("body-")
        }
        data.update(body or {})
        if publish:
            data["action-publish"] = "action-publish"
        # wagtail-localize publishes the Cyrillic version once the transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data)

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", self.home.pk))


class AgendaFuzzTest(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        start = datetime.datetime(2031, 6, 20, 11, 0, tzinfo=BELGRADE)
        cls.event = cls.home.add_child(
            instance=EventPage(
                title="Postojeći događaj",
                slug="postojeci",
                intro="Uvod.",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=4),
                locale=Locale.objects.get(language_code="sr-latn"),
            )
        )

    @settings(
        max_examples=30,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(view=st.sampled_from(["add", "edit"]), body=agenda_body(), publish=st.booleans())
    def test_agenda_posts_never_cause_a_server_error(self, view, body, publish):
        mode, body = body
        publish = publish or mode == "publishable"
        url = self.add_url()
        if view == "edit":
            url = reverse("wagtailadmin_pages:edit", args=(self.event.pk,))

        response = self.post_event(url, body, publish, slug="fuzz")

        # --hypothesis-show-statistics shows how the examples split between these outcomes.
        event(f"{mode} {view}: {response.status_code}{' (published)' if publish else ''}")
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert response.context["form"].errors, "a re-rendered editor says what is wrong"
            return
        if view == "add":
            saved = EventPage.objects.get(slug="fuzz", locale__language_code="sr-latn")
        else:
            saved = EventPage.objects.get(pk=self.event.pk)
        if publish:
            # What was accepted must also render, for readers and for calendars.
            visitor = Client()
            for page in EventPage.objects.filter(translation_key=saved.translation_key):
                assert visitor.get(page.url).status_code == 200
                assert visitor.get(f"{page.url}calendar.ics").status_code == 200


def browser_shaped_agenda(**overrides):
    """A valid one-item agenda as the editor posts it; ``overrides`` break it (None removes)."""
    data = {
        "body-count": "1",
        "body-0-type": "agenda",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value-title": "Agenda",
        "body-0-value-date": "",
        "body-0-value-items-count": "1",
        "body-0-value-items-0-deleted": "",
        "body-0-value-items-0-order": "0",
        "body-0-value-items-0-id": "",
        "body-0-value-items-0-value-start_time": "11:00",
        "body-0-value-items-0-value-end_time": "11:30",
        "body-0-value-items-0-value-title": "Uvod",
        "body-0-value-items-0-value-kind": "opening",
        "body-0-value-items-0-value-description": contentstate(""),
        "body-0-value-items-0-value-speakers-count": "0",
        "body-0-value-items-0-value-group_speakers": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# POSTs no editor's browser sends. Wagtail's block widgets raise while reading them, before any
# validation; the event body turns that into a form error (EventBodyBlock.value_from_datadict).
STRUCTURE_BREAKING_POSTS = {
    "non-numeric item count": browser_shaped_agenda(**{"body-0-value-items-count": "abc"}),
    "count above the items sent": browser_shaped_agenda(**{"body-0-value-items-count": "3"}),
    "missing deleted key": browser_shaped_agenda(**{"body-0-value-items-0-deleted": None}),
    "non-numeric order": browser_shaped_agenda(**{"body-0-value-items-0-order": "x"}),
    "rich text that is not JSON": browser_shaped_agenda(
        **{"body-0-value-items-0-value-description": "{not json"}
    ),
    "missing stream count": browser_shaped_agenda(**{"body-count": None}),
    "missing block type": browser_shaped_agenda(**{"body-0-type": None}),
}
UNREADABLE_BODY = (
    "The programme could not be read from the form. Reload the page editor and enter it again."
)


def unreadable_body_errors(response):
    """The messages on the body field as a whole, not on one of its blocks."""
    (error,) = response.context["form"].errors.as_data()["body"]
    with translation.override("en"):
        return [str(message) for message in error.non_block_errors]


class MalformedStructureTest(EditorTestCase):
    def test_a_broken_structure_is_refused_with_a_message(self):
        for case, body in STRUCTURE_BREAKING_POSTS.items():
            with self.subTest(case):
                response = self.post_event(self.add_url(), body)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(unreadable_body_errors(response), [UNREADABLE_BODY])
        self.assertFalse(EventPage.objects.exists())

    def test_rich_text_json_that_is_not_an_object_is_refused(self):
        for value in RICH_TEXT_NOT_AN_OBJECT:
            body = browser_shaped_agenda(**{"body-0-value-items-0-value-description": value})

            response = self.post_event(self.add_url(), body)

            self.assertEqual(response.status_code, 200)
            self.assertEqual(unreadable_body_errors(response), [UNREADABLE_BODY])

    def test_a_page_level_rich_text_that_is_not_json_is_refused(self):
        response = self.post_event(self.add_url(), objective="{not json")

        self.assertEqual(response.status_code, 200)
        self.assertIn("objective", response.context["form"].errors)


class UnfinishedDraftTest(EditorTestCase):
    """Wagtail saves drafts without their required fields ("Save draft" defers them)."""

    def test_a_draft_with_an_agenda_item_still_missing_its_end_saves(self):
        body = browser_shaped_agenda(**{"body-0-value-items-0-value-end_time": ""})

        response = self.post_event(self.add_url(), body)

        self.assertEqual(response.status_code, 302)
        draft = EventPage.objects.get(locale__language_code="sr-latn")
        self.assertFalse(draft.live)

    def test_publishing_it_asks_for_the_end(self):
        body = browser_shaped_agenda(**{"body-0-value-items-0-value-end_time": ""})

        response = self.post_event(self.add_url(), body, publish=True)

        self.assertEqual(response.status_code, 200)
        (error,) = response.context["form"].errors.as_data()["body"]
        item_error = error.block_errors[0].block_errors["items"].block_errors[0]
        with translation.override("en"):
            messages = [str(message) for message in item_error.block_errors["end_time"].messages]
        self.assertEqual(messages, ["This field is required."])
