"""Serbian Latin follows Serbian Cyrillic: an event, a partner or a venue written in Cyrillic
gets its Latin version on publish or save, the way Latin content gets its Cyrillic one."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object
from wagtail_localize.strings import StringValue

from panel_event.languages.machine_translation import SerbianTransliterator
from panel_event.languages.transliteration import cyrillic_to_latin
from panel_event.models import EventPage, PartnerSnippet, TransliterationRule, Venue
from tests.event_form_data import agenda, agenda_item, event_form_data, partners, speaker

SLUG = "podrska-i-zastita-migranata"
TITLE = "Подршка и заштита миграната у рањивом положају у Србији"
LATIN_TITLE = "Podrška i zaštita migranata u ranjivom položaju u Srbiji"


def partner_form(**fields):
    return {
        "name": "Међународна организација за миграције",
        "acronym": "ИОМ",
        "kind": "international",
        "logo": "",
        "website": "https://www.iom.int",
        "description": "Агенција Уједињених нација за миграције, у Београду од 2001.",
        **fields,
    }


def venue_form(**fields):
    return {
        "name": "Медиа и реформ центар Ниш",
        "street_address": "Генерала Милојка Лешјанина 2",
        "postal_code": "18000",
        "city": "Ниш",
        "country": "Србија",
        "country_code": "RS",
        "latitude": "",
        "longitude": "",
        "map_url": "",
        "accessibility_notes": "Улаз без степеница, лифт до сале.",
        **fields,
    }


def add_snippet_in_cyrillic(client, model_name, data):
    url = reverse(f"wagtailsnippets_panel_event_{model_name}:add") + "?locale=sr-cyrl"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors


def in_language(model, language_code, **filters):
    return model.objects.get(locale__language_code=language_code, **filters)


@pytest.fixture
def cyrillic_partner(admin_client, home_pages):
    add_snippet_in_cyrillic(admin_client, "partnersnippet", partner_form())
    return in_language(PartnerSnippet, "sr-cyrl")


@pytest.fixture
def cyrillic_venue(admin_client, home_pages):
    add_snippet_in_cyrillic(admin_client, "venue", venue_form())
    return in_language(Venue, "sr-cyrl")


def cyrillic_body(partner):
    return [
        agenda(
            [
                agenda_item(
                    "11:00",
                    "11:10",
                    "Уводна обраћања",
                    kind="opening",
                    speakers=[speaker("Јелена Рибаћ", "координаторка пројекта", partner.pk)],
                ),
                agenda_item("12:30", "13:00", "Освежење", kind="refreshments"),
            ],
            title="Агенда",
        ),
        partners([(partner.pk, "implementing_partner")]),
    ]


def cyrillic_event_form(partner, **fields):
    values = {
        "title": TITLE,
        "intro": "Панел дискусија о социјалној заштити миграната.",
        "body": cyrillic_body(partner),
        **fields,
    }
    return event_form_data(**values)


def publish_in_cyrillic(client, home_pages, capture, data):
    """Create (or edit) and publish the Cyrillic event through the admin, running on-commit
    work as the request's commit would."""
    data["action-publish"] = "action-publish"
    existing = EventPage.objects.filter(slug=SLUG, locale__language_code="sr-cyrl").first()
    if existing is None:
        parent = home_pages["sr-cyrl"]
        url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", parent.pk))
    else:
        url = reverse("wagtailadmin_pages:edit", args=(existing.pk,))
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return in_language(EventPage, "sr-cyrl", slug=SLUG)


def script_translation(instance):
    """The translation record that makes the other script's version of ``instance``."""
    return Translation.objects.select_related("source__locale", "target_locale").get(
        source__object_id=instance.translation_key,
        target_locale__language_code__in=("sr-latn", "sr-cyrl"),
    )


