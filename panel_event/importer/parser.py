"""Turn a pasted event announcement (e-mail or Word text) into structured data.

The parser is pure Python (no Django) so it can be tested and reused without a database. It works
line by line, because announcements are written as a sequence of short, recognisable lines:

1. The text is split into lines; every input line becomes a ``ParsedLine`` with a ``part`` label,
   so an admin preview can highlight what was recognised and nothing the editor pasted is lost.
2. The first non-empty line is the title. The title rule: when the text before the first colon
   is *nothing but* an event-type label ("Panel diskusija: Podrška i zaštita ..."), that label
   gives the event type and is stripped, so the title is "Podrška i zaštita ...". Anything else
   before a colon stays ("Radionica za mlade: Digitalne veštine" is kept whole, type workshop),
   as do labels of the "other" type ("Konferencija za medije: ..."). Without such a label the
   event type is guessed from the earliest event word in the title. A first line that is only a
   label ("PANEL DISKUSIJA") is an ``event_type`` line and the title is the next non-empty line.
3. The date line is found next: the first short line holding a date with a year (preferring a
   line that also names a time or a weekday, since a bare date may be a registration deadline).
   The start time, and an explicit end ("11-13 časova"), are read from the rest of that line, or
   from a short time-only line right after it.
4. One pass over the remaining lines then classifies each line, in this order of precedence:
   decorative separators, agenda items (a line starting with a time such as "11.00 - 11.10 -"),
   agenda headings, speaker lines under the current agenda item, the image-credit line, the venue
   (a "Mesto:"/"Venue:" line anywhere, else the line right after the date, else text trailing
   the time on the date line), and finally ordinary paragraph lines. Blank lines separate
   paragraphs and close an item's speaker block unless the next line is bulleted or indented
   (indented relative to the paste's common indentation, since some pastes indent every line).
5. Each paragraph is scanned for partner mentions ("uz podršku X", "in cooperation with Y (ACR)",
   "Organizator: X").
   A paragraph with mentions keeps its place in ``paragraphs``; its lines are labelled "partners".
6. An announcement needs a title and a date; without either ``AnnouncementParseError`` is raised
   with every reason at once. Missing venue, agenda or start time only go to ``problems``.

Matching is done on a "folded" copy of the text in which Cyrillic is transliterated to Latin, so
one keyword list serves sr-Latn, sr-Cyrl (and English has its own keywords); values handed back
(titles, names, organisations) are always cut from the original text as written. The folded copy
keeps a map from each of its characters to the original position for exactly that purpose.

All regular expressions avoid nested quantifiers, and the structural patterns only run on short
lines, so the parser stays roughly linear even for a 50,000-character paste of junk.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

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


@dataclass
class ParsedSpeaker:
    name: str
    role: str
    organisation: str


@dataclass
class ParsedAgendaItem:
    start: datetime.time
    end: datetime.time | None
    title: str
    kind: str
    speakers: list[ParsedSpeaker] = field(default_factory=list)
    # Bulleted lines under an item that name a group rather than a person, one per line.
    group_speakers: str = ""


@dataclass
class ParsedPartnerMention:
    name: str
    acronym: str
    role: str


@dataclass
class ParsedLine:
    number: int
    text: str
    part: str


@dataclass
class ParsedAnnouncement:
    title: str
    event_type: str
    start_date: datetime.date | None
    start_time: datetime.time | None
    end_time: datetime.time | None
    venue_name: str
    image_credit: str
    paragraphs: list[str]
    agenda: list[ParsedAgendaItem]
    partners: list[ParsedPartnerMention]
    language: str
    lines: list[ParsedLine]
    problems: list[str]


class AnnouncementParseError(ValueError):
    """The text is not an announcement; the message tells the editor what was expected."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        super().__init__(message)
        self.reasons = reasons if reasons is not None else [message]


# --- Folding: Cyrillic to Latin for matching, with a way back to the original text -------------

_CYRILLIC_TO_LATIN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N", "Њ": "Nj", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C",
    "Ч": "Č", "Џ": "Dž", "Ш": "Š",
}  # fmt: skip
_CYRILLIC_TO_LATIN.update(
    {cyr.lower(): lat.lower() for cyr, lat in list(_CYRILLIC_TO_LATIN.items())}
)


@dataclass
class _Folded:
    """Text with Cyrillic transliterated to Latin, plus each character's original position."""

    original: str
    text: str
    origin: list[int]

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        if start >= end:
            return ""
        return self.original[self.origin[start] : self.origin[end - 1] + 1]

    def original_char(self, index: int) -> str:
        return self.original[self.origin[index]]


def _fold(text: str) -> _Folded:
    pieces = []
    origin = []
    for index, char in enumerate(text):
        latin = _CYRILLIC_TO_LATIN.get(char, char)
        pieces.append(latin)
        origin.extend([index] * len(latin))
    return _Folded(text, "".join(pieces), origin)


def _latin_lower(text: str) -> str:
    """Text folded to Latin and lowercased, for keyword matching only."""
    return "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in text).lower()


