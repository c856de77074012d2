"""A listing page's calendar subscription: its events in one iCalendar, for calendar
applications to subscribe to (``webcal://``) or to import once.

Each event is the same VEVENT as in its own calendar file (``calendar.py``), with the same UID,
so an event imported from its page and later seen in the subscription stays one entry.
"""

import datetime

import icalendar
from django.apps import apps
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..conf import plugin_settings
from ..content.blocks import chosen_partner_ids, loading_partners
from .calendar import PRODUCT_ID, add_time_zones, calendar_event, uid_host
from .following import events_etag, follow_addresses, followed_events, respond_with_etag

# How often calendar applications should fetch the subscription again (RFC 7986 and the
# older X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def agenda_partners(events):
    """{pk: partner} for every partner an agenda of ``events`` names, in one query, so that the
    speakers' organisations in each event's description cost no query per event."""
    stream_block = apps.get_model("panel_event", "EventPage").body.field.stream_block
    agendas = [raw for event in events for raw in event.body.raw_data if raw["type"] == "agenda"]
    partner_ids = chosen_partner_ids(stream_block, agendas)
    if not partner_ids:
        return {}
    return apps.get_model("panel_event", "PartnerSnippet").objects.in_bulk(partner_ids)


def subscription_calendar(listing_page, events, request):
    """The iCalendar of ``events``, named after the listing page, in the active language."""
    site = listing_page.get_site()
    host = uid_host(site)
    addresses = follow_addresses(listing_page, request)
    calendar = icalendar.Calendar.new(
        prodid=PRODUCT_ID,
        # One calendar per listing page and language, the same across downloads.
        uid=f"{listing_page.translation_key}.{translation.get_language()}@{host}",
        name=listing_page.title,
        description=listing_page.search_description or _("Upcoming and recent events"),
        url=listing_page.get_full_url(request),
        source=addresses.calendar,
        refresh_interval=REFRESH_INTERVAL,
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    with loading_partners(agenda_partners(events)):
        for event in events:
            calendar.add_component(calendar_event(event, request, host))
    add_time_zones(calendar, events)
    return calendar


def subscription_response(listing_page, request):
    """The subscription, or 304 Not Modified for a calendar that has it already."""
    now = timezone.now()
    events = followed_events(listing_page, now, past_days=plugin_settings.SUBSCRIPTION_PAST_DAYS)
    etag = events_etag(events, "events_calendar", now)

    def render():
        # The bodies are needed for the agendas; the listing's thumbnails are not.
        with_bodies = events.defer(None).prefetch_related(None)
        with_bodies = list(with_bodies[: plugin_settings.SUBSCRIPTION_MAX_EVENTS])
        calendar = subscription_calendar(listing_page, with_bodies, request)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        filename = f"{listing_page.slug}.ics"
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=filename
        )
        return response

    return respond_with_etag(request, etag, render)
