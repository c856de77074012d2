"""Importing an announcement through the Wagtail admin, as an editor does: paste, preview, create."""

import datetime
import html
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Locale, Page

from panel_event.editing.roles import COMMUNICATIONS_EDITORS
from panel_event.models import EventPage, PartnerSnippet, Venue
from tests.conftest import prefer_english_admin, user_in_role

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_TEXT = (DATA_DIR / "seed_announcement.sr-Latn.txt").read_text(encoding="utf-8")
CYRILLIC_SEED_TEXT = (DATA_DIR / "seed_announcement.sr-Cyrl.txt").read_text(encoding="utf-8")
IMPORT_URL = reverse("panel_event_import_announcement")

SEED_PARTNER_NAMES = {
    "IOM": "Međunarodna organizacija za migracije",
    "": "Švajcarska Konfederacija",
    "MINRSZ": "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
    "RZSZ": "Republički zavod za socijalnu zaštitu",
    "KIRS": "Komesarijat za izbeglice i migracije",
}
NOT_AN_ANNOUNCEMENT = "Hello,\n\nplease find the photos from last week attached.\n\nBest, Ana\n"
NO_DATE_MESSAGE = (
    "No event date found. Expected a line such as 'Četvrtak, 20. jun 2019. godine, 11 časova' "
    "(or '20.06.2019. u 11:00', or 'Thursday, 20 June 2019, 11:00') below the title."
)


@pytest.fixture
def seed_partners(db):
    locale = Locale.objects.get(language_code="sr-latn")
    return {
        name: PartnerSnippet.objects.create(name=name, acronym=acronym, locale=locale)
        for acronym, name in SEED_PARTNER_NAMES.items()
    }


def preview(client, text, parent, language=""):
    return client.post(
        IMPORT_URL,
        {"text": text, "parent": str(parent.pk), "language": language, "action": "preview"},
    )


def create_from_preview(client, preview_response, create_venue=False, create_partners=()):
    """Press "Create draft" on a preview: the same inputs, the preview's digest, and the
    new venue and partners ticked (by the key of each ``draft.new_partners`` proposal)."""
    form = preview_response.context["form"]
    data = {
        "text": form.data["text"],
        "parent": form.data["parent"],
        "language": form.data["language"],
        "previewed": preview_response.context["preview_digest"],
        "action": "create",
        "create_partner": list(create_partners),
    }
    if create_venue:
        data["create_venue"] = "yes"
    return client.post(IMPORT_URL, data)


def in_english(label):
    """Labels are lazy: read them in the language the English-speaking editor's admin used."""
    with translation.override("en"):
        return str(label)


def record_counts():
    return {
        "pages": Page.objects.count(),
        "events": EventPage.objects.count(),
        "venues": Venue.objects.count(),
        "partners": PartnerSnippet.objects.count(),
    }


def speaker_summary(speaker):
    organisation = speaker["organisation"]
    return (
        speaker["name"],
        speaker["role"],
        organisation.acronym if organisation else None,
        speaker["organisation_text"],
    )


# --- The seed announcement, end to end ----------------------------------------------------------


