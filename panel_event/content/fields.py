import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

from .validators import validate_public_url


class PublicURLField(models.URLField):
    """A web address readers can follow: http(s) only, with an error that says so."""

    default_validators = [validate_public_url]

    def formfield(self, **kwargs):
        return super().formfield(
            **{"error_messages": {"invalid": validate_public_url.message}, **kwargs}
        )


# --- Dates and times as Serbian editors write them ------------------------------------------------
# "08.04.2027. 09.00", "8.4.2027. 9:00", "08.04.2027 09:00": day first, a dot after the day and the
# month (and usually after the year), hours and minutes separated by a colon or a dot.

SERBIAN_DATE_FORMAT = "%d.%m.%Y."
SERBIAN_DATETIME_FORMAT = "%d.%m.%Y. %H:%M"
TIME_FORMAT = "%H:%M"
_DATE = r"(?P<day>\d{1,2})\.\s*(?P<month>\d{1,2})\.\s*(?P<year>\d{4})\.?"
_TIME = r"(?P<hour>\d{1,2})[.:](?P<minute>\d{2})"
SERBIAN_DATE = re.compile(rf"^\s*{_DATE}\s*$")
SERBIAN_DATETIME = re.compile(rf"^\s*{_DATE}\s+{_TIME}\s*$")
SERBIAN_TIME = re.compile(rf"^\s*{_TIME}\s*$")

# The admin's date picker (jQuery datetimepicker) replaces, when the field loses focus, any value
# it cannot read with the current date and time. The editor's typing must win: the server reads
# the value and says what is wrong with it. Quarter hours are what programmes are made of.
PICKER_OPTIONS = {"validateOnBlur": False, "step": 15}


def _matched_parts(pattern, value):
    match = pattern.match(value) if isinstance(value, str) else None
    return {name: int(part) for name, part in match.groupdict().items()} if match else None


class SerbianDateTimeInput(AdminDateTimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=SERBIAN_DATETIME_FORMAT, time_format=TIME_FORMAT)

    def get_config(self):
        return {**super().get_config(), **PICKER_OPTIONS}


class SerbianDateInput(AdminDateInput):
    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=SERBIAN_DATE_FORMAT)

    def get_config(self):
        return {**super().get_config(), **PICKER_OPTIONS}


class QuarterHourTimeInput(AdminTimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=TIME_FORMAT)

    def get_config(self):
        return {**super().get_config(), **PICKER_OPTIONS}


class SerbianDateTimeField(forms.DateTimeField):
    """A date and time typed the Serbian way, in any admin language (ISO dates work too)."""

    widget = SerbianDateTimeInput
    default_error_messages = {
        "invalid": _(
            "Enter the date and time as day.month.year. hours:minutes, e.g. 08.04.2027. 09:00."
        ),
    }

    def to_python(self, value):
        parts = _matched_parts(SERBIAN_DATETIME, value)
        if parts is None:
            return super().to_python(value)
        try:
            moment = datetime.datetime(**parts)
        except ValueError:  # 31.02. or 25:00
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return from_current_timezone(moment)


class SerbianDateField(forms.DateField):
    widget = SerbianDateInput
    default_error_messages = {
        "invalid": _("Enter the date as day.month.year., e.g. 08.04.2027."),
    }

    def to_python(self, value):
        parts = _matched_parts(SERBIAN_DATE, value)
        if parts is None:
            return super().to_python(value)
        try:
            return datetime.date(**parts)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ClockTimeField(forms.TimeField):
    """A time of day as hours and minutes, with a colon or, as often in Serbian, a dot."""

    widget = QuarterHourTimeInput
    default_error_messages = {
        "invalid": _("Enter the time as hours:minutes, e.g. 09:00 or 14:30."),
    }

    def to_python(self, value):
        parts = _matched_parts(SERBIAN_TIME, value)
        if parts is None:
            return super().to_python(value)
        try:
            return datetime.time(**parts)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
