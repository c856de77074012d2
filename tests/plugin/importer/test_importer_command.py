"""The import shared by the admin view and the command: text variants through the builder, and
the ``import_announcement`` management command end to end."""

import datetime
import re
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page

from panel_event.importer import parse_announcement
from panel_event.importer.builder import build_event_draft, resolve_import_parent
from panel_event.models import EventPage, PartnerSnippet, Venue

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_TEXT = (DATA_DIR / "seed_announcement.sr-Latn.txt").read_text(encoding="utf-8")
CYRILLIC_SEED_PATH = DATA_DIR / "seed_announcement.sr-Cyrl.txt"
WORKSHOP_PATH = DATA_DIR / "workshop_novi_sad.sr-Latn.txt"

SEED_AGENDA = [
    ("11:00", "11:10", "opening", "Uvodna obraćanja", ["Ursula Lojbli", "Jelena Ribać"]),
    (
        "11:10",
        "12:10",
        "presentation",
        "Predstavljanje iskustava i dobrih praksi iz dosadašnje realizacije programa podrške i "
        "zaštite migranata",
        [],
    ),
    ("12:10", "12:30", "closing", "Zaključci, preporuke i sledeći koraci", []),
    ("12:30", "13:00", "refreshments", "Osveženje", []),
]
CYRILLIC_SEED_AGENDA = [
    ("11:00", "11:10", "opening", "Уводна обраћања", ["Урсула Лојбли", "Јелена Рибаћ"]),
    (
        "11:10",
        "12:10",
        "presentation",
        "Представљање искустава и добрих пракси из досадашње реализације програма подршке и "
        "заштите миграната",
        [],
    ),
    ("12:10", "12:30", "closing", "Закључци, препоруке и следећи кораци", []),
    ("12:30", "13:00", "refreshments", "Освежење", []),
]
AGENDA_LINE_TIMES = re.compile(r"^(\d\d)\.(\d\d) – (\d\d)\.(\d\d) – ", re.MULTILINE)
# The same announcement as editors have typed it in other e-mails.
SEED_VARIANTS = {
    "colon times": AGENDA_LINE_TIMES.sub(r"\1:\2 – \3:\4 – ", SEED_TEXT),
    "em dashes": SEED_TEXT.replace(" – ", " — "),
    "hyphens, unspaced range": AGENDA_LINE_TIMES.sub(r"\1.\2-\3.\4 - ", SEED_TEXT),
    "times with h, no title dash": AGENDA_LINE_TIMES.sub(r"\1.\2h – \3.\4h ", SEED_TEXT),
}
NO_SPEAKERS_TEXT = "\n".join(
    line for line in SEED_TEXT.splitlines() if not line.lstrip().startswith("•")
)
NOT_AN_ANNOUNCEMENT = "Hello,\n\nplease find the photos from last week attached.\n\nBest, Ana\n"
NO_DATE_MESSAGE = (
    "No event date found. Expected a line such as 'Četvrtak, 20. jun 2019. godine, 11 časova' "
    "(or '20.06.2019. u 11:00', or 'Thursday, 20 June 2019, 11:00') below the title."
)


@pytest.fixture
def workshop_partners(latin):
    partners = [
        ("CRCD", "Centar za razvoj civilnog društva"),
        ("", "Evropska unija"),
        ("SHARE", "Fondacija SHARE"),
    ]
    return {
        name: PartnerSnippet.objects.create(name=name, acronym=acronym, locale=latin)
        for acronym, name in partners
    }


def draft_for(text, parent, language=""):
    announcement = parse_announcement(text)
    return build_event_draft(
        announcement, resolve_import_parent(parent, language or announcement.language)
    )


def planned_agenda(draft):
    """The agenda as the builder planned it: times, kind, title and speaker names."""
    return [
        (
            f"{row.start:%H:%M}",
            f"{row.end:%H:%M}",
            row.item.kind,
            row.item.title,
            [plan.speaker.name for plan in row.speakers],
        )
        for row in draft.agenda
    ]


