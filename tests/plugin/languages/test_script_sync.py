"""Serbian Cyrillic follows Serbian Latin: one click in the translation editor, or automatically."""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.db import DatabaseError
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from panel_event.languages.checks import (
    ATOMIC_WRITES_MIDDLEWARE,
    check_publishing_is_one_transaction,
)
from panel_event.models import EventPage, PartnerSnippet, TransliterationRule, Venue
from tests.event_form_data import agenda, agenda_item, event_form_data, partners, speaker

SLUG = "podrska-i-zastita-migranata"


@pytest.fixture
def iom(latin):
    return PartnerSnippet.objects.create(
        name="Međunarodna organizacija za migracije",
        acronym="IOM",
        website="https://www.iom.int",
        locale=latin,
    )


@pytest.fixture
def venue(latin):
    return Venue.objects.create(
        name="Media i reform centar Niš", city="Niš", postal_code="18000", locale=latin
    )


def publish_event(admin_client, parent, capture, **fields):
    """Create (or edit) and publish an event through the admin, running on-commit work."""
    data = event_form_data(**fields)
    data["action-publish"] = "action-publish"
    existing = EventPage.objects.filter(slug=SLUG, locale__language_code="sr-latn").first()
    if existing is None:
        url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", parent.pk))
    else:
        url = reverse("wagtailadmin_pages:edit", args=(existing.pk,))
    with capture(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug=SLUG, locale__language_code="sr-latn")


def seed_body(iom):
    return [
        agenda(
            [
                agenda_item(
                    "11:00",
                    "11:10",
                    "Uvodna obraćanja",
                    kind="opening",
                    speakers=[speaker("Jelena Ribać", "koordinatorka projekta", iom.pk)],
                ),
                agenda_item("12:30", "13:00", "Osveženje", kind="refreshments"),
            ]
        ),
        partners([(iom.pk, "implementing_partner")]),
    ]


def cyrillic_event():
    return EventPage.objects.get(slug=SLUG, locale__language_code="sr-cyrl")


@pytest.mark.django_db
def test_publishing_in_latin_publishes_the_cyrillic_version(
    admin_client, home_pages, iom, venue, django_capture_on_commit_callbacks
):
    publish_event(
        admin_client,
        home_pages["sr-latn"],
        django_capture_on_commit_callbacks,
        body=seed_body(iom),
        venue=str(venue.pk),
        hero_credit="foto: Saša Đorđević",
    )

    event = cyrillic_event()
    assert event.live
    assert event.title == "Подршка и заштита миграната у рањивом положају у Србији"
    assert event.intro == "Панел дискусија о социјалној заштити миграната."
    assert event.hero_credit == "фото: Саша Ђорђевић"
    assert event.time_zone == "Europe/Belgrade"
    assert event.slug == SLUG
    item = event.body[0].value["items"][0]
    assert item["title"] == "Уводна обраћања"
    assert item["speakers"][0]["name"] == "Јелена Рибаћ"
    # The page points at the Cyrillic partner and venue, not at the Latin ones.
    assert item["speakers"][0]["organisation"].name == "Међународна организација за миграције"
    assert item["speakers"][0]["organisation"].locale.language_code == "sr-cyrl"
    assert event.body[1].value["partners"][0]["partner"].website == "https://www.iom.int"
    assert event.venue.name == "Медиа и реформ центар Ниш"
    assert event.venue.postal_code == "18000"

    response = admin_client.get(f"/sr-cyrl/{SLUG}/")
    assert response.status_code == 200
    assert response.context["page"] == event


@pytest.mark.django_db
def test_editing_the_latin_source_updates_the_cyrillic_page(
    admin_client, home_pages, iom, django_capture_on_commit_callbacks
):
    parent = home_pages["sr-latn"]
    publish_event(admin_client, parent, django_capture_on_commit_callbacks, body=seed_body(iom))

    publish_event(
        admin_client,
        parent,
        django_capture_on_commit_callbacks,
        body=seed_body(iom),
        intro="Diskusija je pomerena u veću salu.",
    )

    assert cyrillic_event().intro == "Дискусија је померена у већу салу."


