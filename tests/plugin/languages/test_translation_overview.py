"""The translation overview report (Reports → Translation overview), through the admin: one row
per event, partner and venue, one column per language, each cell's state, counts and link."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from panel_event.models import EventPage
from tests.conftest import client_in_role
from tests.public_fixtures import BELGRADE, create_event, locale, seed_partners, seed_venue

URL = "/admin/reports/translation-overview/"
NOV_1_10H = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=BELGRADE)
NOV_1_12H = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=BELGRADE)
NOV_2_0929 = datetime.datetime(2026, 11, 2, 9, 29, tzinfo=BELGRADE)
NOV_2_0930 = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=BELGRADE)


@pytest.fixture(autouse=True)
def written_by_hand(settings):
    """Every language version here is made by the test: automatic transliteration (tested on its
    own) stays off, so the Serbian Cyrillic column holds only what a test put there."""
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False


def overview(client, **params):
    """The report's rows: (title, title link, {language: (state, link text, details, link)})."""
    response = client.get(URL, params)
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").select_one("table.listing")
    if table is None:
        return []
    rows = []
    for tr in table.select("tbody tr"):
        title = tr.select_one("th")
        link = title.select_one("a")
        cells = {}
        for td in tr.select("td[data-state]"):
            anchor = td.select_one("a")
            cells[td["data-language"]] = (
                td["data-state"],
                words(anchor or td),
                [words(part) for part in td.select("div")],
                anchor["href"] if anchor else None,
            )
        rows.append((words(title), link["href"] if link else None, cells))
    return rows


def column_headings(client, **params):
    page = BeautifulSoup(client.get(URL, params).content, "html.parser")
    return [words(th) for th in page.select("table.listing thead th")]


def words(element):
    return " ".join(element.get_text().split())


def source_of(instance):
    return TranslationSource.objects.get(
        object_id=instance.translation_key, locale_id=instance.locale_id
    )


def translate_by_hand(instance, language_code, machine_made=0):
    """Start a wagtail-localize translation of ``instance`` and translate every segment, the
    first ``machine_made`` by a machine translator and the rest by hand, then sync it."""
    translate_object(instance, [locale(language_code)])
    source = source_of(instance)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for index, segment in enumerate(segments.order_by("order")):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale(language_code),
            context=segment.context,
            defaults={
                "data": f"[{language_code}] {segment.string.data}",
                "translation_type": "machine" if index < machine_made else "manual",
                "tool_name": "Test translator" if index < machine_made else "",
            },
        )
    translation = Translation.objects.get(source=source, target_locale=locale(language_code))
    translation.save_target(publish=True)
    return translation


def edit_title(event, title):
    """The editor changes the original's title and publishes; "Sync translated pages" then
    reads the new text into the translation source."""
    event.title = title
    event.save_revision().publish()
    event.refresh_from_db()
    TranslationSource.update_or_create_from_instance(event)


def page_edit(page):
    return f"/admin/pages/{page.pk}/edit/"


def snippet_edit(snippet):
    return f"/admin/snippets/panel_event/{snippet._meta.model_name}/edit/{snippet.pk}/"


@pytest.fixture
def content(home_pages):
    """An event up to date in English, one behind, one never translated; a partner whose
    English version was written separately; a venue translated into English."""
    parent = home_pages["sr-latn"]
    current = create_event(parent, title="Aktuelni panel", slug="aktuelni-panel")
    behind = create_event(parent, title="Zaostali panel", slug="zaostali-panel")
    untranslated = create_event(parent, title="Neprevedeni panel", slug="neprevedeni-panel")
    translate_by_hand(current, "en", machine_made=1)
    behind_translation = translate_by_hand(behind, "en")
    edit_title(behind, "Zaostali panel, novi naslov")
    # When each step happened, so the report's "since" can be checked to the minute.
    Translation.objects.filter(pk=behind_translation.pk).update(created_at=NOV_1_10H)
    TranslationLog.objects.filter(source=behind_translation.source).update(created_at=NOV_1_12H)
    EventPage.objects.filter(pk=behind.pk).update(last_published_at=NOV_2_0929)
    TranslationSource.objects.filter(pk=behind_translation.source_id).update(
        last_updated_at=NOV_2_0930
    )

    partners = seed_partners()
    english_partner = partners["IOM"].copy_for_translation(locale("en"))
    english_partner.name = "International Organization for Migration"
    english_partner.save()
    venue = seed_venue()
    translate_by_hand(venue, "en")
    return {
        "current": current,
        "behind": behind,
        "untranslated": untranslated,
        "partners": partners,
        "english_partner": english_partner,
        "venue": venue,
    }


