"""What a site owner checks after adding the plugin to a site made by `wagtail start`.

Run from that site's folder, against its migrated database, with the installed wheel:

    DJANGO_SETTINGS_MODULE=mysite.settings.dev python smoke_test.py

An administrator adds a venue, a partner and an event through the admin, publishes it, and a
visitor reads the page, its calendar file and its structured data. It imports nothing from the
plugin's repository: the form data is written here the way the admin's forms submit it.
"""

import datetime
import json
import os
import re
import sys
import zoneinfo
from html import unescape

import django

django.setup()

import icalendar  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield  # noqa: E402

from panel_event.models import EventPage, PartnerSnippet, Venue  # noqa: E402

EVENT_ZONE = "America/New_York"  # not the site's TIME_ZONE (UTC), so a zone mix-up shows
EVENT_TITLE = "Housing and work for newcomers"
VENUE_NAME = "Riverside Community Hall"
PARTNER_NAME = "Open Doors Foundation"
SPEAKERS = ["Ana Petrović", "John Smith"]
AGENDA_TITLES = ["Opening remarks", "Panel discussion"]


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok  {message}")


def list_block(values):
    """Form data for a ListBlock; wagtail.test.utils.form_data has no helper for it."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def post_ok(client, url, data, what):
    """POST an admin form; a form that comes back (status 200) names its errors."""
    response = client.post(url, data)
    if response.status_code != 302:
        form = response.context and response.context.get("form")
        errors = form.errors.as_data() if form else response.text[:2000]
        if form and "body" in form.errors:
            errors["body"] = form.errors.as_data()["body"][0].as_json_data()
        raise SystemExit(f"FAILED: {what}: status {response.status_code}, errors {errors}")
    print(f"ok  {what}")


def add_snippet(client, model, fields, what):
    url = reverse(f"wagtailsnippets_panel_event_{model._meta.model_name}:add")
    post_ok(client, url, fields, what)
    return model.objects.get(**{next(iter(fields)): next(iter(fields.values()))})


def event_form(venue, partner):
    speakers = [
        {"name": name, "role": "", "organisation": "", "organisation_text": "", "note": ""}
        for name in SPEAKERS
    ]
    items = [
        {
            "start_time": start,
            "end_time": end,
            "title": title,
            "kind": "session",
            "description": rich_text(""),
            "speakers": list_block(item_speakers),
            "group_speakers": "",
        }
        for (start, end), title, item_speakers in zip(
            [("11:00", "11:15"), ("11:15", "12:30")], AGENDA_TITLES, [[], speakers], strict=True
        )
    ]
    body = [
        ("agenda", {"title": "Agenda", "date": "", "items": list_block(items)}),
        (
            "partners",
            {
                "title": "",
                "partners": list_block([{"partner": str(partner.pk), "role": "organiser"}]),
            },
        ),
    ]
    fields = {
        "title": EVENT_TITLE,
        "slug": "housing-and-work",
        "event_type": "panel_discussion",
        "intro": "A panel on finding a home and a job in a new country.",
        "starts_at": "2030-06-20 11:00",
        "ends_at": "2030-06-20 12:30",
        "time_zone": EVENT_ZONE,
        "venue": str(venue.pk),
        "room": "",
        "attendance_mode": "in_person",
        "online_url": "",
        "hero_image": "",
        "hero_alt_text": "",
        "hero_caption": "",
        "hero_credit": "",
        "objective": rich_text(""),
        "body": streamfield(body),
        "registration_url": "",
        "registration_email": "",
        "registration_deadline": "",
        "capacity_note": "",
        "status": "scheduled",
        "previous_starts_at": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    return nested_form_data(fields)


def structured_data(html):
    scripts = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    check(len(scripts) == 1, "the page carries one JSON-LD script")
    return json.loads(scripts[0])


def main():
    # Keeps the context of rendered templates on responses, so a refused form shows its errors.
    setup_test_environment()
    admin = get_user_model().objects.create_superuser("smoke-admin", "admin@example.com", "x")
    client = Client()
    client.force_login(admin)
    home = Site.objects.get(is_default_site=True).root_page

    venue = add_snippet(
        client,
        Venue,
        {
            "name": VENUE_NAME,
            "street_address": "1 River Road",
            "postal_code": "10001",
            "city": "New York",
            "country": "United States",
            "country_code": "US",
            "latitude": "",
            "longitude": "",
            "accessibility_notes": "",
        },
        "the administrator adds a venue in the admin",
    )
    partner = add_snippet(
        client,
        PartnerSnippet,
        {
            "name": PARTNER_NAME,
            "acronym": "",
            "kind": "other",
            "logo": "",
            "description": "",
            "website": "",
        },
        "the administrator adds a partner in the admin",
    )

    add_url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", home.pk))
    check(client.get(add_url).status_code == 200, "an event can be added under the home page")
    post_ok(client, add_url, event_form(venue, partner), "the administrator publishes an event")
    event = EventPage.objects.get(title=EVENT_TITLE)
    check(
        event.live and event.get_parent().specific_class is type(home.specific),
        "the event is live under the site's home page",
    )

    visitor = Client()
    response = visitor.get(event.url)
    check(response.status_code == 200, f"the public page answers at {event.url}")
    text = unescape(response.text)
    for shown in [*AGENDA_TITLES, *SPEAKERS, PARTNER_NAME, VENUE_NAME]:
        check(shown in text, f"the public page shows {shown!r}")

    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', response.text)
    check(
        any(href.endswith("panel_event/css/events.css") for href in stylesheets),
        f"the page links the plugin's stylesheet: {stylesheets}",
    )
    stylesheet = visitor.get(next(h for h in stylesheets if h.endswith("events.css")))
    check(stylesheet.status_code == 200, "the plugin's stylesheet is served")

    data = structured_data(response.text)
    start = datetime.datetime(2030, 6, 20, 11, tzinfo=zoneinfo.ZoneInfo(EVENT_ZONE))
    check(
        (data["@type"], data["name"], datetime.datetime.fromisoformat(data["startDate"]))
        == ("Event", EVENT_TITLE, start),
        f"the JSON-LD names the event and its start in its zone: {data['startDate']}",
    )
    check(data["location"]["name"] == VENUE_NAME, "the JSON-LD names the venue")

    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*type="text/calendar"', response.text)
    check(len(links) == 1, f"the page links its calendar file: {links}")
    calendar_response = visitor.get(unescape(links[0]))
    check(
        (calendar_response.status_code, calendar_response["Content-Type"])
        == (200, "text/calendar; charset=utf-8"),
        f"the calendar file answers at {links[0]}",
    )
    check(
        calendar_response["Content-Disposition"].endswith('filename="housing-and-work.ics"'),
        f"it downloads as a file: {calendar_response['Content-Disposition']}",
    )
    calendar = icalendar.Calendar.from_ical(calendar_response.content)
    [vevent] = calendar.walk("VEVENT")
    dtstart = vevent["DTSTART"]
    check(
        (dtstart.params.get("TZID"), dtstart.dt.replace(tzinfo=None), vevent["SUMMARY"])
        == (EVENT_ZONE, start.replace(tzinfo=None), EVENT_TITLE),
        f"DTSTART is 11:00 in {EVENT_ZONE}: {dtstart.to_ical().decode()}",
    )
    check(
        [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == [EVENT_ZONE],
        "the file carries the event's VTIMEZONE",
    )
    print(
        f"plugin smoke test passed ({Page.objects.count()} pages, Django settings "
        f"{os.environ['DJANGO_SETTINGS_MODULE']})"
    )


if __name__ == "__main__":
    sys.exit(main())
