"""StreamField blocks that an event page is composed from.

Logic that templates need (grouping, display names, pause detection) lives on StructValue
subclasses, so templates only lay out markup.
"""

import copy
import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import groupby

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .choices import AgendaItemKind, PartnerRole
from .fields import ClockTimeField, SerbianDateField
from .schedule import current_event_window
from .validators import validate_public_url


class SafeURLBlock(blocks.URLBlock):
    """A URL limited to http(s), so a ``javascript:`` link can never reach a reader."""

    def __init__(self, **kwargs):
        super().__init__(validators=[validate_public_url], **kwargs)
        # Django's own URL check would add a second, vaguer message for the same mistake.
        self.field.validators = [validate_public_url]
        self.field.error_messages["invalid"] = validate_public_url.message


# Partners fetched ahead of the body (see loading_partners), keyed by primary key.
_loaded_partners = ContextVar("panel_event_loaded_partners", default=None)


class PartnerChooserBlock(SnippetChooserBlock):
    """A partner chooser whose partners come with their logos, in the same query.

    StreamField loads a chooser's values for all blocks of one type at once, so the speakers'
    organisations and the partners blocks would be two queries, plus one for the logos. Inside
    ``loading_partners`` the partners fetched there are used instead.
    """

    def __init__(self, **kwargs):
        super().__init__("panel_event.PartnerSnippet", **kwargs)
        # Deconstructed as the SnippetChooserBlock it extends (see DECONSTRUCT_ALIASES), with the
        # same arguments, so migrations see no change.
        self._constructor_args = (("panel_event.PartnerSnippet",), kwargs)

    def bulk_to_python(self, values):
        values = list(values)
        wanted = {value for value in values if value is not None}
        partners = _loaded_partners.get()
        if partners is None or not wanted.issubset(partners):
            partners = self.model_class.objects.select_related("logo").in_bulk(wanted)
        # As ChooserBlock does: a partner chosen twice is two objects, so that changing one
        # block's value never changes another's.
        seen = set()
        result = []
        for value in values:
            partner = partners.get(value)
            if partner is not None and value in seen:
                partner = copy.copy(partner)
            seen.add(value)
            result.append(partner)
        return result


def chosen_partner_ids(block, raw_value):
    """Primary keys of the partners chosen anywhere in ``raw_value`` (stored JSON) of ``block``."""
    if raw_value is None:
        return set()
    if isinstance(block, PartnerChooserBlock):
        return {raw_value}
    if isinstance(block, blocks.StreamBlock):
        return set().union(
            *(
                chosen_partner_ids(block.child_blocks[child["type"]], child.get("value"))
                for child in raw_value
                if child.get("type") in block.child_blocks
            )
        )
    if isinstance(block, blocks.ListBlock):
        # Items are stored as {"type": "item", "value": ..., "id": ...}, or bare in old data.
        return set().union(
            *(
                chosen_partner_ids(
                    block.child_block,
                    item["value"] if isinstance(item, dict) and "value" in item else item,
                )
                for item in raw_value
            )
        )
    if isinstance(block, blocks.StructBlock) and isinstance(raw_value, dict):
        return set().union(
            *(
                chosen_partner_ids(child, raw_value.get(name))
                for name, child in block.child_blocks.items()
            )
        )
    return set()


@contextmanager
def loading_partners(partners):
    """Within this, partner choosers take their partners from ``partners`` ({pk: partner})."""
    token = _loaded_partners.set(partners)
    try:
        yield
    finally:
        _loaded_partners.reset(token)


class FixedChoiceBlock(blocks.ChoiceBlock):
    """A ``ChoiceBlock`` with a fixed list of choices, read back without rebuilding the list.

    Wagtail's reads each stored value by walking ``field.choices``, a callable that rebuilds
    the list (with its blank option) every time: an agenda of eight items rebuilt it 24 times
    per page. The choices here are fixed, so a dict built once finds the same key.
    """

    def __init__(self, choices=(), **kwargs):
        super().__init__(choices=choices, **kwargs)
        self._keys_by_text = {force_str(key): key for key, _label in choices}

    def normalize_choice(self, value):
        if value is None:
            return None
        return self._keys_by_text.get(force_str(value), value)


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1, so sections start at h2."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = FixedChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "panel_event/blocks/heading.html"
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "Zašto ova diskusija", "level": "h2"}
        form_classname = "heading-block"


