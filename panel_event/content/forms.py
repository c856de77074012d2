import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from .fields import SerbianDateTimeField
from .schedule import DEFAULT_EVENT_TIME_ZONE, EventWindow, checking_against
from .slugs import AsciiSlugPageForm


def _in_zone(value, event_zone):
    """The wall-clock time the editor typed (read in their own zone), placed in ``event_zone``."""
    wall_clock = timezone.make_naive(value, timezone.get_current_timezone())
    return wall_clock.replace(tzinfo=event_zone)


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class EventPageForm(AsciiSlugPageForm):
    """The event editor's form.

    Editors type wall-clock times as they appear on the invitation. Django would read them in
    the editor's own time zone; this form reads them in the event's zone instead, so an event in
    Belgrade typed by an editor in London still starts at 11:00 Belgrade time.
    """

    local_datetime_fields = ("starts_at", "ends_at", "previous_starts_at", "registration_deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            # The model keeps a plain CharField so that tzdata releases never churn migrations;
            # the editor picks from the zones this server knows.
            model_field = self.fields["time_zone"]
            self.fields["time_zone"] = forms.ChoiceField(
                choices=time_zone_choices(),
                label=model_field.label,
                help_text=model_field.help_text,
                initial=DEFAULT_EVENT_TIME_ZONE,
            )
        self._unreadable_fields = set()
        for name, field in self.fields.items():
            if hasattr(field.widget, "converter"):  # a Draftail rich-text editor
                field.widget.value_from_datadict = self._guarded_reader(
                    name, field.widget.value_from_datadict
                )
        event_zone = zoneinfo.ZoneInfo(self.instance.time_zone or DEFAULT_EVENT_TIME_ZONE)
        for name in self.local_datetime_fields:
            if name not in self.fields:
                continue
            model_field = self.fields[name]
            self.fields[name] = SerbianDateTimeField(
                required=model_field.required,
                label=model_field.label,
                help_text=model_field.help_text,
            )
            value = getattr(self.instance, name, None)
            if value is not None:
                # A naive value is shown as it is, so the editor sees the venue's wall clock.
                self.initial[name] = timezone.make_naive(value, event_zone)
        if "event_type" in self.fields:
            self._ask_for_event_type()
        if not self.is_bound and self.instance.pk is not None:
            self._flag_required_fields_left_empty()

    def required_fields_left_empty(self):
        """Names of the fields publishing needs that have nothing in them yet.

        Saving a draft lets them stay empty (Wagtail checks them only when publishing); the
        editor is told which ones after each draft save and sees it next to each field.
        """
        return [
            name
            for name, field in self.fields.items()
            if field.required and self[name].value() in EMPTY_VALUES
        ]

    def _flag_required_fields_left_empty(self):
        for name in self.required_fields_left_empty():
            help_text = format_lazy(
                "{} {}", _("Still empty: needed before publishing."), self.fields[name].help_text
            )
            # The bound field copied the help text when it was first read; the panel shows its.
            self.fields[name].help_text = self[name].help_text = help_text

    def _ask_for_event_type(self):
        """A new event starts with no type chosen: a preselected type slips through unread."""
        field = self.fields["event_type"]
        field.choices = BLANK_CHOICE_DASH + [
            choice for choice in field.choices if choice[0] not in EMPTY_VALUES
        ]
        field.error_messages["required"] = _(
            "Choose the type of event; it is shown above the title."
        )
        if self.instance.pk is None:
            self.initial["event_type"] = ""

    def _guarded_reader(self, name, read):
        """Wrap a rich-text widget's reader so that a value the editor's JavaScript would never
        post (not Draftail JSON) becomes a form error on that field, not a server error."""

        def read_or_flag(data, files, field_name):
            try:
                return read(data, files, field_name)
            except (ValueError, TypeError, AttributeError, KeyError):
                self._unreadable_fields.add(name)
                return None

        return read_or_flag

    def full_clean(self):
        # Agenda blocks check their items against the event's start and end while the body is
        # cleaned, in the same pass as every other check, so one save reports every mistake.
        with checking_against(self._event_window_from_data()):
            super().full_clean()

    def _event_window_from_data(self):
        """The event's start and end as posted, or None if they are missing or invalid (their
        own fields report that)."""
        if not self.is_bound:
            return None
        try:
            event_zone = zoneinfo.ZoneInfo(self.fields["time_zone"].clean(self["time_zone"].data))
            starts_at = self.fields["starts_at"].clean(self["starts_at"].data)
            ends_at = self.fields["ends_at"].clean(self["ends_at"].data)
        except (KeyError, ValueError, ValidationError, zoneinfo.ZoneInfoNotFoundError):
            return None
        if starts_at is None or ends_at is None or ends_at <= starts_at:
            return None
        return EventWindow(
            _in_zone(starts_at, event_zone), _in_zone(ends_at, event_zone), event_zone
        )

    def clean(self):
        cleaned_data = super().clean()
        for name in sorted(self._unreadable_fields):
            self.add_error(
                name,
                _(
                    "This text could not be read from the form. Reload the editor and enter it again."
                ),
            )
        if "time_zone" not in cleaned_data:
            return cleaned_data  # the zone is invalid and already reported on its field
        event_zone = zoneinfo.ZoneInfo(cleaned_data["time_zone"])
        for name in self.local_datetime_fields:
            value = cleaned_data.get(name)
            if value is not None:
                cleaned_data[name] = _in_zone(value, event_zone)
        return cleaned_data
