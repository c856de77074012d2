"""Admin POST data for the event editor, built the way the page editor's form submits it."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def list_block(values):
    """Form data for a ListBlock; wagtail.test.utils.form_data has no helper for it."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def speaker(name, role="", organisation="", organisation_text="", note=""):
    return {
        "name": name,
        "role": role,
        "organisation": str(organisation) if organisation else "",
        "organisation_text": organisation_text,
        "note": note,
    }


def agenda_item(start, end, title, kind="session", speakers=(), group_speakers=""):
    return {
        "start_time": start,
        "end_time": end,
        "title": title,
        "kind": kind,
        "description": rich_text(""),
        "speakers": list_block(list(speakers)),
        "group_speakers": group_speakers,
    }


def agenda(items, title="Agenda", date=""):
    return ("agenda", {"title": title, "date": date, "items": list_block(list(items))})


def partners(entries, title=""):
    return (
        "partners",
        {
            "title": title,
            "partners": list_block(
                [{"partner": str(partner_id), "role": role} for partner_id, role in entries]
            ),
        },
    )


def key_figures(figures, title=""):
    return (
        "key_figures",
        {
            "title": title,
            "figures": list_block([{"figure": f, "label": label} for f, label in figures]),
        },
    )


def event_form_data(body=(), **fields):
    """The whole event editor form; ``fields`` override the defaults of a valid event."""
    values = {
        "title": "Podrška i zaštita migranata u ranjivom položaju u Srbiji",
        "slug": "podrska-i-zastita-migranata",
        "event_type": "panel_discussion",
        "intro": "Panel diskusija o socijalnoj zaštiti migranata.",
        "starts_at": "2019-06-20 11:00",
        "ends_at": "2019-06-20 13:00",
        "time_zone": "Europe/Belgrade",
        "venue": "",
        "room": "",
        "attendance_mode": "in_person",
        "online_url": "",
        "hero_image": "",
        "hero_alt_text": "",
        "hero_caption": "",
        "hero_credit": "",
        "objective": rich_text(""),
        "body": streamfield(list(body)),
        "registration_url": "",
        "registration_email": "",
        "registration_deadline": "",
        "capacity_note": "",
        "status": "scheduled",
        "previous_starts_at": "",
        "seo_title": "",
        "search_description": "",
    }
    values.update(fields)
    return nested_form_data(values)


def new_event_in_subotica(title, slug, opening_title, coordinator_role):
    """A new Serbian Latin event as an editor publishes it: its partner and venue created in
    Serbian Latin, and the page editor's POST data for it. Returns ``(data, partner, venue)``."""
    from wagtail.models import Locale

    from panel_event.models import PartnerSnippet, Venue

    latin = Locale.objects.get(language_code="sr-latn")
    iom = PartnerSnippet.objects.create(
        name="Međunarodna organizacija za migracije", acronym="IOM", locale=latin
    )
    venue = Venue.objects.create(
        name="Centar za socijalni rad Subotica", city="Subotica", locale=latin
    )
    opening = agenda_item(
        "11:00",
        "11:30",
        opening_title,
        kind="opening",
        speakers=[speaker("Jelena Ribać", coordinator_role, iom.pk)],
    )
    data = event_form_data(
        title=title,
        slug=slug,
        venue=venue.pk,
        body=[agenda([opening]), partners([(iom.pk, "implementing_partner")])],
    )
    data["action-publish"] = "action-publish"
    return data, iom, venue
