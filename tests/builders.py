"""Stored StreamField values for events, the one set the tests, the browser tests and ``bench/``
build content with.

Values are in the form Wagtail stores: every block and list item carries an id, as the page
editor gives them. wagtail-localize extracts no segments from list items without one, so such
items would never be translated. Model instances (partners, documents) are referred to by
primary key. The admin's POST data is a different thing: see ``tests/event_form_data.py``.
"""

import uuid


def new_id():
    return str(uuid.uuid4())


def list_items(values):
    """A ListBlock's stored form."""
    return [{"type": "item", "value": value, "id": new_id()} for value in values]


def block(block_type, value):
    """One block of a StreamField."""
    return {"type": block_type, "value": value, "id": new_id()}


def speaker(name, role="", organisation=None, organisation_text="", note=""):
    """``organisation`` is a partner snippet (or None, with ``organisation_text`` instead)."""
    return {
        "name": name,
        "role": role,
        "organisation": organisation.pk if organisation else None,
        "organisation_text": organisation_text,
        "note": note,
    }


def agenda_item(start, end, title, kind="session", speakers=(), group_speakers="", description=""):
    return {
        "start_time": start,
        "end_time": end,
        "title": title,
        "kind": kind,
        "description": description,
        "speakers": list_items(speakers),
        "group_speakers": group_speakers,
    }


def agenda(items, title="Agenda", date=None):
    return block("agenda", {"title": title, "date": date, "items": list_items(items)})


def key_figures(figures, title=""):
    """``figures`` are (figure, label) pairs."""
    return block(
        "key_figures",
        {
            "title": title,
            "figures": list_items(
                [{"figure": figure, "label": label} for figure, label in figures]
            ),
        },
    )


def partners_block(partner_roles, title=""):
    """``partner_roles`` are (partner snippet, role) pairs."""
    return block(
        "partners",
        {
            "title": title,
            "partners": list_items(
                [{"partner": partner.pk, "role": role} for partner, role in partner_roles]
            ),
        },
    )


def materials(documents, title=""):
    return block(
        "materials",
        {
            "title": title,
            "documents": list_items(
                [{"document": document.pk, "title": ""} for document in documents]
            ),
        },
    )


# The seed announcement: the Niš panel discussion of 20 June 2019 ------------------------------

SEED_TEXT = {
    "sr-latn": {
        "figures": [
            ("10", "dodatnih stručnih radnika u centrima za socijalni rad"),
            ("11", "podržanih organizacija civilnog društva"),
            ("70%", "migranata u zemlji obuhvaćeno programima"),
        ],
        "opening": "Uvodna obraćanja",
        "practice": "Predstavljanje iskustava i dobrih praksi",
        "group": "Kratke prezentacije predstavnika/-ca organizacija civilnog društva",
        "closing": "Zaključci, preporuke i sledeći koraci",
        "refreshments": "Osveženje",
        "director": "direktorka Švajcarske kancelarije za saradnju",
        "embassy": "Ambasada Švajcarske Konfederacije u Republici Srbiji",
        "coordinator": "koordinatorka projekta",
    },
    "en": {
        "figures": [
            ("10", "additional professionals in centres for social work"),
            ("11", "civil society organisations supported"),
            ("70%", "of migrants in the country reached"),
        ],
        "opening": "Opening remarks",
        "practice": "Experiences and good practice from the support programmes",
        "group": "Short presentations by civil society organisations",
        "closing": "Conclusions, recommendations and next steps",
        "refreshments": "Refreshments",
        "director": "director of the Swiss Cooperation Office",
        "embassy": "Embassy of Switzerland in Serbia",
        "coordinator": "project coordinator",
    },
}

SEED_PARTNER_ROLES = [
    ("IOM", "organiser"),
    ("IOM", "implementing_partner"),
    ("SDC", "funder"),
    ("MINRSZ", "cooperation"),
    ("RZSZ", "cooperation"),
    ("KIRS", "coordination"),
]


def seed_body(partners, language="sr-latn", documents=()):
    """The seed announcement's key figures, agenda, partners and (if any) documents;
    ``partners`` is {acronym: partner snippet}. English in "en", Serbian Latin otherwise."""
    text = SEED_TEXT["en" if language == "en" else "sr-latn"]
    body = [
        key_figures(text["figures"]),
        agenda(
            [
                agenda_item(
                    "11:00:00",
                    "11:10:00",
                    text["opening"],
                    kind="opening",
                    speakers=[
                        speaker(
                            "Ursula Lojbli", text["director"], organisation_text=text["embassy"]
                        ),
                        speaker("Jelena Ribać", text["coordinator"], partners["IOM"]),
                    ],
                ),
                agenda_item(
                    "11:10:00",
                    "12:10:00",
                    text["practice"],
                    kind="presentation",
                    group_speakers=text["group"],
                ),
                agenda_item("12:10:00", "12:30:00", text["closing"], kind="closing"),
                agenda_item("12:30:00", "13:00:00", text["refreshments"], kind="refreshments"),
            ]
        ),
        partners_block([(partners[acronym], role) for acronym, role in SEED_PARTNER_ROLES]),
    ]
    if documents:
        body.append(materials(documents))
    return body
