"""What the announcement parser hands back: the parsed announcement, its parts, and the error."""

import datetime
from dataclasses import dataclass, field


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
