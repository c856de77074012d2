"""The announcement parser: pasted e-mail/Word text in, structured event data out.

Plain pytest without a database; the parser must not need Django.
"""

import dataclasses
import re
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_event.importer import (
    AnnouncementParseError,
    ParsedAgendaItem,
    ParsedPartnerMention,
    ParsedSpeaker,
    parse_announcement,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_TEXT = (DATA_DIR / "seed_announcement.sr-Latn.txt").read_text(encoding="utf-8")

NO_DATE_MESSAGE = (
    "No event date found. Expected a line such as 'Četvrtak, 20. jun 2019. godine, 11 časova' "
    "(or '20.06.2019. u 11:00', or 'Thursday, 20 June 2019, 11:00') below the title."
)
NO_AGENDA_PROBLEM = (
    "No agenda found. Agenda items are lines such as '11.00 – 11.10 – Uvodna obraćanja'."
)


def summary(announcement):
    """Every field except ``lines``, so variants of one text can be compared as a whole."""
    fields = dataclasses.asdict(announcement)
    del fields["lines"]
    return fields


def non_blank_input_lines(text):
    return [line for line in text.split("\n") if line.strip()]


def non_blank_parsed_lines(announcement):
    return [line.text for line in announcement.lines if line.part != "blank"]


# --- The reference announcement -----------------------------------------------------------------

SEED_PARAGRAPHS = [
    "Cilj diskusije Podrška i zaštita migranata u ranjivom položaju u Srbiji jeste da doprinese "
    "jačanju socijalne zaštite migranata kroz dostupnije i kvalitetnije socijalne usluge i "
    "programe podrške u zajednicama.",
    "Događaj će biti prilika da se razmene dosadašnja iskustva sa projekta Unapređenje socijalne "
    "zaštite migranata u ranjivom položaju u Srbiji, predstave uspešne priče, izazovi i naučene "
    "lekcije, kao i trenutne potrebe i očekivanja korisnika i lokalnih zajednica.",
    "Ovaj projekat omogućio je direktnu podršku institucijama socijalne zaštite angažovanjem 10 "
    "dodatnih stručnih radnika pri centrima za socijalni rad u sedam gradova i opština Srbije, "
    "kao i kreiranje i akreditaciju programa obuke za unapređenje pružanja usluga psihosocijalne "
    "podrške migrantima u ranjivom položaju.",
    "Takođe, kroz javni konkurs u okviru projekta podržano je 11 organizacija civilnog društva "
    "da u saradnji sa lokalnim institucijama realizuju programe podrške i zaštite migranata.",
    "Programi se sprovode u 17 gradova i opština u Srbiji, obuhvataju 12 od ukupno 16 aktivnih "
    "prihvatnih i azilnih centara u kojima je smešteno skoro 70% migranata u zemlji, i odnose se "
    "na korisnike iz svih institucija za smeštaj maloletnih migranata bez pratnje.",
]
SEED_PARTNER_PARAGRAPH = (
    "Panel diskusija se organizuje u okviru projekta Unapređenje socijalne zaštite migranata u "
    "ranjivom položaju u Srbiji. Njega sprovodi Međunarodna organizacija za migracije (IOM) uz "
    "podršku Švajcarske Konfederacije, u saradnji sa Ministarstvom za rad, zapošljavanje, "
    "boračka i socijalna pitanja (MINRSZ) i Republičkim zavodom za socijalnu zaštitu (RZSZ), i "
    "koordinaciji sa Komesarijatom za izbeglice i migracije (KIRS)."
)
SEED_OPENING_SPEAKERS = [
    ParsedSpeaker(
        name="Ursula Lojbli",
        role="direktorka Švajcarske kancelarije za saradnju",
        organisation="Ambasada Švajcarske Konfederacije u Republici Srbiji",
    ),
    ParsedSpeaker(
        name="Jelena Ribać",
        role="koordinatorka projekta",
        organisation="Međunarodna organizacija za migracije u Srbiji",
    ),
]
SEED_GROUP_SPEAKERS = (
    "Kratke prezentacije predstavnika/-ca organizacija civilnog društva o dosadašnjoj "
    "realizaciji programa u lokalnim zajednicama"
)
SEED_AGENDA = [
    ParsedAgendaItem(
        start=time(11, 0),
        end=time(11, 10),
        title="Uvodna obraćanja",
        kind="opening",
        speakers=SEED_OPENING_SPEAKERS,
        group_speakers="",
    ),
    ParsedAgendaItem(
        start=time(11, 10),
        end=time(12, 10),
        title="Predstavljanje iskustava i dobrih praksi iz dosadašnje realizacije programa "
        "podrške i zaštite migranata",
        kind="presentation",
        speakers=[],
        group_speakers=SEED_GROUP_SPEAKERS,
    ),
    ParsedAgendaItem(
        start=time(12, 10),
        end=time(12, 30),
        title="Zaključci, preporuke i sledeći koraci",
        kind="closing",
        speakers=[],
        group_speakers="",
    ),
    ParsedAgendaItem(
        start=time(12, 30),
        end=time(13, 0),
        title="Osveženje",
        kind="refreshments",
        speakers=[],
        group_speakers="",
    ),
]
SEED_PARTNERS = [
    ParsedPartnerMention(
        name="Međunarodna organizacija za migracije", acronym="IOM", role="implementing_partner"
    ),
    ParsedPartnerMention(name="Švajcarske Konfederacije", acronym="", role="funder"),
    ParsedPartnerMention(
        name="Ministarstvom za rad, zapošljavanje, boračka i socijalna pitanja",
        acronym="MINRSZ",
        role="cooperation",
    ),
    ParsedPartnerMention(
        name="Republičkim zavodom za socijalnu zaštitu", acronym="RZSZ", role="cooperation"
    ),
    ParsedPartnerMention(
        name="Komesarijatom za izbeglice i migracije", acronym="KIRS", role="coordination"
    ),
]
SEED_EXPECTED = {
    "title": "Podrška i zaštita migranata u ranjivom položaju u Srbiji",
    "event_type": "panel_discussion",
    "start_date": date(2019, 6, 20),
    "start_time": time(11, 0),
    "end_time": time(13, 0),
    "venue_name": "Media i reform centar Niš",
    "image_credit": "Printscreen iz filma Južno raskršće - Migranti / foto: Saša Đorđević",
    # The five body paragraphs, then the partner paragraph, which is kept as a paragraph too.
    "paragraphs": [*SEED_PARAGRAPHS, SEED_PARTNER_PARAGRAPH],
    "agenda": [dataclasses.asdict(item) for item in SEED_AGENDA],
    "partners": [dataclasses.asdict(partner) for partner in SEED_PARTNERS],
    "language": "sr-latn",
    "problems": [],
}
SEED_LINE_PARTS = [
    "title",
    "blank",
    "credit",
    "blank",
    "date",
    "venue",
    "blank",
    *["paragraph", "blank"] * 5,
    "blank",
    "agenda_heading",
    "blank",
    "agenda_item",
    "blank",
    "speaker",
    "speaker",
    "blank",
    "agenda_item",
    "blank",
    "group_speakers",
    "blank",
    "agenda_item",
    "blank",
    "agenda_item",
    "blank",
    "blank",
    "partners",
]


def test_seed_file_is_the_byte_exact_reference_text():
    shared_seed = Path("/work/shared/seed/panel-discussion-announcement.sr-Latn.txt")
    if not shared_seed.exists():
        pytest.skip("the shared seed is only present on the development machine")
    assert (DATA_DIR / "seed_announcement.sr-Latn.txt").read_bytes() == shared_seed.read_bytes()


def test_reference_announcement_is_fully_parsed():
    assert summary(parse_announcement(SEED_TEXT)) == SEED_EXPECTED


def test_reference_announcement_marks_every_line():
    announcement = parse_announcement(SEED_TEXT)
    assert [line.part for line in announcement.lines] == SEED_LINE_PARTS
    assert [line.number for line in announcement.lines] == list(range(1, 36))


def test_reference_announcement_loses_no_line():
    announcement = parse_announcement(SEED_TEXT)
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(SEED_TEXT)
    assert [line.text for line in announcement.lines] == SEED_TEXT.split("\n")


# --- Variants of the reference text -------------------------------------------------------------


def test_colon_times():
    text = re.sub(r"(?m)^(\d{1,2})\.(\d{2}) – (\d{1,2})\.(\d{2})", r"\1:\2 – \3:\4", SEED_TEXT)
    assert "11:00 – 11:10 – Uvodna obraćanja" in text
    assert summary(parse_announcement(text)) == SEED_EXPECTED


@pytest.mark.parametrize(
    ("old", "new"),
    [(" – ", " — "), (" – ", "—"), (" – ", " - "), (" – ", "-"), ("–", "−")],
)
def test_other_dashes_in_agenda_lines(old, new):
    text = SEED_TEXT.replace(old, new)
    assert summary(parse_announcement(text)) == SEED_EXPECTED


def test_without_agenda_heading():
    text = SEED_TEXT.replace("\n\nAgenda\n", "\n")
    assert "Agenda" not in text
    assert summary(parse_announcement(text)) == SEED_EXPECTED


def test_items_without_speakers():
    text = "\n".join(line for line in SEED_TEXT.split("\n") if not line.startswith("  • "))
    expected_agenda = [
        dataclasses.asdict(dataclasses.replace(item, speakers=[], group_speakers=""))
        for item in SEED_AGENDA
    ]
    assert summary(parse_announcement(text)) == {**SEED_EXPECTED, "agenda": expected_agenda}


def test_unbulleted_speaker_lines_directly_under_an_item():
    text = SEED_TEXT.replace("\n\n  • ", "\n").replace("\n  • ", "\n")
    assert "Uvodna obraćanja\nUrsula Lojbli" in text
    assert summary(parse_announcement(text)) == SEED_EXPECTED


def test_windows_line_endings_and_trailing_newline():
    text = SEED_TEXT.replace("\n", "\r\n") + "\r\n"
    assert summary(parse_announcement(text)) == SEED_EXPECTED


def test_paste_with_every_line_indented():
    text = "\n".join(f"    {line}" if line else "" for line in SEED_TEXT.split("\n"))
    assert summary(parse_announcement(text)) == SEED_EXPECTED


def test_text_without_a_trailing_partner_paragraph_has_no_partners():
    text = SEED_TEXT.split("\n\n\nPanel diskusija se organizuje")[0]
    assert summary(parse_announcement(text)) == {
        **SEED_EXPECTED,
        "paragraphs": SEED_PARAGRAPHS,
        "partners": [],
    }


# --- The same announcement in Cyrillic ----------------------------------------------------------

CYRILLIC_TEXT = """\
Панел дискусија: Подршка и заштита миграната у рањивом положају у Србији

Извор: Принтскрин из филма Јужно раскршће - Мигранти / фото: Саша Ђорђевић

Четвртак, 20. јун 2019. године, 11 часова
Медија и реформ центар Ниш

Циљ дискусије Подршка и заштита миграната у рањивом положају у Србији јесте да допринесе \
јачању социјалне заштите миграната кроз доступније и квалитетније социјалне услуге и програме \
подршке у заједницама.

Догађај ће бити прилика да се размене досадашња искуства са пројекта Унапређење социјалне \
заштите миграната у рањивом положају у Србији, представе успешне приче, изазови и научене \
лекције, као и тренутне потребе и очекивања корисника и локалних заједница.


Агенда

11.00 – 11.10 – Уводна обраћања

  • Урсула Лојбли, директорка Швајцарске канцеларије за сарадњу, Амбасада Швајцарске \
Конфедерације у Републици Србији
  • Јелена Рибаћ, координаторка пројекта, Међународна организација за миграције у Србији

11.10 – 12.10 – Представљање искустава и добрих пракси из досадашње реализације програма \
подршке и заштите миграната

  • Кратке презентације представника/-ца организација цивилног друштва о досадашњој \
реализацији програма у локалним заједницама

12.10 – 12.30 – Закључци, препоруке и следећи кораци

12.30 – 13.00 – Освежење


Панел дискусија се организује у оквиру пројекта Унапређење социјалне заштите миграната у \
рањивом положају у Србији. Њега спроводи Међународна организација за миграције (МОМ) уз \
подршку Швајцарске Конфедерације, у сарадњи са Министарством за рад, запошљавање, борачка и \
социјална питања (МИНРЗС) и Републичким заводом за социјалну заштиту (РЗСЗ), и координацији \
са Комесаријатом за избеглице и миграције (КИРС).
"""


def test_cyrillic_announcement():
    announcement = parse_announcement(CYRILLIC_TEXT)
    assert summary(announcement) == {
        "title": "Подршка и заштита миграната у рањивом положају у Србији",
        "event_type": "panel_discussion",
        "start_date": date(2019, 6, 20),
        "start_time": time(11, 0),
        "end_time": time(13, 0),
        "venue_name": "Медија и реформ центар Ниш",
        "image_credit": "Принтскрин из филма Јужно раскршће - Мигранти / фото: Саша Ђорђевић",
        "paragraphs": [
            "Циљ дискусије Подршка и заштита миграната у рањивом положају у Србији јесте да "
            "допринесе јачању социјалне заштите миграната кроз доступније и квалитетније "
            "социјалне услуге и програме подршке у заједницама.",
            "Догађај ће бити прилика да се размене досадашња искуства са пројекта Унапређење "
            "социјалне заштите миграната у рањивом положају у Србији, представе успешне приче, "
            "изазови и научене лекције, као и тренутне потребе и очекивања корисника и локалних "
            "заједница.",
            "Панел дискусија се организује у оквиру пројекта Унапређење социјалне заштите "
            "миграната у рањивом положају у Србији. Њега спроводи Међународна организација за "
            "миграције (МОМ) уз подршку Швајцарске Конфедерације, у сарадњи са Министарством за "
            "рад, запошљавање, борачка и социјална питања (МИНРЗС) и Републичким заводом за "
            "социјалну заштиту (РЗСЗ), и координацији са Комесаријатом за избеглице и миграције "
            "(КИРС).",
        ],
        "agenda": [
            {
                "start": time(11, 0),
                "end": time(11, 10),
                "title": "Уводна обраћања",
                "kind": "opening",
                "speakers": [
                    {
                        "name": "Урсула Лојбли",
                        "role": "директорка Швајцарске канцеларије за сарадњу",
                        "organisation": "Амбасада Швајцарске Конфедерације у Републици Србији",
                    },
                    {
                        "name": "Јелена Рибаћ",
                        "role": "координаторка пројекта",
                        "organisation": "Међународна организација за миграције у Србији",
                    },
                ],
                "group_speakers": "",
            },
            {
                "start": time(11, 10),
                "end": time(12, 10),
                "title": "Представљање искустава и добрих пракси из досадашње реализације "
                "програма подршке и заштите миграната",
                "kind": "presentation",
                "speakers": [],
                "group_speakers": "Кратке презентације представника/-ца организација цивилног "
                "друштва о досадашњој реализацији програма у локалним заједницама",
            },
            {
                "start": time(12, 10),
                "end": time(12, 30),
                "title": "Закључци, препоруке и следећи кораци",
                "kind": "closing",
                "speakers": [],
                "group_speakers": "",
            },
            {
                "start": time(12, 30),
                "end": time(13, 0),
                "title": "Освежење",
                "kind": "refreshments",
                "speakers": [],
                "group_speakers": "",
            },
        ],
        "partners": [
            {
                "name": "Међународна организација за миграције",
                "acronym": "МОМ",
                "role": "implementing_partner",
            },
            {"name": "Швајцарске Конфедерације", "acronym": "", "role": "funder"},
            {
                "name": "Министарством за рад, запошљавање, борачка и социјална питања",
                "acronym": "МИНРЗС",
                "role": "cooperation",
            },
            {
                "name": "Републичким заводом за социјалну заштиту",
                "acronym": "РЗСЗ",
                "role": "cooperation",
            },
            {
                "name": "Комесаријатом за избеглице и миграције",
                "acronym": "КИРС",
                "role": "coordination",
            },
        ],
        "language": "sr-cyrl",
        "problems": [],
    }
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(CYRILLIC_TEXT)


# --- An English announcement --------------------------------------------------------------------

ENGLISH_TEXT = """\
Round table: Social inclusion of migrants in local communities

Photo: IOM Serbia / Jovana Marković

Thursday, 14 March 2024, 10:00
Venue: Hotel Moskva, Terazije 20, Belgrade

The round table will bring together local authorities, centres for social work and civil \
society organisations to discuss how services for migrants can become part of the regular \
social protection system.

Participants will hear about the results of the past two years and agree on priorities for the \
next phase of the project.

Agenda

10:00-10:15 Opening remarks
  • Jean-Daniel Ruch, Ambassador, Embassy of Switzerland in Serbia
  • Jelena Ribać, Project Coordinator, International Organization for Migration, Serbia
10:15-11:15 Panel: Local services for migrants in vulnerable situations
  • Representatives of centres for social work from Niš, Subotica and Šid
11:15-11:30 Coffee break
11:30-12:15 Open discussion
Moderated by Ana Petrović, Centre for Social Policy
12:15-12:30 Closing remarks and next steps

The round table is organised by the Centre for Social Policy (CSP) and implemented by the \
International Organization for Migration (IOM) with the support of Switzerland, in cooperation \
with the Ministry of Labour, Employment, Veteran and Social Affairs (MoLEVSA) and in \
coordination with the Commissariat for Refugees and Migration (SCRM).
"""


def test_english_announcement():
    announcement = parse_announcement(ENGLISH_TEXT)
    assert summary(announcement) == {
        "title": "Social inclusion of migrants in local communities",
        "event_type": "round_table",
        "start_date": date(2024, 3, 14),
        "start_time": time(10, 0),
        "end_time": time(12, 30),
        "venue_name": "Hotel Moskva, Terazije 20, Belgrade",
        "image_credit": "IOM Serbia / Jovana Marković",
        "paragraphs": [
            "The round table will bring together local authorities, centres for social work and "
            "civil society organisations to discuss how services for migrants can become part of "
            "the regular social protection system.",
            "Participants will hear about the results of the past two years and agree on "
            "priorities for the next phase of the project.",
            "The round table is organised by the Centre for Social Policy (CSP) and implemented "
            "by the International Organization for Migration (IOM) with the support of "
            "Switzerland, in cooperation with the Ministry of Labour, Employment, Veteran and "
            "Social Affairs (MoLEVSA) and in coordination with the Commissariat for Refugees and "
            "Migration (SCRM).",
        ],
        "agenda": [
            {
                "start": time(10, 0),
                "end": time(10, 15),
                "title": "Opening remarks",
                "kind": "opening",
                "speakers": [
                    {
                        "name": "Jean-Daniel Ruch",
                        "role": "Ambassador",
                        "organisation": "Embassy of Switzerland in Serbia",
                    },
                    {
                        "name": "Jelena Ribać",
                        "role": "Project Coordinator",
                        "organisation": "International Organization for Migration, Serbia",
                    },
                ],
                "group_speakers": "",
            },
            {
                "start": time(10, 15),
                "end": time(11, 15),
                "title": "Panel: Local services for migrants in vulnerable situations",
                "kind": "panel",
                "speakers": [],
                "group_speakers": "Representatives of centres for social work from Niš, "
                "Subotica and Šid",
            },
            {
                "start": time(11, 15),
                "end": time(11, 30),
                "title": "Coffee break",
                "kind": "break",
                "speakers": [],
                "group_speakers": "",
            },
            {
                "start": time(11, 30),
                "end": time(12, 15),
                "title": "Open discussion",
                "kind": "discussion",
                "speakers": [],
                "group_speakers": "Moderated by Ana Petrović, Centre for Social Policy",
            },
            {
                "start": time(12, 15),
                "end": time(12, 30),
                "title": "Closing remarks and next steps",
                "kind": "closing",
                "speakers": [],
                "group_speakers": "",
            },
        ],
        "partners": [
            {"name": "Centre for Social Policy", "acronym": "CSP", "role": "organiser"},
            {
                "name": "International Organization for Migration",
                "acronym": "IOM",
                "role": "implementing_partner",
            },
            {"name": "Switzerland", "acronym": "", "role": "funder"},
            {
                "name": "Ministry of Labour, Employment, Veteran and Social Affairs",
                "acronym": "MoLEVSA",
                "role": "cooperation",
            },
            {
                "name": "Commissariat for Refugees and Migration",
                "acronym": "SCRM",
                "role": "coordination",
            },
        ],
        "language": "en",
        "problems": [],
    }
    assert [line.part for line in announcement.lines] == [
        "title",
        "blank",
        "credit",
        "blank",
        "date",
        "venue",
        "blank",
        "paragraph",
        "blank",
        "paragraph",
        "blank",
        "agenda_heading",
        "blank",
        "agenda_item",
        "speaker",
        "speaker",
        "agenda_item",
        "group_speakers",
        "agenda_item",
        "agenda_item",
        "group_speakers",
        "agenda_item",
        "blank",
        "partners",
    ]
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(ENGLISH_TEXT)


# --- An independent Serbian workshop announcement -----------------------------------------------

WORKSHOP_TEXT = """\
Radionica: Digitalne veštine za zaposlene u centrima za socijalni rad
foto: Marko Petrović

Utorak, 8. oktobra 2024. u 9.30
Mesto: Hotel Zira, Ruzveltova 35, Beograd

Radionica je namenjena stručnim radnicima centara za socijalni rad iz Beograda, Novog Sada i \
Niša.
Učesnici će naučiti kako da koriste digitalne alate za vođenje slučajeva i razmenu podataka, uz \
poštovanje pravila o zaštiti podataka o ličnosti.

Program:

9.30-10.00 Registracija učesnika
10:00 – 10:15 Otvaranje radionice
- dr Milica Jovanović, pomoćnica ministra, Ministarstvo za rad, zapošljavanje, boračka i \
socijalna pitanja
10:15 – 11:45 Prezentacija: Digitalni alati u svakodnevnom radu
* Nikola Stanković, trener, Udruženje stručnjaka za socijalnu zaštitu, Beograd
* Ivana Marić, konsultantkinja
11:45 – 12:00 Pauza za kafu
12:00 Rad u grupama i diskusija
   Učesnici rade u malim grupama na studijama slučaja
13:30 Ručak

Radionicu organizuje Republički zavod za socijalnu zaštitu (RZSZ) u saradnji sa Gradom \
Beogradom, uz finansijsku podršku Evropske unije.

Broj mesta je ograničen. Prijave se primaju do 1. oktobra 2024. godine na adresu \
obuke@example.org.
"""


def test_serbian_workshop_announcement():
    announcement = parse_announcement(WORKSHOP_TEXT)
    assert summary(announcement) == {
        "title": "Digitalne veštine za zaposlene u centrima za socijalni rad",
        "event_type": "workshop",
        "start_date": date(2024, 10, 8),
        "start_time": time(9, 30),
        # The last item ("13:30 Ručak") has no end and there is no range on the date line.
        "end_time": None,
        "venue_name": "Hotel Zira, Ruzveltova 35, Beograd",
        "image_credit": "Marko Petrović",
        "paragraphs": [
            "Radionica je namenjena stručnim radnicima centara za socijalni rad iz Beograda, "
            "Novog Sada i Niša. Učesnici će naučiti kako da koriste digitalne alate za vođenje "
            "slučajeva i razmenu podataka, uz poštovanje pravila o zaštiti podataka o ličnosti.",
            "Radionicu organizuje Republički zavod za socijalnu zaštitu (RZSZ) u saradnji sa "
            "Gradom Beogradom, uz finansijsku podršku Evropske unije.",
            "Broj mesta je ograničen. Prijave se primaju do 1. oktobra 2024. godine na adresu "
            "obuke@example.org.",
        ],
        "agenda": [
            {
                "start": time(9, 30),
                "end": time(10, 0),
                "title": "Registracija učesnika",
                "kind": "session",
                "speakers": [],
                "group_speakers": "",
            },
            {
                "start": time(10, 0),
                "end": time(10, 15),
                "title": "Otvaranje radionice",
                "kind": "opening",
                "speakers": [
                    {
                        "name": "dr Milica Jovanović",
                        "role": "pomoćnica ministra",
                        "organisation": "Ministarstvo za rad, zapošljavanje, boračka i socijalna "
                        "pitanja",
                    }
                ],
                "group_speakers": "",
            },
            {
                "start": time(10, 15),
                "end": time(11, 45),
                "title": "Prezentacija: Digitalni alati u svakodnevnom radu",
                "kind": "presentation",
                "speakers": [
                    {
                        "name": "Nikola Stanković",
                        "role": "trener",
                        "organisation": "Udruženje stručnjaka za socijalnu zaštitu, Beograd",
                    },
                    {"name": "Ivana Marić", "role": "konsultantkinja", "organisation": ""},
                ],
                "group_speakers": "",
            },
            {
                "start": time(11, 45),
                "end": time(12, 0),
                "title": "Pauza za kafu",
                "kind": "break",
                "speakers": [],
                "group_speakers": "",
            },
            {
                "start": time(12, 0),
                "end": time(13, 30),  # inferred from the next item's start
                "title": "Rad u grupama i diskusija",
                "kind": "discussion",
                "speakers": [],
                "group_speakers": "Učesnici rade u malim grupama na studijama slučaja",
            },
            {
                "start": time(13, 30),
                "end": None,
                "title": "Ručak",
                "kind": "refreshments",
                "speakers": [],
                "group_speakers": "",
            },
        ],
        "partners": [
            {
                "name": "Republički zavod za socijalnu zaštitu",
                "acronym": "RZSZ",
                "role": "organiser",
            },
            {"name": "Gradom Beogradom", "acronym": "", "role": "cooperation"},
            {"name": "Evropske unije", "acronym": "", "role": "funder"},
        ],
        "language": "sr-latn",
        "problems": [],
    }
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(WORKSHOP_TEXT)


# --- Title and event type -----------------------------------------------------------------------


SAME = object()  # the expected title is the whole first line


def minimal_announcement(title="Konferencija o socijalnoj zaštiti", date_line=None, body=""):
    date_line = date_line or "Četvrtak, 20. jun 2019. godine, 11 časova"
    return f"{title}\n\n{date_line}\nSkupština grada Niša\n\nOpis događaja.\n{body}"


@pytest.mark.parametrize(
    ("first_line", "title", "event_type"),
    [
        ("Panel diskusija: Podrška migrantima", "Podrška migrantima", "panel_discussion"),
        ("Панел дискусија: Подршка мигрантима", "Подршка мигрантима", "panel_discussion"),
        ("Panel discussion: Supporting migrants", "Supporting migrants", "panel_discussion"),
        ("Konferencija: Socijalna zaštita", "Socijalna zaštita", "conference"),
        ("Конференција: Социјална заштита", "Социјална заштита", "conference"),
        ("Conference: Social protection", "Social protection", "conference"),
        ("Radionica: Digitalne veštine", "Digitalne veštine", "workshop"),
        ("Workshop: Digital skills", "Digital skills", "workshop"),
        ("Okrugli sto: Uloga zajednice", "Uloga zajednice", "round_table"),
        ("Округли сто: Улога заједнице", "Улога заједнице", "round_table"),
        ("Obuka: Psihosocijalna podrška", "Psihosocijalna podrška", "training"),
        ("Training: Psychosocial support", "Psychosocial support", "training"),
        ("Predavanje: Migracije danas", "Migracije danas", "lecture"),
        ("Lecture: Migration today", "Migration today", "lecture"),
        ("Vebinar: Rad na daljinu", "Rad na daljinu", "webinar"),
        ("Вебинар: Рад на даљину", "Рад на даљину", "webinar"),
        ("Webinar: Remote work", "Remote work", "webinar"),
        # No label before a colon: the whole line is the title, the type comes from its words.
        ("Regionalna konferencija o migracijama", SAME, "conference"),
        ("Poziv na okrugli sto „Uloga zajednice“", SAME, "round_table"),
        ("Radionica za mlade: Digitalne veštine", SAME, "workshop"),
        ("Godišnji skup udruženja", SAME, "other"),
        # A press conference is not a conference, and its label stays in the title.
        ("Konferencija za medije: Rezultati projekta", SAME, "other"),
    ],
)  # fmt: skip
def test_title_and_event_type(first_line, title, event_type):
    announcement = parse_announcement(minimal_announcement(title=first_line))
    expected_title = first_line if title is SAME else title
    assert (announcement.title, announcement.event_type) == (expected_title, event_type)


def test_event_type_alone_on_the_first_line():
    text = minimal_announcement(title="PANEL DISKUSIJA\nPodrška migrantima u Srbiji")
    announcement = parse_announcement(text)
    assert (announcement.title, announcement.event_type) == (
        "Podrška migrantima u Srbiji",
        "panel_discussion",
    )
    assert [line.part for line in announcement.lines[:3]] == ["event_type", "title", "blank"]


# --- Date and time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_line", "start_date", "start_time", "end_time"),
    [
        ("Četvrtak, 20. jun 2019. godine, 11 časova", date(2019, 6, 20), time(11), None),
        ("20. juna 2019. u 11.00", date(2019, 6, 20), time(11), None),
        ("20.06.2019. u 11:00 časova", date(2019, 6, 20), time(11), None),
        ("Четвртак, 20. јун 2019. године, 11 часова", date(2019, 6, 20), time(11), None),
        ("Thursday, 20 June 2019, 11:00", date(2019, 6, 20), time(11), None),
        ("June 20, 2019 at 11 a.m.", date(2019, 6, 20), time(11), None),
        ("June 20, 2019, 11am", date(2019, 6, 20), time(11), None),
        ("Četvrtak, 20. jun 2019. godine, 11–13 časova", date(2019, 6, 20), time(11), time(13)),
        ("20. avgusta 2019. od 9.30 do 14 časova", date(2019, 8, 20), time(9, 30), time(14)),
        ("Среда, 15. јануара 2020. у 10.00", date(2020, 1, 15), time(10), None),
        ("Monday, 2 December 2024, 2–4 pm", date(2024, 12, 2), time(14), time(16)),
        ("Friday, 1 March 2024, 11 a.m. – 1 p.m.", date(2024, 3, 1), time(11), time(13)),
        ("Petak, 1. 3. 2024. u 9h", date(2024, 3, 1), time(9), None),
        ("2024-03-01 10:30", date(2024, 3, 1), time(10, 30), None),
    ],
)  # fmt: skip
def test_date_line_forms(date_line, start_date, start_time, end_time):
    announcement = parse_announcement(minimal_announcement(date_line=date_line))
    assert (announcement.start_date, announcement.start_time, announcement.end_time) == (
        start_date,
        start_time,
        end_time,
    )
    assert announcement.venue_name == "Skupština grada Niša"
    assert announcement.lines[2].part == "date"