# --- Vocabularies -------------------------------------------------------------------------------

_MONTHS = {
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
_WEEKDAYS = {
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
_ENGLISH_WEEKDAY_NAMES = (
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
_EVENT_TYPE_SEARCH = [
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
_AGENDA_KIND_SEARCH = [
    (kind, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")) for kind, pattern in _AGENDA_KIND_PATTERNS
]

_AGENDA_HEADINGS = frozenset(
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

_CREDIT_LABEL = re.compile(
    r"(?:izvor(?:\s+fotografije)?|foto(?:grafija)?|photo(?:\s+credit)?|source|image\s+source"
    r"|credit)\s*:"
)
_VENUE_LABEL = re.compile(
    r"(?:mesto(?:\s+održavanja)?|mjesto(?:\s+održavanja)?|lokacija|location|venue|place)\s*:"
)

# Honorifics before a person's name, and the lowercase particles some surnames carry.
_NAME_PREFIXES = frozenset(
    {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "doc.", "msc"}
)
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le"})

# Frequent words that tell English from Serbian; Serbian month names are ASCII too, so only the
# English ones count as English.
_ENGLISH_WORDS = frozenset(
    re.findall(
        r"\S+",
        """the and of to in with for on at by is are will be this that from an as it its which
        who we our their event remarks opening closing break agenda venue support cooperation
        january february march may june july august september october november december
        monday tuesday wednesday thursday friday saturday sunday""",
    )
)
_SERBIAN_WORDS = frozenset(
    re.findall(
        r"\S+",
        """i u je da se na za sa od su će iz kao ili o koji koja koje kroz biti jeste ovaj ova
        ovo njega njih godine časova sati uz saradnji podršku projekta""",
    )
)

# --- Patterns for the structural lines ----------------------------------------------------------

_DASHES = "\\-–—‒―−"  # hyphen, en dash, em dash, figure dash, horizontal bar, minus sign

# "20. jun 2019", "20 June 2019", "20th June, 2019" (day, month name, year).
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s*([^\W\d_]+)\.?,?\s*(\d{4})(?!\d)", re.IGNORECASE
)
# "June 20, 2019" (month name, day, year).
_MONTH_DAY_YEAR = re.compile(
    r"(?<![^\W\d_])([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.IGNORECASE
)
# "20.06.2019", "20. 6. 2019", "20/06/2019" (day first, as written in Serbia and most of Europe).
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")

_MERIDIEM = r"[ap]\.?\s?m\b\.?"
_TIME = re.compile(
    r"(?:(?P<lead>(?<!\w)(?:u|at|od|from|počev\s+od|s\s+početkom\s+u|starting\s+at)\s+))?"
    r"(?<!\d)(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?(?!\d)"
    rf"\s*(?P<mer1>{_MERIDIEM})?"
    rf"(?:\s*(?:[{_DASHES}]|do|to|until|till)\s*"
    r"(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?(?!\d)"
    rf"\s*(?P<mer2>{_MERIDIEM})?)?"
    r"\s*(?P<unit>časova|časa|čas|č\.|sati|sata|h|hrs|hours|o'clock)?"
    r"(?![^\W_])",
    re.IGNORECASE,
)

# "11.00 – 11.10 – Title", "11:00-11:10 Title", "9.30 Title", "11.00 do 11.10 Title".
_AGENDA_ITEM = re.compile(
    r"(?P<h1>\d{1,2})[.:](?P<m1>\d{2})(?!\d)\s*(?:h(?![^\W\d_]))?"
    rf"(?:\s*(?:[{_DASHES}]|(?:do|to|until)(?=\s))\s*"
    r"(?P<h2>\d{1,2})[.:](?P<m2>\d{2})(?!\d)\s*(?:h(?![^\W\d_]))?)?"
    rf"\s*[{_DASHES}:|]?\s*(?P<title>.+)",
    re.IGNORECASE,
)

# "•", "·", "*", "-", "–", "o " and friends at the start of a line (dashes only before a space).
_BULLET = re.compile(rf"\s*(?:[•·●◦▪▫■□‣⁃∙*]|[{_DASHES}](?=\s)|o(?=\s))\s*")

# --- Partner mentions ---------------------------------------------------------------------------

# Each cue introduces the names that follow it ("uz podršku X"). Names before a verb ("IOM
# sprovodi projekat") are not read; the lowercase word after such a cue makes the parser skip it.
_PARTNER_CUES = {
    "organiser": r"organizuje|organizuju|u\s+organizaciji"
    r"|organizator[ai]?(?:\s+(?:događaja|skupa))?(?:\s+(?:je|su)|\s*:)"
    r"|organi[sz]ed\s+by|organi[sz]ers?(?:\s+(?:is|are)|\s*:)",
    "implementing_partner": r"sprovodi|sprovode|realizuje|realizuju|implementira|implementiraju"
    r"|(?:is\s+|are\s+)?implemented\s+by",
    "funder": r"uz\s+(?:finansijsku\s+)?podršku|finansira|finansiraju"
    r"|(?:finansiran|podržan)[aoi]?\s+(?:je\s+)?od\s+strane"
    r"|with\s+the\s+(?:financial\s+|generous\s+|kind\s+)?support\s+(?:of|from)|supported\s+by"
    r"|funded\s+by|financed\s+by|sponsored\s+by",
    "cooperation": r"u\s+saradnji\s+sa?|u\s+partnerstvu\s+sa?"
    r"|in\s+(?:close\s+)?(?:cooperation|collaboration|partnership)\s+with",
    "coordination": r"(?:u\s+)?koordinaciji\s+sa?|in\s+coordination\s+with|coordinated\s+by",
    "host": r"domaćin[ia]?(?:\s+(?:događaja|skupa))?\s+(?:je|su|će\s+biti)|hosted\s+by",
    "media_partner": r"medijsk[ie]\s+partner[ia]?(?:\s+(?:događaja|skupa))?(?:\s+(?:je|su))?"
    r"|media\s+partners?(?:\s+(?:is|are))?",
}
_PARTNER_CUE = re.compile(
    "(?<![^\\W_])(?:"
    + "|".join(f"(?P<{role}>{pattern})" for role, pattern in _PARTNER_CUES.items())
    + ")(?![^\\W_])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_ACRONYM = re.compile(r"\(\s*([A-ZČĆŠŽĐ][A-Za-zČĆŠŽĐčćšžđ&\-]{1,14})\s*\)")
# Words between a cue and the name, or between two names; case-sensitive on purpose so an
# initial such as "S." is never mistaken for the preposition "s".
_LEADING_FILLER = re.compile(
    r"[\s,;:]+|(?:i|and|kao\s+i|te|as\s+well\s+as|[Tt]he|sa|s|with|by|od\s+strane|je|su|is|are)"
    r"(?![^\W_])"
)
_TRAILING_FILLERS = (" i", " and", " te", " kao", " as well as")
# Where a name without an acronym ends: a comma before a lowercase word, a spaced dash, a colon.
_NAME_END = re.compile(rf",\s*(?=[a-zčćšžđ])|\s[{_DASHES}]\s|[;:(]")
_SERBIAN_NAME_SPLIT = re.compile(r",\s+(?=[A-ZČĆŠŽĐ])|\s+(?:i|and)\s+(?=[A-ZČĆŠŽĐ])")
_ENGLISH_NAME_SPLIT = re.compile(r",?\s+and\s+(?=the\s)|,\s+(?=the\s)|;\s*")


# --- Small value parsers ------------------------------------------------------------------------


@dataclass
class _DateLine:
    """What the date line says."""

    date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    weekday_word: str
    # Folded words before the date ("četvrtak", "beograd"), to tell a date line from a title.
    words_before: list[str]
    # Original text after the date/time, which sometimes holds the venue ("..., Hotel Zira").
    remainder: str


@dataclass
class _TimeRange:
    start: datetime.time
    end: datetime.time | None
    span_end: int


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _find_date(latin: str) -> tuple[datetime.date, int, int] | None:
    """The earliest valid date in a folded, lowercased line, with its span."""
    found = []
    for match in _DAY_MONTH_YEAR.finditer(latin):
        month = _MONTHS.get(match.group(2))
        if month and (date := _make_date(int(match.group(3)), month, int(match.group(1)))):
            found.append((match.start(), match.end(), date))
            break
    for match in _MONTH_DAY_YEAR.finditer(latin):
        month = _MONTHS.get(match.group(1))
        if month and (date := _make_date(int(match.group(3)), month, int(match.group(2)))):
            found.append((match.start(), match.end(), date))
            break
    for match in _NUMERIC_DATE.finditer(latin):
        if date := _make_date(int(match.group(3)), int(match.group(2)), int(match.group(1))):
            found.append((match.start(), match.end(), date))
            break
    for match in _ISO_DATE.finditer(latin):
        if date := _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3))):
            found.append((match.start(), match.end(), date))
            break
    if not found:
        return None
    start, end, date = min(found, key=lambda item: item[0])
    return date, start, end


def _to_24h(hour: int, meridiem: str | None) -> int:
    if meridiem and meridiem[0] == "p" and hour < 12:
        return hour + 12
    if meridiem and meridiem[0] == "a" and hour == 12:
        return 0
    return hour


def _make_time(hour: int, minute: int) -> datetime.time | None:
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return datetime.time(hour, minute)
    return None


def _find_time(latin: str, start: int = 0) -> _TimeRange | None:
    """The first time (or time range) in a folded, lowercased line that is clearly a time.

    A bare number is only a time with evidence: minutes, a unit ("časova", "h"), a meridiem,
    a range, or a leading "u"/"at"/"od"/"from".
    """
    for match in _TIME.finditer(latin, start):
        groups = match.groupdict()
        if not any(groups[name] for name in ("lead", "m1", "mer1", "mer2", "unit", "h2")):
            continue
        first_meridiem = groups["mer1"]
        if not first_meridiem and groups["mer2"] and groups["h2"]:
            # "1-3 pm" is 13-15, but "11-1 pm" starts in the morning.
            if int(groups["h1"]) % 12 <= int(groups["h2"]) % 12:
                first_meridiem = groups["mer2"]
            else:
                first_meridiem = "am"
        start_time = _make_time(_to_24h(int(groups["h1"]), first_meridiem), int(groups["m1"] or 0))
        if start_time is None:
            continue
        end_time = None
        if groups["h2"]:
            end_time = _make_time(
                _to_24h(int(groups["h2"]), groups["mer2"]), int(groups["m2"] or 0)
            )
            if end_time is not None and end_time <= start_time:
                end_time = None
        return _TimeRange(start_time, end_time, match.end())
    return None


_REMAINDER_FILLER = re.compile(
    r"[\s,.;:\-–—]+|(?:godine|god\.|u|at|in|časova|sati|h)(?![^\W_])", re.IGNORECASE
)


def _strip_leading(
    pattern: re.Pattern, text: str, position: int = 0, end: int | None = None
) -> int:
    """Advance past repeated matches of ``pattern`` (each must consume at least one character)."""
    end = len(text) if end is None else end
    while position < end:
        match = pattern.match(text, position, end)
        if not match or match.end() == position:
            break
        position = match.end()
    return position


def _lower_keeping_length(text: str) -> str:
    """Lowercase without the rare characters whose lowercase is longer ("İ"), so that
    positions in the result still line up with the folded text's position map."""
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)


def _read_date_line(text: str) -> _DateLine | None:
    folded = _fold(text)
    latin = _lower_keeping_length(folded.text)
    found = _find_date(latin)
    if found is None:
        return None
    date, date_start, date_end = found
    time_range = _find_time(latin, date_end)
    after = time_range.span_end if time_range else date_end
    remainder_start = _strip_leading(_REMAINDER_FILLER, latin, after)
    remainder = folded.original_slice(remainder_start, len(latin)).strip()
    weekday_word = ""
    for word in re.finditer(r"[^\W\d_]+", text):
        if _latin_lower(word.group()) in _WEEKDAYS:
            weekday_word = word.group()
            break
    return _DateLine(
        date=date,
        start_time=time_range.start if time_range else None,
        end_time=time_range.end if time_range else None,
        weekday_word=weekday_word,
        words_before=re.findall(r"[^\W\d_]+", latin[:date_start]),
        remainder=remainder,
    )


_IMPOSSIBLE_DATE = re.compile(
    r"(?<!\d)\d{1,2}\.?\s*(?:[^\W\d_]+|\d{1,2}\.)\s*\d{4}(?!\d)", re.IGNORECASE
)


def _looks_like_invalid_date(text: str) -> bool:
    """A date-shaped text ("31. jun 2019", "31.06.2019") whose day or month cannot exist."""
    latin = _latin_lower(text)
    for match in _IMPOSSIBLE_DATE.finditer(latin):
        words = re.findall(r"[^\W\d_]+", match.group())
        if not words or words[0] in _MONTHS:
            return True
    return False


def _read_time_only_line(text: str) -> _TimeRange | None:
    """A short line that only gives the time ("11 časova", "od 11 do 13h"), below the date."""
    if len(text) > 40:
        return None
    latin = _latin_lower(text)
    time_range = _find_time(latin)
    if time_range is None:
        return None
    # "Početak u 11 časova" is fine; a sentence that happens to hold a time is not.
    first_digit = re.search(r"\d", latin)
    words_before = re.findall(r"[^\W\d_]+", latin[: first_digit.start()]) if first_digit else []
    return time_range if len(words_before) <= 2 else None


def _guess_event_type(title: str) -> str:
    latin = _latin_lower(title)
    best = None
    for key, pattern in _EVENT_TYPE_SEARCH:
        match = pattern.search(latin)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), key)
    return best[1] if best else "other"


