"""The events endpoint's query parameters: each bad value is a 400 that says what is allowed.

Wagtail's own filters pass some values straight to the database, where a malformed date, an
unknown locale or a number too large for the column ends in a 404 or a server error; these
check the value first.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from .representation import content_language_codes

# The widest integer every supported database stores (SQLite's and PostgreSQL's bigint).
LARGEST_INTEGER = 2**63 - 1

WHEN_VALUES = ("upcoming", "past")


def requested_locale(value):
    """The content language ``?locale=`` names, in any letter case (``sr-Latn`` is ``sr-latn``)."""
    codes = content_language_codes()
    code = value.strip().lower().replace("_", "-")
    if code not in codes:
        raise BadRequestError(f"locale must be one of: {', '.join(codes)}")
    return code


class EventLocaleFilter(BaseFilterBackend):
    """``?locale=sr-latn``: the events in one content language."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        return queryset.filter(locale__language_code=requested_locale(request.GET["locale"]))


def upcoming():
    """An event is upcoming until it ends, as on the listing pages."""
    return Q(ends_at__gte=timezone.now())


class WhenFilter(BaseFilterBackend):
    """``?when=upcoming`` (soonest first) or ``?when=past`` (most recent first).

    Without it, events come in the order they start. ``?order=`` still takes precedence.
    """

    def filter_queryset(self, request, queryset, view):
        when = request.GET.get("when")
        if when is None:
            return queryset.order_by("starts_at", "pk")
        if when == "upcoming":
            return queryset.filter(upcoming()).order_by("starts_at", "pk")
        if when == "past":
            return queryset.exclude(upcoming()).order_by("-starts_at", "-pk")
        raise BadRequestError(f"when must be one of: {', '.join(WHEN_VALUES)}")


def checked_filter_value(field, name, value):
    """Raise a BadRequestError unless ``value`` is one ``field`` can be filtered on."""
    if "\x00" in value:
        raise BadRequestError(f"field filter error. null characters are not allowed for {name}")
    if field.choices:
        allowed = [str(key) for key, _label in field.flatchoices]
        if value not in allowed:
            raise BadRequestError(f"{name} must be one of: {', '.join(allowed)}")
        return
    if isinstance(field, models.BooleanField):
        return  # Wagtail parses booleans itself, with its own spellings
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    try:
        python_value = target.to_python(value)
    except ValidationError as error:
        raise BadRequestError(f"not a valid value for {name}") from error
    if isinstance(python_value, int) and abs(python_value) > LARGEST_INTEGER:
        raise BadRequestError(f"{name} is out of range")
    if isinstance(field, models.DateTimeField) and timezone.is_naive(python_value):
        raise BadRequestError(f"{name} needs a UTC offset, e.g. 2027-04-08T09:00:00+02:00")


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's ``?field=value`` filters, with each value checked against its field first:
    a choice against its choices (``?event_type=workshop``), a date-time or number parsed."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        fields.discard("locale")  # EventLocaleFilter's
        for name, value in request.GET.items():
            if name in fields:
                checked_filter_value(queryset.model._meta.get_field(name), name, value)
        return super().filter_queryset(request, queryset, view)


class EventPagination(WagtailPagination):
    """Wagtail's ``limit`` and ``offset``, with an offset too large for the database a 400."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > LARGEST_INTEGER // 2:
            raise BadRequestError("offset is out of range")
        return super().paginate_queryset(queryset, request, view)