@pytest.mark.parametrize(
    "month_name",
    [
        ("januar", "januara", "јануар", "јануара", "January"),
        ("februar", "februara", "фебруар", "фебруара", "February"),
        ("mart", "marta", "март", "марта", "March"),
        ("april", "aprila", "април", "априла", "April"),
        ("maj", "maja", "мај", "маја", "May"),
        ("jun", "juna", "јун", "јуна", "June"),
        ("jul", "jula", "јул", "јула", "July"),
        ("avgust", "avgusta", "август", "августа", "August"),
        ("septembar", "septembra", "септембар", "септембра", "September"),
        ("oktobar", "oktobra", "октобар", "октобра", "October"),
        ("novembar", "novembra", "новембар", "новембра", "November"),
        ("decembar", "decembra", "децембар", "децембра", "December"),
    ],
)
def test_month_names_in_every_form(month_name):
    month = [
        "januar",
        "februar",
        "mart",
        "april",
        "maj",
        "jun",
        "jul",
        "avgust",
        "septembar",
        "oktobar",
        "novembar",
        "decembar",
    ].index(month_name[0]) + 1
    dates = [
        parse_announcement(
            minimal_announcement(date_line=f"5. {name} 2025. u 10 časova")
        ).start_date
        for name in month_name
    ]
    assert dates == [date(2025, month, 5)] * 5


