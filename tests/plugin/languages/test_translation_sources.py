"""A translator's path to English, through the buttons the translator is shown.

Translators see the Cyrillic and English trees only, so their "Translate this page" is the one
on the generated Cyrillic copy. It must start English from the Serbian Latin original (one
translation source per object), leave the new English page a draft, and let it go live only
once every segment is translated. Records made the old way are merged by a command.
"""

import io
from urllib.parse import urlencode

import pytest
from django.core import checks
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from panel_event.models import EventPage, PartnerSnippet
from tests.conftest import client_in_role
from tests.event_form_data import new_event_in_subotica

SLUG = "okrugli-sto-subotica"
LATIN_TITLE = "Okrugli sto o socijalnoj zaštiti u Subotici"


@pytest.fixture
def role_clients(home_pages, admin_user):
    clients = {
        "translator": client_in_role("translator", TRANSLATORS),
        "editor": client_in_role("editor", COMMUNICATIONS_EDITORS),
    }
    clients["admin"] = Client()
    clients["admin"].force_login(admin_user)
    return clients


@pytest.fixture
def latin_event(role_clients, home_pages, django_capture_on_commit_callbacks):
    """Written and published in Serbian Latin by the editor, through the page editor."""
    data, _partner, _venue = new_event_in_subotica(LATIN_TITLE, SLUG, "Uvodna reč", "koordinatorka")
    url = reverse(
        "wagtailadmin_pages:add", args=("panel_event", "eventpage", home_pages["sr-latn"].pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = role_clients["editor"].post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug=SLUG, locale__language_code="sr-latn")


def in_locale(instance, language_code):
    return instance.get_translation(Locale.objects.get(language_code=language_code))


def start_english_as_translator(client, cyrillic_page, capture):
    """Press "Translate this page" on the Cyrillic copy, tick English and submit."""
    explorer = client.get(reverse("wagtailadmin_explore", args=[cyrillic_page.get_parent().pk]))
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[cyrillic_page.pk])
    assert translate_url in explorer.content.decode()
    form_page = client.get(translate_url, follow=True)
    assert form_page.status_code == 200
    submit_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else translate_url
    english = Locale.objects.get(language_code="en")
    with capture(execute=True):
        response = client.post(submit_url, {"locales": [english.pk]})
    assert response.status_code == 302
    return submit_url


def sources_per_object(*instances):
    return {
        str(instance): TranslationSource.objects.filter(object_id=instance.translation_key).count()
        for instance in instances
    }


def english_translations_per_object(*instances):
    return {
        str(instance): Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale__language_code="en"
        ).count()
        for instance in instances
    }


@pytest.mark.django_db
def test_translate_on_the_cyrillic_copy_starts_english_from_the_latin_original(
    role_clients, latin_event, django_capture_on_commit_callbacks
):
    cyrillic = in_locale(latin_event, "sr-cyrl")
    submit_url = start_english_as_translator(
        role_clients["translator"], cyrillic, django_capture_on_commit_callbacks
    )

    assert submit_url == reverse("wagtail_localize:submit_page_translation", args=[latin_event.pk])
    partner = PartnerSnippet.objects.get(acronym="IOM", locale=latin_event.locale)
    objects = (latin_event, partner, latin_event.venue)
    assert sources_per_object(*objects) == {str(obj): 1 for obj in objects}
    assert english_translations_per_object(*objects) == {str(obj): 1 for obj in objects}
    assert TranslationSource.objects.filter(locale__language_code="sr-cyrl").count() == 0

    english = in_locale(latin_event, "en")
    for role in ("translator", "admin"):
        editor = role_clients[role].get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
        assert (role, editor.status_code) == (role, 200)


@pytest.mark.django_db
def test_a_new_english_translation_is_a_draft_nobody_reads(
    role_clients, latin_event, django_capture_on_commit_callbacks
):
    start_english_as_translator(
        role_clients["translator"],
        in_locale(latin_event, "sr-cyrl"),
        django_capture_on_commit_callbacks,
    )
    english = in_locale(latin_event, "en")
    assert (english.live, english.has_unpublished_changes) == (False, True)

    reader = Client()
    assert reader.get(f"/en/{SLUG}/").status_code == 404
    assert LATIN_TITLE not in reader.get("/en/").content.decode()


def translate_every_segment(client, translation, text_for):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = client.put(
            url,
            urlencode({"value": text_for(segment.string.data)}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def publish_in_translation_editor(client, page, capture):
    with capture(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}, follow=True
        )


@pytest.mark.django_db
def test_english_goes_live_only_when_every_segment_is_translated(
    role_clients, latin_event, django_capture_on_commit_callbacks
):
    translator = role_clients["translator"]
    start_english_as_translator(
        translator, in_locale(latin_event, "sr-cyrl"), django_capture_on_commit_callbacks
    )
    english = in_locale(latin_event, "en")
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=english.locale
    )
    total, _done = translation.get_progress()

    refused = publish_in_translation_editor(translator, english, django_capture_on_commit_callbacks)
    english.refresh_from_db()
    assert english.live is False
    assert [str(message) for message in refused.context["messages"]][-1:] == [
        f"“{LATIN_TITLE}” was not published: {total} segments are not translated into English "
        "yet. Translate them all, then publish; until then readers see no English version."
    ]

    english_texts = {LATIN_TITLE: "Round table on social protection in Subotica"}
    translate_every_segment(
        translator, translation, lambda text: english_texts.get(text, f"EN {text}")
    )
    publish_in_translation_editor(translator, english, django_capture_on_commit_callbacks)
    english.refresh_from_db()
    assert (english.live, english.title) == (True, "Round table on social protection in Subotica")
    assert Client().get(f"/en/{english.slug}/").status_code == 200


