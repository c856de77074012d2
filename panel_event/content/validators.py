import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Readers follow these links; anything but http(s) (javascript:, data:, file:) is refused.
validate_public_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a full web address starting with https:// or http://."),
)


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name such as Europe/Belgrade."),
            params={"value": value},
        )
