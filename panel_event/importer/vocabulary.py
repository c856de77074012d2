"""The words, limits and line patterns the announcement parser recognises."""

import re

MAX_INPUT_CHARS = 50_000
MAX_TITLE_CHARS = 255
# Dates, times, agenda items and labels sit on short lines; longer lines are prose. Skipping the
# structural patterns on long lines also keeps the work per line bounded.
MAX_STRUCTURED_LINE_CHARS = 200
MAX_VENUE_CHARS = 150
# A partner name without an acronym longer than this is more likely the rest of a sentence.
MAX_PARTNER_NAME_WORDS = 12

EXAMPLE_DATE_LINE = "Četvrtak, 20. jun 2019. godine, 11 časova"
EXAMPLE_AGENDA_ITEM = "11.00 – 11.10 – Uvodna obraćanja"


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "januara", "january", "jan"),
            ("februar", "februara", "february", "feb"),
            ("mart", "marta", "march", "mar"),
            ("april", "aprila", "apr"),
            ("maj", "maja", "may"),
            ("jun", "juna", "juni", "june"),
            ("jul", "jula", "juli", "july"),
            ("avgust", "avgusta", "august", "augusta", "aug"),
            ("septembar", "septembra", "september", "sep", "sept"),
            ("oktobar", "oktobra", "october", "okt", "oct"),
            ("novembar", "novembra", "november", "nov"),
            ("decembar", "decembra", "december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Nominative and the accusative used after "u" ("u sredu"), ekavian and ijekavian, and English.
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("ponedeljak", "ponedjeljak", "monday"),
            ("utorak", "tuesday"),
            ("sreda", "sredu", "srijeda", "srijedu", "wednesday"),
            ("četvrtak", "thursday"),
            ("petak", "friday"),
            ("subota", "subotu", "saturday"),
            ("nedelja", "nedelju", "nedjelja", "nedjelju", "sunday"),
        ]
    )
    for name in names
}

# Spelled out here because strftime("%A") follows the process locale.
ENGLISH_WEEKDAY_NAMES = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip

