"""Events for the feed and subscription tests, built through the models like the other
public-page tests: the seed (20 June 2019) and an upcoming event (8 April 2031), both
published in Serbian Latin, with the Serbian Cyrillic version written by the transliterator
and an English translation."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from panel_event.models import EventIndexPage
from tests.public_fixtures import (
    BELGRADE,
    SEED_END,
    create_event,
    seed_body,
    seed_partners,
    seed_venue,
    translate_event,
)

FORUM_START = datetime.datetime(2031, 4, 8, 9, 30, tzinfo=BELGRADE)
FORUM_TITLE = "Forum o socijalnoj zaštiti"
FORUM_INTRO = "Godišnji forum lokalnih službi socijalne zaštite."


def days_since(moment):
    return (timezone.now() - moment).days


def window_reaching(moment, settings):
    """Makes the subscription's past window reach back to ``moment``."""
    settings.PANEL_EVENT_SUBSCRIPTION_PAST_DAYS = days_since(moment) + 1


def publish_seed_and_forum(home_pages, settings, on_commit, parent=None):
    """The seed and the forum in three languages, under ``parent`` (the Latin home page by
    default); the subscription's window reaches back to the seed. {name: {language code:
    event}}.

    ``on_commit`` is pytest-django's ``django_capture_on_commit_callbacks``: the Cyrillic
    versions are written once the Latin publish is committed."""
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = True
    window_reaching(SEED_END, settings)
    parent = parent or home_pages["sr-latn"]
    with on_commit(execute=True):
        partners = seed_partners()
        venue = seed_venue()
        forum_venue = seed_venue(
            name="Skupština grada", city="Beograd", street_address="Dragoslava Jovanovića 2"
        )
    with on_commit(execute=True):
        seed = create_event(parent, partners=partners, venue=venue)
    with on_commit(execute=True):
        forum = create_event(
            parent,
            title=FORUM_TITLE,
            slug="forum",
            intro=FORUM_INTRO,
            starts_at=FORUM_START,
            ends_at=FORUM_START + datetime.timedelta(hours=3),
            venue=forum_venue,
            attendance_mode="hybrid",
            online_url="https://meet.example.org/forum",
        )
    events = {}
    for name, event in (("seed", seed), ("forum", forum)):
        english = translate_event(
            event,
            "en",
            title=f"{name.title()} in English",
            intro=f"The {name} in English.",
            body=seed_body(partners, language="en") if name == "seed" else [],
        )
        events[name] = {
            "sr-latn": event,
            "sr-cyrl": event.get_translation(Locale.objects.get(language_code="sr-cyrl")),
            "en": english,
        }
    return events


def events_index(home_pages, title="Arhiva"):
    """An events index below the Latin home page, published, with its Cyrillic and English
    versions. {language code: index page}."""
    index = home_pages["sr-latn"].add_child(instance=EventIndexPage(title=title, slug="arhiva"))
    index.save_revision().publish()
    pages = {"sr-latn": index}
    for language_code in ("sr-cyrl", "en"):
        locale = Locale.objects.get(language_code=language_code)
        page = index.get_translation_or_none(locale) or index.copy_for_translation(locale)
        page.save_revision().publish()
        pages[language_code] = page.specific
    return pages
