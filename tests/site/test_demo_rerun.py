"""Running `manage.py load_demo` again after editors worked in the admin, as `make run` does.

The demo is loaded; the demo editor changes a page, a partner, a venue and an image, and the
demo translator an English translation, each through the admin's own views. The loader then runs
again: it must succeed, keep every edit and add nothing. Then ``--reset`` must put the demo back.
Everything happens once for this module, inside a transaction rolled back afterwards.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import rich_text
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from panel_event.models import EventPage, PartnerSnippet, Venue
from tests.event_form_data import event_form_data
from tests.site.test_demo import CONTENT, ENGLISH, EVENTS, LANGUAGES, load_demo

pytestmark = pytest.mark.django_db

PASSWORDS = {"editor": "editor-password-for-the-test", "translator": "translator-password-test"}
WORKSHOP, PANEL = EVENTS["workshop"], EVENTS["panel"]
IOM, NOVI_SAD = CONTENT["partners"]["iom"], CONTENT["venues"]["novi-sad"]
HERO = CONTENT["hero_images"][WORKSHOP["hero_image"]]

# What the editors write: new text that the demo's English dictionary has never seen.
EDITED = {
    "event title": "Radionica o psihosocijalnoj podršci (izmenjeno)",
    "event intro": "Uvod koji je urednica napisala u administraciji.",
    "event paragraph": "Program će biti objavljen uskoro.",
    "partner description": "Opis koji je urednica dodala u administraciji.",
    "venue name": "Kulturni centar Novog Sada, velika sala",
    "image title": "Naslovna slika radionice",
    "english title": "Support and protection for vulnerable migrants (translator's wording)",
}


class FormValues(HTMLParser):
    """The values a browser would submit from the admin form that posts to ``action``."""

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.inside = False
        self.values = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif not self.inside or "name" not in attrs:
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.values[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def submit_form(client, url, changes):
    """GET the admin form at ``url``, change some fields and POST it back, as an editor does."""
    page = client.get(url)
    assert page.status_code == 200, url
    parser = FormValues(url)
    parser.feed(page.content.decode())
    assert parser.values, f"no form posting to {url}"
    response = client.post(url, {**parser.values, **changes})
    assert response.status_code == 302, (url, parser.values, response.context["form"].errors)
    return response


def logged_in(username):
    client = Client()
    # django-axes counts sign-ins per request, so authenticate() needs one.
    assert client.login(request=HttpRequest(), username=username, password=PASSWORDS[username])
    return client


def latin(model, data):
    return model.objects.get(translation_key=data["uuid"], locale__language_code="sr-latn")


def in_every_language(model, data, field):
    return {
        version.locale.language_code: getattr(version, field)
        for version in model.objects.filter(translation_key=data["uuid"]).select_related("locale")
    }


# The edits, each through the admin's view --------------------------------------------------


def edit_event_page(editor):
    """The editor rewrites the workshop's title, summary and programme, and publishes."""
    page = latin(EventPage, WORKSHOP)
    data = event_form_data(
        body=[("text", rich_text(f"<p>{EDITED['event paragraph']}</p>"))],
        title=EDITED["event title"],
        slug=page.slug,
        event_type=page.event_type,
        intro=EDITED["event intro"],
        starts_at=f"{page.local_start:%Y-%m-%d %H:%M}",
        ends_at=f"{page.local_end:%Y-%m-%d %H:%M}",
        time_zone=page.time_zone,
        venue=str(page.venue_id),
        room=page.room,
        hero_image=str(page.hero_image_id),
        hero_alt_text=page.hero_alt_text,
    )
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def edit_partner(editor):
    partner = latin(PartnerSnippet, IOM)
    submit_form(
        editor,
        reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=[partner.pk]),
        {"description": EDITED["partner description"]},
    )


def edit_venue(editor):
    venue = latin(Venue, NOVI_SAD)
    submit_form(
        editor,
        reverse("wagtailsnippets_panel_event_venue:edit", args=[venue.pk]),
        {"name": EDITED["venue name"]},
    )


def edit_image(editor):
    image = latin(EventPage, WORKSHOP).hero_image
    submit_form(
        editor, reverse("wagtailimages:edit", args=[image.pk]), {"title": EDITED["image title"]}
    )


