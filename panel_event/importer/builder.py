"""Turn a parsed announcement into an unsaved draft event page, and save that draft; the admin
import view and the ``import_announcement`` command share it. The decisions it takes for the
editor: docs/architecture.md, "From announcement to draft".
"""

import datetime
import html
import re
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.coreutils import find_available_slug, get_content_languages
from wagtail.log_actions import log
from wagtail.models import Locale

from ..content.choices import AgendaItemKind, EventType, PartnerRole
from ..content.schedule import DEFAULT_EVENT_TIME_ZONE, schedule_agenda_items
from ..content.slugs import ascii_slug
from ..models import EventPage, PartnerSnippet, Venue
from .folding import latin_lower
from .matching import (
    PartnerMatch,
    acronym_in,
    city_in_venue_name,
    fold,
    match_partner,
    match_venue,
    split_venue_line,
)
from .parsed import ParsedAgendaItem, ParsedAnnouncement, ParsedPartnerMention, ParsedSpeaker

DEFAULT_EVENT_DURATION = datetime.timedelta(hours=2)
DEFAULT_ITEM_DURATION = datetime.timedelta(minutes=30)
MAX_INTRO_CHARS = EventPage._meta.get_field("intro").max_length
# A draft has no place in the page tree until it is saved; these fields are set by add_child.
TREE_FIELDS = ["path", "depth", "numchild", "url_path"]

