"""A Redis outage: pages are rendered and editors publish while Redis is down, and once it is
back with the data it had, no page stored before a change made meanwhile is served.

The page cache is Django's own Redis backend on a ``redis-server`` the test starts, stops and
starts again (tests/redis_server.py). The rest of the test site's cache stays in memory: how a
site keeps Wagtail's own cache calls from failing is the site's choice (this site's is tested in
tests/site/test_redis_outage.py).
"""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.event_form_data import event_form_data
from tests.public_fixtures import SEED_SLUG, SEED_TITLE, create_event, seed_partners
from tests.redis_server import redis_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("isolated_media")

EVENT_URL = f"/sr-latn/{SEED_SLUG}/"
STORED_PAGES = "*panel_event:page:*"
NEW_TITLE = "Zaštita migranata u Srbiji: novi termin"


@pytest.fixture
def redis_page_cache(settings, redis_server):  # noqa: F811
    """The page cache on that server, through Django's RedisCache, under a key prefix of its own."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    settings.PANEL_EVENT_PAGE_CACHE_ALIAS = "pages"
    return redis_server


@pytest.fixture
def partners(db):
    return seed_partners()


@pytest.fixture
def event(home_pages, partners):
    return create_event(home_pages["sr-latn"], partners=partners)


def view(client):
    """(status, the page's h1 texts, its partners' names, number of queries) for a visitor."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(EVENT_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    return (
        response.status_code,
        [h1.get_text(" ", strip=True) for h1 in soup.select("h1")],
        sorted({name.get_text(" ", strip=True) for name in soup.select(".partner__name")}),
        len(queries),
    )


def publish_title_in_admin(client, admin_user, event, title):
    client.force_login(admin_user)
    data = event_form_data(
        title=title,
        slug=event.slug,
        intro=event.intro,
        starts_at="2019-06-20 11:00",
        ends_at="2019-06-20 13:00",
    )
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    client.logout()
    return response.status_code


def rename_partner_in_admin(client, admin_user, partner, name):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=[partner.pk]),
        {
            "name": name,
            "acronym": partner.acronym,
            "kind": partner.kind,
            "logo": "",
            "website": partner.website,
            "description": partner.description,
        },
    )
    client.logout()
    return response.status_code


def test_a_page_published_while_redis_is_down_is_served_new_once_it_is_back(
    client, admin_user, event, redis_page_cache, caplog
):
    rendered = view(client)
    hit = view(client)
    stored = redis_page_cache.keys(STORED_PAGES)

    redis_page_cache.stop()
    read_during_outage = view(client)
    published = publish_title_in_admin(client, admin_user, event, NEW_TITLE)
    read_after_publish = view(client)
    redis_page_cache.start()
    # The page stored before the outage came back with Redis.
    assert redis_page_cache.keys(STORED_PAGES) == stored
    back = view(client)
    hit_again = view(client)

    assert len(stored) == 1
    assert published == 302
    # (status, h1) of each view.
    assert [
        page[:2]
        for page in (rendered, hit, read_during_outage, read_after_publish, back, hit_again)
    ] == [(200, [SEED_TITLE])] * 3 + [(200, [NEW_TITLE])] * 3
    # Queries: the one query of a page from the cache reads the generation number; a rendered
    # page takes more.
    assert [hit[3], hit_again[3]] == [1, 1]
    assert min(rendered[3], read_during_outage[3], read_after_publish[3], back[3]) > 1
    assert "Could not read the page cache" in caplog.text


def test_a_partner_renamed_while_redis_is_down_is_shown_once_it_is_back(
    client, admin_user, event, partners, redis_page_cache
):
    before = view(client)
    from_cache = view(client)

    redis_page_cache.stop()
    renamed = rename_partner_in_admin(
        client, admin_user, partners["SDC"], "Švajcarska agencija za razvoj i saradnju"
    )
    redis_page_cache.start()
    after = view(client)

    assert renamed == 302
    assert "Švajcarska kancelarija za saradnju (SDC)" in before[2]
    assert after[2] == sorted(
        {
            *(name for name in before[2] if "(SDC)" not in name),
            "Švajcarska agencija za razvoj i saradnju (SDC)",
        }
    )
    assert from_cache == before[:3] + (1,)