def edit_english_translation(translator):
    """The translator rewords the English panel title in the translation editor and publishes."""
    source = TranslationSource.objects.get_for_instance(latin(EventPage, PANEL))
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    title = StringSegment.objects.get(source=source, string__data=PANEL["title"])
    response = translator.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        urlencode({"value": EDITED["english title"]}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content
    english = translation.get_target_instance()
    response = translator.post(
        reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


# What the site shows -----------------------------------------------------------------------


def snapshot():
    """The demo content each edit touched, as stored, in every language it exists in."""
    workshop = latin(EventPage, WORKSHOP)
    return {
        "event title": in_every_language(EventPage, WORKSHOP, "title"),
        "event intro": workshop.intro,
        "event body": [block.block_type for block in workshop.body],
        "partner description": in_every_language(PartnerSnippet, IOM, "description"),
        "venue name": in_every_language(Venue, NOVI_SAD, "name"),
        "image title": workshop.hero_image.title,
        "english title": EventPage.objects.get(
            translation_key=PANEL["uuid"], locale__language_code="en"
        ).title,
        "live": sorted(
            EventPage.objects.filter(live=True).values_list("locale__language_code", flat=True)
        ),
    }


def answers():
    """The status of the home page and every event page, in every language."""
    client = Client()
    statuses = {}
    for page in Page.objects.live().exclude(depth=1).select_related("locale"):
        statuses[page.url_path] = client.get(page.url).status_code
    return statuses


@dataclass
class Rerun:
    before: dict  # the demo as first loaded
    edited: dict  # after the editors' work
    after_rerun: dict
    rerun_output: str
    revisions: tuple  # (before the re-run, after it)
    answers_after_rerun: dict
    after_reset: dict
    reset_output: str


@pytest.fixture(scope="module")
def rerun(django_db_setup, django_db_blocker, tmp_path_factory):
    environment = {
        "DEMO_EDITOR_PASSWORD": PASSWORDS["editor"],
        "DEMO_TRANSLATOR_PASSWORD": PASSWORDS["translator"],
    }
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("rerun-media"))),
        transaction.atomic(),
    ):
        load_demo(**environment)
        before = snapshot()
        editor, translator = logged_in("editor"), logged_in("translator")
        # Versions in other languages are published when the admin's transaction commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            edit_event_page(editor)
            edit_partner(editor)
            edit_venue(editor)
            edit_image(editor)
            edit_english_translation(translator)
        edited = snapshot()

        revisions_before = Revision.objects.count()
        rerun_output = load_demo(**environment)
        revisions_after = Revision.objects.count()
        after_rerun = snapshot()
        cache.clear()
        answers_after_rerun = answers()

        reset_output = load_demo("--reset", **environment)
        after_reset = snapshot()
        yield Rerun(
            before,
            edited,
            after_rerun,
            rerun_output,
            (revisions_before, revisions_after),
            answers_after_rerun,
            after_reset,
            reset_output,
        )
        transaction.set_rollback(True)
    cache.clear()


def test_every_edit_went_through_the_admin(rerun):
    assert rerun.edited == {
        "event title": {
            "sr-latn": EDITED["event title"],
            "sr-cyrl": "Радионица о психосоцијалној подршци (измењено)",
            "en": ENGLISH[WORKSHOP["title"]],  # not translated yet
        },
        "event intro": EDITED["event intro"],
        "event body": ["text"],
        "partner description": {
            "sr-latn": EDITED["partner description"],
            "sr-cyrl": "Опис који је уредница додала у администрацији.",
            "en": "",
        },
        "venue name": {
            "sr-latn": EDITED["venue name"],
            "sr-cyrl": "Културни центар Новог Сада, велика сала",
            "en": ENGLISH[NOVI_SAD["name"]],
        },
        "image title": EDITED["image title"],
        "english title": EDITED["english title"],
        "live": sorted(LANGUAGES * len(EVENTS)),
    }


def test_running_the_loader_again_keeps_every_edit(rerun):
    assert rerun.after_rerun == rerun.edited


def test_running_the_loader_again_adds_nothing(rerun):
    revisions_before, revisions_after = rerun.revisions
    assert revisions_after == revisions_before
    assert re.search(
        r"\(0 pages and snippets created, 0 images drawn, \d+ found and left as they are\)",
        rerun.rerun_output,
    ), rerun.rerun_output
    assert "Run `manage.py load_demo --reset` to put the demo content back" in rerun.rerun_output


def test_the_site_answers_after_the_second_run(rerun):
    # The home page and three events in three languages, all published and all answering.
    assert len(rerun.answers_after_rerun) == 12
    assert rerun.answers_after_rerun == dict.fromkeys(rerun.answers_after_rerun, 200)


def test_reset_puts_the_demo_back_as_it_was_first_made(rerun):
    assert rerun.before["image title"] == HERO["title"]
    assert rerun.before["english title"] == ENGLISH[PANEL["title"]]
    assert rerun.after_reset == rerun.before
    assert "pages and snippets put back" in rerun.reset_output