def _is_event_type_label(text: str) -> str | None:
    """The event type if ``text`` is nothing but a label such as "Panel diskusija".

    Labels of the "other" type ("Konferencija za medije") are not labels: stripping them from the
    title would lose what kind of event it is.
    """
    label = _latin_lower(text).strip().rstrip(":").strip()
    for key, pattern in _EVENT_TYPE_SEARCH:
        if pattern.fullmatch(label):
            return key if key != "other" else None
    return None


def _guess_agenda_kind(title: str) -> str:
    latin = _latin_lower(title)
    for kind, pattern in _AGENDA_KIND_SEARCH:
        if pattern.search(latin):
            return kind
    return "session"


def _split_bullet(raw: str) -> tuple[str, str]:
    """How the line is marked ("bullet", "indent" or ""), and its text after the bullet."""
    match = _BULLET.match(raw)
    if match:
        return "bullet", raw[match.end() :].strip()
    return ("indent" if raw[:1].isspace() else ""), raw.strip()


@dataclass
class _AgendaLine:
    start: datetime.time | None
    end: datetime.time | None
    title: str


def _read_agenda_line(content: str) -> _AgendaLine | None:
    """An agenda item line, or None. Times out of range give an item with ``start`` None."""
    if len(content) > MAX_STRUCTURED_LINE_CHARS:
        return None
    match = _AGENDA_ITEM.fullmatch(content)
    if not match:
        return None
    title = match.group("title").strip()
    # "1.12. u 10h" or "20.06.2019" are dates, not items: a title starts with a word or a quote.
    if not (title[0].isalnum() or title[0] in "„“\"'«(["):
        return None
    if not any(char.isalpha() for char in title):
        return None
    start = _make_time(int(match.group("h1")), int(match.group("m1")))
    end = None
    if match.group("h2"):
        end = _make_time(int(match.group("h2")), int(match.group("m2")))
        if end is None:
            start = None
    return _AgendaLine(start, end, title)


