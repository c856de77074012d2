import zoneinfo

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from .blocks import agenda_validation_error
from .schedule import schedule_agenda_items

DEFAULT_EVENT_TIME_ZONE = "Europe/Belgrade"


def _moment(value):
    # A 24-hour clock and a month name read the same to editors in every admin language.
    return formats.date_format(value, "j M Y, H:i")


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class EventPageForm(WagtailAdminPageForm):
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
            value = getattr(self.instance, name, None)
            if name in self.fields and value is not None:
                # A naive value is shown as it is, so the editor sees the venue's wall clock.
                self.initial[name] = timezone.make_naive(value, event_zone)

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
        editor_zone = timezone.get_current_timezone()
        for name in self.local_datetime_fields:
            value = cleaned_data.get(name)
            if value is not None:
                wall_clock = timezone.make_naive(value, editor_zone)
                cleaned_data[name] = wall_clock.replace(tzinfo=event_zone)
        self._check_agenda_within_event(cleaned_data, event_zone)
        return cleaned_data

    def _check_agenda_within_event(self, cleaned_data, event_zone):
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        body = cleaned_data.get("body")
        if not (starts_at and ends_at and body) or self.has_error("body"):
            return
        local_start = starts_at.astimezone(event_zone)
        local_end = ends_at.astimezone(event_zone)
        item_errors = {}
        for scheduled in schedule_agenda_items(body, local_start.date(), event_zone):
            if scheduled.starts_at < starts_at:
                field, message = (
                    "start_time",
                    _("This item starts at %(item)s, before the event starts (%(event)s).")
                    % {
                        "item": _moment(scheduled.starts_at),
                        "event": _moment(local_start),
                    },
                )
            elif scheduled.ends_at > ends_at:
                field, message = (
                    "end_time",
                    _("This item ends at %(item)s, after the event ends (%(event)s).")
                    % {
                        "item": _moment(scheduled.ends_at),
                        "event": _moment(local_end),
                    },
                )
            else:
                continue
            item_errors.setdefault(scheduled.stream_index, {})[scheduled.item_index] = (
                field,
                message,
            )
        if not item_errors:
            return
        self.add_error(
            "body",
            StreamBlockValidationError(
                block_errors={
                    stream_index: agenda_validation_error(messages_by_item)
                    for stream_index, messages_by_item in item_errors.items()
                }
            ),
        )