def test_time_on_its_own_line_below_the_date():
    text = (
        "Okrugli sto: Uloga zajednice\n\nSreda, 15. januara 2020.\nod 10 do 12 časova\nHotel Park\n"
    )
    announcement = parse_announcement(text)
    assert (
        announcement.start_time,
        announcement.end_time,
        announcement.venue_name,
        [line.part for line in announcement.lines],
    ) == (time(10), time(12), "Hotel Park", ["title", "blank", "date", "date", "venue"])


def test_venue_trailing_the_date_line():
    text = "Obuka: Zaštita podataka\n\n20. juna 2019. u 11 časova, Hotel Zira\n\nOpis.\n"
    assert parse_announcement(text).venue_name == "Hotel Zira"


def test_a_sentence_right_after_the_date_is_not_the_venue():
    text = (
        "Obuka: Zaštita podataka\n\n20. juna 2019. u 11 časova\n"
        "Pozivamo vas da prisustvujete ovom važnom događaju u Nišu.\n"
    )
    announcement = parse_announcement(text)
    assert (announcement.venue_name, announcement.paragraphs, announcement.problems) == (
        "",
        ["Pozivamo vas da prisustvujete ovom važnom događaju u Nišu."],
        [
            "No venue found. Put the venue on the line right after the date, or on a line "
            "starting with 'Mesto:'.",
            NO_AGENDA_PROBLEM,
        ],
    )