def saved_agenda(event):
    """The agenda as the saved event's body holds it."""
    (agenda,) = [block.value for block in event.body if block.block_type == "agenda"]
    return [
        (
            f"{item['start_time']:%H:%M}",
            f"{item['end_time']:%H:%M}",
            item["kind"],
            item["title"],
            [speaker["name"] for speaker in item["speakers"]],
        )
        for item in agenda["items"]
    ]


def import_file(path, *options):
    """Run the command as an operator would; returns what it printed."""
    out = StringIO()
    call_command("import_announcement", str(path), *options, stdout=out)
    return out.getvalue()


def record_counts():
    return {
        "pages": Page.objects.count(),
        "events": EventPage.objects.count(),
        "venues": Venue.objects.count(),
        "partners": PartnerSnippet.objects.count(),
    }


# --- Variants through the builder ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("variant", list(SEED_VARIANTS))
def test_builder_reads_the_seed_agenda_however_its_times_are_written(home, variant):
    draft = draft_for(SEED_VARIANTS[variant], home)

    assert planned_agenda(draft) == SEED_AGENDA
    assert (draft.page.local_start, draft.page.local_end) == (
        datetime.datetime(2019, 6, 20, 11, 0, tzinfo=BELGRADE),
        datetime.datetime(2019, 6, 20, 13, 0, tzinfo=BELGRADE),
    )
    assert draft.problems == []


@pytest.mark.django_db
def test_builder_reads_the_cyrillic_announcement_into_the_cyrillic_locale(home_pages):
    draft = draft_for(CYRILLIC_SEED_PATH.read_text(encoding="utf-8"), home_pages["sr-latn"])

    assert draft.parent.specific == home_pages["sr-cyrl"]
    assert draft.page.locale.language_code == "sr-cyrl"
    assert planned_agenda(draft) == CYRILLIC_SEED_AGENDA
    assert draft.objective_text.startswith("Циљ дискусије")
    assert draft.page.hero_credit == (
        "Извор: Принтскрин из филма Јужно раскршће - Мигранти / фото: Саша Ђорђевић"
    )


@pytest.mark.django_db
def test_builder_keeps_items_without_speakers_empty(home):
    draft = draft_for(NO_SPEAKERS_TEXT, home)

    assert planned_agenda(draft) == [
        (start, end, kind, title, []) for start, end, kind, title, _speakers in SEED_AGENDA
    ]
    items = next(block.value for block in draft.page.body if block.block_type == "agenda")["items"]
    assert [(len(item["speakers"]), item["group_speakers"]) for item in items] == [
        (0, ""),
        (0, ""),
        (0, ""),
        (0, ""),
    ]


@pytest.mark.django_db
def test_builder_guesses_a_missing_item_end_and_says_so(home):
    text = SEED_TEXT.replace("12.30 – 13.00 – Osveženje", "12.30 – Osveženje").replace(
        "11 časova", "od 11 do 13.30 časova"
    )

    with translation.override("en"):
        draft = draft_for(text, home)

    assert planned_agenda(draft)[-1] == ("12:30", "13:30", "refreshments", "Osveženje", [])
    assert draft.agenda[-1].end_guessed is True
    assert f"{draft.page.local_end:%H:%M}" == "13:30"
    assert "The agenda item “Osveženje” has no end time: it is set to end at 13:30." in (
        draft.assumptions
    )


@pytest.mark.django_db
def test_builder_reports_agenda_items_outside_the_event(home):
    text = SEED_TEXT.replace("11 časova", "11.30 časova")

    with translation.override("en"):
        draft = draft_for(text, home)

    assert draft.problems == [
        "The agenda item “Uvodna obraćanja” starts at 11:00, before the event (11:30).",
        "The agenda item “Predstavljanje iskustava i dobrih praksi iz dosadašnje realizacije "
        "programa podrške i zaštite migranata” starts at 11:10, before the event (11:30).",
    ]
    assert draft.can_be_saved, "the editor fixes the times in the page editor"


