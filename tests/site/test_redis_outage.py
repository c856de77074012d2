"""A Redis outage under production's cache configuration (cms_site/settings/redis_cache.py).

While Redis is down, visitors get their pages (rendered afresh, not a 503) and an editor
publishes; once it is back with the data it had, the page stored before the change is not
served. Redis is a ``redis-server`` the test starts, stops and starts again.
"""

import time
import uuid

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cms_site.settings.redis_cache import redis_caches
from tests.event_form_data import event_form_data
from tests.public_fixtures import SEED_SLUG, SEED_TITLE, create_event
from tests.redis_server import redis_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("isolated_media")

EVENT_URL = f"/sr-latn/{SEED_SLUG}/"
HOME_URL = "/sr-latn/"
NEW_TITLE = "Zaštita migranata u Srbiji: novi termin"


@pytest.fixture
def production_cache(settings, redis_server):  # noqa: F811
    settings.CACHES = redis_caches(redis_server.url, f"test-{uuid.uuid4().hex}")
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    return redis_server


@pytest.fixture
def event(home_pages):
    return create_event(home_pages["sr-latn"])


def page(client, url):
    """(status, h1 texts) of a visitor's view of ``url``."""
    response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    return response.status_code, [h1.get_text(" ", strip=True) for h1 in soup.select("h1")]


def event_card_titles(client):
    response = client.get(HOME_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(" ", strip=True) for title in soup.select(".event-card__title")]


def publish_title_in_admin(client, admin_user, event, title):
    """Open the editor and publish; (status of the editor page, status of the publish)."""
    client.force_login(admin_user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    editor = client.get(edit_url)
    data = event_form_data(
        title=title,
        slug=event.slug,
        intro=event.intro,
        starts_at="2019-06-20 11:00",
        ends_at="2019-06-20 13:00",
    )
    data["action-publish"] = "action-publish"
    published = client.post(edit_url, data)
    client.logout()
    return editor.status_code, published.status_code


def test_pages_and_publishing_go_on_while_redis_is_down_and_nothing_stale_is_served_after(
    client, admin_user, event, production_cache, caplog
):
    before = [page(client, EVENT_URL), event_card_titles(client)]
    stored = production_cache.keys("*panel_event:page:*")

    production_cache.stop()
    started = time.monotonic()
    during = [page(client, EVENT_URL), event_card_titles(client)]
    outage_read_seconds = time.monotonic() - started
    admin = publish_title_in_admin(client, admin_user, event, NEW_TITLE)
    after_publish = [page(client, EVENT_URL), event_card_titles(client)]
    production_cache.start()
    # The pages stored before the outage came back with Redis.
    assert production_cache.keys("*panel_event:page:*") == stored
    back = [page(client, EVENT_URL), event_card_titles(client)]

    assert len(stored) == 2
    assert admin == (200, 302)
    assert [before, during, after_publish, back] == [
        [(200, [SEED_TITLE]), [SEED_TITLE]],
        [(200, [SEED_TITLE]), [SEED_TITLE]],
        [(200, [NEW_TITLE]), [NEW_TITLE]],
        [(200, [NEW_TITLE]), [NEW_TITLE]],
    ]
    # A refused connection fails at once: two pages rendered without the cache stay quick.
    assert outage_read_seconds < 5
    assert "Exception ignored" in caplog.text