def test_a_deadline_before_the_event_date_is_not_the_event_date():
    text = (
        "Radionica: Digitalne veštine\n\nRok za prijave: 1. oktobar 2024.\n\n"
        "Utorak, 8. oktobra 2024. u 9.30\nHotel Zira\n"
    )
    announcement = parse_announcement(text)
    assert (announcement.start_date, announcement.venue_name, announcement.paragraphs) == (
        date(2024, 10, 8),
        "Hotel Zira",
        ["Rok za prijave: 1. oktobar 2024."],
    )


def test_date_line_without_time_uses_the_first_agenda_item():
    text = minimal_announcement(
        date_line="Četvrtak, 20. jun 2019.",
        body="\nAgenda\n10.30 – 11.00 – Otvaranje\n11.00 – 12.00 – Diskusija\n",
    )
    announcement = parse_announcement(text)
    assert (announcement.start_time, announcement.end_time, announcement.problems) == (
        time(10, 30),
        time(12),
        ["The date line has no start time; the start of the first agenda item was used."],
    )


def test_date_line_without_time_and_without_agenda():
    announcement = parse_announcement(minimal_announcement(date_line="Petak, 1. mart 2024."))
    assert (announcement.start_time, announcement.problems) == (
        None,
        [
            "No start time found. Add it to the date line, as in "
            "'Četvrtak, 20. jun 2019. godine, 11 časova'.",
            NO_AGENDA_PROBLEM,
        ],
    )