@pytest.mark.django_db
def test_a_segment_an_editor_overrode_by_hand_is_kept(
    admin_client, home_pages, iom, django_capture_on_commit_callbacks
):
    parent = home_pages["sr-latn"]
    source = publish_event(
        admin_client, parent, django_capture_on_commit_callbacks, body=seed_body(iom)
    )
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale__language_code="sr-cyrl"
    )
    title_segment = StringSegment.objects.get(source=translation.source, context__path="title")
    # The wagtail-localize editor saves an edited segment through this endpoint.
    response = admin_client.put(
        reverse(
            "wagtail_localize:edit_string_translation", args=(translation.pk, title_segment.pk)
        ),
        urlencode({"value": "Подршка мигрантима (ручни превод)"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200

    publish_event(
        admin_client,
        parent,
        django_capture_on_commit_callbacks,
        body=seed_body(iom),
        intro="Nov uvod.",
    )

    event = cyrillic_event()
    assert event.title == "Подршка мигрантима (ручни превод)"
    assert event.intro == "Нов увод."
    assert StringTranslation.objects.get(
        translation_of_id=title_segment.string_id, locale__language_code="sr-cyrl"
    ).translation_type == ("manual")


@pytest.mark.django_db
def test_machine_translator_fills_the_cyrillic_translation_in_one_click(
    admin_client, home_pages, iom, settings, django_capture_on_commit_callbacks
):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False
    source = publish_event(
        admin_client, home_pages["sr-latn"], django_capture_on_commit_callbacks, body=seed_body(iom)
    )
    assert not EventPage.objects.filter(locale__language_code="sr-cyrl").exists()
    cyrillic = Locale.objects.get(language_code="sr-cyrl")

    # "Translate this page" in the admin, then the machine-translate button in the editor.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=(source.pk,)),
            {"locales": [cyrillic.pk]},
        )
        admin_client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=("panel_event", "partnersnippet", iom.pk),
            ),
            {"locales": [cyrillic.pk]},
        )
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=cyrillic
    )
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=(translation.pk,)),
        {"next": "/admin/"},
    )
    assert response.status_code == 302

    machine_made = StringTranslation.objects.filter(
        locale=cyrillic, context__object_id=source.translation_key
    )
    assert {(t.translation_type, t.tool_name) for t in machine_made} == {
        ("machine", "Transliterate (Serbian Latin ↔ Cyrillic)")
    }
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert cyrillic_event().title == "Подршка и заштита миграната у рањивом положају у Србији"


@pytest.mark.django_db
def test_transliteration_rules_from_the_admin_apply_on_the_next_publish(
    admin_client, home_pages, iom, django_capture_on_commit_callbacks
):
    parent = home_pages["sr-latn"]
    credit = "Izvor: Printscreen iz filma Južno raskršće / foto: Saša Đorđević"
    publish_event(
        admin_client,
        parent,
        django_capture_on_commit_callbacks,
        body=seed_body(iom),
        hero_credit=credit,
    )
    assert cyrillic_event().hero_credit.startswith("Извор: Принтсцреен")

    response = admin_client.post(
        reverse("wagtailsnippets_panel_event_transliterationrule:add"),
        {"latin": "Printscreen", "cyrillic": "", "note": "Software name"},
    )
    assert response.status_code == 302
    assert TransliterationRule.objects.get().keeps_latin
    publish_event(
        admin_client,
        parent,
        django_capture_on_commit_callbacks,
        body=seed_body(iom),
        hero_credit=credit,
    )

    assert (
        cyrillic_event().hero_credit
        == "Извор: Printscreen из филма Јужно раскршће / фото: Саша Ђорђевић"
    )


@pytest.mark.django_db
def test_saving_a_latin_partner_updates_its_cyrillic_version(admin_client, iom):
    response = admin_client.post(
        reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=(iom.pk,)),
        {
            "name": "Međunarodna organizacija za migracije (IOM)",
            "acronym": "IOM",
            "kind": "international",
            "logo": "",
            "website": "https://www.iom.int",
            "description": "Agencija Ujedinjenih nacija za migracije.",
        },
    )

    assert response.status_code == 302
    cyrillic = PartnerSnippet.objects.get(locale__language_code="sr-cyrl")
    assert cyrillic.name == "Међународна организација за миграције (ИОМ)"
    assert cyrillic.description == "Агенција Уједињених нација за миграције."
    assert cyrillic.translation_key == iom.translation_key