@pytest.mark.django_db
def test_seed_announcement_becomes_a_draft_event(admin_client, admin_user, home, seed_partners):
    counts_before = record_counts()

    previewed = preview(admin_client, SEED_TEXT, home)

    assert previewed.status_code == 200
    assert previewed.context["form"].errors == {}
    assert record_counts() == counts_before, "a preview saves nothing"

    response = create_from_preview(admin_client, previewed, create_venue=True)

    event = EventPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert event.get_parent().specific == home
    assert event.locale == home.locale
    assert (event.live, event.has_unpublished_changes) == (False, True)
    assert event.latest_revision.user == admin_user
    assert (event.title, event.event_type) == (
        "Podrška i zaštita migranata u ranjivom položaju u Srbiji",
        "panel_discussion",
    )
    assert event.starts_at == datetime.datetime(2019, 6, 20, 11, 0, tzinfo=BELGRADE)
    assert event.ends_at == datetime.datetime(2019, 6, 20, 13, 0, tzinfo=BELGRADE)
    assert event.time_zone == "Europe/Belgrade"
    assert (event.venue.name, event.venue.city, event.venue.locale) == (
        "Media i reform centar Niš",
        "Niš",
        home.locale,
    )
    assert event.hero_credit == (
        "Izvor: Printscreen iz filma Južno raskršće - Migranti / foto: Saša Đorđević"
    )
    objective = (
        "Cilj diskusije Podrška i zaštita migranata u ranjivom položaju u Srbiji jeste da "
        "doprinese jačanju socijalne zaštite migranata kroz dostupnije i kvalitetnije socijalne "
        "usluge i programe podrške u zajednicama."
    )
    assert event.objective == f"<p>{objective}</p>"
    assert event.intro == objective

    assert [block.block_type for block in event.body] == ["text", "agenda", "text", "partners"]
    assert event.body[0].value.source.startswith("<p>Događaj će biti prilika")
    assert event.body[0].value.source.count("<p>") == 4
    assert event.body[2].value.source.startswith("<p>Panel diskusija se organizuje")
    agenda = event.body[1].value
    assert agenda["title"] == "Agenda"
    assert [(i["start_time"], i["end_time"], i["kind"]) for i in agenda["items"]] == [
        (datetime.time(11, 0), datetime.time(11, 10), "opening"),
        (datetime.time(11, 10), datetime.time(12, 10), "presentation"),
        (datetime.time(12, 10), datetime.time(12, 30), "closing"),
        (datetime.time(12, 30), datetime.time(13, 0), "refreshments"),
    ]
    assert [speaker_summary(s) for s in agenda["items"][0]["speakers"]] == [
        (
            "Ursula Lojbli",
            "direktorka Švajcarske kancelarije za saradnju",
            None,
            "Ambasada Švajcarske Konfederacije u Republici Srbiji",
        ),
        # "Međunarodna organizacija za migracije u Srbiji" is the IOM partner plus a place.
        ("Jelena Ribać", "koordinatorka projekta", "IOM", ""),
    ]
    assert agenda["items"][1]["group_speakers"] == (
        "Kratke prezentacije predstavnika/-ca organizacija civilnog društva o dosadašnjoj "
        "realizaciji programa u lokalnim zajednicama"
    )
    assert [
        (entry["partner"].name, entry["role"]) for entry in event.body[3].value["partners"]
    ] == [
        ("Međunarodna organizacija za migracije", "implementing_partner"),
        # "uz podršku Švajcarske Konfederacije": matched by name despite the case ending.
        ("Švajcarska Konfederacija", "funder"),
        ("Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja", "cooperation"),
        ("Republički zavod za socijalnu zaštitu", "cooperation"),
        ("Komesarijat za izbeglice i migracije", "coordination"),
    ]

    # The editor lands on the draft and can open it: the page editor renders it.
    edit_page = admin_client.get(response["Location"])
    assert edit_page.status_code == 200
    assert [str(message).strip() for message in edit_page.context["messages"]] == [
        "Draft event “Podrška i zaštita migranata u ranjivom položaju u Srbiji” created from "
        "the announcement. Check it, then publish it."
    ]
    # What was saved passes the block validation the page editor runs on save.
    EventPage._meta.get_field("body").stream_block.clean(event.body)


