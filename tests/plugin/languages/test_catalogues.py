"""Interface strings in three languages, with the Cyrillic catalogue derived from the Latin one."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from panel_event.content.choices import PartnerRole
from panel_event.languages.transliteration import (
    latin_to_cyrillic_interface_string,
    strip_keep_latin_markers,
)

PROJECT_ROOT = Path(__file__).resolve().parents[3]
LOCALE_DIRS = [PROJECT_ROOT / "locale", PROJECT_ROOT / "panel_event" / "locale"]


def catalogue(locale_dir, language):
    return polib.pofile(str(locale_dir / language / "LC_MESSAGES" / "django.po"))


def latin_source(locale_dir):
    """The Latin entries the build compiles: the locale's own, then those of its translation of
    Wagtail's admin (``sr_Latn/wagtail_admin``) that the own ones do not override."""
    entries = {(e.msgctxt, e.msgid): e for e in catalogue(locale_dir, "sr_Latn")}
    wagtail_admin = locale_dir / "sr_Latn" / "wagtail_admin" / "django.po"
    if wagtail_admin.exists():
        for entry in polib.pofile(str(wagtail_admin)):
            entries.setdefault((entry.msgctxt, entry.msgid), entry)
    return list(entries.values())


def source_catalogue(locale_dir, language):
    return latin_source(locale_dir) if language == "sr_Latn" else catalogue(locale_dir, language)


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=lambda path: path.parent.name)
def test_serbian_latin_catalogue_is_complete(locale_dir):
    latin = catalogue(locale_dir, "sr_Latn")

    assert [entry.msgid for entry in latin.untranslated_entries()] == []
    assert [entry.msgid for entry in latin.fuzzy_entries() if entry.msgid] == []


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=lambda path: path.parent.name)
def test_cyrillic_catalogue_is_the_transliteration_of_the_latin_one(locale_dir):
    latin = {(e.msgctxt, e.msgid): e.msgstr for e in latin_source(locale_dir)}
    cyrillic = {(e.msgctxt, e.msgid): e.msgstr for e in catalogue(locale_dir, "sr_Cyrl")}

    assert cyrillic == {
        key: latin_to_cyrillic_interface_string(text) for key, text in latin.items()
    }


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=lambda path: path.parent.name)
@pytest.mark.parametrize("language", ["sr_Latn", "sr_Cyrl", "en"])
def test_compiled_catalogues_match_their_sources(locale_dir, language):
    source = source_catalogue(locale_dir, language)
    compiled = polib.mofile(str(locale_dir / language / "LC_MESSAGES" / "django.mo"))

    def translated(entries):
        return {
            (e.msgctxt, e.msgid): strip_keep_latin_markers(e.msgstr)
            for e in entries
            if e.msgstr and e.msgid
        }

    assert translated(compiled) == translated(e for e in source if e.translated())


def test_placeholders_inside_markup_stay_as_they_are_in_cyrillic():
    latin = 'Možete <a href="%(unpublish_url)s">povući objavu</a> stranice %(title)s.'

    assert latin_to_cyrillic_interface_string(latin) == (
        'Можете <a href="%(unpublish_url)s">повући објаву</a> странице %(title)s.'
    )


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("sr-latn", "U saradnji sa"), ("sr-cyrl", "У сарадњи са"), ("en", "In cooperation with")],
)
def test_public_labels_are_served_in_each_language(language_code, expected):
    with translation.override(language_code):
        assert str(PartnerRole.COOPERATION.label) == expected