@pytest.mark.django_db
def test_builder_summarises_the_first_paragraph_when_there_is_no_objective(home):
    text = SEED_TEXT.replace("Cilj diskusije Podrška", "Diskusija Podrška")

    draft = draft_for(text, home)

    assert (draft.objective_text, draft.page.objective) == ("", "")
    assert draft.page.intro.startswith("Diskusija Podrška i zaštita migranata")
    assert draft.page.intro.endswith("u zajednicama.")
    # Without a confirmed venue, the venue line leads the body; the summary skips it.
    assert draft.page.body[0].value.source.startswith("<p>Media i reform centar Niš</p><p>Disk")
    assert draft.page.body[0].value.source.count("<p>") == 6


@pytest.mark.django_db
def test_builder_writes_nothing(home, workshop_partners):
    counts_before = record_counts()

    draft_for(WORKSHOP_PATH.read_text(encoding="utf-8"), home)

    assert record_counts() == counts_before


# --- Variants through the command ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("variant", list(SEED_VARIANTS))
def test_command_imports_the_seed_however_its_times_are_written(home, tmp_path, variant):
    path = tmp_path / "announcement.txt"
    path.write_text(SEED_VARIANTS[variant], encoding="utf-8")

    import_file(path, "--parent", str(home.pk))

    event = EventPage.objects.get()
    assert saved_agenda(event) == SEED_AGENDA
    assert (event.live, event.get_parent().specific) == (False, home)


@pytest.mark.django_db
def test_command_imports_cyrillic_under_the_cyrillic_translation_of_the_parent(home_pages):
    output = import_file(CYRILLIC_SEED_PATH, "--parent", str(home_pages["sr-latn"].pk))

    event = EventPage.objects.get()
    assert event.get_parent().specific == home_pages["sr-cyrl"]
    assert event.locale.language_code == "sr-cyrl"
    assert saved_agenda(event) == CYRILLIC_SEED_AGENDA
    assert "  Created under: Догађаји (id" in output


@pytest.mark.django_db
def test_command_imports_items_without_speakers(home, tmp_path):
    path = tmp_path / "announcement.txt"
    path.write_text(NO_SPEAKERS_TEXT, encoding="utf-8")

    import_file(path, "--parent", "/home/")

    assert saved_agenda(EventPage.objects.get()) == [
        (start, end, kind, title, []) for start, end, kind, title, _speakers in SEED_AGENDA
    ]


# --- An announcement written independently of the seed ------------------------------------------


@pytest.mark.django_db
def test_command_imports_a_workshop_in_novi_sad(home, latin, workshop_partners):
    output = import_file(WORKSHOP_PATH, "--parent", str(home.pk), "--create-venue")

    event = EventPage.objects.get()
    assert (event.title, event.event_type, event.live) == (
        "Digitalne veštine za organizacije civilnog društva",
        "workshop",
        False,
    )
    assert (event.starts_at, event.ends_at) == (
        datetime.datetime(2024, 10, 15, 10, 0, tzinfo=BELGRADE),
        datetime.datetime(2024, 10, 15, 14, 0, tzinfo=BELGRADE),
    )
    assert (event.venue.name, event.venue.city, event.venue.locale) == (
        "Kulturni centar Novi Sad",
        "Novi Sad",
        latin,
    )
    assert event.hero_credit == "Foto: Centar za razvoj civilnog društva / Marko Jovanović"
    assert event.intro == (
        "Cilj radionice je da predstavnici lokalnih organizacija civilnog društva steknu "
        "praktične veštine za planiranje digitalnih kampanja i bezbedno korišćenje društvenih "
        "mreža."
    )
    assert event.objective.endswith("Radionica je namenjena udruženjima iz Južnobačkog okruga.</p>")
    assert [block.block_type for block in event.body] == ["text", "agenda", "text", "partners"]
    assert event.body[0].value.source == (
        "<p>Učesnici će raditi u malim grupama na primerima iz sopstvene prakse i dobiti "
        "materijale za dalji rad.</p>"
    )
    assert saved_agenda(event) == [
        ("10:00", "10:15", "opening", "Otvaranje i upoznavanje učesnika", ["Milica Stanković"]),
        ("10:15", "11:30", "session", "Planiranje digitalne kampanje", ["Nikola Petrović"]),
        ("11:30", "11:45", "break", "Pauza za kafu", []),
        (
            "11:45",
            "13:30",
            "session",
            "Bezbednost na društvenim mrežama: praktičan rad u grupama",
            ["Ana Kovač"],
        ),
        ("13:30", "14:00", "closing", "Zaključci i evaluacija radionice", []),
    ]
    speakers = [
        (speaker["name"], speaker["role"], speaker["organisation"], speaker["organisation_text"])
        for item in event.body[1].value["items"]
        for speaker in item["speakers"]
    ]
    assert speakers == [
        (
            "Milica Stanković",
            "izvršna direktorka",
            workshop_partners["Centar za razvoj civilnog društva"],
            "",
        ),
        ("Nikola Petrović", "trener za digitalne komunikacije", None, "Nova iskra"),
        (
            "Ana Kovač",
            "stručnjakinja za sajber bezbednost",
            workshop_partners["Fondacija SHARE"],
            "",
        ),
    ]
    assert [(entry["partner"], entry["role"]) for entry in event.body[3].value["partners"]] == [
        (workshop_partners["Centar za razvoj civilnog društva"], "organiser"),
        (workshop_partners["Evropska unija"], "funder"),
    ]
    # "Gradom Novim Sadom" has no partner snippet: reported, and left in the body text.
    assert (
        "  In cooperation with: Gradom Novim Sadom → not found: a new partner, created with "
        "--create-partners"
    ) in output.splitlines()
    assert "Gradom Novim Sadom" in event.body[2].value.source