def english(instance):
    return instance.get_translation(locale("en"))


def missing_page(event, language_code):
    link = f"/admin/localize/submit/page/{event.pk}/?select_locale={language_code}"
    return ("missing", "Missing: translate", [], link)


def missing_snippet(snippet, language_code):
    link = (
        f"/admin/localize/submit/snippet/panel_event/{snippet._meta.model_name}/{snippet.pk}/"
        f"?select_locale={language_code}"
    )
    return ("missing", "Missing: translate", [], link)


ORIGINAL = ("original", "Original", [], None)
PARTNER_NAMES_IN_ORDER = [
    "Komesarijat za izbeglice i migracije",
    "Međunarodna organizacija za migracije",
    "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
    "Republički zavod za socijalnu zaštitu",
    "Švajcarska kancelarija za saradnju",
]
NEED_ENGLISH = [
    "Neprevedeni panel",
    "Zaostali panel, novi naslov",
    PARTNER_NAMES_IN_ORDER[0],
    *PARTNER_NAMES_IN_ORDER[2:],
]


def expected_rows(content):
    """The rows the superuser sees for ``content``, events, partners and venues in that order."""
    current, behind, untranslated = content["current"], content["behind"], content["untranslated"]
    venue = content["venue"]
    partners = {partner.name: partner for partner in content["partners"].values()}
    iom = content["partners"]["IOM"]
    return [
        (
            "Aktuelni panel",
            page_edit(current),
            {
                "sr-latn": ORIGINAL,
                "sr-cyrl": missing_page(current, "sr-cyrl"),
                "en": (
                    "current",
                    "Up to date",
                    ["1 by machine, 3 by hand"],
                    page_edit(english(current)),
                ),
            },
        ),
        (
            "Neprevedeni panel",
            page_edit(untranslated),
            {
                "sr-latn": ORIGINAL,
                "sr-cyrl": missing_page(untranslated, "sr-cyrl"),
                "en": missing_page(untranslated, "en"),
            },
        ),
        (
            "Zaostali panel, novi naslov",
            page_edit(behind),
            {
                "sr-latn": ORIGINAL,
                "sr-cyrl": missing_page(behind, "sr-cyrl"),
                "en": (
                    "behind",
                    "Behind its source",
                    [
                        "since 11/02/2026 9:29 a.m.",
                        "1 of 4 segments to translate",
                        "0 by machine, 3 by hand",
                    ],
                    page_edit(english(behind)),
                ),
            },
        ),
        *[
            (
                name,
                snippet_edit(partners[name]),
                {
                    "sr-latn": ORIGINAL,
                    "sr-cyrl": missing_snippet(partners[name], "sr-cyrl"),
                    "en": (
                        (
                            "separate",
                            "Edited separately",
                            [],
                            snippet_edit(content["english_partner"]),
                        )
                        if partners[name] == iom
                        else missing_snippet(partners[name], "en")
                    ),
                },
            )
            for name in PARTNER_NAMES_IN_ORDER
        ],
        (
            "Media i reform centar Niš",
            snippet_edit(venue),
            {
                "sr-latn": ORIGINAL,
                "sr-cyrl": missing_snippet(venue, "sr-cyrl"),
                "en": (
                    "current",
                    "Up to date",
                    ["0 by machine, 4 by hand"],
                    snippet_edit(english(venue)),
                ),
            },
        ),
    ]


def only(rows, titles, languages):
    """``rows`` narrowed to ``titles``, each with the cells of ``languages`` only."""
    return [
        (title, link, {code: cells[code] for code in languages})
        for title, link, cells in rows
        if title in titles
    ]


@pytest.mark.django_db
def test_each_object_has_a_row_and_each_language_a_cell(admin_client, content):
    assert column_headings(admin_client) == [
        "Title",
        "Type",
        "Original language",
        "Srpski (latinica)",
        "Српски (ћирилица)",
        "English",
    ]
    assert overview(admin_client) == expected_rows(content)