def test_wrong_weekday_is_reported():
    announcement = parse_announcement(
        minimal_announcement(date_line="Sreda, 20. jun 2019. u 11 časova")
    )
    assert announcement.problems == [
        "Line 3 names 'Sreda', but 20.06.2019 is a Thursday. Check the date.",
        NO_AGENDA_PROBLEM,
    ]


def test_agenda_end_wins_over_a_different_range_on_the_date_line():
    text = minimal_announcement(
        date_line="20. juna 2019. od 11 do 14 časova",
        body="\n11.00 – 11.30 – Otvaranje\n11.30 – 13.00 – Diskusija\n",
    )
    announcement = parse_announcement(text)
    assert (announcement.end_time, announcement.problems) == (
        time(13),
        [
            "The date line says the event ends at 14:00, but the agenda ends at 13:00; "
            "the agenda was used."
        ],
    )


@pytest.mark.parametrize(
    "label", ["Mesto:", "Место:", "Venue:", "Lokacija:", "Location:", "MESTO :"]
)
def test_venue_label_anywhere_wins_over_the_line_after_the_date(label):
    text = (
        "Predavanje: Migracije danas\n\nSreda, 15. januara 2020. u 10 časova\n"
        "Ulaz je slobodan\n\nOpis predavanja.\n"
        f"{label} Narodna biblioteka Srbije, Skerlićeva 1\n"
    )
    announcement = parse_announcement(text)
    assert (
        announcement.venue_name,
        announcement.paragraphs,
        [line.part for line in announcement.lines],
    ) == (
        "Narodna biblioteka Srbije, Skerlićeva 1",
        ["Ulaz je slobodan", "Opis predavanja."],
        ["title", "blank", "date", "paragraph", "blank", "paragraph", "venue"],
    )