# --- What the command prints, and what it refuses -----------------------------------------------


@pytest.mark.django_db
def test_dry_run_prints_every_line_and_saves_nothing(home):
    counts_before = record_counts()

    output = import_file(
        DATA_DIR / "seed_announcement.sr-Latn.txt", "--parent", "/home/", "--dry-run"
    )

    assert record_counts() == counts_before
    lines = output.splitlines()
    recognised = lines[1 : lines.index("")]
    assert len(recognised) == len([line for line in SEED_TEXT.splitlines() if line.strip()])
    assert recognised[:3] == [
        "     1  Title                              Panel diskusija: Podrška i zaštita migranata "
        "u ranjivom položaju u Srbiji",
        "     3  Image credit                       Izvor: Printscreen iz filma Južno raskršće - "
        "Migranti / foto: Saša Đorđević",
        "     5  Date and time                      Četvrtak, 20. jun 2019. godine, 11 časova",
    ]
    assert "  11:00–11:10  [Opening remarks]  Uvodna obraćanja" in lines
    assert "  Starts: 2019-06-20 11:00 Europe/Belgrade" in lines
    assert (
        "  Venue: new venue “Media i reform centar Niš”, no street, city Niš (recognised), "
        "created with --create-venue"
    ) in lines
    assert lines[-1] == "Dry run: nothing was saved."


@pytest.mark.django_db
def test_garbage_fails_with_the_parsers_message_and_creates_nothing(home, tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_text(NOT_AN_ANNOUNCEMENT, encoding="utf-8")
    counts_before = record_counts()

    with pytest.raises(CommandError) as raised:
        import_file(path, "--parent", str(home.pk))

    assert str(raised.value) == NO_DATE_MESSAGE
    assert raised.value.returncode == 1, "manage.py exits with this status"
    assert record_counts() == counts_before


@pytest.mark.django_db
def test_a_binary_file_is_refused(home, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")

    with pytest.raises(CommandError, match="is not UTF-8 text"):
        import_file(path, "--parent", str(home.pk))


@pytest.mark.django_db
@pytest.mark.parametrize("parent", ["999999", "/no/such/page/"])
def test_an_unknown_parent_is_refused(parent):
    with pytest.raises(CommandError, match="No page has the id or path"):
        import_file(DATA_DIR / "seed_announcement.sr-Latn.txt", "--parent", parent)


@pytest.mark.django_db
def test_a_parent_that_cannot_hold_events_is_refused(home):
    root = Page.get_first_root_node()

    with pytest.raises(CommandError) as raised:
        import_file(DATA_DIR / "seed_announcement.sr-Latn.txt", "--parent", str(root.pk))

    assert str(raised.value) == "Events cannot be added under “Root”."
    assert EventPage.objects.count() == 0