@pytest.mark.django_db
def test_the_source_is_the_language_the_object_was_written_in(admin_client, home_pages):
    """An object written in English has English as its original and Serbian to translate."""
    venue = seed_venue("en", name="Belgrade Youth Centre", city="Belgrade")
    translate_by_hand(venue, "sr-latn")

    assert overview(admin_client) == [
        (
            "Belgrade Youth Centre",
            snippet_edit(venue),
            {
                "sr-latn": (
                    "current",
                    "Up to date",
                    ["0 by machine, 4 by hand"],
                    snippet_edit(venue.get_translation(locale("sr-latn"))),
                ),
                "sr-cyrl": missing_snippet(venue, "sr-cyrl"),
                "en": ORIGINAL,
            },
        )
    ]


@pytest.mark.django_db
def test_a_source_published_after_the_last_sync_puts_its_translation_behind(
    admin_client, home_pages
):
    """Publishing the original changes what the translation was made from even before anyone
    syncs, which is when the new text would be counted."""
    event = create_event(home_pages["sr-latn"], title="Panel", slug="panel")
    translation = translate_by_hand(event, "en")
    TranslationLog.objects.filter(source=translation.source).update(created_at=NOV_1_12H)
    Translation.objects.filter(pk=translation.pk).update(created_at=NOV_1_10H)
    TranslationSource.objects.filter(pk=translation.source_id).update(last_updated_at=NOV_1_10H)
    EventPage.objects.filter(pk=event.pk).update(last_published_at=NOV_2_0929)

    assert overview(admin_client)[0][2]["en"] == (
        "behind",
        "Behind its source",
        [
            "since 11/02/2026 9:29 a.m.",
            "The source changed after the last sync",
            "0 by machine, 4 by hand",
        ],
        page_edit(english(event)),
    )


@pytest.mark.django_db
def test_a_snippet_is_behind_from_the_moment_its_source_was_read_again(admin_client, home_pages):
    venue = seed_venue()
    translation = translate_by_hand(venue, "en")
    venue.name = "Media i reform centar Niš, sala 2"
    venue.save()
    TranslationSource.update_or_create_from_instance(venue)
    Translation.objects.filter(pk=translation.pk).update(created_at=NOV_1_10H)
    TranslationLog.objects.filter(source=translation.source).update(created_at=NOV_1_12H)
    TranslationSource.objects.filter(pk=translation.source_id).update(last_updated_at=NOV_2_0930)

    assert overview(admin_client) == [
        (
            "Media i reform centar Niš, sala 2",
            snippet_edit(venue),
            {
                "sr-latn": ORIGINAL,
                "sr-cyrl": missing_snippet(venue, "sr-cyrl"),
                "en": (
                    "behind",
                    "Behind its source",
                    [
                        "since 11/02/2026 9:30 a.m.",
                        "1 of 4 segments to translate",
                        "0 by machine, 3 by hand",
                    ],
                    snippet_edit(english(venue)),
                ),
            },
        )
    ]


@pytest.mark.django_db
def test_filters_by_language_and_state(admin_client, content):
    rows = expected_rows(content)

    needs_english = overview(admin_client, locale="en", state="needs_work")
    behind = overview(admin_client, state="behind")
    separate = overview(admin_client, state="separate", locale="en")
    current_cyrillic = overview(admin_client, state="current", locale="sr-cyrl")

    assert column_headings(admin_client, locale="en") == [
        "Title",
        "Type",
        "Original language",
        "English",
    ]
    assert needs_english == only(rows, NEED_ENGLISH, ["en"])
    assert behind == only(rows, ["Zaostali panel, novi naslov"], ["sr-latn", "sr-cyrl", "en"])
    assert separate == only(rows, [PARTNER_NAMES_IN_ORDER[1]], ["en"])
    assert current_cyrillic == []


@pytest.mark.django_db
def test_an_unknown_filter_value_is_reported_and_nothing_is_hidden(admin_client, content):
    response = admin_client.get(URL, {"locale": "de", "state": "finished"})

    page = BeautifulSoup(response.content, "html.parser")
    errors = sorted(words(error) for error in page.select(".error-message"))
    assert response.status_code == 200
    assert errors == [
        "Select a valid choice. de is not one of the available choices.",
        "Select a valid choice. finished is not one of the available choices.",
    ]
    assert overview(admin_client, locale="de", state="finished") == expected_rows(content)


