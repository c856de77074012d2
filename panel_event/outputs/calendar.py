"""An event as an iCalendar file, and as a link that opens Google Calendar's "add event" form.

Both are generated in the language of the page they are requested from.
"""

import datetime
from urllib.parse import urlencode, urlsplit

import icalendar
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import gettext as _

from ..content.choices import EventStatus
from ..languages.formatting import format_time

ICALENDAR_STATUS = {
    EventStatus.CANCELLED: "CANCELLED",
    # A postponed event has no reliable date yet; calendars mark it as not final.
    EventStatus.POSTPONED: "TENTATIVE",
}
GOOGLE_CALENDAR_URL = "https://calendar.google.com/calendar/render"
PRODUCT_ID = "-//panel_event//Wagtail events//EN"


def uid_host(site):
    """The host part of the UIDs of a site's events."""
    return site.hostname if site is not None else "localhost"


def event_uid(page, host=None):
    """One UID per event, shared by its language versions and kept across edits, so that
    re-importing the file updates the calendar entry instead of adding a second one. The
    calendar subscription gives each event this same UID, so an event imported from its own
    file and then seen in the subscription is one entry. ``host``: ``uid_host()`` of the
    event's site, when the caller knows it already."""
    host = host or uid_host(page.get_site())
    return f"{page.translation_key}@{host}"


def event_location(page):
    """Where the event happens, as one line a calendar or map application can search for."""
    parts = []
    if page.venue is not None and page.takes_place_in_person:
        address = page.venue.address_line()
        if page.room:
            address = f"{page.room}, {address}"
        parts.append(address)
    if page.online_url and page.takes_place_online:
        parts.append(page.online_url)
    return " · ".join(parts)


def agenda_as_text(page):
    """The programme as plain lines: '11.00–11.10 Opening remarks' and who speaks."""
    lines = []
    current_block = None
    for slot in page.scheduled_agenda_items():
        if slot.stream_index != current_block:
            current_block = slot.stream_index
            title = page.body[slot.stream_index].value.get("title") or _("Agenda")
            lines.extend(["", title])
        start = format_time(timezone.localtime(slot.starts_at, page.tzinfo))
        end = format_time(timezone.localtime(slot.ends_at, page.tzinfo))
        lines.append(f"{start}–{end} {slot.item['title']}")
        lines.extend(f"  – {speaker.summary()}" for speaker in slot.item["speakers"])
        if slot.item.get("group_speakers"):
            lines.append(f"  – {slot.item['group_speakers']}")
    return lines


def event_description(page, page_url):
    lines = [page.intro, *agenda_as_text(page)]
    if page.online_url and page.takes_place_online:
        lines.extend(["", _("Join online: %(url)s") % {"url": page.online_url}])
    lines.extend(["", page_url])
    return "\n".join(lines).strip()


def sequence_number(page):
    # SEQUENCE must grow with every revision a reader may already have imported. Minutes since
    # 1970 grow with each publish and stay well inside iCalendar's 32-bit integer for millennia.
    published = page.last_published_at or page.latest_revision_created_at
    return int(published.timestamp() // 60) if published else 0


def calendar_event(page, request=None, host=None):
    """The event as an iCalendar VEVENT, in the language of ``page``."""
    page_url = page.get_full_url(request)
    published = page.last_published_at or timezone.now()
    event = icalendar.Event.new(
        uid=event_uid(page, host),
        summary=page.title,
        start=page.local_start,
        end=page.local_end,
        # Without a METHOD, DTSTAMP is when the event's information last changed (RFC 5545
        # 3.8.7.2), which also keeps the file identical between two downloads.
        stamp=published,
        last_modified=published,
        sequence=sequence_number(page),
        status=ICALENDAR_STATUS.get(page.status, "CONFIRMED"),
        location=event_location(page) or None,
        description=event_description(page, page_url),
        url=page_url,
    )
    venue = page.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    return event


def add_time_zones(calendar, pages):
    """A VTIMEZONE for each zone the events use, covering only the years they happen in, so
    the file stays small; zoneinfo has the rules."""
    if pages:
        calendar.add_missing_timezones(
            first_date=datetime.date(min(page.local_start.year for page in pages), 1, 1),
            last_date=datetime.date(max(page.local_end.year for page in pages) + 1, 1, 1),
        )


def event_calendar(page, request=None):
    """An iCalendar with this event and the VTIMEZONE its times refer to."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add_component(calendar_event(page, request))
    add_time_zones(calendar, [page])
    return calendar


def site_routes_dotted_address(page_url, file_url):
    """Whether the site's URLconf sends ``file_url`` (``…/calendar.ics``) to the view that
    serves the page at ``page_url``. Wagtail's own page pattern allows no dot, so only a site
    that added a pattern for it does (docs/plugin.md); its links then keep that address."""
    try:
        file_view = resolve(urlsplit(file_url).path).func
        page_view = resolve(urlsplit(page_url).path).func
    except Resolver404:
        return False
    return file_view is page_view


def calendar_response(page, request):
    response = HttpResponse(
        event_calendar(page, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{page.slug}.ics"
    )
    if page.last_published_at:
        response["Last-Modified"] = http_date(page.last_published_at.timestamp())
    return response


def _utc_stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(page, request=None):
    """A link to Google Calendar's "add event" form, filled in; nothing is sent until the
    reader follows it."""
    params = {
        "action": "TEMPLATE",
        "text": page.title,
        "dates": f"{_utc_stamp(page.starts_at)}/{_utc_stamp(page.ends_at)}",
        "ctz": page.time_zone,
        "details": f"{page.intro}\n\n{page.get_full_url(request)}",
        "location": event_location(page),
    }
    return f"{GOOGLE_CALENDAR_URL}?{urlencode(params)}"