def _could_be_venue(text: str) -> bool:
    """A venue is a short name ("Media i reform centar Niš"), not a sentence of the description."""
    if len(text) > MAX_VENUE_CHARS:
        return False
    return not (text.endswith((".", "!", "?")) and len(text.split()) > 6)


def _is_agenda_heading(text: str) -> bool:
    return _latin_lower(text).strip().rstrip(":").strip() in _AGENDA_HEADINGS


def _looks_like_person_name(text: str) -> bool:
    words = text.split()
    while words and words[0].lower() in _NAME_PREFIXES:
        words = words[1:]
    if not 2 <= len(words) <= 4:
        return False
    for word in words:
        if any(char.isdigit() or char in ":;()/" for char in word):
            return False
        if not (word[0].isupper() or word.lower() in _NAME_PARTICLES):
            return False
    return True


def _read_speaker(content: str) -> ParsedSpeaker | None:
    """A speaker from "Name, role, organisation", split on the first two commas only, because
    organisations may contain commas themselves. None if the first part is not a person's name."""
    parts = content.split(",", 2)
    if len(parts) < 2 or not _looks_like_person_name(parts[0].strip()):
        return None
    role = parts[1].strip().rstrip(";,").strip()
    organisation = parts[2].strip().rstrip(";,").strip() if len(parts) == 3 else ""
    return ParsedSpeaker(name=parts[0].strip(), role=role, organisation=organisation)