class RichTextSectionBlock(blocks.RichTextBlock):
    """Running text: paragraphs, lists and links."""

    def __init__(self, **kwargs):
        super().__init__(
            features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"], **kwargs
        )

    class Meta:
        icon = "pilcrow"
        template = "panel_event/blocks/rich_text.html"
        description = _("Paragraphs of text with links and lists.")
        preview_value = (
            "<p>Događaj će biti prilika da se razmene dosadašnja iskustva sa projekta.</p>"
        )


class KeyFigureBlock(blocks.StructBlock):
    """One number that tells the story, with what it counts."""

    figure = blocks.CharBlock(
        label=_("Figure"),
        max_length=20,
        help_text=_("The number as it should be read, e.g. '10', '70%', '17'."),
    )
    label = blocks.CharBlock(
        label=_("What it counts"),
        max_length=200,
        help_text=_("e.g. 'additional professionals in centres for social work in 7 cities'."),
    )

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of key figures, read at a glance."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "order"
        template = "panel_event/blocks/key_figures.html"
        label = _("Key figures")
        description = _("Numbers that show the scale of the work, each with a short label.")
        preview_value = {
            "title": "Projekat u brojkama",
            "figures": [
                {"figure": "10", "label": "dodatnih stručnih radnika u centrima za socijalni rad"},
                {"figure": "11", "label": "podržanih organizacija civilnog društva"},
                {"figure": "70%", "label": "migranata u zemlji obuhvaćeno programima"},
            ],
        }


class SpeakerValue(blocks.StructValue):
    def organisation_name(self):
        """The organisation as readers see it: the partner's name, or the typed name."""
        partner = self.get("organisation")
        if partner is not None:
            return partner.name
        return self.get("organisation_text", "")

    def summary(self):
        """ "Name, role, organisation" as the announcement would print it."""
        parts = [self.get("name"), self.get("role"), self.organisation_name()]
        return ", ".join(part for part in parts if part)