@pytest.mark.django_db
def test_a_translator_sees_only_their_languages(content):
    translator = client_in_role("translator", TRANSLATORS)
    rows = expected_rows(content)

    seen = overview(translator)
    latin = translator.get(URL, {"locale": "sr-latn"})

    assert column_headings(translator) == [
        "Title",
        "Type",
        "Original language",
        "Српски (ћирилица)",
        "English",
    ]
    # The originals are in Serbian Latin, which translators read but do not edit.
    assert seen == [
        (title, None, {code: cells[code] for code in ("sr-cyrl", "en")})
        for title, _link, cells in rows
    ]
    page = BeautifulSoup(latin.content, "html.parser")
    assert [words(error) for error in page.select(".error-message")] == [
        "Select a valid choice. sr-latn is not one of the available choices."
    ]


@pytest.mark.django_db
def test_the_editor_finds_the_english_versions_that_need_work(content):
    editor = client_in_role("editor", COMMUNICATIONS_EDITORS)

    assert overview(editor) == expected_rows(content)
    assert overview(editor, locale="en", state="needs_work") == only(
        expected_rows(content), NEED_ENGLISH, ["en"]
    )


def admin_only_client():
    """Someone who may enter the admin but work on no event, partner or venue."""
    group = Group.objects.create(name="Readers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user = get_user_model().objects.create_user("reader", "reader@example.org", "pw")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_only_those_who_work_on_the_content_see_the_report(home_pages):
    editor = client_in_role("editor", COMMUNICATIONS_EDITORS)
    translator = client_in_role("translator", TRANSLATORS)
    reader = admin_only_client()

    assert editor.get(URL).status_code == 200
    assert translator.get(URL).status_code == 200
    # Wagtail's answer to a view that refuses: back to the dashboard, with a message.
    assert reader.get(URL)["Location"] == "/admin/"
    assert Client().get(URL)["Location"] == f"/admin/login/?next={URL}"
    assert URL in editor.get("/admin/").content.decode()
    assert URL in translator.get("/admin/").content.decode()
    assert URL not in reader.get("/admin/").content.decode()


def queries_for_overview(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["superuser", TRANSLATORS])
def test_the_number_of_queries_does_not_grow_with_the_content(admin_client, home_pages, role):
    client = admin_client if role == "superuser" else client_in_role("someone", role)

    def add_events(first, last):
        for number in range(first, last):
            event = create_event(home_pages["sr-latn"], title=f"Panel {number}", slug=f"p{number}")
            translate_by_hand(event, "en", machine_made=number % 3)

    seed_venue()
    add_events(0, 2)
    client.get(URL)  # Fills the per-process caches (content types) first.
    with_two = queries_for_overview(client)
    add_events(2, 6)
    with_six = queries_for_overview(client)

    assert len(overview(client)) == 7
    assert with_six == with_two


@pytest.mark.django_db
def test_the_report_speaks_serbian(home_pages):
    editor = client_in_role("urednica", COMMUNICATIONS_EDITORS, language="sr-latn")
    event = create_event(home_pages["sr-latn"], title="Panel", slug="panel")
    translate_by_hand(event, "en", machine_made=2)

    page = BeautifulSoup(editor.get(URL).content, "html.parser")

    assert words(page.select_one("h1")) == "Pregled prevoda"
    assert column_headings(editor) == [
        "Naslov",
        "Tip",
        "Jezik originala",
        "Srpski (latinica)",
        "Српски (ћирилица)",
        "English",
    ]
    assert overview(editor) == [
        (
            "Panel",
            page_edit(event),
            {
                "sr-latn": ("original", "Original", [], None),
                "sr-cyrl": ("missing", "Nedostaje: prevedi", [], missing_page(event, "sr-cyrl")[3]),
                "en": (
                    "current",
                    "Ažurno",
                    ["mašinski: 2, ručno: 2"],
                    page_edit(english(event)),
                ),
            },
        )
    ]


@pytest.mark.django_db
def test_every_cell_opens_its_translation_or_the_translate_form(admin_client, content):
    links = {
        (title, language): cell[3]
        for title, _link, cells in overview(admin_client)
        for language, cell in cells.items()
        if cell[3] is not None
    }

    answers = {key: admin_client.get(link).status_code for key, link in links.items()}
    translate_form = BeautifulSoup(
        admin_client.get(links[("Neprevedeni panel", "en")]).content, "html.parser"
    )
    ticked = [box["value"] for box in translate_form.select("input[name=locales][checked]")]

    assert set(answers.values()) == {200}
    assert ticked == [str(locale("en").pk)]