@pytest.mark.django_db
def test_publishing_in_cyrillic_publishes_the_latin_version(
    admin_client, home_pages, cyrillic_partner, cyrillic_venue, django_capture_on_commit_callbacks
):
    source = publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(
            cyrillic_partner, venue=str(cyrillic_venue.pk), hero_credit="фото: Саша Ђорђевић"
        ),
    )

    event = in_language(EventPage, "sr-latn", slug=SLUG)
    assert event.live
    assert event.translation_key == source.translation_key
    assert event.get_parent().specific == home_pages["sr-latn"]
    assert (event.title, event.intro, event.hero_credit) == (
        LATIN_TITLE,
        "Panel diskusija o socijalnoj zaštiti migranata.",
        "foto: Saša Đorđević",
    )
    assert event.body[0].value["title"] == "Agenda"
    opening, refreshments = event.body[0].value["items"]
    assert (opening["title"], refreshments["title"]) == ("Uvodna obraćanja", "Osveženje")
    speaker_value = opening["speakers"][0]
    assert (speaker_value["name"], speaker_value["role"]) == (
        "Jelena Ribać",
        "koordinatorka projekta",
    )
    # The Latin page points at the Latin partner and venue, not at the Cyrillic ones.
    latin_partner = in_language(PartnerSnippet, "sr-latn")
    assert speaker_value["organisation"] == latin_partner
    assert event.body[1].value["partners"][0]["partner"] == latin_partner
    assert event.venue == in_language(Venue, "sr-latn")

    translation = script_translation(source)
    assert (translation.source.locale.language_code, translation.target_locale.language_code) == (
        "sr-cyrl",
        "sr-latn",
    )
    response = admin_client.get(f"/sr-latn/{SLUG}/")
    assert response.status_code == 200
    assert response.context["page"] == event


@pytest.mark.django_db
def test_a_cyrillic_partner_and_venue_get_their_latin_versions_on_save(
    admin_client, cyrillic_partner, cyrillic_venue
):
    partner = in_language(PartnerSnippet, "sr-latn")
    assert partner.translation_key == cyrillic_partner.translation_key
    assert (partner.name, partner.acronym, partner.website, partner.description) == (
        "Međunarodna organizacija za migracije",
        "IOM",
        "https://www.iom.int",
        "Agencija Ujedinjenih nacija za migracije, u Beogradu od 2001.",
    )
    venue = in_language(Venue, "sr-latn")
    assert venue.translation_key == cyrillic_venue.translation_key
    assert (
        venue.name,
        venue.street_address,
        venue.city,
        venue.country,
        venue.accessibility_notes,
    ) == (
        "Media i reform centar Niš",
        "Generala Milojka Lešjanina 2",
        "Niš",
        "Srbija",
        "Ulaz bez stepenica, lift do sale.",
    )

    response = admin_client.post(
        reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=(cyrillic_partner.pk,)),
        partner_form(name="Међународна организација за миграције (ИОМ)"),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Međunarodna organizacija za migracije (IOM)"
    # Saving the Latin version it generated writes nothing back.
    assert in_language(PartnerSnippet, "sr-cyrl").name == (
        "Међународна организација за миграције (ИОМ)"
    )
    assert PartnerSnippet.objects.count() == 2


@pytest.mark.django_db
def test_editing_the_cyrillic_source_updates_the_latin_page_and_keeps_hand_corrections(
    admin_client, home_pages, cyrillic_partner, django_capture_on_commit_callbacks
):
    source = publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(cyrillic_partner),
    )
    translation = script_translation(source)
    title_segment = StringSegment.objects.get(source=translation.source, context__path="title")
    # The wagtail-localize editor saves an edited segment through this endpoint.
    response = admin_client.put(
        reverse(
            "wagtail_localize:edit_string_translation", args=(translation.pk, title_segment.pk)
        ),
        urlencode({"value": "Podrška migrantima (ručni prevod)"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200

    publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(cyrillic_partner, intro="Дискусија је померена у већу салу."),
    )

    event = in_language(EventPage, "sr-latn", slug=SLUG)
    assert (event.title, event.intro) == (
        "Podrška migrantima (ručni prevod)",
        "Diskusija je pomerena u veću salu.",
    )
    assert StringTranslation.objects.get(
        translation_of_id=title_segment.string_id, locale__language_code="sr-latn"
    ).translation_type == ("manual")
    # The Cyrillic source stays as its editor wrote it.
    assert in_language(EventPage, "sr-cyrl", slug=SLUG).title == TITLE


@pytest.mark.django_db
def test_publishing_the_generated_latin_version_leaves_the_cyrillic_source_alone(
    admin_client, home_pages, cyrillic_partner, django_capture_on_commit_callbacks
):
    publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(cyrillic_partner),
    )
    latin = in_language(EventPage, "sr-latn", slug=SLUG)

    with django_capture_on_commit_callbacks(execute=True):
        latin.save_revision().publish()

    source = in_language(EventPage, "sr-cyrl", slug=SLUG)
    assert source.title == TITLE
    assert [
        (t.source.locale.language_code, t.target_locale.language_code)
        for t in Translation.objects.filter(source__object_id=source.translation_key)
    ] == [("sr-cyrl", "sr-latn")]


@pytest.mark.django_db
def test_rules_and_keep_markers_work_from_cyrillic_to_latin(
    admin_client, home_pages, cyrillic_partner, django_capture_on_commit_callbacks
):
    for rule in (
        {"latin": "Printscreen", "cyrillic": "Принтскрин", "note": "Software name"},
        {"latin": "Wagtail", "cyrillic": "", "note": "Keeps Latin"},
    ):
        response = admin_client.post(
            reverse("wagtailsnippets_panel_event_transliterationrule:add"), rule
        )
        assert response.status_code == 302

    publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(
            cyrillic_partner,
            hero_credit="Извор: Принтскрин из филма [[Јужно раскршће]] / Wagtail",
            intro="Више на www.iom.int или пишите на info@iom.int.",
        ),
    )

    event = in_language(EventPage, "sr-latn", slug=SLUG)
    assert event.hero_credit == "Izvor: Printscreen iz filma Јужно раскршће / Wagtail"
    assert event.intro == "Više na www.iom.int ili pišite na info@iom.int."


