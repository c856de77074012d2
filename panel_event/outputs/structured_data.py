"""schema.org Event data for search engines, as JSON-LD.

Every language version describes the same event in its own language; ``inLanguage`` says which.
"""

import json
from urllib.parse import urljoin, urlsplit

from wagtail.images.models import Filter
from wagtail.models import Site

from ..content.choices import EventStatus, PartnerRole
from ..languages.codes import bcp47_tag

SCHEMA = "https://schema.org/"
# The crop social networks show (1.91:1); search engines get the same rendition.
SOCIAL_IMAGE_SPEC = "fill-1200x630"
# Parsed once: a filter parses its spec on first use, and depends on nothing else.
SOCIAL_IMAGE_FILTER = Filter(spec=SOCIAL_IMAGE_SPEC)
# Where an image keeps its sharing rendition: the page asks twice (meta tags, JSON-LD).
_SOCIAL_RENDITION_ATTRIBUTE = "_panel_event_social_rendition"

EVENT_STATUS = {
    EventStatus.SCHEDULED: SCHEMA + "EventScheduled",
    EventStatus.CANCELLED: SCHEMA + "EventCancelled",
    EventStatus.POSTPONED: SCHEMA + "EventPostponed",
    EventStatus.RESCHEDULED: SCHEMA + "EventRescheduled",
    EventStatus.MOVED_ONLINE: SCHEMA + "EventMovedOnline",
}

# JSON itself allows these characters, but inside <script> they could end the element or open
# a comment; as \u escapes they stay the same characters to any JSON parser.
SCRIPT_SAFE_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def json_for_script(data):
    """``data`` as JSON that can sit inside a <script> element whatever the content says."""
    text = json.dumps(data, ensure_ascii=False)
    # Three replace() calls: str.translate() with a mapping looks up every character.
    for character, escape in SCRIPT_SAFE_ESCAPES:
        text = text.replace(character, escape)
    return text


def site_root_url(page=None, request=None):
    """The address of the Wagtail Site that serves ``page``, or else the request, or None.

    Every absolute link names this, never the Host header a visitor sent, so the links read the
    same whoever asks (and whatever a page cache stores)."""
    if page is not None:
        url_parts = page.get_url_parts(request)
        return url_parts[1] if url_parts else None
    site = Site.find_for_request(request) if request is not None else None
    return site.root_url if site is not None else None


def absolute_url(url, page=None, request=None):
    """``url`` made absolute against the page's own site (a view that is not a page: the
    request's site), as canonical links are."""
    if not url or urlsplit(url).netloc:
        return url
    root_url = site_root_url(page, request)
    if root_url:
        return urljoin(root_url + "/", url)
    return request.build_absolute_uri(url) if request is not None else url


def social_image(image):
    """The rendition used for Open Graph, Twitter cards and structured data.

    ``get_renditions()``, unlike ``get_rendition()``, finds a prefetched rendition without
    writing it back to the cache (a round trip to Redis in production).
    """
    if image is None:
        return None
    rendition = getattr(image, _SOCIAL_RENDITION_ATTRIBUTE, None)
    if rendition is None:
        rendition = image.get_renditions(SOCIAL_IMAGE_FILTER)[SOCIAL_IMAGE_SPEC]
        setattr(image, _SOCIAL_RENDITION_ATTRIBUTE, rendition)
    return rendition


def organisation(partner):
    data = {"@type": "Organization", "name": partner.name}
    if partner.website:
        data["url"] = partner.website
    return data


def partners_by_role(page):
    """{role: [partner, ...]} over all partners blocks, each partner once per role."""
    roles = {}
    for block in page.body:
        if block.block_type != "partners":
            continue
        for entry in block.value.get("partners", []):
            partner = entry.get("partner")
            if partner is None:
                continue
            partners = roles.setdefault(entry["role"], [])
            if partner not in partners:
                partners.append(partner)
    return roles


def person(speaker):
    data = {"@type": "Person", "name": speaker["name"]}
    if speaker.get("role"):
        data["jobTitle"] = speaker["role"]
    organisation_name = speaker.organisation_name()
    if organisation_name:
        data["affiliation"] = {"@type": "Organization", "name": organisation_name}
    return data


def attendance_mode(page):
    if page.takes_place_in_person and page.takes_place_online:
        return SCHEMA + "MixedEventAttendanceMode"
    if page.takes_place_online:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def place(venue):
    address = {"@type": "PostalAddress", "addressLocality": venue.city}
    if venue.street_address:
        address["streetAddress"] = venue.street_address
    if venue.postal_code:
        address["postalCode"] = venue.postal_code
    if venue.country_code:
        address["addressCountry"] = venue.country_code
    data = {"@type": "Place", "name": venue.name, "address": address}
    if venue.latitude is not None and venue.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return data


def locations(page):
    found = []
    if page.takes_place_in_person and page.venue is not None:
        found.append(place(page.venue))
    if page.takes_place_online and page.online_url:
        found.append({"@type": "VirtualLocation", "url": page.online_url})
    return found


def event_structured_data(page, request=None):
    """A schema.org Event for ``page``, ready for ``json_for_script``."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.search_description or page.intro,
        "url": page.get_full_url(request),
        "inLanguage": bcp47_tag(page.locale.language_code),
        "startDate": page.local_start.isoformat(),
        "endDate": page.local_end.isoformat(),
        "eventStatus": EVENT_STATUS.get(page.status, EVENT_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": attendance_mode(page),
    }
    if page.status == EventStatus.RESCHEDULED and page.previous_starts_at:
        data["previousStartDate"] = page.local_previous_start.isoformat()
    place_or_places = locations(page)
    if place_or_places:
        data["location"] = place_or_places[0] if len(place_or_places) == 1 else place_or_places
    image = social_image(page.hero_image)
    if image is not None:
        data["image"] = [absolute_url(image.url, page, request)]

    roles = partners_by_role(page)
    organisers = roles.get(PartnerRole.ORGANISER) or roles.get(PartnerRole.IMPLEMENTING_PARTNER)
    if organisers:
        data["organizer"] = [organisation(partner) for partner in organisers]
    if roles.get(PartnerRole.FUNDER):
        # schema.org has both words; search engines read "sponsor", "funder" is the exact one.
        funders = [organisation(partner) for partner in roles[PartnerRole.FUNDER]]
        data["funder"] = funders
        data["sponsor"] = funders

    performers = {}
    sub_events = []
    for slot in page.scheduled_agenda_items():
        people = [person(speaker) for speaker in slot.item["speakers"]]
        for someone in people:
            performers.setdefault(someone["name"], someone)
        sub_event = {
            "@type": "Event",
            "name": slot.item["title"],
            "startDate": slot.starts_at.isoformat(),
            "endDate": slot.ends_at.isoformat(),
        }
        if people:
            sub_event["performer"] = people
        sub_events.append(sub_event)
    if performers:
        data["performer"] = list(performers.values())
    if sub_events:
        data["subEvent"] = sub_events
    return data