@pytest.mark.parametrize(
    "label", ["Izvor:", "Извор:", "Source:", "Photo:", "foto:", "Foto:", "Фото:"]
)
def test_image_credit_labels(label):
    text = minimal_announcement(title=f"Konferencija: Migracije\n{label} Saša Đorđević")
    announcement = parse_announcement(text)
    assert (announcement.image_credit, announcement.lines[1].part) == ("Saša Đorđević", "credit")


# --- Agenda lines and kinds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    ["Agenda", "AGENDA:", "Агенда", "Program", "Програм", "Dnevni red", "Дневни ред", "Schedule"],
)
def test_agenda_headings(heading):
    text = minimal_announcement(body=f"\n{heading}\n\n10.00 – 10.30 – Otvaranje\n")
    announcement = parse_announcement(text)
    assert (
        [line.part for line in announcement.lines[-3:]],
        [item.title for item in announcement.agenda],
    ) == (["agenda_heading", "blank", "agenda_item"], ["Otvaranje"])


@pytest.mark.parametrize(
    ("agenda_line", "start", "end", "title"),
    [
        ("11.00 – 11.10 – Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11:00 – 11:10 – Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11.00—11.10—Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11.00 - 11.10 - Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11:00-11:10 Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11:00-11:10: Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11.00h – 11.10h Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("11.00 do 11.10 Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("• 11.00 – 11.10 – Uvodna obraćanja", time(11), time(11, 10), "Uvodna obraćanja"),
        ("9.00 – 9.30 – Registracija", time(9), time(9, 30), "Registracija"),
        ("9:00-9:30 „Dobrodošlica“", time(9), time(9, 30), "„Dobrodošlica“"),
        # No end time: it ends when the next item (12.00) starts.
        ("11.00 Otvaranje", time(11), time(12), "Otvaranje"),
        ("11.00 – Otvaranje", time(11), time(12), "Otvaranje"),
    ],
)  # fmt: skip
def test_agenda_line_forms(agenda_line, start, end, title):
    text = minimal_announcement(body=f"\n{agenda_line}\n12.00 – 12.30 – Zaključci\n")
    announcement = parse_announcement(text)
    first_item = announcement.agenda[0]
    assert (first_item.start, first_item.end, first_item.title, len(announcement.agenda)) == (
        start,
        end,
        title,
        2,
    )


@pytest.mark.parametrize(
    ("item_title", "kind"),
    [
        ("Uvodna obraćanja", "opening"),
        ("Уводна обраћања", "opening"),
        ("Otvaranje skupa", "opening"),
        ("Pozdravna reč", "opening"),
        ("Opening remarks", "opening"),
        ("Welcome address", "opening"),
        ("Pauza", "break"),
        ("Pauza za kafu", "break"),
        ("Пауза за кафу", "break"),
        ("Break", "break"),
        ("Coffee break", "break"),
        ("Osveženje", "refreshments"),
        ("Освежење", "refreshments"),
        ("Ručak", "refreshments"),
        ("Pauza za ručak", "refreshments"),
        ("Koktel", "refreshments"),
        ("Refreshments", "refreshments"),
        ("Lunch", "refreshments"),
        ("Zaključci, preporuke i sledeći koraci", "closing"),
        ("Закључци и препоруке", "closing"),
        ("Zatvaranje skupa", "closing"),
        ("Closing remarks", "closing"),
        ("Prezentacija rezultata istraživanja", "presentation"),
        ("Predstavljanje projekta", "presentation"),
        ("Представљање пројекта", "presentation"),
        ("Presentation of the study", "presentation"),
        ("Panel: Uloga lokalnih zajednica", "panel"),
        ("Panel diskusija", "panel"),
        ("Панел", "panel"),
        ("Diskusija", "discussion"),
        ("Дискусија", "discussion"),
        ("Open discussion", "discussion"),
        ("Pitanja i odgovori", "discussion"),
        ("Rad u grupama", "session"),
        ("Registracija učesnika", "session"),
    ],
)
def test_agenda_item_kinds(item_title, kind):
    text = minimal_announcement(body=f"\n10.00 – 10.30 – {item_title}\n")
    assert [item.kind for item in parse_announcement(text).agenda] == [kind]


def test_bulleted_speaker_forms():
    body = (
        "\nAgenda\n10.00 – 10.30 – Otvaranje\n"
        "- Ana Petrović, direktorka, Centar za socijalni rad Niš\n"
        "* prof. dr Marko Marković, profesor\n"
        "· Maria van der Berg, Program Officer, UNHCR, Belgrade Office\n"
        "o Jovan Jovanović, savetnik, Grad Niš\n"
        "\tMilan Ilić, koordinator, Crveni krst Srbije\n"
        "– Predstavnici lokalnih samouprava\n"
        "• Moderatorka: Jelena Ribać, IOM\n"
    )
    item = parse_announcement(minimal_announcement(body=body)).agenda[0]
    assert (item.speakers, item.group_speakers) == (
        [
            ParsedSpeaker("Ana Petrović", "direktorka", "Centar za socijalni rad Niš"),
            ParsedSpeaker("prof. dr Marko Marković", "profesor", ""),
            ParsedSpeaker("Maria van der Berg", "Program Officer", "UNHCR, Belgrade Office"),
            ParsedSpeaker("Jovan Jovanović", "savetnik", "Grad Niš"),
            ParsedSpeaker("Milan Ilić", "koordinator", "Crveni krst Srbije"),
        ],
        "Predstavnici lokalnih samouprava\nModeratorka: Jelena Ribać, IOM",
    )


def test_an_unbulleted_line_after_a_blank_line_ends_the_agenda():
    body = "\n10.00 – 10.30 – Otvaranje\n\nVidimo se u Nišu, Ana Petrović.\n"
    announcement = parse_announcement(minimal_announcement(body=body))
    assert (announcement.agenda[0].speakers, announcement.paragraphs) == (
        [],
        ["Opis događaja.", "Vidimo se u Nišu, Ana Petrović."],
    )


def test_agenda_heading_without_items_is_a_problem():
    body = "\nAgenda\n\nBiće objavljena naknadno.\n"
    announcement = parse_announcement(minimal_announcement(body=body))
    assert (announcement.agenda, announcement.problems) == (
        [],
        [
            "Line 8 is an agenda heading, but no agenda items with times follow it. Agenda items "
            "are lines such as '11.00 – 11.10 – Uvodna obraćanja'.",
            NO_AGENDA_PROBLEM,
        ],
    )


def test_impossible_agenda_time_is_kept_as_an_unrecognised_line():
    body = "\n10.00 – 10.30 – Otvaranje\n25.00 – 26.00 – Žurka\n"
    announcement = parse_announcement(minimal_announcement(body=body))
    assert (
        [item.title for item in announcement.agenda],
        announcement.lines[8].part,
        announcement.problems,
    ) == (
        ["Otvaranje"],
        "unrecognised",
        [
            "Line 9 ('25.00 – 26.00 – Žurka') looks like an agenda item, but its time is not a "
            "valid time of day; it was left out of the agenda."
        ],
    )


def test_numbers_and_dates_in_prose_are_not_agenda_items():
    body = "\n10.000 ljudi je prošlo kroz centre.\n1.12. u 10h je rok.\n"
    announcement = parse_announcement(minimal_announcement(body=body))
    assert (announcement.agenda, announcement.paragraphs) == (
        [],
        ["Opis događaja.", "10.000 ljudi je prošlo kroz centre. 1.12. u 10h je rok."],
    )


# --- Partners -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "partners"),
    [
        (
            "Skup organizuje Grad Niš.",
            [ParsedPartnerMention("Grad Niš", "", "organiser")],
        ),
        (
            "Projekat realizuje Crveni krst Srbije (CKS) uz podršku Švajcarske i Norveške.",
            [
                ParsedPartnerMention("Crveni krst Srbije", "CKS", "implementing_partner"),
                ParsedPartnerMention("Švajcarske", "", "funder"),
                ParsedPartnerMention("Norveške", "", "funder"),
            ],
        ),
        (
            "Projekat finansira Evropska unija (EU), u partnerstvu sa Gradom Nišem.",
            [
                ParsedPartnerMention("Evropska unija", "EU", "funder"),
                ParsedPartnerMention("Gradom Nišem", "", "cooperation"),
            ],
        ),
        (
            "Domaćin događaja je Media i reform centar Niš.",
            [ParsedPartnerMention("Media i reform centar Niš", "", "host")],
        ),
        (
            "Medijski partner je Radio-televizija Srbije (RTS).",
            [ParsedPartnerMention("Radio-televizija Srbije", "RTS", "media_partner")],
        ),
        (
            "The event is hosted by the City of Niš and funded by the European Union (EU).",
            [
                ParsedPartnerMention("City of Niš", "", "host"),
                ParsedPartnerMention("European Union", "EU", "funder"),
            ],
        ),
        (
            "Догађај организује Град Ниш у сарадњи са Црвеним крстом Србије (ЦКС).",
            [
                ParsedPartnerMention("Град Ниш", "", "organiser"),
                ParsedPartnerMention("Црвеним крстом Србије", "ЦКС", "cooperation"),
            ],
        ),
        # Cues followed by lowercase words name no one.
        ("Panel se organizuje u okviru projekta, a programi se sprovode u 17 gradova.", []),
    ],
)
def test_partner_mentions(sentence, partners):
    announcement = parse_announcement(minimal_announcement(body=f"\n{sentence}\n"))
    assert (announcement.partners, announcement.paragraphs[-1]) == (partners, sentence)
    assert announcement.lines[-1].part == ("partners" if partners else "paragraph")