@pytest.mark.django_db
def test_sync_with_publish_leaves_an_incomplete_english_version_a_draft(
    role_clients, latin_event, django_capture_on_commit_callbacks
):
    start_english_as_translator(
        role_clients["translator"],
        in_locale(latin_event, "sr-cyrl"),
        django_capture_on_commit_callbacks,
    )
    source = TranslationSource.objects.get(object_id=latin_event.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = role_clients["editor"].post(url, {"publish_translations": "on"}, follow=True)
    assert response.status_code == 200
    english = in_locale(latin_event, "en")
    assert english.live is False
    assert in_locale(latin_event, "sr-cyrl").live is True
    warnings = [str(m) for m in response.context["messages"] if "draft" in str(m)]
    assert len(warnings) == 1 and warnings[0].startswith(
        "The English version was updated as a draft"
    )


@pytest.mark.django_db
def test_translators_read_originals_but_change_only_their_languages(role_clients, latin_event):
    translator = role_clients["translator"]
    cyrillic = in_locale(latin_event, "sr-cyrl")
    original_url = reverse("panel_event_preview_original", args=[cyrillic.pk])
    # The button the translator is shown on the copy's page in the explorer.
    explorer = translator.get(reverse("wagtailadmin_explore", args=[cyrillic.pk]))
    assert f'href="{original_url}"' in explorer.content.decode()
    original = translator.get(original_url)
    assert original.status_code == 200
    assert LATIN_TITLE in original.content.decode()

    partner = PartnerSnippet.objects.get(acronym="IOM", locale=latin_event.locale)
    listing = translator.get(reverse("wagtailsnippets_panel_event_partnersnippet:list"))
    assert listing.status_code == 200
    edit_url = reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=[partner.pk])
    assert translator.get(edit_url)["Location"] == reverse(
        "wagtailsnippets_panel_event_partnersnippet:inspect", args=[partner.pk]
    )
    refused = translator.post(edit_url, {"name": "Changed"})
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    partner.refresh_from_db()
    assert partner.name == "Međunarodna organizacija za migracije"
    assert (
        translator.get(
            reverse("wagtailsnippets_panel_event_partnersnippet:inspect", args=[partner.pk])
        ).status_code
        == 200
    )


def make_duplicates_the_old_way(latin_event):
    """What wagtail-localize did before: the partner and venue already had English from their
    Latin originals, then a translator started English from the event's Cyrillic copy, and
    translated its title there."""
    english_locale = Locale.objects.get(language_code="en")
    partner = PartnerSnippet.objects.get(acronym="IOM", locale=latin_event.locale)
    for snippet in (partner, latin_event.venue):
        translate_object(snippet, [english_locale])
    cyrillic = in_locale(latin_event, "sr-cyrl")
    translate_object(cyrillic, [english_locale])
    title = StringSegment.objects.get(
        source__locale=cyrillic.locale,
        source__object_id=cyrillic.translation_key,
        context__path="title",
    )
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=english_locale,
        context=title.context,
        data="Round table in Subotica",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    return in_locale(latin_event, "en")


@pytest.mark.django_db
def test_repair_merges_duplicate_sources_and_keeps_translated_text(
    role_clients, latin_event, django_capture_on_commit_callbacks
):
    english = make_duplicates_the_old_way(latin_event)
    warnings = [
        m.id for m in checks.run_checks(databases=["default"]) if m.id == "panel_event.W002"
    ]
    assert len(warnings) == 3  # the event, its partner and its venue
    with pytest.raises(Translation.MultipleObjectsReturned):
        role_clients["admin"].get(reverse("wagtailadmin_pages:edit", args=[english.pk]))

    report = io.StringIO()
    call_command("repair_translation_sources", stdout=report)
    assert report.getvalue().splitlines()[-1] == (
        "3 duplicate sources merged, 0 untranslated pages unpublished."
    )

    partner = PartnerSnippet.objects.get(acronym="IOM", locale=latin_event.locale)
    objects = (latin_event, partner, latin_event.venue)
    assert sources_per_object(*objects) == {str(obj): 1 for obj in objects}
    assert english_translations_per_object(*objects) == {str(obj): 1 for obj in objects}
    assert [
        m.id for m in checks.run_checks(databases=["default"]) if m.id == "panel_event.W002"
    ] == []
    assert (
        role_clients["admin"].get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code
        == 200
    )
    title = StringTranslation.objects.get(
        locale=english.locale, context__object_id=latin_event.translation_key, context__path="title"
    )
    assert title.data == "Round table in Subotica"


@pytest.mark.django_db
def test_translate_on_a_cyrillic_partner_starts_from_its_latin_original(
    role_clients, latin_event, django_capture_on_commit_callbacks
):
    partner = PartnerSnippet.objects.get(acronym="IOM", locale=latin_event.locale)
    copy = in_locale(partner, "sr-cyrl")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["panel_event", "partnersnippet", copy.pk],
    )
    response = role_clients["translator"].get(url)
    assert response["Location"] == reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["panel_event", "partnersnippet", partner.pk],
    )
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        role_clients["translator"].post(response["Location"], {"locales": [english.pk]})
    assert sources_per_object(partner) == {str(partner): 1}
    assert english_translations_per_object(partner) == {str(partner): 1}
    assert TranslationSource.objects.get(
        object_id=partner.translation_key
    ).locale.language_code == ("sr-latn")