class VisibleText(HTMLParser):
    """Collects the text a reader sees, with the language each piece is marked up in."""

    def __init__(self, document_language):
        super().__init__()
        self.languages = [document_language]
        self.skipping = 0
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self.skipping += 1
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        self.languages.append(dict(attrs).get("lang", self.languages[-1]))

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self.skipping -= 1
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        if len(self.languages) > 1:
            self.languages.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.pieces.append((self.languages[-1], data.strip()))


URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:int|org|rs|com)\b")


@pytest.mark.django_db
def test_the_cyrillic_page_is_pure_cyrillic(
    admin_client, client, home_pages, iom, venue, django_capture_on_commit_callbacks
):
    publish_event(
        admin_client,
        home_pages["sr-latn"],
        django_capture_on_commit_callbacks,
        body=seed_body(iom),
        venue=str(venue.pk),
        intro="Više na www.iom.int ili pišite na info@iom.int, program [[Wagtail CMS]].",
    )

    html = client.get(f"/sr-cyrl/{SLUG}/").content.decode()

    parser = VisibleText("sr-Cyrl")
    parser.feed(html)
    latin_words = []
    for language, text in parser.pieces:
        if language != "sr-Cyrl":
            continue  # the language switcher names each script in that script
        remainder = URL_OR_EMAIL.sub("", text).replace("Wagtail CMS", "")
        latin_words += re.findall(r"[A-Za-zČčĆćŽžŠšĐđ]+", remainder)
    assert latin_words == [], latin_words
    assert "Више на www.iom.int или пишите на info@iom.int, програм Wagtail CMS." in html


def fail_writing_the_other_script(monkeypatch):
    """The database refusing the other script's version, as a full disk or a lost connection
    would, at the last step of the sync."""

    def refuse(*args, **kwargs):
        raise DatabaseError("could not write the translated page")

    monkeypatch.setattr(Translation, "save_target", refuse)


@pytest.mark.django_db
def test_a_failed_sync_rolls_the_publish_of_an_edit_back(
    admin_client, home_pages, iom, monkeypatch, django_capture_on_commit_callbacks
):
    parent = home_pages["sr-latn"]
    source = publish_event(admin_client, parent, django_capture_on_commit_callbacks)
    live_revision = source.live_revision_id
    fail_writing_the_other_script(monkeypatch)

    data = event_form_data(intro="Diskusija je pomerena u veću salu.")
    data["action-publish"] = "action-publish"
    admin_client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(source.pk,)), data)

    assert response.status_code == 500
    source.refresh_from_db()
    assert (source.intro, source.live_revision_id) == (
        "Panel diskusija o socijalnoj zaštiti migranata.",
        live_revision,
    )
    assert source.revisions.count() == 1
    assert cyrillic_event().intro == "Панел дискусија о социјалној заштити миграната."


@pytest.mark.django_db
def test_a_failed_sync_leaves_no_trace_of_a_new_event(
    admin_client, home_pages, monkeypatch, django_capture_on_commit_callbacks
):
    fail_writing_the_other_script(monkeypatch)
    data = event_form_data()
    data["action-publish"] = "action-publish"
    url = reverse(
        "wagtailadmin_pages:add", args=("panel_event", "eventpage", home_pages["sr-latn"].pk)
    )
    admin_client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    assert response.status_code == 500
    assert list(EventPage.objects.values_list("locale__language_code", "slug")) == []


def test_the_checks_warn_when_a_publish_is_not_one_transaction(settings):
    with_middleware = check_publishing_is_one_transaction(None)
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != ATOMIC_WRITES_MIDDLEWARE]
    without = check_publishing_is_one_transaction(None)
    settings.DATABASES = {
        alias: {**database, "ATOMIC_REQUESTS": True}
        for alias, database in settings.DATABASES.items()
    }
    with_atomic_requests = check_publishing_is_one_transaction(None)

    assert (with_middleware, [warning.id for warning in without], with_atomic_requests) == (
        [],
        ["panel_event.W003"],
        [],
    )


def test_a_site_without_both_serbian_scripts_needs_no_such_transaction(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != ATOMIC_WRITES_MIDDLEWARE]
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]

    assert check_publishing_is_one_transaction(None) == []