@pytest.mark.parametrize(
    ("lines", "partners"),
    [
        (
            ["Organizator: IOM", "Organizatori: Crveni krst Subotica (CKS) i Grad Subotica"],
            [
                ParsedPartnerMention("IOM", "", "organiser"),
                ParsedPartnerMention("Crveni krst Subotica", "CKS", "organiser"),
                ParsedPartnerMention("Grad Subotica", "", "organiser"),
            ],
        ),
        (
            ["Организатор: ИОМ", "Уз подршку Швајцарске Конфедерације."],
            [
                ParsedPartnerMention("ИОМ", "", "organiser"),
                ParsedPartnerMention("Швајцарске Конфедерације", "", "funder"),
            ],
        ),
        (
            ["Organiser: IOM", "Organizer: UNICEF"],
            [
                ParsedPartnerMention("IOM", "", "organiser"),
                ParsedPartnerMention("UNICEF", "", "organiser"),
            ],
        ),
    ],
)
def test_an_organiser_label_line_names_the_organiser(lines, partners):
    body = "".join(f"\n{line}\n" for line in lines)
    announcement = parse_announcement(minimal_announcement(body=body))
    assert announcement.partners == partners


def test_repeated_partner_mentions_are_listed_once():
    body = (
        "\nProjekat sprovodi Međunarodna organizacija za migracije (IOM).\n\n"
        "Aktivnosti sprovodi Međunarodna organizacija za migracije (IOM) u Nišu.\n"
    )
    announcement = parse_announcement(minimal_announcement(body=body))
    assert announcement.partners == [
        ParsedPartnerMention("Međunarodna organizacija za migracije", "IOM", "implementing_partner")
    ]


# --- Language -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (SEED_TEXT, "sr-latn"),
        (CYRILLIC_TEXT, "sr-cyrl"),
        (ENGLISH_TEXT, "en"),
        (WORKSHOP_TEXT, "sr-latn"),
    ],
)
def test_language_detection(text, language):
    assert parse_announcement(text).language == language


