"""The site and its home pages, kept per process while the sites' generation stays the same
(panel_event/caching/routing.py): every change that alters them shows on the next request."""

import pytest
from bs4 import BeautifulSoup
from django.db.models import F
from wagtail.models import Locale, Site

from panel_event.caching import page_cache
from panel_event.caching.generation import PageCacheGeneration, read_generations
from tests.public_fixtures import SEED_SLUG, create_event, seed_partners, seed_venue

EVENT_URL = f"/sr-latn/{SEED_SLUG}/"


@pytest.fixture
def latin_event(home_pages):
    return create_event(home_pages["sr-latn"], partners=seed_partners(), venue=seed_venue())


def sites_generation():
    return read_generations()[1]


def heading(response):
    return BeautifulSoup(response.content, "html.parser").title.get_text(strip=True)


def test_a_site_saved_in_this_process_applies_to_the_next_request(client, latin_event):
    assert client.get(EVENT_URL).status_code == 200

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "elsewhere.example", False
    site.save()

    # No site answers for this host any more.
    assert client.get(EVENT_URL).status_code == 404


def test_a_site_changed_by_another_app_server_applies_here_at_once(client, latin_event):
    assert client.get(EVENT_URL).status_code == 200

    # What another server's admin commits: the Site row and, in the same transaction, both
    # generations (no signal reaches this process).
    Site.objects.filter(is_default_site=True).update(
        hostname="elsewhere.example", is_default_site=False
    )
    PageCacheGeneration.objects.update(value=F("value") + 1, sites_value=F("sites_value") + 1)

    assert client.get(EVENT_URL).status_code == 404


def test_unpublishing_a_translated_home_page_applies_to_the_next_request(client, home_pages):
    english = client.get("/en/")
    assert heading(english).startswith(home_pages["en"].title)

    home_pages["en"].unpublish()

    # As Wagtail routes it: a language without a live home page gets the site's own.
    assert heading(client.get("/en/")).startswith(home_pages["sr-latn"].title)


def test_only_changes_to_sites_locales_and_home_pages_advance_the_sites_generation(
    home_pages, latin_event
):
    before = sites_generation()
    latin_event.save_revision().publish()
    page_cache.invalidate()
    assert sites_generation() == before

    home_pages["en"].save_revision().publish()
    after_home = sites_generation()
    assert after_home > before

    Locale.objects.get(language_code="en").save()
    after_locale = sites_generation()
    assert after_locale > after_home

    Site.objects.get(is_default_site=True).save()
    assert sites_generation() > after_locale
