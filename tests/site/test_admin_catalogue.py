"""Wagtail's and wagtail-localize's admin in Serbian, from the plugin's catalogues.

Neither ships a Serbian admin; the plugin's ``wagtail_admin`` catalogues translate their msgids
and tools/build_catalogues.py compiles them, with the Cyrillic derived from the Latin. The
coverage is measured against the English catalogues installed with Wagtail and
wagtail-localize, so an upgrade that adds msgids shows up here as missing translations.
"""

import datetime
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.snippets.widgets import AdminSnippetChooser
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.operations import translate_object

import panel_event
from panel_event.editing.roles import COMMUNICATIONS_EDITORS
from panel_event.languages.transliteration import latin_to_cyrillic_interface_string
from panel_event.models import PartnerSnippet
from tests.conftest import client_in_role

WAGTAIL_APPS = [
    "admin",
    ".",
    "snippets",
    "images",
    "documents",
    "search",
    "users",
    "locales",
    "embeds",
    "sites",
    "contrib/settings",
    "contrib/forms",
    "contrib/redirects",
    "contrib/simple_translation",
    "contrib/table_block",
    "contrib/typed_table_block",
    "contrib/search_promotions",
    "contrib/styleguide",
]
LOCALIZE_APPS = [".", "locales"]
PLUGIN_LOCALE = Path(panel_event.__file__).parent / "locale"
SCRIPTS = {"sr-latn": "sr_Latn", "sr-cyrl": "sr_Cyrl"}


def english_catalogues():
    """{(package, app folder, domain): the English catalogue shipped with it}."""
    catalogues = {}
    for package, apps in ((wagtail, WAGTAIL_APPS), (wagtail_localize, LOCALIZE_APPS)):
        root = Path(package.__file__).parent
        for app in apps:
            for domain in ("django", "djangojs"):
                path = root / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
                if path.exists():
                    catalogues[(package.__name__, app, domain)] = polib.pofile(str(path))
    return catalogues


ENGLISH = english_catalogues()


def compiled(script, domain):
    """{(msgctxt, msgid): translation entry} of the plugin's compiled catalogue."""
    mo = polib.mofile(str(PLUGIN_LOCALE / script / "LC_MESSAGES" / f"{domain}.mo"))
    return {(entry.msgctxt, entry.msgid): entry for entry in mo}


def untranslated(english, catalogue):
    """The English catalogue's msgids that the compiled catalogue leaves without a text."""
    missing = []
    for entry in english:
        if entry.obsolete or not entry.msgid:
            continue
        translated = catalogue.get((entry.msgctxt, entry.msgid))
        if translated is None:
            missing.append(entry.msgid)
        elif entry.msgid_plural:
            if len(translated.msgstr_plural) != 3 or not all(translated.msgstr_plural.values()):
                missing.append(entry.msgid)
        elif not translated.msgstr:
            missing.append(entry.msgid)
    return missing


def coverage():
    """{(script, domain): (translated msgids, all msgids)} over every English catalogue."""
    counts = {}
    for script in SCRIPTS.values():
        for domain in ("django", "djangojs"):
            catalogue = compiled(script, domain)
            total = done = 0
            for (_, _, catalogue_domain), english in ENGLISH.items():
                if catalogue_domain != domain:
                    continue
                msgids = [entry for entry in english if entry.msgid and not entry.obsolete]
                total += len(msgids)
                done += len(msgids) - len(untranslated(english, catalogue))
            counts[(script, domain)] = (done, total)
    return counts


@pytest.mark.parametrize("script", SCRIPTS.values())
@pytest.mark.parametrize("key", sorted(ENGLISH), ids=lambda key: "/".join(key))
def test_every_msgid_of_wagtail_and_wagtail_localize_is_translated(key, script):
    catalogue = compiled(script, key[2])
    assert untranslated(ENGLISH[key], catalogue) == []