@pytest.mark.django_db
def test_preview_shows_what_was_recognised_before_saving(admin_client, home, seed_partners):
    seed_partners["Komesarijat za izbeglice i migracije"].delete()

    response = preview(admin_client, SEED_TEXT, home)

    draft = response.context["draft"]
    assert [(line.number, line.part) for line in draft.lines] == [
        (1, "title"),
        (3, "credit"),
        (5, "date"),
        (6, "venue"),
        (8, "objective"),
        (10, "paragraph"),
        (12, "paragraph"),
        (14, "paragraph"),
        (16, "paragraph"),
        (19, "agenda_heading"),
        (21, "agenda_item"),
        (23, "speaker"),
        (24, "speaker"),
        (26, "agenda_item"),
        (28, "group_speakers"),
        (30, "agenda_item"),
        (32, "agenda_item"),
        (35, "partners"),
    ]
    assert [
        (plan.mention.acronym, in_english(plan.role_label), str(plan.match.partner or "not found"))
        for plan in draft.partners
    ] == [
        ("IOM", "Implementing partner", "Međunarodna organizacija za migracije (IOM)"),
        ("", "Donor / funder", "Švajcarska Konfederacija"),
        (
            "MINRSZ",
            "In cooperation with",
            "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja (MINRSZ)",
        ),
        ("RZSZ", "In cooperation with", "Republički zavod za socijalnu zaštitu (RZSZ)"),
        ("KIRS", "In coordination with", "not found"),
    ]
    assert (draft.venue.name, draft.venue.street_address, draft.venue.city) == (
        "Media i reform centar Niš",
        "",
        "Niš",
    )
    assert [(p.name, p.acronym, p.roles) for p in draft.new_partners] == [
        ("Komesarijatom za izbeglice i migracije", "KIRS", ["coordination"])
    ]
    assert draft.assumptions == []
    assert draft.problems == []
    content = response.content.decode()
    assert '<tr class="announcement-line announcement-line--agenda_item"' in content
    assert ">Agenda item</span>" in content, "each line is labelled in words, not colour alone"
    assert "Tick it under “New partners” to create it, or add the partner by hand." in content
    assert 'name="create_venue" value="yes"' in content
    assert 'name="create_partner" value="kirs"' in content
    assert 'name="action" value="create"' in content


@pytest.mark.django_db
def test_preview_lists_every_non_blank_input_line(admin_client, home):
    # A separator and a line the parser does not recognise must still be shown.
    text = SEED_TEXT.replace("\nAgenda\n", "\n* * *\n25.00 – 26.00 – Kasni koktel\nAgenda\n")
    input_lines = [line for line in text.splitlines() if line.strip()]

    response = preview(admin_client, text, home)

    draft = response.context["draft"]
    assert [line.text for line in draft.lines] == input_lines
    content = response.content.decode()
    assert content.count('<tr class="announcement-line ') == len(input_lines)
    for line in input_lines:
        assert html.escape(line) in content
    assert [
        (line.text, in_english(line.label))
        for line in draft.lines
        if line.part in {"separator", "unrecognised"}
    ] == [
        ("* * *", "Separator: left out"),
        ("25.00 – 26.00 – Kasni koktel", "Not recognised: kept as body text"),
    ]


@pytest.mark.django_db
def test_an_unrecognised_line_is_kept_in_the_body(admin_client, home):
    text = SEED_TEXT.replace("\nAgenda\n", "\n25.00 – 26.00 – Kasni koktel\n\nAgenda\n")

    create_from_preview(admin_client, preview(admin_client, text, home))

    body_text = EventPage.objects.get().body[0].value.source
    assert body_text.endswith("<p>25.00 – 26.00 – Kasni koktel</p>")


@pytest.mark.django_db
def test_two_partners_that_fit_equally_are_not_guessed_between(admin_client, home):
    latin = Locale.objects.get(language_code="sr-latn")
    for name in [
        "Međunarodna organizacija za migracije",
        "International Organization for Migration",
    ]:
        PartnerSnippet.objects.create(name=name, acronym="IOM", locale=latin)

    previewed = preview(admin_client, SEED_TEXT, home)
    create_from_preview(admin_client, previewed)

    plan = previewed.context["draft"].partners[0]
    assert (plan.match.partner, len(plan.match.candidates)) == (None, 2)
    assert "add the right one by hand in the page editor." in previewed.content.decode()
    assert [block.block_type for block in EventPage.objects.get().body] == [
        "text",
        "agenda",
        "text",
    ]


@pytest.mark.django_db
def test_an_existing_venue_is_reused_whatever_its_case(admin_client, home):
    venue = Venue.objects.create(
        name="MEDIA I REFORM CENTAR NIŠ",
        city="Niš",
        locale=Locale.objects.get(language_code="sr-latn"),
    )
    venues_before = Venue.objects.count()

    previewed = preview(admin_client, SEED_TEXT, home)
    create_from_preview(admin_client, previewed)

    assert previewed.context["draft"].venue.existing == venue
    assert EventPage.objects.get().venue == venue
    assert Venue.objects.count() == venues_before