# "Cilj diskusije …", "Ciljevi …", "Svrha …", "The aim …", "Objectives: …"; not "Ciljna grupa …".
_OBJECTIVE_OPENING = re.compile(
    r"(?:cilj|ciljevi|ciljeve|svrha|(?:the\s+)?(?:aim|objective|goal|purpose)s?)(?![^\W_])"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_OPENING_QUOTES = '"„“«('
_COUNTRY_BY_LANGUAGE = {"sr-latn": "Srbija", "sr-cyrl": "Србија", "en": "Serbia"}


class AnnouncementImportError(ValueError):
    """The announcement cannot become an event here; ``field`` says which input is at fault."""

    def __init__(self, message: str, field: str = "text"):
        super().__init__(message)
        self.field = field


# --- What the preview shows for each input line -------------------------------------------------

PART_LABELS = {
    "title": gettext_lazy("Title"),
    "event_type": gettext_lazy("Event type"),
    "date": gettext_lazy("Date and time"),
    "venue": gettext_lazy("Venue"),
    "credit": gettext_lazy("Image credit"),
    "objective": gettext_lazy("Objective"),
    "paragraph": gettext_lazy("Body text"),
    "partners": gettext_lazy("Partners, also kept as body text"),
    "agenda_heading": gettext_lazy("Agenda heading"),
    "agenda_item": gettext_lazy("Agenda item"),
    "speaker": gettext_lazy("Speaker"),
    "group_speakers": gettext_lazy("Group of speakers"),
    "unrecognised": gettext_lazy("Not recognised: kept as body text"),
    "separator": gettext_lazy("Separator: left out"),
}


@dataclass
class PreviewLine:
    number: int
    text: str
    part: str

    @property
    def label(self):
        return PART_LABELS[self.part]


# --- The draft ------------------------------------------------------------------------------------


@dataclass
class VenuePlan:
    """The venue the event will use: an existing one, or a new one if the editor confirms it."""

    # The venue line as written, kept in the body when no venue is used.
    line: str
    existing: Venue | None
    name: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    city_recognised: bool = False
    # Several existing venues fit equally: none is chosen and nothing is proposed.
    candidates: list = field(default_factory=list)

    @property
    def is_new(self):
        return self.existing is None and not self.candidates

    @property
    def is_ambiguous(self):
        return len(self.candidates) > 1


@dataclass
class NewPartnerPlan:
    """An organisation the text names that no partner snippet matches: created on confirmation."""

    key: str  # identifies the proposal in the preview's confirmation checkbox
    name: str
    acronym: str
    roles: list[str]

    @property
    def role_labels(self):
        return [PartnerRole(role).label for role in self.roles]


@dataclass
class CreatedSnippets:
    """Snippets created for a draft on the editor's confirmation, for the draft to use."""

    venue: Venue | None = None
    partners: dict[str, PartnerSnippet] = field(default_factory=dict)  # by NewPartnerPlan.key


@dataclass
class SpeakerPlan:
    speaker: ParsedSpeaker
    organisation: PartnerMatch


@dataclass
class AgendaRow:
    item: ParsedAgendaItem
    start: datetime.time
    end: datetime.time
    end_guessed: bool
    speakers: list[SpeakerPlan]

    @property
    def kind_label(self):
        return AgendaItemKind(self.item.kind).label


@dataclass
class PartnerPlan:
    mention: ParsedPartnerMention
    match: PartnerMatch
    # The NewPartnerPlan key when the mention matched nothing.
    new_key: str = ""

    @property
    def role_label(self):
        return PartnerRole(self.mention.role).label


@dataclass
class BodyParagraph:
    text: str
    line_numbers: list[int]
    # A line the parser did not recognise, kept so that nothing pasted is lost.
    unrecognised: bool = False


@dataclass
class EventDraft:
    """An unsaved event page and everything the preview explains about it."""

    announcement: ParsedAnnouncement
    parent: object
    page: EventPage
    venue: VenuePlan | None
    agenda: list[AgendaRow]
    partners: list[PartnerPlan]
    lines: list[PreviewLine]
    new_partners: list[NewPartnerPlan] = field(default_factory=list)
    # The objective as plain text, as it was written.
    objective_text: str = ""
    # How gaps in the text were filled; the editor should check these values.
    assumptions: list[str] = field(default_factory=list)
    # What the parser or the validation found wrong; the draft can still be created.
    problems: list[str] = field(default_factory=list)
    # Page-level validation errors; these prevent saving.
    errors: list[str] = field(default_factory=list)

    @property
    def language_name(self):
        return self.page.locale.get_display_name()

    @property
    def can_be_saved(self):
        return not self.errors


# --- Where the event goes -----------------------------------------------------------------------


def content_language_choices():
    return list(get_content_languages().items())


def resolve_import_parent(chosen_parent, language_code: str):
    """The page the event is created under: ``chosen_parent``, or its translation in the
    event's language. Raises ``AnnouncementImportError`` if there is none that can hold events."""
    language_name = get_content_languages().get(language_code, language_code)
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise AnnouncementImportError(
            _("This site has no content in %(language)s.") % {"language": language_name},
            field="language",
        )
    parent = chosen_parent.specific
    if parent.locale_id != locale.pk:
        translation = parent.get_translation_or_none(locale)
        if translation is None:
            raise AnnouncementImportError(
                _(
                    "The announcement is in %(language)s, but “%(parent)s” has no %(language)s "
                    "version. Translate that page first, or choose another language."
                )
                % {"language": language_name, "parent": parent.get_admin_display_title()},
                field="language",
            )
        parent = translation.specific
    if not EventPage.can_create_at(parent):
        raise AnnouncementImportError(
            _("Events cannot be added under “%(parent)s”.")
            % {"parent": parent.get_admin_display_title()},
            field="parent",
        )
    return parent


# --- Building the draft -------------------------------------------------------------------------


def build_event_draft(
    announcement: ParsedAnnouncement, parent, created: CreatedSnippets | None = None
) -> EventDraft:
    """An unsaved draft event under ``parent`` (already in the event's locale); no writes.
    ``created`` holds the snippets already created for the proposals the editor confirmed."""
    return _DraftBuilder(announcement, parent, created or CreatedSnippets()).build()


def _in_locale(instance, locale):
    """``instance``'s translation in ``locale``, else ``instance`` itself."""
    if instance.locale_id == locale.pk:
        return instance
    return instance.get_translation_or_none(locale) or instance


class _DraftBuilder:
    def __init__(self, announcement: ParsedAnnouncement, parent, created: CreatedSnippets):
        self.announcement = announcement
        self.parent = parent
        self.locale = parent.locale
        self.created = created
        self.time_zone = zoneinfo.ZoneInfo(DEFAULT_EVENT_TIME_ZONE)
        partners = list(PartnerSnippet.objects.select_related("locale"))
        self.partners = [partner for partner in partners if partner.locale_id == self.locale.pk]
        self.other_partners = [p for p in partners if p.locale_id != self.locale.pk]
        self.assumptions: list[str] = []

    def build(self) -> EventDraft:
        announcement = self.announcement
        if announcement.start_time is None:
            raise AnnouncementImportError(
                _(
                    "No start time found, and an event needs one. Add it to the date line, as "
                    "in “%(example)s”."
                )
                % {"example": "Četvrtak, 20. jun 2019. godine, 11 časova"}
            )
        starts_at = datetime.datetime.combine(
            announcement.start_date, announcement.start_time, self.time_zone
        )
        ends_at = self._known_end(starts_at)
        agenda = self._agenda_rows(starts_at, ends_at)
        if ends_at is None:
            ends_at = starts_at + DEFAULT_EVENT_DURATION
            if agenda:
                # The last item's end was guessed too; the event must not end before it.
                last_end = datetime.datetime.combine(
                    starts_at.date(), agenda[-1].end, self.time_zone
                )
                ends_at = max(ends_at, last_end)
            self.assumptions.append(
                _(
                    "No end time found: the event is set to end at %(end)s, two hours after it "
                    "starts or with the last agenda item."
                )
                % {"end": f"{ends_at:%H:%M}"}
            )
        paragraphs_before, paragraphs_after, objective, preview_lines = self._paragraphs()
        partner_plans, new_partners = self._partner_plans()
        venue_plan = self._venue_plan()
        intro = self._intro(objective, paragraphs_before + paragraphs_after)
        if venue_plan is not None and venue_plan.existing is None:
            # No venue is set, so the line goes first in the body for the editor to act on.
            paragraphs_before.insert(0, BodyParagraph(venue_plan.line, []))
        page = EventPage(
            title=announcement.title,
            slug=self._available_slug(),
            locale=self.locale,
            live=False,
            event_type=announcement.event_type
            if announcement.event_type in EventType.values
            else EventType.OTHER,
            intro=intro,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=DEFAULT_EVENT_TIME_ZONE,
            venue=venue_plan.existing if venue_plan else None,
            hero_credit=self._credit_line(),
            objective=_paragraphs_html([objective]) if objective else "",
        )
        page.body = _body_stream_block().to_python(
            self._body_data(paragraphs_before, agenda, paragraphs_after, partner_plans)
        )
        draft = EventDraft(
            announcement=announcement,
            parent=self.parent,
            page=page,
            venue=venue_plan,
            agenda=agenda,
            partners=partner_plans,
            lines=preview_lines,
            new_partners=new_partners,
            objective_text=objective.text if objective else "",
            assumptions=self.assumptions,
            problems=list(announcement.problems),
        )
        _validate(draft)
        return draft

    def _known_end(self, starts_at):
        """The end the text gives (last agenda item, else the date line), if after the start."""
        end_time = self.announcement.end_time
        if end_time is None:
            return None
        ends_at = datetime.datetime.combine(starts_at.date(), end_time, self.time_zone)
        return ends_at if ends_at > starts_at else None

    def _agenda_rows(self, starts_at, ends_at) -> list[AgendaRow]:
        rows = []
        for item in self.announcement.agenda:
            end, end_guessed = item.end, False
            if end is None:
                item_start = datetime.datetime.combine(starts_at.date(), item.start, self.time_zone)
                guessed = ends_at if ends_at and ends_at > item_start else None
                guessed = guessed or item_start + DEFAULT_ITEM_DURATION
                # Past midnight is another day; an agenda item stays on the event's day.
                end = guessed.time() if guessed.date() == item_start.date() else datetime.time.max
                end = end.replace(second=0, microsecond=0)
                end_guessed = True
                self.assumptions.append(
                    _("The agenda item “%(title)s” has no end time: it is set to end at %(end)s.")
                    % {"title": item.title, "end": f"{end:%H:%M}"}
                )
            speakers = [
                SpeakerPlan(speaker, self._match_organisation(speaker.organisation))
                for speaker in item.speakers
            ]
            rows.append(AgendaRow(item, item.start, end, end_guessed, speakers))
        return rows

    def _match_organisation(self, organisation: str, acronym: str = "") -> PartnerMatch:
        """A partner of the page's locale; else one of another locale, in the page's locale."""
        if not organisation:
            return PartnerMatch()
        match = match_partner(self.partners, organisation, acronym)
        if match.partner is None and not match.is_ambiguous:
            elsewhere = match_partner(self.other_partners, organisation, acronym)
            if elsewhere.partner is not None:
                elsewhere.partner = _in_locale(elsewhere.partner, self.locale)
                return elsewhere
        return match

    def _partner_plans(self) -> tuple[list[PartnerPlan], list[NewPartnerPlan]]:
        plans, proposals = [], {}
        for mention in self.announcement.partners:
            plan = PartnerPlan(mention, self._match_organisation(mention.name, mention.acronym))
            if plan.match.partner is None and not plan.match.is_ambiguous:
                acronym = mention.acronym or acronym_in(mention.name)
                plan.new_key = fold(acronym or mention.name)
                proposal = proposals.setdefault(
                    plan.new_key, NewPartnerPlan(plan.new_key, mention.name, acronym, [])
                )
                if mention.role not in proposal.roles:
                    proposal.roles.append(mention.role)
                created = self.created.partners.get(plan.new_key)
                if created is not None:
                    plan.match = PartnerMatch(partner=created, matched_by="created")
            plans.append(plan)
        return plans, list(proposals.values())

    def _paragraphs(self):
        """Body paragraphs before and after the agenda, the objective, and the preview lines.

        The parser joins each run of consecutive paragraph lines into one paragraph, in order;
        walking the lines again tells where each paragraph stood relative to the agenda.
        """
        announcement = self.announcement
        parsed_paragraphs = iter(announcement.paragraphs)
        before, after = [], []
        first_agenda_line = next(
            (line.number for line in announcement.lines if line.part == "agenda_item"), None
        )
        previous_part = ""
        for line in announcement.lines:
            agenda_started = first_agenda_line is not None and line.number > first_agenda_line
            current = after if agenda_started else before
            if line.part in {"paragraph", "partners"}:
                if previous_part in {"paragraph", "partners"}:
                    current[-1].line_numbers.append(line.number)
                else:
                    current.append(BodyParagraph(next(parsed_paragraphs), [line.number]))
            elif line.part == "unrecognised" and _has_words(line.text):
                current.append(BodyParagraph(line.text.strip(), [line.number], unrecognised=True))
            previous_part = line.part
        objective = next(
            (
                paragraph
                for paragraph in before + after
                if not paragraph.unrecognised
                and _OBJECTIVE_OPENING.match(latin_lower(paragraph.text))
            ),
            None,
        )
        objective_lines = set(objective.line_numbers) if objective else set()
        preview_lines = [
            PreviewLine(line.number, line.text, _preview_part(line, objective_lines))
            for line in announcement.lines
            if line.part != "blank"
        ]
        before = [paragraph for paragraph in before if paragraph is not objective]
        after = [paragraph for paragraph in after if paragraph is not objective]
        return before, after, objective, preview_lines

    def _intro(self, objective, body_paragraphs) -> str:
        source = objective or (body_paragraphs[0] if body_paragraphs else None)
        if source is None:
            self.assumptions.append(
                _("The text has no paragraph to summarise: the summary repeats the title.")
            )
            return _shorten(self.announcement.title, MAX_INTRO_CHARS)
        return _shorten(_first_sentence(source.text), MAX_INTRO_CHARS)

    def _venue_plan(self) -> VenuePlan | None:
        written = self.announcement.venue_name
        if not written:
            return None
        line = self._venue_line()
        venues = list(Venue.objects.select_related("locale"))
        match = match_venue([v for v in venues if v.locale_id == self.locale.pk], written)
        if match.venue is None and not match.is_ambiguous:
            match = match_venue([v for v in venues if v.locale_id != self.locale.pk], written)
            if match.venue is not None:
                match.venue = _in_locale(match.venue, self.locale)
        if match.venue is not None or match.is_ambiguous:
            return VenuePlan(line=line, existing=match.venue, candidates=match.candidates)
        if self.created.venue is not None:
            return VenuePlan(line=line, existing=self.created.venue)
        address = split_venue_line(written)
        city = address.city or city_in_venue_name(address.name)
        plan = VenuePlan(
            line=line,
            existing=None,
            name=address.name,
            street_address=address.street,
            postal_code=address.postal_code,
            city=city or address.name,
            city_recognised=bool(city),
        )
        if not city:
            self.assumptions.append(
                _(
                    "The city of the new venue “%(name)s” was not recognised, so the venue's "
                    "name stands in for the city: correct it in the venue afterwards."
                )
                % {"name": address.name}
            )
        return plan

    def _venue_line(self) -> str:
        """The venue as written: its whole line ("Mesto: …" included), else the parsed name."""
        line = next((line for line in self.announcement.lines if line.part == "venue"), None)
        return line.text.strip() if line else self.announcement.venue_name

    def _credit_line(self) -> str:
        # The whole line, label included ("Izvor: … / foto: …"), as the field's help text shows.
        line = next((line for line in self.announcement.lines if line.part == "credit"), None)
        return line.text.strip() if line else ""

    def _available_slug(self) -> str:
        # As the page itself slugs a title (content.slugs): Latin ASCII, whatever the script.
        base = ascii_slug(self.announcement.title)[:200].strip("-")
        base = base or "event"
        return find_available_slug(self.parent, base)

    def _body_data(self, paragraphs_before, agenda, paragraphs_after, partner_plans):
        """The body as stream data, in the form StreamField stores it."""
        body = []
        if paragraphs_before:
            body.append({"type": "text", "value": _paragraphs_html(paragraphs_before)})
        if agenda:
            body.append({"type": "agenda", "value": self._agenda_data(agenda)})
        if paragraphs_after:
            body.append({"type": "text", "value": _paragraphs_html(paragraphs_after)})
        partner_entries = []
        for plan in partner_plans:
            if plan.match.partner is None:
                continue
            entry = {"partner": plan.match.partner.pk, "role": plan.mention.role}
            if entry not in partner_entries:
                partner_entries.append(entry)
        if partner_entries:
            body.append({"type": "partners", "value": {"title": "", "partners": partner_entries}})
        return body

    def _agenda_data(self, agenda: list[AgendaRow]):
        heading = next(
            (line.text for line in self.announcement.lines if line.part == "agenda_heading"), ""
        )
        return {
            "title": heading.strip().rstrip(":").strip(),
            "date": None,
            "items": [
                {
                    "start_time": row.start.isoformat(),
                    "end_time": row.end.isoformat(),
                    "title": row.item.title,
                    "kind": row.item.kind,
                    "description": "",
                    "speakers": [_speaker_data(plan) for plan in row.speakers],
                    # One line in the editor's input, so several group lines become one.
                    "group_speakers": "; ".join(row.item.group_speakers.splitlines()),
                }
                for row in agenda
            ],
        }


def _speaker_data(plan: SpeakerPlan):
    partner = plan.organisation.partner
    return {
        "name": plan.speaker.name,
        "role": plan.speaker.role,
        "organisation": partner.pk if partner else None,
        "organisation_text": "" if partner else plan.speaker.organisation,
        "note": "",
    }


def _body_stream_block():
    return EventPage._meta.get_field("body").stream_block


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _preview_part(line, objective_lines) -> str:
    if line.number in objective_lines:
        return "objective"
    if line.part == "unrecognised" and not _has_words(line.text):
        return "separator"
    return line.part if line.part in PART_LABELS else "unrecognised"


def _paragraphs_html(paragraphs) -> str:
    # The paragraphs are plain text from a paste: escaped, never trusted as markup.
    return "".join(f"<p>{html.escape(paragraph.text)}</p>" for paragraph in paragraphs)


def _first_sentence(text: str) -> str:
    """Up to the first . ! ? followed by a capital: "20. jun" does not end a sentence."""
    text = text.strip()
    for match in _SENTENCE_END.finditer(text):
        if text[match.end() :].lstrip(_OPENING_QUOTES)[:1].isupper():
            return text[: match.start()]
    return text


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


# --- Validation: what the page editor would say -------------------------------------------------


def _validate(draft: EventDraft) -> None:
    page = draft.page
    try:
        page.full_clean(exclude=TREE_FIELDS)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = EventPage._meta.get_field(name).verbose_name if name != "__all__" else ""
            draft.errors.extend(f"{label}: {message}" if label else message for message in messages)
    try:
        _body_stream_block().clean(page.body)
    except ValidationError as error:
        draft.problems.extend(_block_error_messages(_body_stream_block(), page.body, error, []))
    else:
        draft.problems.extend(_agenda_outside_event(page))


def _agenda_outside_event(page) -> list[str]:
    """The editor's rule that every agenda item lies within the event's start and end."""
    problems = []
    for scheduled in schedule_agenda_items(page.body, page.local_start.date(), page.tzinfo):
        title = scheduled.item["title"]
        if scheduled.starts_at < page.starts_at:
            problems.append(
                _("The agenda item “%(title)s” starts at %(item)s, before the event (%(event)s).")
                % {
                    "title": title,
                    "item": f"{scheduled.starts_at:%H:%M}",
                    "event": f"{page.local_start:%H:%M}",
                }
            )
        elif scheduled.ends_at > page.ends_at:
            problems.append(
                _("The agenda item “%(title)s” ends at %(item)s, after the event (%(event)s).")
                % {
                    "title": title,
                    "item": f"{scheduled.ends_at:%H:%M}",
                    "event": f"{page.local_end:%H:%M}",
                }
            )
    return problems


def _block_error_messages(block, value, error, where):
    """Readable messages from a nested block validation error, each with where it applies:
    "Agenda › Items › item 3 (“Zaključci”) › Starts: This item starts at …"."""
    messages = []
    for key, child_error in (getattr(error, "block_errors", None) or {}).items():
        child_block, child_value, label = _child_block(block, value, key)
        messages += _block_error_messages(child_block, child_value, child_error, [*where, label])
    non_block_errors = getattr(error, "non_block_errors", None) or []
    if hasattr(non_block_errors, "as_data"):
        non_block_errors = non_block_errors.as_data()
    leaf_errors = [] if getattr(error, "block_errors", None) or non_block_errors else [error]
    prefix = " › ".join(str(label) for label in where)
    for child_error in [*non_block_errors, *leaf_errors]:
        messages += [f"{prefix}: {message}" if prefix else message for message in child_error]
    return messages


def _child_block(block, value, key):
    if hasattr(block, "child_blocks") and isinstance(key, int):  # a StreamBlock
        child = value[key]
        return child.block, child.value, child.block.label
    if hasattr(block, "child_blocks"):  # a StructBlock
        child_block = block.child_blocks[key]
        return child_block, value[key], child_block.label
    child_value = value[key]  # a ListBlock
    label = _("item %(number)s") % {"number": key + 1}
    if isinstance(child_value, dict) and child_value.get("title"):
        label = f"{label} (“{child_value['title']}”)"
    return block.child_block, child_value, label


# --- Saving ---------------------------------------------------------------------------------------


@dataclass
class Confirmation:
    """What the editor confirmed in the preview: the new venue, and new partners by key."""

    venue: bool = False
    partner_keys: frozenset[str] = frozenset()


def save_event_draft(draft: EventDraft, user=None, confirmed: Confirmation | None = None):
    """Create the snippets the editor confirmed and the draft, in one transaction.

    Proposals that were not confirmed are not created; the draft is rebuilt with the created
    snippets, so it refers to them exactly as it refers to existing ones.
    """
    if not draft.can_be_saved:
        raise ValidationError(draft.errors)
    confirmed = confirmed or Confirmation()
    with transaction.atomic():
        created = CreatedSnippets()
        if confirmed.venue and draft.venue is not None and draft.venue.is_new:
            created.venue = _create_venue(draft.venue, draft.parent.locale, user)
        for proposal in draft.new_partners:
            if proposal.key in confirmed.partner_keys:
                created.partners[proposal.key] = _create_partner(
                    proposal, draft.parent.locale, user
                )
        if created.venue or created.partners:
            draft = build_event_draft(draft.announcement, draft.parent, created)
            if not draft.can_be_saved:
                raise ValidationError(draft.errors)
        page = draft.page
        page.owner = user
        draft.parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page


def _limited(model, field_name: str, value: str) -> str:
    return value[: model._meta.get_field(field_name).max_length]


def _create_venue(plan: VenuePlan, locale, user) -> Venue:
    venue = Venue(
        name=_limited(Venue, "name", plan.name),
        street_address=_limited(Venue, "street_address", plan.street_address),
        postal_code=_limited(Venue, "postal_code", plan.postal_code),
        city=_limited(Venue, "city", plan.city),
        locale=locale,
    )
    venue.country = _COUNTRY_BY_LANGUAGE.get(locale.language_code, venue.country)
    venue.full_clean()
    venue.save()
    log(instance=venue, action="wagtail.create", user=user)
    return venue


def _create_partner(plan: NewPartnerPlan, locale, user) -> PartnerSnippet:
    partner = PartnerSnippet(
        name=_limited(PartnerSnippet, "name", plan.name),
        acronym=_limited(PartnerSnippet, "acronym", plan.acronym),
        locale=locale,
    )
    partner.full_clean()
    partner.save()
    log(instance=partner, action="wagtail.create", user=user)
    return partner
