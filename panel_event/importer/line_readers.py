"""Readers for the short structural lines: dates, times, agenda items, speakers, labels."""

import datetime
import re
from dataclasses import dataclass

from .folding import fold, latin_lower
from .parsed import ParsedSpeaker
from .vocabulary import (
    AGENDA_HEADINGS,
    AGENDA_ITEM,
    AGENDA_KIND_SEARCH,
    BULLET,
    DAY_MONTH_YEAR,
    ENGLISH_WORDS,
    EVENT_TYPE_SEARCH,
    ISO_DATE,
    MAX_STRUCTURED_LINE_CHARS,
    MAX_VENUE_CHARS,
    MONTH_DAY_YEAR,
    MONTHS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    NUMERIC_DATE,
    SERBIAN_WORDS,
    TIME,
    WEEKDAYS,
)


@dataclass
class DateLine:
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
    for match in DAY_MONTH_YEAR.finditer(latin):
        month = MONTHS.get(match.group(2))
        if month and (date := _make_date(int(match.group(3)), month, int(match.group(1)))):
            found.append((match.start(), match.end(), date))
            break
    for match in MONTH_DAY_YEAR.finditer(latin):
        month = MONTHS.get(match.group(1))
        if month and (date := _make_date(int(match.group(3)), month, int(match.group(2)))):
            found.append((match.start(), match.end(), date))
            break
    for match in NUMERIC_DATE.finditer(latin):
        if date := _make_date(int(match.group(3)), int(match.group(2)), int(match.group(1))):
            found.append((match.start(), match.end(), date))
            break
    for match in ISO_DATE.finditer(latin):
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
    for match in TIME.finditer(latin, start):
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


def strip_leading(pattern: re.Pattern, text: str, position: int = 0, end: int | None = None) -> int:
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


def read_date_line(text: str) -> DateLine | None:
    folded = fold(text)
    latin = _lower_keeping_length(folded.text)
    found = _find_date(latin)
    if found is None:
        return None
    date, date_start, date_end = found
    time_range = _find_time(latin, date_end)
    after = time_range.span_end if time_range else date_end
    remainder_start = strip_leading(_REMAINDER_FILLER, latin, after)
    remainder = folded.original_slice(remainder_start, len(latin)).strip()
    weekday_word = ""
    for word in re.finditer(r"[^\W\d_]+", text):
        if latin_lower(word.group()) in WEEKDAYS:
            weekday_word = word.group()
            break
    return DateLine(
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


def looks_like_invalid_date(text: str) -> bool:
    """A date-shaped text ("31. jun 2019", "31.06.2019") whose day or month cannot exist."""
    latin = latin_lower(text)
    for match in _IMPOSSIBLE_DATE.finditer(latin):
        words = re.findall(r"[^\W\d_]+", match.group())
        if not words or words[0] in MONTHS:
            return True
    return False


def read_time_only_line(text: str) -> _TimeRange | None:
    """A short line that only gives the time ("11 časova", "od 11 do 13h"), below the date."""
    if len(text) > 40:
        return None
    latin = latin_lower(text)
    time_range = _find_time(latin)
    if time_range is None:
        return None
    # "Početak u 11 časova" is fine; a sentence that happens to hold a time is not.
    first_digit = re.search(r"\d", latin)
    words_before = re.findall(r"[^\W\d_]+", latin[: first_digit.start()]) if first_digit else []
    return time_range if len(words_before) <= 2 else None


def guess_event_type(title: str) -> str:
    latin = latin_lower(title)
    best = None
    for key, pattern in EVENT_TYPE_SEARCH:
        match = pattern.search(latin)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), key)
    return best[1] if best else "other"


def is_event_type_label(text: str) -> str | None:
    """The event type if ``text`` is nothing but a label such as "Panel diskusija".

    Labels of the "other" type ("Konferencija za medije") are not labels: stripping them from the
    title would lose what kind of event it is.
    """
    label = latin_lower(text).strip().rstrip(":").strip()
    for key, pattern in EVENT_TYPE_SEARCH:
        if pattern.fullmatch(label):
            return key if key != "other" else None
    return None


def guess_agenda_kind(title: str) -> str:
    latin = latin_lower(title)
    for kind, pattern in AGENDA_KIND_SEARCH:
        if pattern.search(latin):
            return kind
    return "session"


def split_bullet(raw: str) -> tuple[str, str]:
    """How the line is marked ("bullet", "indent" or ""), and its text after the bullet."""
    match = BULLET.match(raw)
    if match:
        return "bullet", raw[match.end() :].strip()
    return ("indent" if raw[:1].isspace() else ""), raw.strip()


@dataclass
class _AgendaLine:
    start: datetime.time | None
    end: datetime.time | None
    title: str


def read_agenda_line(content: str) -> _AgendaLine | None:
    """An agenda item line, or None. Times out of range give an item with ``start`` None."""
    if len(content) > MAX_STRUCTURED_LINE_CHARS:
        return None
    match = AGENDA_ITEM.fullmatch(content)
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


def could_be_venue(text: str) -> bool:
    """A venue is a short name ("Media i reform centar Niš"), not a sentence of the description."""
    if len(text) > MAX_VENUE_CHARS:
        return False
    return not (text.endswith((".", "!", "?")) and len(text.split()) > 6)


def is_agenda_heading(text: str) -> bool:
    return latin_lower(text).strip().rstrip(":").strip() in AGENDA_HEADINGS


def _looks_like_person_name(text: str) -> bool:
    words = text.split()
    while words and words[0].lower() in NAME_PREFIXES:
        words = words[1:]
    if not 2 <= len(words) <= 4:
        return False
    for word in words:
        if any(char.isdigit() or char in ":;()/" for char in word):
            return False
        if not (word[0].isupper() or word.lower() in NAME_PARTICLES):
            return False
    return True


def read_speaker(content: str) -> ParsedSpeaker | None:
    """A speaker from "Name, role, organisation", split on the first two commas only, because
    organisations may contain commas themselves. None if the first part is not a person's name."""
    parts = content.split(",", 2)
    if len(parts) < 2 or not _looks_like_person_name(parts[0].strip()):
        return None
    role = parts[1].strip().rstrip(";,").strip()
    organisation = parts[2].strip().rstrip(";,").strip() if len(parts) == 3 else ""
    return ParsedSpeaker(name=parts[0].strip(), role=role, organisation=organisation)


def detect_language(text: str) -> str:
    cyrillic = sum(1 for char in text if "\u0400" <= char <= "\u04ff")
    latin = sum(1 for char in text if char.isalpha() and not "\u0400" <= char <= "\u04ff")
    if cyrillic > latin:
        return "sr-cyrl"
    words = re.findall(r"[^\W\d_]+", latin_lower(text))
    english = sum(1 for word in words if word in ENGLISH_WORDS)
    serbian = sum(1 for word in words if word in SERBIAN_WORDS)
    return "en" if english > serbian else "sr-latn"
