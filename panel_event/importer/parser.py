"""Turn a pasted event announcement (e-mail or Word text) into structured data, line by line, in
pure Python (no Django). The steps and their order: docs/architecture.md, "The announcement
parser".
"""

import datetime
import re
import unicodedata

from .folding import latin_lower
from .line_readers import (
    DateLine,
    could_be_venue,
    detect_language,
    guess_agenda_kind,
    guess_event_type,
    is_agenda_heading,
    is_event_type_label,
    looks_like_invalid_date,
    read_agenda_line,
    read_date_line,
    read_speaker,
    read_time_only_line,
    split_bullet,
)
from .parsed import (
    AnnouncementParseError,
    ParsedAgendaItem,
    ParsedAnnouncement,
    ParsedLine,
    ParsedPartnerMention,
)
from .partners import partner_mentions
from .vocabulary import (
    CREDIT_LABEL,
    ENGLISH_WEEKDAY_NAMES,
    EXAMPLE_AGENDA_ITEM,
    EXAMPLE_DATE_LINE,
    MAX_INPUT_CHARS,
    MAX_STRUCTURED_LINE_CHARS,
    MAX_TITLE_CHARS,
    VENUE_LABEL,
    WEEKDAYS,
)

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
    return _AnnouncementReader(lines, detect_language(text)).read()


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
        self.date_line: DateLine | None = None
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
        label_type = is_event_type_label(self.lines[first].text)
        # "PANEL DISKUSIJA" above the real title; but a label followed by the date is the title.
        if label_type and len(content_indexes) > 1:
            following = self.lines[content_indexes[1]].text.strip()
            if self._structural_kind(following) or looks_like_invalid_date(following):
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
        prefix_type = is_event_type_label(label) if colon and rest.strip() else None
        if prefix_type:
            self.event_type = prefix_type
            self.title = rest.strip()
        elif not label_type:
            self.event_type = guess_event_type(raw_title)
        return first

    def _structural_kind(self, text: str) -> str:
        if len(text) > MAX_STRUCTURED_LINE_CHARS:
            return ""
        date_line = read_date_line(text)
        # "Četvrtak, 20. jun 2019." is a date line; "Konferencija 20. jun 2019." is a title.
        if date_line and all(word in WEEKDAYS for word in date_line.words_before):
            return "the event date"
        if read_agenda_line(split_bullet(text)[1]):
            return "an agenda item"
        if is_agenda_heading(text):
            return "an agenda heading"
        if CREDIT_LABEL.match(latin_lower(text)):
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
            date_line = read_date_line(text)
            if date_line is None:
                if looks_like_invalid_date(text):
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
            time_range = read_time_only_line(self.lines[next_index].text.strip())
            if time_range and not self.lines[next_index].part:
                self.lines[next_index].part = "date"
                self.date_block_end = next_index
                date_line.start_time, date_line.end_time = time_range.start, time_range.end
                date_line.remainder = ""
        if date_line.weekday_word:
            named = WEEKDAYS[latin_lower(date_line.weekday_word)]
            actual = date_line.date.weekday()
            if named != actual:
                self.problems.append(
                    f"Line {index + 1} names '{date_line.weekday_word}', but "
                    f"{date_line.date:%d.%m.%Y} is a {ENGLISH_WEEKDAY_NAMES[actual]}. "
                    "Check the date."
                )

    # Step 4: one pass over everything else.
    def _classify_remaining_lines(self) -> None:
        labelled_venue = any(
            not line.part
            and len(line.text) <= MAX_STRUCTURED_LINE_CHARS
            and VENUE_LABEL.match(latin_lower(line.text.strip()))
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
        marker, content = split_bullet(line.text[self.common_indent :])

        agenda_line = read_agenda_line(content)
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
                    kind=guess_agenda_kind(agenda_line.title),
                    speakers=[],
                    group_speakers="",
                )
            )
            return "agenda_item"

        if is_agenda_heading(stripped):
            self.agenda_heading_line = self.agenda_heading_line or line.number
            return "agenda_heading"

        if current_item is not None:
            previous_part = self.lines[index - 1].part if index else ""
            directly_under = previous_part in {"agenda_item", "speaker", "group_speakers"}
            if marker or directly_under:
                speaker = read_speaker(content)
                if speaker is not None:
                    current_item.speakers.append(speaker)
                    return "speaker"
                current_item.group_speakers = "\n".join(
                    filter(None, [current_item.group_speakers, content])
                )
                return "group_speakers"

        short = len(stripped) <= MAX_STRUCTURED_LINE_CHARS
        latin = latin_lower(stripped)
        if short and not self.image_credit and CREDIT_LABEL.match(latin):
            self.image_credit = stripped.partition(":")[2].strip()
            return "credit"
        if short and not self.venue_name and VENUE_LABEL.match(latin):
            self.venue_name = stripped.partition(":")[2].strip()
            return "venue"
        if (
            not labelled_venue
            and not self.venue_name
            and index == self.date_block_end + 1
            and marker != "bullet"
            and could_be_venue(stripped)
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
            mentions = partner_mentions(paragraph, english)
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
