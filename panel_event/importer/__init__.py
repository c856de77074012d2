"""Turn pasted event announcements into structured data for draft event pages."""

from panel_event.importer.parsed import (
    AnnouncementParseError,
    ParsedAgendaItem,
    ParsedAnnouncement,
    ParsedLine,
    ParsedPartnerMention,
    ParsedSpeaker,
)
from panel_event.importer.parser import parse_announcement

__all__ = [
    "AnnouncementParseError",
    "ParsedAgendaItem",
    "ParsedAnnouncement",
    "ParsedLine",
    "ParsedPartnerMention",
    "ParsedSpeaker",
    "parse_announcement",
]