# Patterns run on folded, lowercased text. The first match in the title wins; on a tie the
# earlier entry wins, which is why press conferences come before conferences.
_EVENT_TYPE_PATTERNS = [
    ("other", r"konferencij\w*\s+za\s+(?:medije|novinare)|press\s+conference\w*"),
    ("panel_discussion", r"panel[- ]?(?:diskusij|debat|discussion|debate)\w*|panel"),
    ("round_table", r"okrugl\w*\s+stol?\w*|round[- ]?table\w*"),
    ("conference", r"konferencij\w*|conference\w*"),
    ("workshop", r"radionic\w*|workshop\w*"),
    ("training", r"obuk\w*|trening\w*|training\w*|seminar\w*"),
    ("lecture", r"predavanj\w*|lecture\w*"),
    ("webinar", r"vebinar\w*|webinar\w*"),
]
EVENT_TYPE_SEARCH = [
    (key, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")) for key, pattern in _EVENT_TYPE_PATTERNS
]

# Checked in order: "Zaključci i diskusija" is a closing, "Panel diskusija" a panel, and lunch is
# refreshments even when called a break ("Pauza za ručak"), while a coffee break is a break.
_AGENDA_KIND_PATTERNS = [
    ("opening", r"uvodn\w*|otvaranj\w*|pozdravn\w*|dobrodošlic\w*|opening|welcome\w*"),
    ("closing", r"zaključ\w*|zatvaranj\w*|završn\w*|closing|conclu\w*|wrap[- ]?up"),
    (
        "refreshments",
        r"osvežen\w*|osvježen\w*|ručak|ručk\w*|koktel\w*|posluženj\w*|refreshment\w*|lunch\w*"
        r"|cocktail\w*|reception|dinner",
    ),
    ("break", r"pauz\w*|break\w*|coffee"),
    ("panel", r"panel\w*"),
    (
        "presentation",
        r"prezentacij\w*|predstavljanj\w*|presentation\w*|keynote\w*|predavanj\w*|lecture\w*",
    ),
    (
        "discussion",
        r"diskusij\w*|rasprav\w*|debat\w*|discussion\w*|debate\w*|q\s*&\s*a"
        r"|pitanja\s+i\s+odgovori|questions\s+and\s+answers",
    ),
]
AGENDA_KIND_SEARCH = [
    (kind, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")) for kind, pattern in _AGENDA_KIND_PATTERNS
]

AGENDA_HEADINGS = frozenset(
    {
        "agenda",
        "agenda događaja",
        "program",
        "programme",
        "program događaja",
        "program skupa",
        "program rada",
        "dnevni red",
        "satnica",
        "raspored",
        "schedule",
        "event agenda",
        "event programme",
        "event program",
    }
)

CREDIT_LABEL = re.compile(
    r"(?:izvor(?:\s+fotografije)?|foto(?:grafija)?|photo(?:\s+credit)?|source|image\s+source"
    r"|credit)\s*:"
)
VENUE_LABEL = re.compile(
    r"(?:mesto(?:\s+održavanja)?|mjesto(?:\s+održavanja)?|lokacija|location|venue|place)\s*:"
)

# Honorifics before a person's name, and the lowercase particles some surnames carry.
NAME_PREFIXES = frozenset(
    {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "doc.", "msc"}
)
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le"})

# Frequent words that tell English from Serbian; Serbian month names are ASCII too, so only the
# English ones count as English.
ENGLISH_WORDS = frozenset(
    re.findall(
        r"\S+",
        """the and of to in with for on at by is are will be this that from an as it its which
        who we our their event remarks opening closing break agenda venue support cooperation
        january february march may june july august september october november december
        monday tuesday wednesday thursday friday saturday sunday""",
    )
)
SERBIAN_WORDS = frozenset(
    re.findall(
        r"\S+",
        """i u je da se na za sa od su će iz kao ili o koji koja koje kroz biti jeste ovaj ova
        ovo njega njih godine časova sati uz saradnji podršku projekta""",
    )
)

# --- Patterns for the structural lines ----------------------------------------------------------

DASHES = "\\-–—‒―−"  # hyphen, en dash, em dash, figure dash, horizontal bar, minus sign

# "20. jun 2019", "20 June 2019", "20th June, 2019" (day, month name, year).
DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s*([^\W\d_]+)\.?,?\s*(\d{4})(?!\d)", re.IGNORECASE
)
# "June 20, 2019" (month name, day, year).
MONTH_DAY_YEAR = re.compile(
    r"(?<![^\W\d_])([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.IGNORECASE
)
# "20.06.2019", "20. 6. 2019", "20/06/2019" (day first, as written in Serbia and most of Europe).
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4})(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")

_MERIDIEM = r"[ap]\.?\s?m\b\.?"
TIME = re.compile(
    r"(?:(?P<lead>(?<!\w)(?:u|at|od|from|počev\s+od|s\s+početkom\s+u|starting\s+at)\s+))?"
    r"(?<!\d)(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?(?!\d)"
    rf"\s*(?P<mer1>{_MERIDIEM})?"
    rf"(?:\s*(?:[{DASHES}]|do|to|until|till)\s*"
    r"(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?(?!\d)"
    rf"\s*(?P<mer2>{_MERIDIEM})?)?"
    r"\s*(?P<unit>časova|časa|čas|č\.|sati|sata|h|hrs|hours|o'clock)?"
    r"(?![^\W_])",
    re.IGNORECASE,
)

# "11.00 – 11.10 – Title", "11:00-11:10 Title", "9.30 Title", "11.00 do 11.10 Title".
AGENDA_ITEM = re.compile(
    r"(?P<h1>\d{1,2})[.:](?P<m1>\d{2})(?!\d)\s*(?:h(?![^\W\d_]))?"
    rf"(?:\s*(?:[{DASHES}]|(?:do|to|until)(?=\s))\s*"
    r"(?P<h2>\d{1,2})[.:](?P<m2>\d{2})(?!\d)\s*(?:h(?![^\W\d_]))?)?"
    rf"\s*[{DASHES}:|]?\s*(?P<title>.+)",
    re.IGNORECASE,
)

# "•", "·", "*", "-", "–", "o " and friends at the start of a line (dashes only before a space).
BULLET = re.compile(rf"\s*(?:[•·●◦▪▫■□‣⁃∙*]|[{DASHES}](?=\s)|o(?=\s))\s*")
