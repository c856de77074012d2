"""What the plugin gives a site that adds no URL pattern and no base-template block for it."""

import pytest
from bs4 import BeautifulSoup
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from panel_event.languages.checks import check_new_translations_start_as_drafts
from tests.public_fixtures import (
    SEED_SLUG,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

# A site's URLconf with Wagtail's page URLs and nothing for the calendar file (used as
# ROOT_URLCONF below).
urlpatterns = i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)

EVENT_PATH = f"/sr-latn/{SEED_SLUG}/"


@pytest.fixture
def seed(home_pages):
    return seed_event_in_three_languages(home_pages, seed_partners(), seed_venue())


@pytest.fixture
def plain_urls(settings):
    settings.ROOT_URLCONF = __name__


def calendar_link(client):
    response = client.get(EVENT_PATH)
    assert response.status_code == 200
    # The seed event is past, so the page offers no "Add to calendar" button; the head's
    # alternate link names the same address.
    links = BeautifulSoup(response.content, "html.parser").find_all("link", type="text/calendar")
    return [link["href"] for link in links]


def test_calendar_file_answers_without_a_dot_as_a_named_download(client, seed):
    dotless = client.get(f"{EVENT_PATH}calendar/")
    dotted = client.get(f"{EVENT_PATH}calendar.ics")
    assert (dotless.status_code, dotless["Content-Type"], dotless["Content-Disposition"]) == (
        200,
        "text/calendar; charset=utf-8",
        f'attachment; filename="{SEED_SLUG}.ics"',
    )
    assert dotless.content == dotted.content


def test_site_with_a_calendar_ics_pattern_keeps_linking_it(client, seed):
    assert calendar_link(client) == [f"{EVENT_PATH}calendar.ics"]


def test_site_without_a_calendar_pattern_links_the_address_it_serves(client, seed, plain_urls):
    assert calendar_link(client) == [f"{EVENT_PATH}calendar/"]
    assert client.get(f"{EVENT_PATH}calendar/").status_code == 200


def test_structured_data_is_in_the_content_the_plugin_fills(client, seed):
    soup = BeautifulSoup(client.get(EVENT_PATH).content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert [script.find_parent("main") is not None for script in scripts] == [True]


@pytest.mark.parametrize(
    ("i18n_enabled", "expected_ids"), [(True, ["panel_event.W001"]), (False, [])]
)
def test_translation_status_check_speaks_only_on_a_multilingual_site(
    settings, i18n_enabled, expected_ids
):
    settings.WAGTAIL_I18N_ENABLED = i18n_enabled
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    warnings = check_new_translations_start_as_drafts(None)
    assert [warning.id for warning in warnings] == expected_ids