def test_coverage_counts_every_msgid_in_both_scripts_and_both_domains():
    counts = coverage()
    for (script, domain), (done, total) in counts.items():
        assert done == total, f"{script} {domain}: {done} of {total}"
    # The English catalogues really were read: both domains hold messages.
    assert all(total > 0 for _, total in counts.values())


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]*\}|</?[a-z][^>]*>")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_cyrillic_entries_are_the_latin_ones_transliterated_with_placeholders_intact(domain):
    latin = compiled("sr_Latn", domain)
    cyrillic = compiled("sr_Cyrl", domain)
    source = polib.pofile(str(PLUGIN_LOCALE / "sr_Latn" / "wagtail_admin" / f"{domain}.po"))
    own = PLUGIN_LOCALE / "sr_Latn" / "LC_MESSAGES" / f"{domain}.po"
    # The plugin's own translation of a msgid both use wins; it is checked with the plugin's.
    overridden = {(e.msgctxt, e.msgid) for e in polib.pofile(str(own))} if own.exists() else set()
    for entry in source:
        key = (entry.msgctxt, entry.msgid)
        if key in overridden:
            continue
        if entry.msgid_plural:
            pairs = zip(
                entry.msgstr_plural.values(), cyrillic[key].msgstr_plural.values(), strict=True
            )
        else:
            pairs = [(entry.msgstr, cyrillic[key].msgstr)]
        for latin_text, cyrillic_text in pairs:
            expected = latin_to_cyrillic_interface_string(latin_text)
            assert cyrillic_text == expected
            assert PLACEHOLDER.findall(cyrillic_text) == PLACEHOLDER.findall(latin_text)
        assert key in latin


