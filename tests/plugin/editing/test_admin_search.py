"""The admin search finds pages, partners and venues whatever script the query or the content
is written in, with or without diacritics: a translator who sees only the Cyrillic pages finds
"Суботица" by typing "Subotica", and "Niš" by typing "Nis"."""

import pytest
from django.urls import reverse

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from panel_event.models import PartnerSnippet, Venue
from tests.conftest import client_in_role
from tests.public_fixtures import create_event, locale, translate_event

SUBOTICA_LATIN = "Okrugli sto: Subotica i migracije"
SUBOTICA_CYRILLIC = "Округли сто: Суботица и миграције"
NIS_LATIN = "Panel diskusija u Nišu"
NIS_CYRILLIC = "Панел дискусија у Нишу"
NIS_ENGLISH = "Panel discussion in Niš"
DJORDJEVIC_LATIN = "Izložba Đorđa Đorđevića"
DJORDJEVIC_CYRILLIC = "Изложба Ђорђа Ђорђевића"


@pytest.fixture
def events(home_pages, django_capture_on_commit_callbacks):
    """Serbian Latin events; publishing each publishes its Cyrillic version on commit."""
    latin = {}
    for title, slug in (
        (SUBOTICA_LATIN, "okrugli-sto-subotica"),
        (NIS_LATIN, "panel-nis"),
        (DJORDJEVIC_LATIN, "izlozba"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            latin[title] = create_event(home_pages["sr-latn"], title=title, slug=slug)
    translate_event(latin[NIS_LATIN], "en", title=NIS_ENGLISH)
    return latin


@pytest.fixture
def venues(db):
    # Saving in Serbian Latin writes the Cyrillic version too.
    Venue.objects.create(locale=locale("sr-latn"), name="Gradska kuća", city="Subotica")
    Venue.objects.create(locale=locale("sr-latn"), name="Media i reform centar", city="Niš")
    assert Venue.objects.filter(locale=locale("sr-cyrl")).count() == 2


@pytest.fixture
def partners(db):
    PartnerSnippet.objects.create(
        locale=locale("sr-latn"), name="Crveni krst Subotica", acronym="CKS"
    )
    PartnerSnippet.objects.create(
        locale=locale("sr-latn"), name="Centar za socijalni rad Niš", acronym="CSR"
    )
    assert PartnerSnippet.objects.filter(locale=locale("sr-cyrl")).count() == 2


@pytest.fixture
def translator(home_pages):
    return client_in_role("translator", TRANSLATORS)


@pytest.fixture
def editor(home_pages):
    return client_in_role("editor", COMMUNICATIONS_EDITORS)


def roles(translator, editor):
    # Translators read partners and venues in every language (panel_event.editing.roles).
    return [("translator", translator), ("editor", editor)]


def page_search(client, query):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return sorted(page.title for page in response.context["object_list"])


def snippet_search(client, model, query):
    url = reverse(f"wagtailsnippets_panel_event_{model._meta.model_name}:list")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return sorted(str(snippet) for snippet in response.context["object_list"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Subotica", [SUBOTICA_CYRILLIC]),
        ("Суботица", [SUBOTICA_CYRILLIC]),
        ("subotica", [SUBOTICA_CYRILLIC]),
        ("Nis", [NIS_CYRILLIC, NIS_ENGLISH]),
        ("Niš", [NIS_CYRILLIC, NIS_ENGLISH]),
        ("Ниш", [NIS_CYRILLIC, NIS_ENGLISH]),
        ("Djordjevica", [DJORDJEVIC_CYRILLIC]),
        ("Dordevica", [DJORDJEVIC_CYRILLIC]),
    ],
)
def test_a_translator_finds_the_pages_of_their_languages_in_any_script(
    translator, events, query, expected
):
    assert page_search(translator, query) == sorted(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Subotica", [SUBOTICA_LATIN, SUBOTICA_CYRILLIC]),
        ("Суботица", [SUBOTICA_LATIN, SUBOTICA_CYRILLIC]),
        ("Nis", [NIS_LATIN, NIS_CYRILLIC, NIS_ENGLISH]),
    ],
)
def test_an_editor_finds_every_language_version_in_any_script(editor, events, query, expected):
    assert page_search(editor, query) == sorted(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Subotica", ["Gradska kuća, Subotica", "Градска кућа, Суботица"]),
        ("Суботица", ["Gradska kuća, Subotica", "Градска кућа, Суботица"]),
        ("Nis", ["Media i reform centar, Niš", "Медиа и реформ центар, Ниш"]),
        ("Ниш", ["Media i reform centar, Niš", "Медиа и реформ центар, Ниш"]),
    ],
)
def test_the_venue_listing_search_finds_both_scripts(translator, editor, venues, query, expected):
    found = {
        role: snippet_search(client, Venue, query) for role, client in roles(translator, editor)
    }

    assert found == {"translator": sorted(expected), "editor": sorted(expected)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Subotica", ["Crveni krst Subotica (CKS)", "Црвени крст Суботица (ЦКС)"]),
        ("Суботица", ["Crveni krst Subotica (CKS)", "Црвени крст Суботица (ЦКС)"]),
        ("Nis", ["Centar za socijalni rad Niš (CSR)", "Центар за социјални рад Ниш (ЦСР)"]),
        ("Ниш", ["Centar za socijalni rad Niš (CSR)", "Центар за социјални рад Ниш (ЦСР)"]),
        ("ЦКС", ["Crveni krst Subotica (CKS)", "Црвени крст Суботица (ЦКС)"]),
    ],
)
def test_the_partner_listing_search_finds_both_scripts(
    translator, editor, partners, query, expected
):
    found = {
        role: snippet_search(client, PartnerSnippet, query)
        for role, client in roles(translator, editor)
    }

    assert found == {"translator": sorted(expected), "editor": sorted(expected)}


@pytest.mark.django_db
def test_a_venue_renamed_in_the_admin_is_found_by_its_new_name_in_both_scripts(editor, venues):
    venue = Venue.objects.get(locale=locale("sr-latn"), city="Subotica")
    url = reverse("wagtailsnippets_panel_event_venue:edit", args=(venue.pk,))
    response = editor.post(
        url,
        {
            "name": "Gradska kuća",
            "street_address": "Trg slobode 1",
            "postal_code": "24000",
            "city": "Sombor",
            "country": "Srbija",
            "country_code": "RS",
            "latitude": "",
            "longitude": "",
            "map_url": "",
            "accessibility_notes": "",
        },
    )

    assert response.status_code == 302
    expected = ["Gradska kuća, Sombor", "Градска кућа, Сомбор"]
    assert snippet_search(editor, Venue, "Сомбор") == expected
    assert snippet_search(editor, Venue, "Sombor") == expected
    assert snippet_search(editor, Venue, "Суботица") == []