# --- Nothing is lost ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [SEED_TEXT, CYRILLIC_TEXT, ENGLISH_TEXT, WORKSHOP_TEXT])
def test_every_input_line_is_kept_with_its_number(text):
    announcement = parse_announcement(text)
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(text)
    assert [line.number for line in announcement.lines] == list(
        range(1, len(announcement.lines) + 1)
    )
    assert all(line.part for line in announcement.lines)


def test_separator_lines_are_kept_as_unrecognised():
    announcement = parse_announcement(minimal_announcement(body="\n-----\n* * *\n"))
    assert [(line.text, line.part) for line in announcement.lines[-2:]] == [
        ("-----", "unrecognised"),
        ("* * *", "unrecognised"),
    ]


# --- Text that is not an announcement -----------------------------------------------------------

EMPTY_MESSAGE = (
    "The text is empty. Paste the whole announcement: the title on the first line, then the date "
    "line (such as 'Četvrtak, 20. jun 2019. godine, 11 časova'), the venue, the description and "
    "the agenda."
)
BINARY_MESSAGE = (
    "The text contains control characters or binary data, so it does not look like an "
    "announcement copied from an e-mail or a Word document. Copy the announcement text again and "
    "paste it as plain text."
)
LOREM_IPSUM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
    "laboris nisi ut aliquip ex ea commodo consequat. "
)


def title_too_long_message(length):
    return (
        f"The first line has {length:,} characters, too many for an event title (at most 255). "
        "Put the event title alone on the first line."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", EMPTY_MESSAGE),
        ("   \n\t\n  \n", EMPTY_MESSAGE),
        ("Konferencija", NO_DATE_MESSAGE),
        ("Dobar dan,\nšaljem vam materijal za sastanak.\n\nPozdrav, Ana\n", NO_DATE_MESSAGE),
        ("Agenda za sutra\n\n10.00 – 11.00 – Sastanak tima\n", NO_DATE_MESSAGE),
        ("\x00\x01\x02PK\x03\x04" + bytes(range(256)).decode("latin-1") * 4, BINARY_MESSAGE),
        ("x" * 50_001, "The text has 50,001 characters; at most 50,000 are accepted. "
         "Paste the announcement of a single event only."),
        (
            "Četvrtak, 20. jun 2019. godine, 11 časova\nMedia i reform centar Niš\n",
            "The first line ('Četvrtak, 20. jun 2019. godine, 11 časova') looks like the event "
            "date, not a title. Put the event title alone on the first line.",
        ),
        (
            "11.00 – 11.10 – Uvodna obraćanja\n\nČetvrtak, 20. jun 2019. godine, 11 časova\n",
            "The first line ('11.00 – 11.10 – Uvodna obraćanja') looks like an agenda item, not "
            "a title. Put the event title alone on the first line.",
        ),
        (
            "Panel diskusija\n\n31. jun 2019. u 11 časova\n",
            NO_DATE_MESSAGE + " Line 3 ('31. jun 2019. u 11 časova') has an impossible date.",
        ),
    ],
)  # fmt: skip
def test_garbage_is_rejected_with_a_helpful_message(text, message):
    with pytest.raises(AnnouncementParseError) as raised:
        parse_announcement(text)
    assert str(raised.value) == message


def test_huge_lorem_ipsum_paste_is_rejected():
    paragraph = LOREM_IPSUM * 20
    text = "\n\n".join([paragraph] * 10)
    assert len(text) < 50_000
    with pytest.raises(AnnouncementParseError) as raised:
        parse_announcement(text)
    reasons = [title_too_long_message(len(paragraph.strip())), NO_DATE_MESSAGE]
    assert (str(raised.value), raised.value.reasons) == (" ".join(reasons), reasons)


def test_lorem_ipsum_with_short_lines_is_rejected_for_its_missing_date():
    text = "\n".join(LOREM_IPSUM.split(". ")) * 100
    with pytest.raises(AnnouncementParseError) as raised:
        parse_announcement(text)
    assert str(raised.value) == NO_DATE_MESSAGE


def test_parse_error_is_a_value_error():
    assert issubclass(AnnouncementParseError, ValueError)


# Lines built to make a backtracking regular expression take exponential time. The parser must
# reject them as it rejects any other junk; a catastrophic pattern would hang the test instead.
PATHOLOGICAL_LINES = [
    "a" * 50_000,
    "1" * 50_000,
    "1. " * 16_666,
    "11.00 – " * 6_000,
    "(" * 50_000,
    " " * 49_999 + "x",
    "1. jun " * 7_000,
    "uz podršku (AB) i " * 2_700,
    ", " * 25_000,
    "a1" * 25_000,
]


@pytest.mark.parametrize("line", PATHOLOGICAL_LINES, ids=lambda line: repr(line[:12]))
def test_a_50k_character_garbage_line_is_rejected(line):
    assert len(line) <= 50_000
    with pytest.raises(AnnouncementParseError):
        parse_announcement(line)


@pytest.mark.parametrize(
    "long_paragraph",
    [
        "uz podršku Fondacije (AB) i " * 1_500,
        "u saradnji sa " * 3_000,
        "11.00 – 11.10 – " * 2_500,
        "Petar Petrović, " * 2_500,
    ],
    ids=["acronyms", "cues", "times", "commas"],
)
def test_long_pathological_paragraph_in_a_real_announcement_is_kept(long_paragraph):
    text = minimal_announcement(body=f"\n{long_paragraph}\n")
    assert len(text) < 50_000
    announcement = parse_announcement(text)
    assert announcement.paragraphs[-1] == long_paragraph.strip()
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("aAčČšжЖ .,:;()-–—•*o\n\t0123456789")
            + ["jun", "2019", "11.00", "uz podršku ", "Izvor:", "Agenda", "  • ", "(IOM)"]
        ),
        max_size=200,
    ).map("".join)
)
def test_any_text_either_parses_without_losing_lines_or_is_rejected(text):
    try:
        announcement = parse_announcement(text)
    except AnnouncementParseError as error:
        assert str(error)
        return
    assert non_blank_parsed_lines(announcement) == [
        line for line in re.sub(r"\r\n|\r", "\n", text).split("\n") if line.strip()
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(SEED_TEXT.split("\n")), min_size=0, max_size=40),
    st.integers(min_value=0, max_value=34),
)
def test_shuffled_seed_lines_never_crash_the_parser(extra_lines, position):
    """Reordered or repeated lines of a real announcement: parsed or rejected, never a crash."""
    lines = SEED_TEXT.split("\n")
    text = "\n".join(lines[:position] + extra_lines + lines[position:])
    try:
        announcement = parse_announcement(text)
    except AnnouncementParseError:
        return
    assert non_blank_parsed_lines(announcement) == non_blank_input_lines(text)


def test_the_parser_does_not_import_django():
    code = (
        "import sys, panel_event.importer.parser; "
        "sys.exit(1 if any(name.split('.')[0] in {'django', 'wagtail'} for name in sys.modules) "
        "else 0)"
    )
    project_root = Path(__file__).resolve().parents[3]
    completed = subprocess.run([sys.executable, "-c", code], cwd=project_root, check=False)
    assert completed.returncode == 0