def _detect_language(text: str) -> str:
    cyrillic = sum(1 for char in text if "\u0400" <= char <= "\u04ff")
    latin = sum(1 for char in text if char.isalpha() and not "\u0400" <= char <= "\u04ff")
    if cyrillic > latin:
        return "sr-cyrl"
    words = re.findall(r"[^\W\d_]+", _latin_lower(text))
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    serbian = sum(1 for word in words if word in _SERBIAN_WORDS)
    return "en" if english > serbian else "sr-latn"


# --- Partner mentions ---------------------------------------------------------------------------


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past filler words and punctuation at both ends."""
    start = _strip_leading(_LEADING_FILLER, text, start, end)
    while end > start:
        previous = end
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
            end -= 1
        for filler in _TRAILING_FILLERS:
            if text.endswith(filler, start, end):
                end -= len(filler)
                break
        if end == previous:
            break
    return start, end


def _starts_with_capital(folded: _Folded, start: int, end: int) -> bool:
    """Whether a span starts with a capital letter, after any opening quote („Fondacija“)."""
    while start < end and folded.text[start] in "„“\"'«":
        start += 1
    return start < end and folded.original_char(start).isupper()


def _names_without_acronym(
    folded: _Folded, start: int, end: int, role: str, english: bool
) -> list[ParsedPartnerMention]:
    start, end = _trim_span(folded.text, start, end)
    if not _starts_with_capital(folded, start, end):
        return []
    boundary = _NAME_END.search(folded.text, start, end)
    if boundary:
        end = boundary.start()
    splitter = _ENGLISH_NAME_SPLIT if english else _SERBIAN_NAME_SPLIT
    mentions = []
    piece_start = start
    for cut in [*splitter.finditer(folded.text, start, end), None]:
        piece_end = cut.start() if cut else end
        name_start, name_end = _trim_span(folded.text, piece_start, piece_end)
        name = folded.original_slice(name_start, name_end)
        if (
            _starts_with_capital(folded, name_start, name_end)
            and len(name.split()) <= MAX_PARTNER_NAME_WORDS
        ):
            mentions.append(ParsedPartnerMention(name=name, acronym="", role=role))
        if cut:
            piece_start = cut.end()
    return mentions


def _partner_mentions(paragraph: str, english: bool) -> list[ParsedPartnerMention]:
    """Partner mentions in one paragraph, in the order they are written."""
    folded = _fold(paragraph)
    text = folded.text
    cues = list(_PARTNER_CUE.finditer(text))
    mentions = []
    for index, cue in enumerate(cues):
        role = cue.lastgroup
        segment_end = cues[index + 1].start() if index + 1 < len(cues) else len(text)
        sentence_end = _SENTENCE_END.search(text, cue.end(), segment_end)
        if sentence_end:
            segment_end = sentence_end.start()
        start, _ = _trim_span(text, cue.end(), segment_end)
        # "se organizuje u okviru projekta" or "realizuju programe": no name follows the cue.
        if not _starts_with_capital(folded, start, segment_end):
            continue
        piece_start = start
        for acronym in _ACRONYM.finditer(text, start, segment_end):
            acronym_text = acronym.group(1)
            if sum(1 for char in acronym_text if char.isupper()) < 2:
                continue  # "(Beograd)" is part of the name, not an acronym
            name_start, name_end = _trim_span(text, piece_start, acronym.start())
            name = folded.original_slice(name_start, name_end)
            if name:
                mentions.append(
                    ParsedPartnerMention(
                        name=name,
                        acronym=folded.original_slice(acronym.start(1), acronym.end(1)),
                        role=role,
                    )
                )
            piece_start = acronym.end()
        mentions.extend(_names_without_acronym(folded, piece_start, segment_end, role, english))
    return mentions


# --- Input checks -------------------------------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def _split_lines(text: str) -> list[str]:
    """Lines as the editor sees them; Word's soft breaks (\\x0b) and Mac/Windows ends count too."""
    lines = _LINE_BREAKS.sub("\n", text).split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _reject_unusable_text(text: str) -> None:
    if len(text) > MAX_INPUT_CHARS:
        raise AnnouncementParseError(
            f"The text has {len(text):,} characters; at most {MAX_INPUT_CHARS:,} are accepted. "
            "Paste the announcement of a single event only."
        )
    if not text.strip():
        raise AnnouncementParseError(
            "The text is empty. Paste the whole announcement: the title on the first line, then "
            f"the date line (such as '{EXAMPLE_DATE_LINE}'), the venue, the description and "
            "the agenda."
        )
    junk = sum(
        1
        for char in text
        if char not in "\t\n\r\x0b\x0c\x85\u2028\u2029"
        and (unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} or char == "\ufffd")
    )
    if "\x00" in text or junk > max(3, len(text) // 100):
        raise AnnouncementParseError(
            "The text contains control characters or binary data, so it does not look like an "
            "announcement copied from an e-mail or a Word document. Copy the announcement text "
            "again and paste it as plain text."
        )


def _preview(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- The parser ---------------------------------------------------------------------------------


def parse_announcement(text: str) -> ParsedAnnouncement:
    """Parse a pasted announcement; raise ``AnnouncementParseError`` if it is not one.

    An announcement needs a title (the first line) and a date line. Everything else is optional
    and its absence is reported in ``problems`` rather than raised.
    """
    _reject_unusable_text(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_lines = _split_lines(text)
    lines = [
        ParsedLine(number=number, text=raw, part="blank" if not raw.strip() else "")
        for number, raw in enumerate(raw_lines, start=1)
    ]
    return _AnnouncementReader(lines, _detect_language(text)).read()


class _AnnouncementReader:
    """Holds the state of one parse; ``read`` runs the steps in the module docstring."""

    def __init__(self, lines: list[ParsedLine], language: str):
        self.lines = lines
        self.language = language
        # Some pastes indent every line; only indentation beyond the common one marks a line.
        self.common_indent = min(
            (len(line.text) - len(line.text.lstrip()) for line in lines if line.part != "blank"),
            default=0,
        )
        self.problems: list[str] = []
        self.fatal: list[str] = []
        self.title = ""
        self.event_type = "other"
        self.date_line: _DateLine | None = None
        self.date_block_end = -1  # index of the last line of the date block
        self.venue_name = ""
        self.image_credit = ""
        self.agenda: list[ParsedAgendaItem] = []
        self.agenda_heading_line = 0
        self.paragraph_line_groups: list[list[int]] = []

    def read(self) -> ParsedAnnouncement:
        content_indexes = [index for index, line in enumerate(self.lines) if line.part != "blank"]
        title_index = self._read_title(content_indexes)
        self._read_date(content_indexes, title_index)
        if self.fatal:
            raise AnnouncementParseError(" ".join(self.fatal), self.fatal)
        self._classify_remaining_lines()
        self._finish_agenda()
        paragraphs, partners = self._collect_paragraphs_and_partners()
        start_time, end_time = self._event_times()
        if not self.venue_name and self.date_line.remainder[:1].isupper():
            # "20. jun 2019. u 11 časova, Hotel Zira": the venue trails the date line.
            self.venue_name = self.date_line.remainder.rstrip(".").strip()
        if not self.venue_name:
            self.problems.append(
                "No venue found. Put the venue on the line right after the date, or on a line "
                "starting with 'Mesto:'."
            )
        if not self.agenda:
            self.problems.append(
                f"No agenda found. Agenda items are lines such as '{EXAMPLE_AGENDA_ITEM}'."
            )
        return ParsedAnnouncement(
            title=self.title,
            event_type=self.event_type,
            start_date=self.date_line.date,
            start_time=start_time,
            end_time=end_time,
            venue_name=self.venue_name,
            image_credit=self.image_credit,
            paragraphs=paragraphs,
            agenda=self.agenda,
            partners=partners,
            language=self.language,
            lines=self.lines,
            problems=self.problems,
        )

    # Step 2: title and event type.
    def _read_title(self, content_indexes: list[int]) -> int:
        first = content_indexes[0]
        label_type = _is_event_type_label(self.lines[first].text)
        # "PANEL DISKUSIJA" above the real title; but a label followed by the date is the title.
        if label_type and len(content_indexes) > 1:
            following = self.lines[content_indexes[1]].text.strip()
            if self._structural_kind(following) or _looks_like_invalid_date(following):
                label_type = None
        else:
            label_type = None
        if label_type:
            self.lines[first].part = "event_type"
            self.event_type = label_type
            first = content_indexes[1]
        line = self.lines[first]
        raw_title = line.text.strip()
        looks_like = self._structural_kind(raw_title)
        if looks_like:
            self.fatal.append(
                f"The first line ('{_preview(raw_title)}') looks like {looks_like}, not a title. "
                "Put the event title alone on the first line."
            )
            return first
        if len(raw_title) > MAX_TITLE_CHARS:
            self.fatal.append(
                f"The first line has {len(raw_title):,} characters, too many for an event title "
                f"(at most {MAX_TITLE_CHARS}). Put the event title alone on the first line."
            )
        line.part = "title"
        self.title = raw_title
        # "Panel diskusija: Podrška i zaštita ..." -> the label is the event type, not the title.
        label, colon, rest = raw_title.partition(":")
        prefix_type = _is_event_type_label(label) if colon and rest.strip() else None
        if prefix_type:
            self.event_type = prefix_type
            self.title = rest.strip()
        elif not label_type:
            self.event_type = _guess_event_type(raw_title)
        return first

    def _structural_kind(self, text: str) -> str:
        if len(text) > MAX_STRUCTURED_LINE_CHARS:
            return ""
        date_line = _read_date_line(text)
        # "Četvrtak, 20. jun 2019." is a date line; "Konferencija 20. jun 2019." is a title.
        if date_line and all(word in _WEEKDAYS for word in date_line.words_before):
            return "the event date"
        if _read_agenda_line(_split_bullet(text)[1]):
            return "an agenda item"
        if _is_agenda_heading(text):
            return "an agenda heading"
        if _CREDIT_LABEL.match(_latin_lower(text)):
            return "an image credit"
        return ""

    # Step 3: the date line and an optional time-only line below it.
    def _read_date(self, content_indexes: list[int], title_index: int) -> None:
        # A first line that is a date was reported as a missing title; it still counts as the date.
        search_from = title_index if self.lines[title_index].part != "title" else title_index + 1
        candidates = []
        invalid_dates = []
        for index in content_indexes:
            if index < search_from or self.lines[index].part:
                continue
            text = self.lines[index].text.strip()
            if len(text) > MAX_STRUCTURED_LINE_CHARS:
                continue
            date_line = _read_date_line(text)
            if date_line is None:
                if _looks_like_invalid_date(text):
                    invalid_dates.append(self.lines[index])
                continue
            candidates.append((index, date_line))
            if date_line.start_time or date_line.weekday_word:
                break
        if not candidates:
            message = (
                f"No event date found. Expected a line such as '{EXAMPLE_DATE_LINE}' (or "
                "'20.06.2019. u 11:00', or 'Thursday, 20 June 2019, 11:00') below the title."
            )
            for line in invalid_dates[:3]:
                message += f" Line {line.number} ('{_preview(line.text)}') has an impossible date."
            self.fatal.append(message)
            return
        # Prefer a line that also names a time or a weekday: a bare date may be a deadline.
        index, date_line = next(
            ((i, d) for i, d in candidates if d.start_time or d.weekday_word), candidates[0]
        )
        self.date_line = date_line
        self.lines[index].part = "date"
        self.date_block_end = index
        next_index = index + 1
        if date_line.start_time is None and next_index < len(self.lines):
            time_range = _read_time_only_line(self.lines[next_index].text.strip())
            if time_range and not self.lines[next_index].part:
                self.lines[next_index].part = "date"
                self.date_block_end = next_index
                date_line.start_time, date_line.end_time = time_range.start, time_range.end
                date_line.remainder = ""
        if date_line.weekday_word:
            named = _WEEKDAYS[_latin_lower(date_line.weekday_word)]
            actual = date_line.date.weekday()
            if named != actual:
                self.problems.append(
                    f"Line {index + 1} names '{date_line.weekday_word}', but "
                    f"{date_line.date:%d.%m.%Y} is a {_ENGLISH_WEEKDAY_NAMES[actual]}. "
                    "Check the date."
                )

    # Step 4: one pass over everything else.
    def _classify_remaining_lines(self) -> None:
        labelled_venue = any(
            not line.part
            and len(line.text) <= MAX_STRUCTURED_LINE_CHARS
            and _VENUE_LABEL.match(_latin_lower(line.text.strip()))
            for line in self.lines
        )
        current_item: ParsedAgendaItem | None = None
        paragraph: list[int] = []
        for index, line in enumerate(self.lines):
            part = line.part or self._classify(index, line, current_item, labelled_venue)
            line.part = part
            # Speaker lines and blank lines keep the current item open; anything else closes it.
            if part == "agenda_item":
                current_item = self.agenda[-1]
            elif part not in {"speaker", "group_speakers", "blank"}:
                current_item = None
            if part == "paragraph":
                paragraph.append(index)
            elif paragraph:
                self.paragraph_line_groups.append(paragraph)
                paragraph = []
        if paragraph:
            self.paragraph_line_groups.append(paragraph)
        if self.agenda_heading_line and not self.agenda:
            self.problems.append(
                f"Line {self.agenda_heading_line} is an agenda heading, but no agenda items with "
                f"times follow it. Agenda items are lines such as '{EXAMPLE_AGENDA_ITEM}'."
            )

    def _classify(
        self,
        index: int,
        line: ParsedLine,
        current_item: ParsedAgendaItem | None,
        labelled_venue: bool,
    ) -> str:
        stripped = line.text.strip()
        if not any(char.isalnum() for char in stripped):
            return "unrecognised"  # separators such as "-----" or "* * *"
        marker, content = _split_bullet(line.text[self.common_indent :])

        agenda_line = _read_agenda_line(content)
        if agenda_line is not None:
            if agenda_line.start is None:
                self.problems.append(
                    f"Line {line.number} ('{_preview(stripped)}') looks like an agenda item, "
                    "but its time is not a valid time of day; it was left out of the agenda."
                )
                return "unrecognised"
            self.agenda.append(
                ParsedAgendaItem(
                    start=agenda_line.start,
                    end=agenda_line.end,
                    title=agenda_line.title,
                    kind=_guess_agenda_kind(agenda_line.title),
                    speakers=[],
                    group_speakers="",
                )
            )
            return "agenda_item"

        if _is_agenda_heading(stripped):
            self.agenda_heading_line = self.agenda_heading_line or line.number
            return "agenda_heading"

        if current_item is not None:
            previous_part = self.lines[index - 1].part if index else ""
            directly_under = previous_part in {"agenda_item", "speaker", "group_speakers"}
            if marker or directly_under:
                speaker = _read_speaker(content)
                if speaker is not None:
                    current_item.speakers.append(speaker)
                    return "speaker"
                current_item.group_speakers = "\n".join(
                    filter(None, [current_item.group_speakers, content])
                )
                return "group_speakers"

        short = len(stripped) <= MAX_STRUCTURED_LINE_CHARS
        latin = _latin_lower(stripped)
        if short and not self.image_credit and _CREDIT_LABEL.match(latin):
            self.image_credit = stripped.partition(":")[2].strip()
            return "credit"
        if short and not self.venue_name and _VENUE_LABEL.match(latin):
            self.venue_name = stripped.partition(":")[2].strip()
            return "venue"
        if (
            not labelled_venue
            and not self.venue_name
            and index == self.date_block_end + 1
            and marker != "bullet"
            and _could_be_venue(stripped)
        ):
            self.venue_name = stripped
            return "venue"
        return "paragraph"

    def _finish_agenda(self) -> None:
        for index, item in enumerate(self.agenda):
            following = self.agenda[index + 1] if index + 1 < len(self.agenda) else None
            # "11.00 Otvaranje" ends when the next item starts, if that is later the same day.
            if item.end is None and following is not None and following.start > item.start:
                item.end = following.start
            if item.end is not None and item.end <= item.start:
                self.problems.append(
                    f"The agenda item '{_preview(item.title)}' ends ({item.end:%H:%M}) before it "
                    f"starts ({item.start:%H:%M})."
                )

    def _collect_paragraphs_and_partners(self) -> tuple[list[str], list[ParsedPartnerMention]]:
        paragraphs = []
        partners: list[ParsedPartnerMention] = []
        seen = set()
        english = self.language == "en"
        for group in self.paragraph_line_groups:
            paragraph = " ".join(self.lines[index].text.strip() for index in group)
            paragraphs.append(paragraph)
            mentions = _partner_mentions(paragraph, english)
            for mention in mentions:
                key = (mention.acronym.lower() or mention.name.lower(), mention.role)
                if key not in seen:
                    seen.add(key)
                    partners.append(mention)
            if mentions:
                for index in group:
                    self.lines[index].part = "partners"
        return paragraphs, partners

    def _event_times(self) -> tuple[datetime.time | None, datetime.time | None]:
        start_time = self.date_line.start_time
        if start_time is None and self.agenda:
            start_time = self.agenda[0].start
            self.problems.append(
                "The date line has no start time; the start of the first agenda item was used."
            )
        elif start_time is None:
            self.problems.append(
                f"No start time found. Add it to the date line, as in '{EXAMPLE_DATE_LINE}'."
            )
        end_time = self.date_line.end_time
        if self.agenda and self.agenda[-1].end is not None:
            agenda_end = self.agenda[-1].end
            if end_time is not None and end_time != agenda_end:
                self.problems.append(
                    f"The date line says the event ends at {end_time:%H:%M}, but the agenda ends "
                    f"at {agenda_end:%H:%M}; the agenda was used."
                )
            end_time = agenda_end
        return start_time, end_time
