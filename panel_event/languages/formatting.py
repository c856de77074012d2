"""Event dates and times as each language writes them, in the event's own time zone.

Serbian writes "četvrtak, 20. jun 2019, 11.00–13.00" and English "Thursday, 20 June 2019,
11:00–13:00"; Django's own DATE_FORMAT for these languages differs, so the formats are set here.
"""

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EVENT_FORMATS = {
    "sr": {"date": "l, j. F Y", "time": "H.i"},
    "en": {"date": "l, j F Y", "time": "H:i"},
}
FALLBACK_FORMAT = EVENT_FORMATS["en"]

# Readers know a zone by its city; a few are named, the rest fall back to the abbreviation.
TIME_ZONE_NAMES = {
    "Europe/Belgrade": gettext_lazy("Belgrade time"),
    "Europe/London": gettext_lazy("London time"),
    "Europe/Brussels": gettext_lazy("Brussels time"),
    "Europe/Vienna": gettext_lazy("Vienna time"),
    "Europe/Berlin": gettext_lazy("Berlin time"),
    "Europe/Geneva": gettext_lazy("Geneva time"),
    "Europe/Zurich": gettext_lazy("Zurich time"),
    "America/New_York": gettext_lazy("New York time"),
    "UTC": gettext_lazy("UTC"),
}


def event_formats(language_code):
    language_code = (language_code or "").lower()
    return (
        EVENT_FORMATS.get(language_code)
        or EVENT_FORMATS.get(language_code.split("-")[0])
        or FALLBACK_FORMAT
    )


def time_zone_name(time_zone, moment):
    name = TIME_ZONE_NAMES.get(str(time_zone))
    return str(name) if name is not None else moment.tzname()


def format_event_when(starts_at, ends_at, time_zone, language_code=None):
    """ "četvrtak, 20. jun 2019, 11.00–13.00 (beogradsko vreme)" in the active language."""
    language_code = language_code or translation.get_language()
    formats = event_formats(language_code)
    with translation.override(language_code):
        start = timezone.localtime(starts_at, time_zone)
        end = timezone.localtime(ends_at, time_zone)
        start_date = dateformat.format(start, formats["date"])
        start_time = dateformat.format(start, formats["time"])
        end_time = dateformat.format(end, formats["time"])
        zone = time_zone_name(time_zone, start)
        if start.date() == end.date():
            return _("%(date)s, %(start)s–%(end)s (%(zone)s)") % {
                "date": start_date,
                "start": start_time,
                "end": end_time,
                "zone": zone,
            }
        return _("%(start_date)s, %(start)s – %(end_date)s, %(end)s (%(zone)s)") % {
            "start_date": start_date,
            "start": start_time,
            "end_date": dateformat.format(end, formats["date"]),
            "end": end_time,
            "zone": zone,
        }


def format_time(moment, language_code=None):
    formats = event_formats(language_code or translation.get_language())
    return dateformat.format(moment, formats["time"])


def format_date(moment, language_code=None):
    language_code = language_code or translation.get_language()
    with translation.override(language_code):
        return dateformat.format(moment, event_formats(language_code)["date"])
