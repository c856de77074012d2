"""How an event reads in the JSON API: the serializer fields behind ``EventPage.api_fields``.

Each event speaks its own language: labels of choices (event type, status, agenda item kind,
partner role) are given in the event's language, next to their stable codes. Date-times are
ISO 8601 in the event's own time zone, with the UTC offset, as the page's ``<time datetime>``
attributes give them.

``prepare_events()`` loads what these fields read for a whole page of results at once, so the
number of queries does not grow with the number of events; without it, each field still works
on its own (one event, or Wagtail's generic pages endpoint), at a few queries per event.
"""

from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.fields import Field
from wagtail.api.rich_text import APIRichText
from wagtail.api.utils import get_full_url

from ...caching.public import in_private_section
from ...content.blocks import chosen_partner_ids, loading_partners
from ...content.choices import (
    AgendaItemKind,
    AttendanceMode,
    EventStatus,
    EventType,
    OrganisationKind,
    PartnerRole,
)
from ...content.schedule import schedule_agenda_items

# Where prepare_events() leaves each event's batch, and its public versions in other languages.
BATCH_ATTRIBUTE = "_panel_event_api_batch"
TRANSLATIONS_ATTRIBUTE = "_panel_event_api_translations"


def content_language_codes():
    """The content languages' codes, in the order the site lists them."""
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return [code.lower() for code, _name in languages]


def iso_in_zone(moment, tzinfo):
    """``moment`` as ISO 8601 in ``tzinfo``, with its UTC offset; None stays None."""
    return timezone.localtime(moment, tzinfo).isoformat() if moment else None


def choice(choices, value):
    """A stored choice as ``{"code", "label"}``, the label in the active language."""
    if not value:
        return None
    try:
        label = choices(value).label
    except ValueError:
        label = value  # a value stored before its choice was removed
    return {"code": value, "label": str(label)}


class EventField(Field):
    """A field computed from the whole event, in the event's language."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        language_code = page.locale.language_code
        if translation.get_language() == language_code:
            return self.represent(page)
        with translation.override(language_code):
            return self.represent(page)

    def represent(self, page):
        raise NotImplementedError


class ChoiceWithLabelField(EventField):
    """A choice field as its stable code and its label in the event's language."""

    def __init__(self, choices, attribute, **kwargs):
        self.choices = choices
        self.attribute = attribute
        super().__init__(**kwargs)

    def represent(self, page):
        return choice(self.choices, getattr(page, self.attribute))


class LocalDateTimeField(EventField):
    """A date-time of the event, in the event's time zone with its UTC offset."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, page):
        return iso_in_zone(getattr(page, self.attribute), page.tzinfo)


def event_type_field():
    return ChoiceWithLabelField(EventType, "event_type")


def status_field():
    return ChoiceWithLabelField(EventStatus, "status")


def attendance_mode_field():
    return ChoiceWithLabelField(AttendanceMode, "attendance_mode")


def coordinate(value):
    return float(value) if value is not None else None


class VenueField(EventField):
    """The venue with its address and coordinates, in the event's language; None if unset."""

    def represent(self, page):
        venue = page.venue
        if venue is None:
            return None
        return {
            "id": venue.pk,
            "name": venue.name,
            "street_address": venue.street_address,
            "postal_code": venue.postal_code,
            "city": venue.city,
            "country": venue.country,
            "country_code": venue.country_code,
            "latitude": coordinate(venue.latitude),
            "longitude": coordinate(venue.longitude),
            "map_url": venue.map_url,
            "accessibility_notes": venue.accessibility_notes,
        }


def rich_text(value, context):
    """Rich text in the format the request asked for (``?rich_text_format=``)."""
    if not value:
        return ""
    source = getattr(value, "source", value)
    return APIRichText.serialize(source, format=context["_wagtail_rich_text_format"])


class RichTextField(EventField):
    """A rich text field of the event in the request's rich text format."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, page):
        return rich_text(getattr(page, self.attribute), self.context)


def organisation(speaker):
    """The speaker's organisation: a partner (with its id) or a typed name; None if neither."""
    partner = speaker.get("organisation")
    if partner is not None:
        return {"name": partner.name, "acronym": partner.acronym, "partner_id": partner.pk}
    if speaker.get("organisation_text"):
        return {"name": speaker["organisation_text"], "acronym": "", "partner_id": None}
    return None


def speaker_data(speaker):
    return {
        "name": speaker["name"],
        "role": speaker.get("role", ""),
        "organisation": organisation(speaker),
        "note": speaker.get("note", ""),
    }


def agenda_item_data(slot, context):
    item = slot.item
    return {
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat(),
        "title": item["title"],
        "kind": choice(AgendaItemKind, item.get("kind")),
        "description": rich_text(item.get("description"), context),
        "speakers": [speaker_data(speaker) for speaker in item.get("speakers", [])],
        "group_speakers": item.get("group_speakers", ""),
    }


