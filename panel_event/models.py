import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .caching.page_cache import CachedPageMixin
from .caching.routing import ViewRestrictionsMixin
from .conf import plugin_settings
from .content.blocks import EventBodyBlock, chosen_partner_ids, loading_partners
from .content.choices import AttendanceMode, EventStatus, EventType, OrganisationKind
from .content.fields import PublicURLField
from .content.forms import EventPageForm
from .content.schedule import DEFAULT_EVENT_TIME_ZONE, schedule_agenda_items
from .content.slugs import AsciiSlugMixin, AsciiSlugPageForm
from .content.validators import validate_time_zone
from .editing.delete_rights import EventPagePermissionTester
from .languages.script_sync import other_script_length_errors
from .languages.search_text import search_text
from .outputs.api import representation as api
from .outputs.calendar import calendar_response, google_calendar_url, site_routes_dotted_address
from .outputs.listing import EventListingMixin
from .outputs.search import event_search_text


class PartnerSnippet(TranslatableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """An organisation that takes part in events: organiser, donor, partner institution."""

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_(
            "The full name in this language, e.g. 'Međunarodna organizacija za migracije'."
        ),
    )
    acronym = models.CharField(
        _("acronym"),
        max_length=30,
        blank=True,
        help_text=_("As used in this language, e.g. 'IOM'. Used to match imported announcements."),
    )
    kind = models.CharField(
        _("kind of organisation"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.OTHER,
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A PNG or JPEG with a transparent or white background works best."),
    )
    website = PublicURLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences about the organisation."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("acronym"),
        index.AutocompleteField("admin_search_text"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def display_name(self):
        return self.name

    def admin_search_text(self):
        return search_text(self.name, self.acronym)

    def clean(self):
        super().clean()
        if errors := other_script_length_errors(self):
            raise ValidationError(errors)


class Venue(TranslatableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A place where events happen, reused across events."""

    name = models.CharField(_("name"), max_length=255)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100, default="Srbija")
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        default="RS",
        help_text=_("Two-letter ISO code, e.g. RS. Used by calendars and search engines."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    map_url = PublicURLField(
        _("map link"),
        blank=True,
        help_text=_(
            "A link to the place on a map service. The page links to it; it never embeds it."
        ),
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, lifts, hearing loops, nearest accessible parking."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("country_code")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("map_url"),
            ],
            heading=_("Map"),
        ),
        FieldPanel("accessibility_notes"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.AutocompleteField("admin_search_text"),
        index.FilterField("city"),
        index.FilterField("locale_id"),
    ]

    # Codes and numbers are the same in every language and must never be transliterated.
    override_translatable_fields = [
        SynchronizedField("postal_code"),
        SynchronizedField("country_code", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name}, {self.city}" if self.city else self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both coordinates, or neither.")})
        if errors := other_script_length_errors(self):
            raise ValidationError(errors)

    def admin_search_text(self):
        return search_text(self.name, self.city)

    def address_line(self):
        """One line for calendars: 'Name, street, postal code city, country'."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        parts = (self.name, self.street_address, town, self.country)
        return ", ".join(part for part in parts if part)


class EventIndexPage(EventListingMixin, AsciiSlugMixin, Page):
    """A listing of events in one language, for sites that keep events in their own section."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["panel_event.EventPage"]
    template = "panel_event/event_index_page.html"
    base_form_class = AsciiSlugPageForm

    class Meta:
        verbose_name = _("events index")


class EventPage(CachedPageMixin, ViewRestrictionsMixin, RoutablePageMixin, AsciiSlugMixin, Page):
    """One event, composed from structured fields and blocks."""

    event_type = models.CharField(
        _("event type"),
        max_length=30,
        choices=EventType.choices,
        default=EventType.PANEL_DISCUSSION,
        help_text=_("Shown above the title as a label, e.g. 'Panel discussion'."),
    )
    intro = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for listings, search engines and social media previews."),
    )
    starts_at = models.DateTimeField(
        _("starts"),
        help_text=_("Local time at the venue, in the event's time zone."),
    )
    ends_at = models.DateTimeField(
        _("ends"),
        help_text=_("Local time at the venue, in the event's time zone."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_EVENT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The venue's time zone. Start, end and agenda times are read in this zone."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("Tell readers, calendars and search engines if plans change."),
    )
    previous_starts_at = models.DateTimeField(
        _("previously planned start"),
        null=True,
        blank=True,
        help_text=_("For a rescheduled event: when it was going to start."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Choose a venue, or add a new one from the chooser."),
    )
    room = models.CharField(
        _("room"), max_length=200, blank=True, help_text=_("e.g. 'Conference hall, 2nd floor'.")
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    online_url = PublicURLField(
        _("online link"),
        blank=True,
        help_text=_("Where people join online. Required unless the event is in person only."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Alt text, caption and credit belong to this use of the image and are translated (and
    # transliterated) with the page; fields on a shared image model would not be.
    hero_alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    hero_caption = models.CharField(_("caption"), max_length=300, blank=True)
    hero_credit = models.CharField(
        _("credit"),
        max_length=300,
        blank=True,
        help_text=_("Source and photographer, e.g. 'Izvor: … / foto: Saša Đorđević'."),
    )
    objective = RichTextField(
        _("objective"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the event sets out to achieve, in a paragraph."),
    )
    body = StreamField(EventBodyBlock(), blank=True, verbose_name=_("programme and content"))
    registration_url = PublicURLField(_("registration link"), blank=True)
    registration_email = models.EmailField(_("registration e-mail"), blank=True)
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Local time at the venue. After it, the registration button is hidden."),
    )
    capacity_note = models.CharField(
        _("capacity note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Limited to 40 participants'."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("room"),
                FieldPanel("attendance_mode"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("objective"),
    ]
    programme_panels = [FieldPanel("body")]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_email"),
                FieldPanel("registration_deadline"),
                FieldPanel("capacity_note"),
            ],
            heading=_("Registration"),
            help_text=_("Optional. Give a link or an e-mail address for people to register."),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("previous_starts_at")],
            heading=_("Changes to the plan"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Event")),
            ObjectList(programme_panels, heading=_("Programme and content")),
            ObjectList(registration_panels, heading=_("Registration and status")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = EventPageForm
    # URLs keep one slug across languages unless a translator overrides it; the time zone is a
    # machine identifier, never text to translate.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("time_zone", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.AutocompleteField("admin_search_text"),
        index.AutocompleteField("public_search_text"),
        index.SearchField("intro"),
        index.SearchField("objective"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
        index.FilterField("event_type"),
    ]

    # The JSON API (outputs/api, docs/api.md): the event in its own language and time zone.
    api_fields = [
        APIField("event_type", serializer=api.event_type_field()),
        APIField("intro"),
        APIField("starts_at", serializer=api.LocalDateTimeField("starts_at")),
        APIField("ends_at", serializer=api.LocalDateTimeField("ends_at")),
        APIField("time_zone"),
        APIField("status", serializer=api.status_field()),
        APIField("previous_starts_at", serializer=api.LocalDateTimeField("previous_starts_at")),
        APIField("attendance_mode", serializer=api.attendance_mode_field()),
        APIField("online_url"),
        APIField("venue", serializer=api.VenueField()),
        APIField("room"),
        APIField("objective", serializer=api.RichTextField("objective")),
        APIField("agendas", serializer=api.AgendasField()),
        APIField("partners", serializer=api.PartnersField()),
        APIField("registration", serializer=api.RegistrationField()),
        APIField("translations", serializer=api.TranslationsField()),
    ]

    # Any page type but an event (whose subpage_types is empty), unless the site names the types.
    parent_page_types = plugin_settings.PARENT_PAGE_TYPES
    subpage_types = []
    template = "panel_event/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            # The listing walks this one in either direction, reading ends_at from the index
            # itself to tell upcoming from past events (outputs/listing.py, page_window).
            models.Index(fields=["starts_at", "ends_at"]),
            models.Index(fields=["ends_at"]),
            # Everything the filter counts read of an event (outputs/filters.py), so that they
            # read this index instead of the rows, whose body takes several database pages.
            models.Index(fields=["page_ptr", "event_type", "starts_at", "ends_at", "venue"]),
        ]

    def admin_search_text(self):
        # The title in every spelling, so the admin's page search finds the event whatever
        # script or diacritics the editor types (panel_event.languages.search_text).
        return search_text(self.title)

    def public_search_text(self):
        # What the public search finds the event by, in one folded spelling (outputs.search).
        return event_search_text(self)

    def permissions_for_user(self, user):
        # Deleting an event takes "Can delete event page", not only edit and publish rights.
        return EventPagePermissionTester(user, self)

    @cached_property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_EVENT_TIME_ZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.tzinfo) if self.starts_at else None

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.tzinfo) if self.ends_at else None

    @property
    def is_past(self):
        return self.ends_at is not None and self.ends_at < timezone.now()

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def registration_open(self):
        if not (self.registration_url or self.registration_email) or self.is_past:
            return False
        if self.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            return False
        return self.registration_deadline is None or timezone.now() <= self.registration_deadline

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.attendance_mode != AttendanceMode.IN_PERSON and not self.online_url:
            errors["online_url"] = _("An online or hybrid event needs the link where people join.")
        if self.status == EventStatus.RESCHEDULED and not self.previous_starts_at:
            errors["previous_starts_at"] = _(
                "A rescheduled event keeps its previous start: enter when it was planned."
            )
        if self.hero_image_id and not self.hero_alt_text:
            errors["hero_alt_text"] = _(
                "Describe the image for people who cannot see it, or leave the image out."
            )
        if (
            self.registration_deadline
            and self.ends_at
            and self.registration_deadline > self.ends_at
        ):
            errors["registration_deadline"] = _(
                "The registration deadline is after the event ends."
            )
        errors = {**other_script_length_errors(self), **errors}
        if errors:
            raise ValidationError(errors)

    def scheduled_agenda_items(self):
        """Every agenda item with absolute, time-zone-aware start and end date-times."""
        if not self.starts_at:
            return []
        return schedule_agenda_items(self.body, self.local_start.date(), self.tzinfo)

    @cached_property
    def agenda_slots(self):
        """Scheduled agenda items keyed by ``id()`` of the agenda item they place.

        Agenda block templates look their item up here to print full date-times. The body's
        values are cached on the page, so an item rendered from ``page.body`` is the very object
        scheduled here; each slot keeps its item alive, so the ids cannot be reused meanwhile.
        """
        return {id(slot.item): slot for slot in self.scheduled_agenda_items()}

    @property
    def local_previous_start(self):
        if not self.previous_starts_at:
            return None
        return timezone.localtime(self.previous_starts_at, self.tzinfo)

    @property
    def takes_place_in_person(self):
        return (
            self.attendance_mode != AttendanceMode.ONLINE
            and self.status != EventStatus.MOVED_ONLINE
        )

    @property
    def takes_place_online(self):
        return (
            self.attendance_mode != AttendanceMode.IN_PERSON
            or self.status == EventStatus.MOVED_ONLINE
        )

    @property
    def shows_calendar_links(self):
        """Offer "add to calendar" only while it is still useful to someone planning to come."""
        return not self.is_past and self.status not in (
            EventStatus.CANCELLED,
            EventStatus.POSTPONED,
        )

    def load_body(self):
        """Load everything the body's blocks choose, in a fixed number of queries.

        Partners, wherever they are chosen (speakers' organisations, partners blocks), come in
        one query with their logos; documents and images in one query per kind of block that
        has them. The agenda and the page's other values are then read from memory.
        """
        body = self.body
        partner_ids = chosen_partner_ids(body.stream_block, list(body.raw_data))
        partners = (
            PartnerSnippet.objects.select_related("logo").in_bulk(partner_ids)
            if partner_ids
            else {}
        )
        with loading_partners(partners):
            return list(body)

    def images_to_render(self):
        """Every image the page shows: the main image, partner logos and image blocks."""
        images = [self.hero_image] if self.hero_image else []
        for block in self.load_body():
            if block.block_type == "partners":
                for entry in block.value.get("partners", []):
                    partner = entry.get("partner")
                    if partner is not None and partner.logo is not None:
                        images.append(partner.logo)
            elif block.block_type == "image" and block.value.get("image") is not None:
                images.append(block.value["image"])
        return images

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The renditions of every image on the page, in one query; the picture tags then find
        # them without a cache or database lookup each.
        prefetch_related_objects(self.images_to_render(), "renditions")
        context["calendar_url"] = self.calendar_url(request)
        context["google_calendar_url"] = google_calendar_url(self, request)
        return context

    def page_cache_expiry(self, context):
        """The page changes by itself when registration closes and when the event ends."""
        now = timezone.now()
        moments = [self.registration_deadline, self.ends_at]
        upcoming = [moment for moment in moments if moment is not None and moment > now]
        return min(upcoming, default=None)

    # Wagtail's page URLs allow no dot, so the file's own address is "calendar/" (downloaded as
    # <slug>.ics). A site that routes "calendar.ics" to Wagtail's serve view reaches the second
    # route: routable pages see their sub-path with a trailing slash added.
    @re_path(r"^calendar/$", name="calendar")
    @re_path(r"^calendar\.ics/$", name="calendar_ics")
    def calendar_file(self, request):
        """The event for calendar applications, in this page's language."""
        return calendar_response(self, request)

    def calendar_url(self, request=None):
        page_url = self.get_url(request)
        if page_url is None:
            return None
        dotted_url = page_url + self.reverse_subpage("calendar_ics").rstrip("/")
        if site_routes_dotted_address(page_url, dotted_url):
            return dotted_url
        return page_url + self.reverse_subpage("calendar")


class TransliterationRule(models.Model):
    """An editor's correction to Latin-to-Cyrillic transliteration.

    Either a word whose Latin letter pair is really two letters (``injekcija`` → ``инјекција``),
    or, with the Cyrillic left empty, a name or brand that stays in Latin.
    """

    latin = models.CharField(
        _("Latin spelling"),
        max_length=100,
        unique=True,
        help_text=_(
            "A word, the start of a word (covers all its endings: 'injekcij'), or a phrase."
        ),
    )
    cyrillic = models.CharField(
        _("Cyrillic spelling"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to keep the Latin spelling in Cyrillic text, e.g. for brands."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("latin"), FieldPanel("cyrillic"), FieldPanel("note")]

    class Meta:
        verbose_name = _("transliteration rule")
        verbose_name_plural = _("transliteration rules")
        ordering = ["latin"]

    def __str__(self):
        return f"{self.latin} → {self.cyrillic or self.latin}"

    @property
    def keeps_latin(self):
        return not self.cyrillic