@pytest.mark.django_db
def test_the_machine_translator_offers_cyrillic_to_latin_in_the_editor(
    admin_client, home_pages, cyrillic_partner, settings, django_capture_on_commit_callbacks
):
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False
    source = publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(cyrillic_partner),
    )
    assert not EventPage.objects.filter(locale__language_code="sr-latn", slug=SLUG).exists()
    latin = Locale.objects.get(language_code="sr-latn")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=(source.pk,)),
            {"locales": [latin.pk]},
        )
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=latin
    )
    target = in_language(EventPage, "sr-latn", slug=SLUG)
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=(target.pk,)))
    assert editor.status_code == 200
    props = json.loads(editor.context["props"])
    assert props["machineTranslator"]["name"] == "Transliterate (Serbian Latin ↔ Cyrillic)"

    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=(translation.pk,)),
        {"next": "/admin/"},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert in_language(EventPage, "sr-latn", slug=SLUG).title == LATIN_TITLE


@pytest.mark.django_db
def test_english_is_translated_from_the_cyrillic_source(
    admin_client, home_pages, cyrillic_partner, django_capture_on_commit_callbacks
):
    source = publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(cyrillic_partner),
    )
    english = Locale.objects.get(language_code="en")
    latin = in_language(EventPage, "sr-latn", slug=SLUG)

    # "Translate this page" pressed on the generated Latin version leads to the original.
    url = reverse("wagtail_localize:submit_page_translation", args=[latin.pk])
    response = admin_client.get(url)
    assert response["Location"] == reverse(
        "wagtail_localize:submit_page_translation", args=[source.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(response["Location"], {"locales": [english.pk]})
    assert response.status_code == 302

    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=english
    )
    assert translation.source.locale.language_code == "sr-cyrl"
    english_page = source.get_translation(english)
    assert english_page.title == TITLE  # untranslated until a translator writes it
    assert not english_page.live


@pytest.mark.django_db
def test_translate_object_from_a_cyrillic_partner_keeps_one_source(
    admin_client, cyrillic_partner, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(cyrillic_partner, [english])

    sources = Translation.objects.filter(source__object_id=cyrillic_partner.translation_key)
    assert sorted(
        (t.source.locale.language_code, t.target_locale.language_code) for t in sources
    ) == [("sr-cyrl", "en"), ("sr-cyrl", "sr-latn")]


# A Cyrillic title of 255 characters, the most a title may have, that is longer in Latin.
TOO_LONG_IN_LATIN = ("Љубљана " * 32)[:255]


@pytest.mark.django_db
def test_a_cyrillic_title_too_long_in_latin_is_refused_next_to_the_field(
    admin_client, home_pages, cyrillic_partner, django_capture_on_commit_callbacks
):
    data = cyrillic_event_form(cyrillic_partner, title=TOO_LONG_IN_LATIN)
    data["action-publish"] = "action-publish"
    url = reverse(
        "wagtailadmin_pages:add", args=("panel_event", "eventpage", home_pages["sr-cyrl"].pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    assert response.status_code == 200
    latin_length = 255 + TOO_LONG_IN_LATIN.count("Љ") + TOO_LONG_IN_LATIN.count("љ")
    assert response.context["form"].errors == {
        "title": [
            f"In the Srpski (latinica) version this text has {latin_length} characters, more "
            f"than the 255 allowed. Shorten it by {latin_length - 255}."
        ]
    }
    # Nothing typed is lost, and nothing was created in either script.
    assert response.context["form"]["title"].value() == TOO_LONG_IN_LATIN
    assert not EventPage.objects.filter(slug=SLUG).exists()


@pytest.mark.django_db
def test_a_cyrillic_partner_name_too_long_in_latin_is_refused(admin_client, home_pages):
    url = reverse("wagtailsnippets_panel_event_partnersnippet:add") + "?locale=sr-cyrl"
    response = admin_client.post(url, partner_form(name=TOO_LONG_IN_LATIN))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert not PartnerSnippet.objects.exists()


@pytest.mark.django_db
def test_unpublishing_the_cyrillic_source_takes_its_latin_version_down(
    admin_client, home_pages, cyrillic_partner, django_capture_on_commit_callbacks
):
    source = publish_in_cyrillic(
        admin_client,
        home_pages,
        django_capture_on_commit_callbacks,
        cyrillic_event_form(cyrillic_partner),
    )
    assert Client().get(f"/sr-latn/{SLUG}/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(source.pk,)))

    assert response.status_code == 302
    assert [Client().get(f"/{code}/{SLUG}/").status_code for code in ("sr-cyrl", "sr-latn")] == [
        404,
        404,
    ]
    assert in_language(EventPage, "sr-latn", slug=SLUG).live is False


@pytest.mark.django_db
def test_deleting_a_cyrillic_partner_deletes_its_latin_version(admin_client, cyrillic_partner):
    latin = in_language(PartnerSnippet, "sr-latn")

    response = admin_client.post(
        reverse("wagtailsnippets_panel_event_partnersnippet:delete", args=(cyrillic_partner.pk,))
    )

    assert response.status_code == 302
    assert not PartnerSnippet.objects.filter(pk__in=[cyrillic_partner.pk, latin.pk]).exists()


@pytest.mark.django_db
def test_the_cyrillic_version_of_a_latin_partner_edited_by_hand_stays_a_copy(
    admin_client, home_pages
):
    latin = PartnerSnippet.objects.create(
        name="Crveni krst Srbije", acronym="CKS", locale=Locale.objects.get(language_code="sr-latn")
    )
    cyrillic = in_language(PartnerSnippet, "sr-cyrl")
    assert cyrillic.name == "Црвени крст Србије"

    # The Cyrillic version is a translation: saving it by hand writes nothing into Latin.
    cyrillic.name = "Црвени крст Србије (Београд)"
    cyrillic.save()

    latin.refresh_from_db()
    assert latin.name == "Crveni krst Srbije"
    assert [
        (t.source.locale.language_code, t.target_locale.language_code)
        for t in Translation.objects.filter(source__object_id=latin.translation_key)
    ] == [("sr-latn", "sr-cyrl")]


@pytest.mark.django_db
def test_the_machine_translator_round_trips_through_both_scripts_with_the_editors_rules():
    TransliterationRule.objects.create(latin="Printscreen", cyrillic="Принтскрин")
    TransliterationRule.objects.create(latin="Coca-Cola", cyrillic="Кока-Кола")
    TransliterationRule.objects.create(latin="Wagtail", cyrillic="")
    latin, cyrillic = (Locale.objects.get(language_code=code) for code in ("sr-latn", "sr-cyrl"))
    transliterator = SerbianTransliterator({})
    text = (
        '<a id="a1">Injekcija</a> &amp; Printscreen, Coca-Cola i Wagtail: '
        "piši na info@iom.int ili www.iom.int/sr, DŽEP Ljubav"
    )

    to_cyrillic = transliterator.translate(latin, cyrillic, [StringValue(text)])
    cyrillic_text = to_cyrillic[StringValue(text)].data
    to_latin = transliterator.translate(cyrillic, latin, [StringValue(cyrillic_text)])

    assert cyrillic_text == (
        '<a id="a1">Инјекција</a> &amp; Принтскрин, Кока-Кола и Wagtail: '
        "пиши на info@iom.int или www.iom.int/sr, ЏЕП Љубав"
    )
    assert to_latin[StringValue(cyrillic_text)].data == text
    assert [
        (transliterator.can_translate(a, b), a.language_code, b.language_code)
        for a, b in ((latin, cyrillic), (cyrillic, latin), (latin, latin))
    ] == [(True, "sr-latn", "sr-cyrl"), (True, "sr-cyrl", "sr-latn"), (False, "sr-latn", "sr-latn")]


def test_keep_markers_keep_cyrillic_in_the_latin_version():
    assert cyrillic_to_latin("Фирма [[Ђорђе и син]] д.о.о., [[www.пример.срб]]") == (
        "Firma Ђорђе и син d.o.o., www.пример.срб"
    )