class _InterfaceText(HTMLParser):
    """Text a user reads or hears: text nodes and labelling attributes, outside scripts and
    outside elements marked ``hidden`` (Wagtail leaves placeholders such as "None" in those)."""

    LABELS = ("aria-label", "title", "placeholder", "alt", "aria-description")
    SILENT = ("script", "style", "template")
    VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source")

    def __init__(self):
        super().__init__()
        self.texts = set()
        self._open = []  # (tag, silent) of the elements enclosing the current position

    def _silent(self):
        return any(silent for _, silent in self._open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        silent = tag in self.SILENT or "hidden" in attributes
        if not silent and not self._silent():
            for name in self.LABELS:
                if attributes.get(name):
                    self.texts.add(" ".join(attributes[name].split()))
        if tag not in self.VOID:
            self._open.append((tag, silent))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self._silent():
            self.texts.add(" ".join(data.split()))


def interface_texts(html):
    parser = _InterfaceText()
    parser.feed(html)
    return parser.texts


def foreign_msgids(language, domains=("django",)):
    """Whole interface strings that must not appear on a page in ``language``.

    English msgids whose translation differs, and for Cyrillic also the Latin translations
    (a Latin string on a Cyrillic screen is a string the catalogue missed).
    """
    foreign = set()
    for domain in domains:
        latin = compiled("sr_Latn", domain)
        own = compiled(SCRIPTS[language], domain)
        for (_, _, english_domain), english in ENGLISH.items():
            if english_domain != domain:
                continue
            for entry in english:
                if not entry.msgid or entry.msgid_plural or PLACEHOLDER.search(entry.msgid):
                    continue
                key = (entry.msgctxt, entry.msgid)
                if key in own and own[key].msgstr != entry.msgid:
                    foreign.add(entry.msgid)
                    if language == "sr-cyrl" and latin[key].msgstr != own[key].msgstr:
                        foreign.add(latin[key].msgstr)
    return foreign


def admin_screens(home):
    """The screens an editor and a translator work in, by path."""
    return [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/add/panel_event/eventpage/{home.pk}/",
        "/admin/snippets/panel_event/venue/",
        "/admin/snippets/panel_event/venue/add/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/pages/search/?q=doga",
        "/admin/account/",
        "/admin/reports/locked/",
        reverse("panel_event_translation_overview"),
        reverse("two_factor"),
        reverse("two_factor_setup"),
    ]


@pytest.fixture
def admin_in(admin_user, client):
    def log_in(language):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = language
        profile.save()
        client.force_login(admin_user)
        return client

    return log_in


@pytest.mark.parametrize("language", SCRIPTS)
def test_admin_screens_show_no_english_or_wrong_script_interface_string(admin_in, home, language):
    client = admin_in(language)
    foreign = foreign_msgids(language)
    leftovers = {}
    for path in admin_screens(Page.objects.get(pk=home.pk)):
        response = client.get(path)
        assert response.status_code == 200, path
        found = sorted(interface_texts(response.content.decode()) & foreign)
        if found:
            leftovers[path] = found
    assert leftovers == {}


def sidebar_labels(html):
    """The labels of the admin menu, which the sidebar script draws from its JSON props."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    labels = []

    def walk(value):
        if isinstance(value, dict):
            if "label" in value:
                labels.append(value["label"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props.group(1)))
    return labels


@pytest.mark.parametrize(
    ("language", "title", "menu"),
    [
        (
            "sr-latn",
            "Kontrolna tabla - Wagtail",
            ["Stranice", "Slike", "Dokumenti", "Izveštaji", "Podešavanja", "Pomoć"],
        ),
        (
            "sr-cyrl",
            "Контролна табла - Wagtail",
            ["Странице", "Слике", "Документи", "Извештаји", "Подешавања", "Помоћ"],
        ),
        (
            "en",
            "Dashboard - Wagtail",
            ["Pages", "Images", "Documents", "Reports", "Settings", "Help"],
        ),
    ],
)
def test_dashboard_speaks_the_users_admin_language(admin_in, home, language, title, menu):
    html = admin_in(language).get("/admin/").content.decode()
    assert re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1) == title
    labels = sidebar_labels(html)
    assert [label for label in menu if label not in labels] == []
    assert f'<html lang="{language}"' in html


def catalogue_script(language):
    return f'<script src="/static/panel_event/jsi18n/{language}.js"></script>'


def javascript_catalogue(language):
    """{msgid: translation} of the static catalogue script the admin loads for ``language``."""
    script = Path(finders.find(f"panel_event/jsi18n/{language}.js")).read_text()
    return json.loads(
        re.search(r"Object\.assign\(django\.catalog \|\| \{\}, (\{.*?\n\})\);", script, re.S).group(
            1
        )
    )


@pytest.mark.parametrize("language", SCRIPTS)
def test_javascript_catalogue_script_holds_the_compiled_catalogue(language):
    compiled_entries = compiled(SCRIPTS[language], "djangojs")
    expected = {
        msgid: list(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        for (_, msgid), entry in compiled_entries.items()
        if msgid
    }
    assert javascript_catalogue(language) == expected


@pytest.mark.parametrize(
    ("language", "insert_a_block"), [("sr-latn", "Umetni blok"), ("sr-cyrl", "Уметни блок")]
)
def test_admin_pages_load_the_javascript_catalogue_of_the_users_admin_language(
    admin_in, language, insert_a_block
):
    assert catalogue_script(language) in admin_in(language).get("/admin/").content.decode()
    assert javascript_catalogue(language)["Insert a block"] == insert_a_block


def test_the_sign_in_page_loads_the_catalogue_of_the_browsers_language(client, db):
    # No admin login is needed to fetch a static script, so the sign-in page may load it too.
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="sr").content.decode()
    assert catalogue_script("sr-latn") in html


@pytest.mark.parametrize(
    ("accept_language", "labels"),
    [
        ("sr-latn", ["Korisničko ime", "Lozinka"]),
        ("sr-cyrl", ["Корисничко име", "Лозинка"]),
        ("en", ["Username", "Password"]),
    ],
)
def test_the_sign_in_form_labels_its_fields_in_the_browsers_language(
    client, db, accept_language, labels
):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    found = re.findall(r'<label class="w-field__label" for="id_\w+"[^>]*>\s*([^<]+?)\s*<', html)
    assert found == labels


def test_an_english_admin_loads_no_plugin_javascript_catalogue(admin_in):
    assert "panel_event/jsi18n/" not in admin_in("en").get("/admin/").content.decode()


def test_account_offers_the_three_admin_languages(admin_in):
    html = admin_in("sr-latn").get("/admin/account/").content.decode()
    select = re.search(r'<select name="locale-preferred_language".*?</select>', html, re.S).group()
    options = re.findall(r'<option value="([a-z-]*)"', select)
    assert options == ["", "en", "sr-latn", "sr-cyrl"]


@pytest.mark.parametrize(
    ("language", "title", "search_tab"),
    [
        ("en", "Choose", "Search"),
        ("sr-latn", "Izaberi", "Pretraga"),
        ("sr-cyrl", "Изабери", "Претрага"),
    ],
)
def test_chooser_labels_follow_the_users_language_not_the_sites(
    admin_in, language, title, search_tab
):
    # Wagtail translates these once, at import, into LANGUAGE_CODE (Serbian Latin here); the
    # plugin makes them lazy again (panel_event.languages.wagtail_labels).
    client = admin_in(language)
    response = client.get(reverse("wagtailsnippetchoosers_panel_event_venue:choose"))
    html = json.loads(response.content)["html"]
    assert re.search(r"<h1[^>]*>\s*(?:<svg.*?</svg>\s*)?([^<]+?)\s*<", html, re.S).group(1) == title
    assert search_tab in interface_texts(html)


def test_a_snippet_chooser_made_once_speaks_each_users_language():
    # A StreamField block makes its chooser widget once per process, in whichever language
    # the first editor used.
    with translation.override("sr-cyrl"):
        widget = AdminSnippetChooser(PartnerSnippet)
    labels = {}
    for language in SCRIPTS | {"en": "en"}:
        with translation.override(language):
            partner = str(PartnerSnippet._meta.verbose_name)
            labels[language] = (str(widget.choose_one_text), partner)
    assert labels == {
        "sr-latn": (f"Izaberi: {labels['sr-latn'][1]}", labels["sr-latn"][1]),
        "sr-cyrl": (f"Изабери: {labels['sr-cyrl'][1]}", labels["sr-cyrl"][1]),
        "en": ("Choose partner", "partner"),
    }


# Screens where Wagtail and wagtail-localize left English whatever the admin's language
# (panel_event.languages.wagtail_labels).


@pytest.mark.parametrize(
    ("language", "columns"),
    [
        ("sr-latn", ["Sajt", "Port", "Naziv sajta", "Korenska stranica", "Podrazumevani?"]),
        ("en", ["Site", "Port", "Site name", "Root page", "Default?"]),
    ],
)
def test_the_sites_listing_names_its_columns_in_the_admins_language(admin_in, language, columns):
    html = admin_in(language).get("/admin/sites/").content.decode()
    listing = re.search(r'<table class="listing.*?</thead>', html, re.S).group()
    headers = re.findall(r"<th[^>]*>(.*?)</th>", listing, re.S)
    assert [" ".join(re.sub(r"<[^>]+>", " ", header).split()) for header in headers] == columns


@pytest.mark.parametrize(
    ("language", "root"), [("sr-latn", "Koren"), ("sr-cyrl", "Корен"), ("en", "Root")]
)
def test_the_page_trees_root_is_named_in_the_admins_language(admin_in, language, root):
    texts = interface_texts(admin_in(language).get("/admin/pages/").content.decode())
    assert root in texts
    assert {"Root", "Koren", "Корен"} - {root} & texts == set()


def test_the_translations_report_follows_each_users_language(db):
    labels = {}
    for language in ("en", "sr-latn", "sr-cyrl"):
        client = client_in_role(f"editor-{language}", COMMUNICATIONS_EDITORS, language)
        menu = sidebar_labels(client.get("/admin/").content.decode())
        labels[language] = [label for label in menu if label in TRANSLATIONS_REPORT]
    assert labels == {"en": ["Translations"], "sr-latn": ["Prevodi"], "sr-cyrl": ["Преводи"]}


TRANSLATIONS_REPORT = {"Translations", "Prevodi", "Преводи"}


def test_the_admin_language_list_tells_the_two_scripts_apart(db):
    client = client_in_role("editor", COMMUNICATIONS_EDITORS, "sr-latn")
    html = client.get("/admin/account/").content.decode()
    select = re.search(r'<select name="locale-preferred_language".*?</select>', html, re.S).group()
    options = re.findall(r'<option value="([a-z-]*)"[^>]*>\s*([^<]*?)\s*</option>', select)
    assert options == [
        ("", "Koristi jezik servera: srpski (latinica)"),
        ("en", "English"),
        ("sr-latn", "srpski (latinica)"),
        ("sr-cyrl", "српски (ћирилица)"),
    ]


@pytest.mark.parametrize(
    ("language", "comment"),
    [
        ("sr-latn", "Prevedeno ručno, 20. jun 2031."),
        ("sr-cyrl", "Преведено ручно, 20. јун 2031."),
    ],
)
def test_the_translation_editor_dates_a_translation_as_the_admins_language_does(
    admin_in, home, language, comment, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    page = Page.objects.get(pk=home.pk).specific
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(page, [english])
    title = StringSegment.objects.get(source__object_id=page.translation_key, context__path="title")
    translated = StringTranslation.objects.create(
        translation_of=title.string,
        locale=english,
        context=title.context,
        data="Events",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    StringTranslation.objects.filter(pk=translated.pk).update(
        updated_at=datetime.datetime(2031, 6, 20, 10, 0, tzinfo=datetime.UTC)
    )

    editor = admin_in(language).get(f"/admin/pages/{page.get_translation(english).pk}/edit/")

    props = unescape(editor.content.decode())
    assert re.findall(r'"comment": ("[^"]*")', props) == [json.dumps(comment)]