@pytest.mark.django_db
def test_paragraph_text_is_escaped_not_trusted_as_markup(admin_client, home):
    text = SEED_TEXT.replace(
        "Takođe, kroz javni konkurs", "Takođe, <script>alert(1)</script> & kroz javni konkurs"
    )

    create_from_preview(admin_client, preview(admin_client, text, home))

    body_text = EventPage.objects.get().body[0].value.source
    assert "<script>" not in body_text
    assert "Takođe, &lt;script&gt;alert(1)&lt;/script&gt; &amp; kroz javni konkurs" in body_text


# --- Problems the editor fixes in the page editor -----------------------------------------------


@pytest.mark.django_db
def test_overlapping_agenda_is_shown_and_the_draft_can_still_be_created(admin_client, home):
    text = SEED_TEXT.replace("12.10 – 12.30 – Zaključci", "12.00 – 12.30 – Zaključci")

    previewed = preview(admin_client, text, home)
    response = create_from_preview(admin_client, previewed)

    assert previewed.context["draft"].problems == [
        "Agenda › Items › item 3 (“Zaključci, preporuke i sledeći koraci”) › Starts: This item "
        "starts at 12:00, while “Predstavljanje iskustava i dobrih praksi iz dosadašnje "
        "realizacije programa podrške i zaštite migranata” runs until 12:10. Items in one agenda "
        "must not overlap; put parallel sessions in an agenda of their own."
    ]
    assert "Problems found. You can still create the draft" in previewed.content.decode()
    event = EventPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert admin_client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_without_an_end_time_the_event_lasts_two_hours_and_the_preview_says_so(admin_client, home):
    text = "Okrugli sto o zapošljavanju mladih\n\n20.06.2019. u 11:00\nHotel Zira, Beograd\n"

    previewed = preview(admin_client, text, home)
    create_from_preview(admin_client, previewed, create_venue=True)

    event = EventPage.objects.get()
    assert (event.local_start, event.local_end) == (
        datetime.datetime(2019, 6, 20, 11, 0, tzinfo=BELGRADE),
        datetime.datetime(2019, 6, 20, 13, 0, tzinfo=BELGRADE),
    )
    assert previewed.context["draft"].assumptions == [
        "No end time found: the event is set to end at 13:00, two hours after it starts or "
        "with the last agenda item.",
        "The text has no paragraph to summarise: the summary repeats the title.",
    ]
    assert (event.event_type, event.intro, event.venue.name, event.venue.city) == (
        "round_table",
        "Okrugli sto o zapošljavanju mladih",
        "Hotel Zira",
        "Beograd",
    )


# --- Garbage in: a helpful message and nothing saved --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["preview", "create"])
def test_garbage_gets_the_parsers_message_and_saves_nothing(admin_client, home, action):
    counts_before = record_counts()

    response = admin_client.post(
        IMPORT_URL,
        {"text": NOT_AN_ANNOUNCEMENT, "parent": str(home.pk), "language": "", "action": action},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"text": [NO_DATE_MESSAGE]}
    assert html.escape(NO_DATE_MESSAGE) in response.content.decode()
    assert record_counts() == counts_before


@pytest.mark.django_db
def test_an_empty_paste_is_explained(admin_client, home):
    response = preview(admin_client, "", home)

    assert (
        response.context["form"]
        .errors["text"][0]
        .startswith("The text is empty. Paste the whole announcement")
    )


@pytest.mark.django_db
def test_text_changed_after_the_preview_is_previewed_again_not_created(admin_client, home):
    previewed = preview(admin_client, SEED_TEXT, home)
    counts_before = record_counts()

    response = admin_client.post(
        IMPORT_URL,
        {
            "text": SEED_TEXT.replace("11 časova", "10 časova"),
            "parent": str(home.pk),
            "language": "",
            "previewed": previewed.context["preview_digest"],
            "action": "create",
        },
    )

    assert response.status_code == 200
    assert response.context["input_changed_since_preview"] is True
    assert record_counts() == counts_before


# --- Languages and locales ----------------------------------------------------------------------