class AgendasField(EventField):
    """Each agenda block (a programme, a day or a track) with its timed items, as the page
    shows them; the heading is the one the page prints."""

    def represent(self, page):
        first_day = page.local_start.date() if page.starts_at else None
        agendas = []
        for block in body_blocks(page, "agenda"):
            # One block at a time: scheduling the whole body would read every block's images
            # and documents from the database.
            slots = schedule_agenda_items([block], first_day, page.tzinfo) if first_day else []
            day = block.value.get("date")
            agendas.append(
                {
                    "title": block.value.get("title") or gettext("Agenda"),
                    "date": day.isoformat() if day else None,
                    "items": [agenda_item_data(slot, self.context) for slot in slots],
                }
            )
        return agendas


def blocks_of_type(body, block_type):
    """The ``block_type`` blocks of ``body``, converting no other block: the others would read
    the images and documents they choose, a query per event."""
    return [body[index] for index, raw in enumerate(body.raw_data) if raw["type"] == block_type]


def partner_data(partner):
    return {
        "id": partner.pk,
        "name": partner.name,
        "acronym": partner.acronym,
        "kind": choice(OrganisationKind, partner.kind),
        "website": partner.website,
    }


class PartnersField(EventField):
    """Every partner with its role in this event, in the order the page's blocks list them."""

    def represent(self, page):
        partners = []
        for block in body_blocks(page, "partners"):
            for entry in block.value.get("partners", []):
                partner = entry.get("partner")
                if partner is not None:
                    partners.append(
                        {"role": choice(PartnerRole, entry["role"]), **partner_data(partner)}
                    )
        return partners


class RegistrationField(EventField):
    """How to register, and whether registration is still open."""

    def represent(self, page):
        return {
            "url": page.registration_url,
            "email": page.registration_email,
            "deadline": iso_in_zone(page.registration_deadline, page.tzinfo),
            "is_open": page.registration_open,
            "capacity_note": page.capacity_note,
        }


def public_versions(event_page_model, translation_keys):
    """Live versions outside any private section of the events with ``translation_keys``."""
    return (
        event_page_model.objects.live()
        .exclude(in_private_section())
        .filter(translation_key__in=translation_keys)
        .select_related("locale")
        .defer_streamfields()
    )


def other_public_versions(page):
    """``page``'s live, public versions in other languages (read once per page of results by
    ``prepare_events``, or here for a single event)."""
    versions = getattr(page, TRANSLATIONS_ATTRIBUTE, None)
    if versions is None:
        versions = list(public_versions(type(page), [page.translation_key]))
    order = {code: position for position, code in enumerate(content_language_codes())}
    others = [version for version in versions if version.pk != page.pk]
    return sorted(others, key=lambda version: order.get(version.locale.language_code, len(order)))


class TranslationsField(EventField):
    """Links to the event's live, public versions in the other content languages."""

    def to_representation(self, page):
        request = self.context["request"]
        router = self.context["router"]
        return [
            {
                "id": version.pk,
                "locale": version.locale.language_code,
                "title": version.title,
                "html_url": version.get_full_url(request),
                "detail_url": get_full_url(
                    request, router.get_object_detail_urlpath(type(version), version.pk)
                ),
            }
            for version in other_public_versions(page)
        ]


class EventBatch:
    """A page of results: what its events' bodies choose is loaded for all of them at once,
    when a field first needs it (a listing without agendas or partners reads no partner)."""

    def __init__(self, pages):
        self.pages = pages
        self._partners = None

    def partners(self):
        if self._partners is None:
            partner_model = apps.get_model("panel_event", "PartnerSnippet")
            partner_ids = set().union(
                *(
                    chosen_partner_ids(page.body.stream_block, list(page.body.raw_data))
                    for page in self.pages
                )
            )
            self._partners = partner_model.objects.in_bulk(partner_ids) if partner_ids else {}
        return self._partners


def batch_of(page):
    batch = getattr(page, BATCH_ATTRIBUTE, None)
    if batch is None:
        batch = EventBatch([page])
        setattr(page, BATCH_ATTRIBUTE, batch)
    return batch


def body_blocks(page, block_type):
    """``blocks_of_type()``, with the partners the blocks choose loaded for the whole batch."""
    with loading_partners(batch_of(page).partners()):
        return blocks_of_type(page.body, block_type)


def prepare_events(pages):
    """Get ``pages`` ready for the fields above as one batch: their public versions in other
    languages in one query now, the partners their bodies choose in one query if asked for."""
    if not pages:
        return
    batch = EventBatch(pages)
    event_page_model = apps.get_model("panel_event", "EventPage")
    versions = {}
    for version in public_versions(event_page_model, {page.translation_key for page in pages}):
        versions.setdefault(version.translation_key, []).append(version)
    for page in pages:
        setattr(page, BATCH_ATTRIBUTE, batch)
        setattr(page, TRANSLATIONS_ATTRIBUTE, versions.get(page.translation_key, []))
