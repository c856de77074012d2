"""Content for the browser tests: a realistic event in Serbian (Latin script) and English.

The Cyrillic version is never written here: publishing the Latin page generates it.
"""

import datetime
import zoneinfo

from django.utils import timezone

from tests.builders import agenda, agenda_item, key_figures, partners_block, speaker

LANGUAGES = ("sr-latn", "sr-cyrl", "en")
BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
PASSWORD = "browser-test-password"  # for throwaway accounts in a throwaway database


def upcoming(days, hour, minute=0):
    """A local Belgrade date-time ``days`` from today, so calendar links are still offered."""
    day = timezone.localdate(timezone=BELGRADE) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BELGRADE)


# What the event says in Serbian (Latin script) and in English.
EVENT_TEXT = {
    "sr-latn": {
        "title": "Lokalne zajednice i podrška migrantima u Srbiji",
        "intro": "Panel diskusija o tome kako gradovi i centri za socijalni rad podržavaju "
        "migrante u ranjivom položaju.",
        "room": "Velika sala, drugi sprat",
        "objective": "<p>Cilj diskusije jeste da doprinese jačanju socijalne zaštite "
        "migranata kroz saradnju lokalnih institucija i organizacija civilnog društva.</p>",
        "capacity_note": "Broj mesta je ograničen na 40 učesnika.",
        "figures_title": "Projekat u brojkama",
        "figures": [
            ("10", "dodatnih stručnih radnika u centrima za socijalni rad"),
            ("7", "gradova u kojima projekat radi"),
            ("70%", "migranata obuhvaćeno programima podrške"),
        ],
        "agenda_title": "Agenda",
        "items": [
            ("Uvodna obraćanja", "koordinatorka projekta", "direktorka kancelarije"),
            ("Iskustva gradova i centara za socijalni rad", "", ""),
            ("Osveženje", "", ""),
        ],
        "group_speakers": "Kratke prezentacije predstavnika organizacija civilnog društva",
        "embassy": "Ambasada Švajcarske u Republici Srbiji",
        "partners_title": "Partneri",
    },
    "en": {
        "title": "Local communities and support for migrants in Serbia",
        "intro": "A panel discussion on how cities and social work centres support migrants "
        "in vulnerable situations.",
        "room": "Main hall, second floor",
        "objective": "<p>The discussion aims to strengthen the social protection of migrants "
        "through cooperation between local institutions and civil society.</p>",
        "capacity_note": "Places are limited to 40 participants.",
        "figures_title": "The project in numbers",
        "figures": [
            ("10", "additional professionals in social work centres"),
            ("7", "cities where the project works"),
            ("70%", "of migrants reached by support programmes"),
        ],
        "agenda_title": "Agenda",
        "items": [
            ("Opening remarks", "project coordinator", "head of office"),
            ("Experiences of cities and social work centres", "", ""),
            ("Refreshments", "", ""),
        ],
        "group_speakers": "Short presentations by civil society organisations",
        "embassy": "Embassy of Switzerland in the Republic of Serbia",
        "partners_title": "Partners",
    },
}
SPEAKERS = ("Jelena Ribać", "Ursula Lojbli")
PARTNER_NAMES = {
    "IOM": {"sr-latn": "Međunarodna organizacija za migracije", "en": "IOM – UN Migration"},
    "SDC": {
        "sr-latn": "Švajcarska agencija za razvoj i saradnju",
        "en": "Swiss Agency for Development and Cooperation",
    },
}


def event_body(text, partners):
    opening, sessions, refreshments = text["items"]
    return [
        key_figures(text["figures"], title=text["figures_title"]),
        agenda(
            [
                agenda_item(
                    "11:00:00",
                    "11:15:00",
                    opening[0],
                    kind="opening",
                    speakers=[
                        speaker(SPEAKERS[0], opening[1], organisation=partners["IOM"]),
                        speaker(SPEAKERS[1], opening[2], organisation_text=text["embassy"]),
                    ],
                ),
                agenda_item(
                    "11:15:00",
                    "12:30:00",
                    sessions[0],
                    kind="presentation",
                    group_speakers=text["group_speakers"],
                ),
                agenda_item("12:30:00", "13:00:00", refreshments[0], kind="refreshments"),
            ],
            title=text["agenda_title"],
        ),
        partners_block(
            [(partners["IOM"], "organiser"), (partners["SDC"], "funder")],
            title=text["partners_title"],
        ),
    ]


def fill_event(event, text, venue, partners):
    event.title = text["title"]
    event.intro = text["intro"]
    event.room = text["room"]
    event.objective = text["objective"]
    event.capacity_note = text["capacity_note"]
    event.venue = venue
    event.body = event_body(text, partners)