@pytest.mark.django_db
def test_cyrillic_text_goes_under_the_cyrillic_home_page(admin_client, home_pages):
    cyrillic = Locale.objects.get(language_code="sr-cyrl")
    iom = PartnerSnippet.objects.create(
        name="Међународна организација за миграције", acronym="МОМ", locale=cyrillic
    )

    # The editor starts from the Latin home page; the text is Cyrillic.
    previewed = preview(admin_client, CYRILLIC_SEED_TEXT, home_pages["sr-latn"])
    create_from_preview(admin_client, previewed, create_venue=True)

    event = EventPage.objects.get()
    assert previewed.context["draft"].parent.specific == home_pages["sr-cyrl"]
    assert (event.get_parent().specific, event.locale) == (home_pages["sr-cyrl"], cyrillic)
    assert event.title == "Подршка и заштита миграната у рањивом положају у Србији"
    assert (event.venue.name, event.venue.city, event.venue.locale) == (
        "Медија и реформ центар Ниш",
        "Ниш",
        cyrillic,
    )
    first_item = event.body[1].value["items"][0]
    assert [speaker_summary(s)[:3] for s in first_item["speakers"]] == [
        ("Урсула Лојбли", "директорка Швајцарске канцеларије за сарадњу", None),
        ("Јелена Рибаћ", "координаторка пројекта", "МОМ"),
    ]
    assert [(e["partner"], e["role"]) for e in event.body[3].value["partners"]] == [
        (iom, "implementing_partner")
    ]


@pytest.mark.django_db
def test_a_language_the_parent_has_no_translation_in_is_a_form_error(admin_client, home):
    counts_before = record_counts()

    response = preview(admin_client, CYRILLIC_SEED_TEXT, home)

    assert response.context["form"].errors == {
        "language": [
            "The announcement is in Српски (ћирилица), but “Događaji” has no Српски (ћирилица) "
            "version. Translate that page first, or choose another language."
        ]
    }
    assert record_counts() == counts_before


@pytest.mark.django_db
def test_the_chosen_language_overrides_detection(admin_client, home_pages):
    previewed = preview(admin_client, SEED_TEXT, home_pages["sr-latn"], language="en")

    assert previewed.context["draft"].parent.specific == home_pages["en"]