class SpeakerBlock(blocks.StructBlock):
    """A person on the programme, with the role and organisation they speak for."""

    # In context: Wagtail's own "Name" (listings of sites, users, collections) is not a
    # person's full name in Serbian.
    name = blocks.CharBlock(label=pgettext_lazy("speaker", "Name"), max_length=200)
    role = blocks.CharBlock(
        label=_("Role or title"),
        required=False,
        max_length=300,
        help_text=_("As the speaker wants it printed, e.g. 'project coordinator'."),
    )
    organisation = PartnerChooserBlock(
        label=_("Organisation (from partners)"),
        required=False,
        help_text=_("Choose a partner so the name is translated with it, or type it below."),
    )
    organisation_text = blocks.CharBlock(
        label=_("Organisation (typed)"),
        required=False,
        max_length=300,
        help_text=_("Only for an organisation that is not among the partners."),
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("e.g. 'to be confirmed' or 'joins online'."),
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("organisation") is not None and value.get("organisation_text"):
            raise StructBlockValidationError(
                block_errors={
                    "organisation_text": ValidationError(
                        _(
                            "Choose the organisation from the partners or type it here, not "
                            "both. Clear one of the two."
                        )
                    )
                }
            )
        return value

    class Meta:
        icon = "user"
        label = _("Speaker")
        value_class = SpeakerValue
        form_classname = "speaker-block"


class AgendaItemValue(blocks.StructValue):
    def is_pause(self):
        return self.get("kind") in AgendaItemKind.pauses()

    def kind_label(self):
        return AgendaItemKind(self.get("kind")).label if self.get("kind") else ""


def _time_label(value):
    return value.strftime("%H:%M")


def _moment(value):
    # A 24-hour clock and a month name read the same to editors in every admin language.
    return formats.date_format(value, "j M Y, H:i")


class ClockTimeBlock(blocks.TimeBlock):
    """A time typed as 09:00 or 9.00, picked in quarter hours, never replaced on leaving."""

    @cached_property
    def field(self):
        return ClockTimeField(**self.field_options)


class SerbianDateBlock(blocks.DateBlock):
    """A date typed as 08.04.2027., never replaced by the picker on leaving the field."""

    @cached_property
    def field(self):
        return SerbianDateField(**self.field_options)


class AgendaItemBlock(blocks.StructBlock):
    """One slot in the programme: its times, what happens and who speaks."""

    start_time = ClockTimeBlock(label=_("Starts"), help_text=_("Local time at the venue."))
    end_time = ClockTimeBlock(label=_("Ends"), help_text=_("Local time at the venue."))
    title = blocks.CharBlock(label=_("Title"), max_length=300)
    kind = FixedChoiceBlock(
        choices=AgendaItemKind.choices,
        default=AgendaItemKind.SESSION,
        label=_("Kind"),
        help_text=_("Breaks and refreshments are shown differently from talks."),
    )
    description = blocks.RichTextBlock(
        label=_("Description"), required=False, features=["bold", "italic", "link"]
    )
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Speakers"), default=[])
    group_speakers = blocks.CharBlock(
        label=_("Group of speakers"),
        required=False,
        max_length=500,
        help_text=_(
            "Speakers not named one by one, e.g. 'Short presentations by representatives of "
            "civil society organisations'."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        # A draft may be saved before both times are filled in (Wagtail defers required fields
        # until publishing); there is nothing to compare yet.
        if value["start_time"] is None or value["end_time"] is None:
            return value
        if value["end_time"] <= value["start_time"]:
            raise StructBlockValidationError(
                block_errors={
                    "end_time": ValidationError(
                        _("This item ends at %(end)s, which is not after its start at %(start)s.")
                        % {
                            "end": _time_label(value["end_time"]),
                            "start": _time_label(value["start_time"]),
                        }
                    )
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Agenda item")
        value_class = AgendaItemValue
        form_classname = "agenda-item-block"


class AgendaValue(blocks.StructValue):
    def day(self, event_start_date=None):
        return self.get("date") or event_start_date


def _outside_event(window, day, item, taken):
    """A message for the item's start or end if it falls outside the event's own times."""
    starts_at, ends_at = window.place(day, item["start_time"], item["end_time"])
    if starts_at < window.starts_at and "start_time" not in taken:
        return {
            "start_time": _("This item starts at %(item)s, before the event starts (%(event)s).")
            % {
                "item": _moment(starts_at),
                "event": _moment(window.starts_at.astimezone(window.tzinfo)),
            }
        }
    if ends_at > window.ends_at:
        return {
            "end_time": _("This item ends at %(item)s, after the event ends (%(event)s).")
            % {"item": _moment(ends_at), "event": _moment(window.ends_at.astimezone(window.tzinfo))}
        }
    return {}


def agenda_validation_error(problems, base_error=None):
    """The error an AgendaBlock raises, shown on the fields of each item at fault.

    ``problems`` maps an item's index to ``{field name: message}``. Errors the agenda's own
    fields already found (``base_error``) are kept, so that one save reports everything.
    """
    base_error = base_error or StructBlockValidationError()
    items_error = base_error.block_errors.get("items") or ListBlockValidationError()
    item_errors = dict(items_error.block_errors)
    for index, messages in problems.items():
        item_errors[index] = StructBlockValidationError(
            block_errors={name: ValidationError(message) for name, message in messages.items()}
        )
    return StructBlockValidationError(
        block_errors={
            **base_error.block_errors,
            "items": ListBlockValidationError(
                block_errors=item_errors, non_block_errors=items_error.non_block_errors
            ),
        },
        non_block_errors=base_error.non_block_errors,
    )


class AgendaBlock(blocks.StructBlock):
    """A timed programme. Parallel tracks or extra days are separate agenda blocks."""

    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("e.g. 'Agenda', 'Day 2' or 'Room B'. Leave empty for 'Agenda'."),
    )
    date = SerbianDateBlock(
        label=_("Day"),
        required=False,
        help_text=_("Only for events over several days. Empty means the event's start date."),
    )
    items = blocks.ListBlock(AgendaItemBlock(), label=_("Items"), min_num=1)

    def clean(self, value):
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            # The items that are correct on their own are still checked against each other and
            # the event, so that one save shows every mistake in the agenda.
            items = self._items_that_clean(value["items"])
            day_is_valid, day = self._day_if_valid(value.get("date"))
            problems = self._schedule_problems(items, day, check_event=day_is_valid)
            raise agenda_validation_error(problems, base_error=error) from None
        problems = self._schedule_problems(list(cleaned["items"]), cleaned["date"])
        if problems:
            raise agenda_validation_error(problems)
        return cleaned

    def _items_that_clean(self, items):
        item_block = self.child_blocks["items"].child_block
        cleaned = []
        for item in items:
            try:
                cleaned.append(item_block.clean(item))
            except ValidationError:
                cleaned.append(None)  # its own error is reported already
        return cleaned

    def _day_if_valid(self, raw_day):
        try:
            return True, self.child_blocks["date"].clean(raw_day)
        except ValidationError:
            return False, None

    def _schedule_problems(self, items, day, check_event=True):
        """``{item index: {field name: message}}`` for items out of order, overlapping, or
        outside the event being edited. ``None`` stands for an item with errors of its own."""
        problems = {}
        window = current_event_window() if check_event else None
        latest_end = None
        latest_end_title = ""
        previous_start = None
        for index, item in enumerate(items):
            if item is None or item["start_time"] is None or item["end_time"] is None:
                continue  # an unfinished draft item; publishing asks for its times
            start = item["start_time"]
            messages = problems.setdefault(index, {})
            if previous_start is not None and start < previous_start:
                messages["start_time"] = _(
                    "This item starts at %(start)s, before the item above it "
                    "(%(previous)s). Keep the items in chronological order."
                ) % {"start": _time_label(start), "previous": _time_label(previous_start)}
            elif latest_end is not None and start < latest_end:
                messages["start_time"] = _(
                    "This item starts at %(start)s, while “%(other)s” runs until %(end)s. "
                    "Items in one agenda must not overlap; put parallel sessions in an "
                    "agenda of their own."
                ) % {
                    "start": _time_label(start),
                    "other": latest_end_title,
                    "end": _time_label(latest_end),
                }
            if window is not None:
                messages.update(_outside_event(window, day, item, taken=messages))
            previous_start = start
            if latest_end is None or item["end_time"] > latest_end:
                latest_end, latest_end_title = item["end_time"], item["title"]
        return {index: messages for index, messages in problems.items() if messages}

    class Meta:
        icon = "list-ol"
        template = "panel_event/blocks/agenda.html"
        label = _("Agenda")
        description = _("The programme: timed items with their speakers.")
        value_class = AgendaValue
        preview_value = {
            "title": "Agenda",
            "items": [
                {
                    "start_time": datetime.time(11, 0),
                    "end_time": datetime.time(11, 10),
                    "title": "Uvodna obraćanja",
                    "kind": "opening",
                    "speakers": [
                        {
                            "name": "Jelena Ribać",
                            "role": "koordinatorka projekta",
                            "organisation_text": "Međunarodna organizacija za migracije",
                        }
                    ],
                },
                {
                    "start_time": datetime.time(12, 30),
                    "end_time": datetime.time(13, 0),
                    "title": "Osveženje",
                    "kind": "refreshments",
                    "speakers": [],
                },
            ],
        }


class PartnerRoleBlock(blocks.StructBlock):
    """An organisation and the part it plays in this event."""

    partner = PartnerChooserBlock(label=_("Organisation"))
    role = FixedChoiceBlock(choices=PartnerRole.choices, label=_("Role in this event"))

    class Meta:
        icon = "group"
        label = _("Partner")


class PartnersValue(blocks.StructValue):
    def groups(self):
        """[(role label, [partner, ...]), ...] in PartnerRole order, for the public page."""
        role_order = {role.value: position for position, role in enumerate(PartnerRole)}
        entries = sorted(
            (entry for entry in self.get("partners", []) if entry.get("partner") is not None),
            key=lambda entry: role_order.get(entry["role"], len(role_order)),
        )
        return [
            (PartnerRole(role).label, [entry["partner"] for entry in group])
            for role, group in groupby(entries, key=lambda entry: entry["role"])
        ]


class PartnersBlock(blocks.StructBlock):
    """The organisations involved, each in its role; shown grouped by role."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    partners = blocks.ListBlock(PartnerRoleBlock(), label=_("Partners"), min_num=1)

    class Meta:
        icon = "group"
        template = "panel_event/blocks/partners.html"
        label = _("Partners")
        description = _("Organisers, funders and other partners, grouped by their role.")
        value_class = PartnersValue


class QuoteBlock(blocks.StructBlock):
    """A pull quote with who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=300)

    class Meta:
        icon = "openquote"
        template = "panel_event/blocks/quote.html"
        label = _("Quote")
        description = _("A quotation, with the name and role of the person quoted.")
        preview_value = {
            "quote": "Lokalne zajednice su ključ podrške migrantima.",
            "attribution": "Jelena Ribać, koordinatorka projekta",
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with its own alt text, caption and credit, which translate with the page."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=300,
        help_text=_("Source and photographer, e.g. 'foto: Saša Đorđević'."),
    )

    class Meta:
        icon = "image"
        template = "panel_event/blocks/image.html"
        label = _("Image with caption")
        description = _("A photo or illustration with a caption and its credit.")


class MaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")


class MaterialsBlock(blocks.StructBlock):
    """Documents to download: programme, reports, presentations."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    documents = blocks.ListBlock(MaterialBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        template = "panel_event/blocks/materials.html"
        label = _("Materials")
        description = _("Downloadable documents such as the programme or a report.")


class CallToActionBlock(blocks.StructBlock):
    """A prominent link: register, write to the organisers, read more."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_url = SafeURLBlock(label=_("Link"), required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=80)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("link_url") and not value.get("email"):
            raise StructBlockValidationError(
                block_errors={
                    "link_url": ValidationError(_("Give a link or an e-mail address to act on."))
                }
            )
        return value

    class Meta:
        icon = "link"
        template = "panel_event/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A button for registering, contacting the organisers or reading more.")
        preview_value = {
            "heading": "Prijavite se",
            "text": "Broj mesta je ograničen.",
            "email": "prijave@example.org",
            "button_label": "Pošaljite prijavu",
        }


class VideoBlock(blocks.StructBlock):
    """A video from a service such as YouTube or Vimeo.

    The public page links to it instead of embedding a player, so that reading the page sends
    nothing to a third party until the reader chooses to watch.
    """

    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        template = "panel_event/blocks/video.html"
        label = _("Video")
        description = _("A link to a recording or trailer on a video service.")


class EventBodyBlock(blocks.StreamBlock):
    """The event page's body.

    The page editor's JavaScript always posts a well-formed structure; a hand-made or truncated
    POST (a missing count, a non-numeric order) would make Wagtail's block widgets raise and
    the request end in a server error. Such a body is read as unreadable and rejected with a
    form error instead.
    """

    heading = HeadingBlock()
    text = RichTextSectionBlock(label=_("Text"))
    key_figures = KeyFiguresBlock()
    agenda = AgendaBlock()
    partners = PartnersBlock()
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
    materials = MaterialsBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError, AttributeError):
            unreadable = blocks.StreamValue(self, [])
            unreadable.unreadable = True
            return unreadable

    def clean(self, value):
        if getattr(value, "unreadable", False):
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _(
                            "The programme could not be read from the form. Reload the page "
                            "editor and enter it again."
                        )
                    )
                ]
            )
        return super().clean(value)


# Migrations record these blocks as the Wagtail blocks they extend: the stored data and the
# editing interface are the same, only the queries that load them differ.
# These blocks differ from the ones they extend only in the admin (widgets, accepted spellings),
# so migrations see them as those blocks.
DECONSTRUCT_ALIASES = {
    PartnerChooserBlock: "wagtail.snippets.blocks.SnippetChooserBlock",
    ClockTimeBlock: "wagtail.blocks.TimeBlock",
    SerbianDateBlock: "wagtail.blocks.DateBlock",
    FixedChoiceBlock: "wagtail.blocks.ChoiceBlock",
}
