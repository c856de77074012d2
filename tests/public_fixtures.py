"""Realistic published events for the public-page tests, built through the models.

The seed is the Niš panel discussion of 20 June 2019 (11:00–13:00, Europe/Belgrade), in Serbian
Latin, Serbian Cyrillic and English. These are plain functions: each test module wraps the ones
it needs in its own fixtures.
"""

import datetime
import io
import zoneinfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from panel_event.content.blocks import EventBodyBlock
from panel_event.models import EventPage, PartnerSnippet, Venue
from tests.builders import seed_body

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
SEED_START = datetime.datetime(2019, 6, 20, 11, 0, tzinfo=BELGRADE)
SEED_END = datetime.datetime(2019, 6, 20, 13, 0, tzinfo=BELGRADE)
SEED_SLUG = "podrska-i-zastita-migranata"
SEED_TITLE = "Podrška i zaštita migranata u ranjivom položaju u Srbiji"
SEED_INTRO = (
    "Panel diskusija o podršci i zaštiti migranata u ranjivom položaju kroz dostupnije i "
    "kvalitetnije socijalne usluge u lokalnim zajednicama."
)
SEED_CREDIT = "Izvor: Printscreen iz filma Južno raskršće - Migranti / foto: Saša Đorđević"

PARTNER_NAMES = {
    "IOM": "Međunarodna organizacija za migracije",
    "SDC": "Švajcarska kancelarija za saradnju",
    "MINRSZ": "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
    "RZSZ": "Republički zavod za socijalnu zaštitu",
    "KIRS": "Komesarijat za izbeglice i migracije",
}


def locale(language_code):
    return Locale.objects.get(language_code=language_code)


def image_file(name, size=(1600, 900), colours=("#0b4f8a", "#e8eef5")):
    """A JPEG or PNG with a gradient, big enough for every rendition the pages ask for."""
    width, height = size
    picture = PILImage.new("RGB", size, colours[1])
    draw = ImageDraw.Draw(picture)
    top = PILImage.new("RGB", (1, 1), colours[0]).getpixel((0, 0))
    bottom = picture.getpixel((0, 0))
    for y in range(height):
        share = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    draw.ellipse([width * 0.55, height * 0.2, width * 0.9, height * 0.85], fill=colours[1])
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG" if name.endswith(".png") else "JPEG", quality=85)
    return ImageFile(buffer, name=name)


def make_image(title, name, **kwargs):
    return get_image_model().objects.create(title=title, file=image_file(name, **kwargs))


def seed_partners(language_code="sr-latn", with_logos=False):
    partners = {}
    for acronym, name in PARTNER_NAMES.items():
        logo = None
        if with_logos:
            logo = make_image(f"{acronym} logo", f"{acronym.lower()}.png", size=(360, 120))
        partners[acronym] = PartnerSnippet.objects.create(
            name=name,
            acronym=acronym,
            website=f"https://{acronym.lower()}.example.org/",
            logo=logo,
            locale=locale(language_code),
        )
    return partners


def seed_venue(language_code="sr-latn", **fields):
    return Venue.objects.create(
        **{
            "name": "Media i reform centar Niš",
            "street_address": "Generala Milojka Lešjanina 2",
            "postal_code": "18000",
            "city": "Niš",
            "locale": locale(language_code),
            **fields,
        }
    )


def make_document(title="Program panel diskusije", name="program.pdf"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 programme", name=name)
    )


def create_event(parent, partners=None, venue=None, documents=(), **fields):
    """A published Serbian Latin event under ``parent``; ``fields`` override the seed's."""
    values = {
        "title": SEED_TITLE,
        "slug": SEED_SLUG,
        "intro": SEED_INTRO,
        "starts_at": SEED_START,
        "ends_at": SEED_END,
        "venue": venue,
        "hero_credit": SEED_CREDIT,
        "objective": (
            "<p>Cilj diskusije jeste da doprinese jačanju socijalne zaštite migranata kroz "
            "dostupnije i kvalitetnije socijalne usluge i programe podrške u zajednicama.</p>"
        ),
        "body": seed_body(partners, documents=documents) if partners else [],
        **fields,
    }
    # Stored the way the page editor stores it, list items with ids, which translation tools
    # rely on to tell segments apart.
    values["body"] = EventBodyBlock().to_python(values["body"])
    event = parent.add_child(instance=EventPage(**values))
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def in_days(days, hour=11):
    """``hour`` o'clock in Belgrade, ``days`` from today (negative for the past)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), BELGRADE)


def add_event(parent, title, starts_at, hours=2, **fields):
    """A published event of ``hours`` under ``parent``, its slug made from the title."""
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    return create_event(
        parent,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        **fields,
    )


def translate_event(event, language_code, **fields):
    """Publish ``event`` in another language; ``fields`` are that language's texts."""
    target = locale(language_code)
    translation = event.get_translation_or_none(target)
    if translation is None:
        translation = event.copy_for_translation(target)
    for name, value in fields.items():
        setattr(translation, name, EventBodyBlock().to_python(value) if name == "body" else value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def seed_event_in_three_languages(home_pages, partners, venue, documents=(), **fields):
    """{language code: published event} for the seed, in sr-latn, sr-cyrl and en."""
    latin = create_event(
        home_pages["sr-latn"], partners=partners, venue=venue, documents=documents, **fields
    )
    cyrillic = translate_event(
        latin,
        "sr-cyrl",
        title="Подршка и заштита миграната у рањивом положају у Србији",
        intro=(
            "Панел дискусија о подршци и заштити миграната у рањивом положају кроз "
            "доступније и квалитетније социјалне услуге у локалним заједницама."
        ),
    )
    english = translate_event(
        latin,
        "en",
        title="Support and protection for vulnerable migrants in Serbia",
        intro=(
            "A panel discussion on supporting and protecting vulnerable migrants through "
            "better social services in local communities."
        ),
        hero_credit="Source: still from the film Southern Crossroads – Migrants / "
        "photo: Saša Đorđević",
        objective="<p>The discussion aims to strengthen the social protection of migrants.</p>",
        body=seed_body(partners, language="en", documents=documents),
    )
    return {"sr-latn": latin, "sr-cyrl": cyrillic, "en": english}