# --- Getting there, and who may -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_renders_for_a_browser(admin_client, home):
    response = admin_client.get(IMPORT_URL, {"parent": home.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in content
    assert '<label class="w-field__label" for="id_text"' in content
    assert "Paste the announcement as plain text" in content
    assert response.context["form"]["parent"].value() == str(home.pk)
    assert [value for value, _label in response.context["form"].fields["language"].choices] == [
        "",
        "sr-latn",
        "sr-cyrl",
        "en",
    ]


@pytest.mark.django_db
def test_the_admin_menu_and_the_events_listing_link_to_the_import(admin_client, home):
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()

    assert IMPORT_URL in dashboard
    assert html.escape(f"{IMPORT_URL}?parent={home.pk}") in listing


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def admin_user_with_groups(*groups):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(*groups)
    return prefer_english_admin(user)


@pytest.mark.django_db
def test_an_editor_who_cannot_add_pages_is_refused(client, home):
    client.force_login(admin_user_with_groups())
    counts_before = record_counts()

    # Wagtail answers PermissionDenied in the admin with a redirect to the dashboard.
    for response in [client.get(IMPORT_URL), preview(client, SEED_TEXT, home)]:
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert IMPORT_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert record_counts() == counts_before


@pytest.mark.django_db
def test_an_editor_may_import_only_under_pages_they_can_add_to(client, home_pages):
    english_editors = Group.objects.create(name="English editors")
    GroupPagePermission.objects.create(
        group=english_editors,
        page=home_pages["en"],
        permission=Permission.objects.get(codename="add_page"),
    )
    client.force_login(admin_user_with_groups(english_editors))

    allowed = client.get(IMPORT_URL).context["form"].fields["parent"].queryset
    refused = preview(client, SEED_TEXT, home_pages["sr-latn"])
    # Parent English home, text Latin Serbian: the Latin home is the real parent, not allowed.
    refused_translation = preview(client, SEED_TEXT, home_pages["en"])

    assert [page.specific for page in allowed] == [home_pages["en"]]
    assert list(refused.context["form"].errors) == ["parent"]
    assert refused_translation.context["form"].errors == {
        "parent": ["You do not have permission to add events under “Događaji”."]
    }
    assert EventPage.objects.count() == 0


# --- Venues and partners: reuse what exists, create only what the editor ticks ------------------

SUBOTICA_TEXTS = {
    "latin": (DATA_DIR / "round_table_subotica.sr-Latn.txt").read_text(encoding="utf-8"),
    "cyrillic": (DATA_DIR / "round_table_subotica.sr-Cyrl.txt").read_text(encoding="utf-8"),
}
SUBOTICA_TEXTS["latin without diacritics"] = SUBOTICA_TEXTS["latin"].replace(
    "Trg Lazara Nešića 1", "Trg Lazara Nesica 1"
)
LANGUAGE_OF_TEXT = {
    "latin": "sr-latn",
    "latin without diacritics": "sr-latn",
    "cyrillic": "sr-cyrl",
}
# The partners the round table's text names, stored in Serbian Latin; saving each one creates
# its Cyrillic version. The Swiss name is stored without diacritics on purpose.
SUBOTICA_PARTNERS = {
    "iom": ("Međunarodna organizacija za migracije", "IOM"),
    "swiss": ("Svajcarska Konfederacija", ""),
    "city": ("Grad Subotica", ""),
    "kirs": ("Komesarijat za izbeglice i migracije", "KIRS"),
}


@pytest.fixture
def editor_client(client, home_pages):
    """Logged in as a Communications editor, the role that imports announcements."""
    client.force_login(user_in_role("editor", COMMUNICATIONS_EDITORS))
    return client


@pytest.fixture
def subotica_partners(db):
    latin = Locale.objects.get(language_code="sr-latn")
    return {
        key: PartnerSnippet.objects.create(name=name, acronym=acronym, locale=latin)
        for key, (name, acronym) in SUBOTICA_PARTNERS.items()
    }


def stored_venue(script):
    """The Subotica centre as an editor stored it: in Latin without diacritics (and so also
    in Cyrillic, generated on save), or only in Cyrillic."""
    if script == "latin":
        return Venue.objects.create(
            name="Centar za socijalni rad Subotica",
            street_address="Trg Lazara Nesica 1",
            city="Subotica",
            locale=Locale.objects.get(language_code="sr-latn"),
        )
    return Venue.objects.create(
        name="Центар за социјални рад Суботица",
        street_address="Трг Лазара Нешића 1",
        city="Суботица",
        locale=Locale.objects.get(language_code="sr-cyrl"),
    )


def partner_entries(event):
    (partners,) = [block.value for block in event.body if block.block_type == "partners"]
    return [(entry["partner"], entry["role"]) for entry in partners["partners"]]


@pytest.mark.django_db
@pytest.mark.parametrize("stored_script", ["latin", "cyrillic"])
@pytest.mark.parametrize("text", list(SUBOTICA_TEXTS))
def test_an_existing_venue_is_matched_by_name_and_address_in_either_script(
    editor_client, home_pages, text, stored_script
):
    venue = stored_venue(stored_script)
    page_locale = Locale.objects.get(language_code=LANGUAGE_OF_TEXT[text])
    # The page uses the venue in its own language where there is one.
    expected = venue.get_translation_or_none(page_locale) or venue
    venues_before = Venue.objects.count()

    previewed = preview(editor_client, SUBOTICA_TEXTS[text], home_pages["sr-latn"])
    # Even a stray confirmation creates nothing when the venue exists.
    create_from_preview(editor_client, previewed, create_venue=True)

    assert previewed.context["draft"].venue.existing == expected
    assert 'name="create_venue"' not in previewed.content.decode()
    assert EventPage.objects.get().venue == expected
    assert Venue.objects.count() == venues_before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "name", "street", "city"),
    [
        ("latin", "Centar za socijalni rad Subotica", "Trg Lazara Nešića 1", "Subotica"),
        ("cyrillic", "Центар за социјални рад Суботица", "Трг Лазара Нешића 1", "Суботица"),
    ],
)
def test_a_confirmed_new_venue_has_its_street_in_the_street_field(
    editor_client, home_pages, text, name, street, city
):
    previewed = preview(editor_client, SUBOTICA_TEXTS[text], home_pages["sr-latn"])
    create_from_preview(editor_client, previewed, create_venue=True)

    venue = EventPage.objects.get().venue
    assert (venue.name, venue.street_address, venue.city, venue.locale.language_code) == (
        name,
        street,
        city,
        LANGUAGE_OF_TEXT[text],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("line", ["Trg Lazara Nešića 1, 24000 Subotica", "Trg Lazara Nešića 1"])
def test_a_venue_line_with_a_city_after_the_street_is_split_into_three(
    editor_client, home_pages, line
):
    text = SUBOTICA_TEXTS["latin"].replace("Trg Lazara Nešića 1", line)

    previewed = preview(editor_client, text, home_pages["sr-latn"])
    create_from_preview(editor_client, previewed, create_venue=True)

    venue = EventPage.objects.get().venue
    postal_code = "24000" if "24000" in line else ""
    assert (venue.name, venue.street_address, venue.postal_code, venue.city) == (
        "Centar za socijalni rad Subotica",
        "Trg Lazara Nešića 1",
        postal_code,
        "Subotica",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["latin", "cyrillic"])
def test_the_organiser_and_each_partner_phrase_become_partners_with_their_roles(
    editor_client, home_pages, subotica_partners, text
):
    page_locale = Locale.objects.get(language_code=LANGUAGE_OF_TEXT[text])
    partners_before = PartnerSnippet.objects.count()

    previewed = preview(editor_client, SUBOTICA_TEXTS[text], home_pages["sr-latn"])
    create_from_preview(editor_client, previewed)

    def in_page_locale(key):
        return subotica_partners[key].get_translation(page_locale)

    assert partner_entries(EventPage.objects.get()) == [
        (in_page_locale("iom"), "organiser"),  # "Organizator: IOM"
        (in_page_locale("swiss"), "funder"),  # "uz podršku Švajcarske Konfederacije"
        (in_page_locale("city"), "cooperation"),  # "u saradnji sa Gradom Suboticom"
        (in_page_locale("kirs"), "coordination"),  # "u koordinaciji sa … (KIRS)"
    ]
    assert previewed.context["draft"].new_partners == []
    assert PartnerSnippet.objects.count() == partners_before


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["latin", "cyrillic"])
def test_nothing_is_created_that_the_editor_did_not_tick(
    editor_client, home_pages, subotica_partners, text
):
    subotica_partners["city"].get_translation(Locale.objects.get(language_code="sr-cyrl")).delete()
    subotica_partners["city"].delete()
    snippets_before = (Venue.objects.count(), PartnerSnippet.objects.count())

    previewed = preview(editor_client, SUBOTICA_TEXTS[text], home_pages["sr-latn"])
    create_from_preview(editor_client, previewed)

    draft = previewed.context["draft"]
    (proposal,) = draft.new_partners
    content = previewed.content.decode()
    assert 'name="create_venue" value="yes"' in content
    assert f'name="create_partner" value="{proposal.key}"' in content
    event = EventPage.objects.get()
    assert (Venue.objects.count(), PartnerSnippet.objects.count()) == snippets_before
    assert event.venue is None
    # The venue line leads the body, and the unmatched partner's name stays in its paragraph.
    body_text = event.body[0].value.source
    venue_line = SUBOTICA_TEXTS[text].splitlines()[3]
    assert body_text.startswith(f"<p>{venue_line}</p>")
    assert proposal.name in event.body[2].value.source
    assert [role for _partner, role in partner_entries(event)] == [
        "organiser",
        "funder",
        "coordination",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "name"), [("latin", "Gradom Suboticom"), ("cyrillic", "Градом Суботицом")]
)
def test_a_ticked_new_partner_is_created_and_takes_its_role(
    editor_client, home_pages, subotica_partners, text, name
):
    subotica_partners["city"].get_translation(Locale.objects.get(language_code="sr-cyrl")).delete()
    subotica_partners["city"].delete()
    page_locale = Locale.objects.get(language_code=LANGUAGE_OF_TEXT[text])

    previewed = preview(editor_client, SUBOTICA_TEXTS[text], home_pages["sr-latn"])
    (proposal,) = previewed.context["draft"].new_partners
    create_from_preview(editor_client, previewed, create_partners=[proposal.key])

    created = PartnerSnippet.objects.get(name=name, locale=page_locale)
    assert (created.acronym, proposal.roles) == ("", ["cooperation"])
    assert partner_entries(EventPage.objects.get())[2] == (created, "cooperation")
