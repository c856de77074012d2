"""Vocabularies shared by the models, the blocks, the importer and structured data.

The stored values are stable keys; the labels are translated for editors and readers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    PANEL_DISCUSSION = "panel_discussion", _("Panel discussion")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    ROUND_TABLE = "round_table", _("Round table")
    TRAINING = "training", _("Training")
    LECTURE = "lecture", _("Lecture")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", pgettext_lazy("event type", "Event")


class EventStatus(models.TextChoices):
    """Mirrors schema.org's EventStatusType, which search engines read."""

    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    MOVED_ONLINE = "moved_online", _("Moved online")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class AgendaItemKind(models.TextChoices):
    SESSION = "session", _("Session")
    OPENING = "opening", _("Opening remarks")
    PRESENTATION = "presentation", _("Presentation")
    PANEL = "panel", _("Panel")
    DISCUSSION = "discussion", _("Discussion")
    BREAK = "break", _("Break")
    REFRESHMENTS = "refreshments", _("Refreshments")
    CLOSING = "closing", _("Closing")

    @classmethod
    def pauses(cls):
        """Kinds that are pauses in the programme rather than content; they look different."""
        return {cls.BREAK, cls.REFRESHMENTS}


class PartnerRole(models.TextChoices):
    """An organisation's role in one event, in the order the public page lists them."""

    ORGANISER = "organiser", _("Organiser")
    IMPLEMENTING_PARTNER = "implementing_partner", _("Implementing partner")
    FUNDER = "funder", _("Donor / funder")
    COOPERATION = "cooperation", _("In cooperation with")
    COORDINATION = "coordination", _("In coordination with")
    HOST = "host", _("Host")
    MEDIA_PARTNER = "media_partner", _("Media partner")


class OrganisationKind(models.TextChoices):
    INTERNATIONAL = "international", _("International organisation")
    GOVERNMENT = "government", _("Government institution")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    DIPLOMATIC = "diplomatic", _("Embassy or development agency")
    ACADEMIC = "academic", _("Academic institution")
    MEDIA = "media", _("Media")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")
