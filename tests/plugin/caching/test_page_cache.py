"""The rendered-page cache: what it stores, whom it serves, and every change that empties it."""

import datetime
import os
import re
import uuid

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from panel_event.caching import page_cache
from tests.public_fixtures import (
    BELGRADE,
    SEED_SLUG,
    create_event,
    seed_event_in_three_languages,
    seed_partners,
    seed_venue,
    translate_event,
)

# Uploads in a folder of the test's own; each language version is written by the test.
pytestmark = pytest.mark.usefixtures("isolated_media")

EVENT_URL = f"/sr-latn/{SEED_SLUG}/"
# The page cache's generation numbers and the routing's one query for the event (the site and
# its home pages are kept per process). A rendered page takes more.
MAX_CACHE_HIT_QUERIES = 2
GENERATION_TABLE = "panel_event_pagecachegeneration"


@pytest.fixture
def partners(db):
    return seed_partners()


@pytest.fixture
def venue(db):
    return seed_venue()


@pytest.fixture
def latin_event(home_pages, partners, venue):
    return create_event(home_pages["sr-latn"], partners=partners, venue=venue)


@pytest.fixture
def seed(home_pages, partners, venue):
    return seed_event_in_three_languages(home_pages, partners, venue)


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def get(client, url, **extra):
    """(response, number of queries) for an anonymous or logged-in GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response, len(queries)


def text(response, selector):
    return [element.get_text(" ", strip=True) for element in soup(response).select(selector)]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def is_hit(client, url):
    """Whether ``url`` is answered from the cache: a hit takes only Wagtail's routing queries."""
    _response, queries = get(client, url)
    return queries <= MAX_CACHE_HIT_QUERIES


# What is stored and served ------------------------------------------------------------------


def test_second_anonymous_view_is_served_from_the_cache(client, latin_event):
    first, first_queries = get(client, EVENT_URL)
    second, second_queries = get(client, EVENT_URL)

    assert first_queries > MAX_CACHE_HIT_QUERIES
    assert second_queries <= MAX_CACHE_HIT_QUERIES
    nonce = re.compile(rb' nonce="[^"]*"')
    assert nonce.sub(b"", second.content) == nonce.sub(b"", first.content)
    assert second["Content-Type"] == first["Content-Type"]


def test_anonymous_visitor_without_a_session_is_answered_before_routing(client, latin_event):
    first, _ = get(client, EVENT_URL)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(EVENT_URL)

    # The one query reads the generation number; no routing, no content.
    assert [GENERATION_TABLE in query["sql"] for query in queries] == [True]
    assert text(second, "h1") == text(first, "h1")
    script = soup(second).find("script", type="application/ld+json")
    assert f"'nonce-{script['nonce']}'" in second["Content-Security-Policy"]
    assert second["Content-Language"] == "sr-latn"


def test_visitor_with_a_session_is_answered_only_after_routing(client, latin_event):
    get(client, EVENT_URL)
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-this-visitor-does-not-own"

    response, queries = get(client, EVENT_URL)

    # The session is read too: there is none.
    assert queries == MAX_CACHE_HIT_QUERIES + 1
    assert text(response, "h1") == ["Podrška i zaštita migranata u ranjivom položaju u Srbiji"]


def test_pages_are_rendered_when_the_page_cache_is_unreachable(
    client, settings, latin_event, caplog
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 9 (discard) of the loopback interface.
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    settings.PANEL_EVENT_PAGE_CACHE_ALIAS = "pages"

    responses = [get(client, EVENT_URL)[0] for _ in range(2)]
    before = page_cache.current_generation()
    page_cache.invalidate()

    assert [text(response, "h1") for response in responses] == [
        ["Podrška i zaštita migranata u ranjivom položaju u Srbiji"]
    ] * 2
    assert "Could not read the page cache" in caplog.text
    # Invalidating needs only the database.
    assert page_cache.current_generation() == before + 1


def test_cached_page_carries_this_responses_csp_nonce(client, latin_event):
    responses = [get(client, EVENT_URL)[0] for _ in range(3)]

    nonces = []
    for response in responses:
        script = soup(response).find("script", type="application/ld+json")
        header = response["Content-Security-Policy"]
        assert f"'nonce-{script['nonce']}'" in header
        nonces.append(script["nonce"])
    assert len(set(nonces)) == 3


def test_public_pages_have_no_posting_forms_and_set_no_cookies(client, latin_event, home_pages):
    for url in (EVENT_URL, "/sr-latn/"):
        for _ in range(2):  # rendered, then cached
            response, _queries = get(client, url)
            assert b"csrfmiddlewaretoken" not in response.content
            # The listing's search and filters are GET forms: no token, nothing personal.
            assert {form.get("method") for form in soup(response).find_all("form")} <= {"get"}
            assert not response.cookies
            assert "Set-Cookie" not in response


def test_tracking_parameters_share_the_cached_page_and_others_do_not(client, home_pages):
    get(client, "/sr-latn/")

    assert is_hit(client, "/sr-latn/?utm_source=newsletter&fbclid=x")
    assert not is_hit(client, "/sr-latn/?page=2")
    assert is_hit(client, "/sr-latn/?page=2")


def test_calendar_file_is_cached_with_its_headers(client, latin_event):
    first, _ = get(client, f"{EVENT_URL}calendar.ics")
    second, queries = get(client, f"{EVENT_URL}calendar.ics")

    assert queries <= MAX_CACHE_HIT_QUERIES
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"] == "text/calendar; charset=utf-8"


def test_page_is_kept_only_until_registration_closes(latin_event):
    deadline = timezone.now() + datetime.timedelta(hours=1)
    latin_event.registration_deadline = deadline
    latin_event.ends_at = timezone.now() + datetime.timedelta(days=3)

    assert latin_event.page_cache_expiry({}) == deadline
    latin_event.registration_deadline = None
    assert latin_event.page_cache_expiry({}) == latin_event.ends_at


# Never for anyone else ----------------------------------------------------------------------


def test_editor_view_with_user_bar_is_never_stored_or_served_to_the_public(
    client, editor_client, latin_event
):
    page_cache.invalidate()
    editor_view, _ = get(editor_client, EVENT_URL)
    assert b"wagtail-userbar" in editor_view.content

    client.logout()
    public_view, queries = get(client, EVENT_URL)
    assert queries > MAX_CACHE_HIT_QUERIES  # rendered, not the editor's page from the cache
    assert b"wagtail-userbar" not in public_view.content


def test_editor_gets_the_user_bar_even_when_the_public_page_is_cached(
    client, django_user_model, latin_event
):
    get(client, EVENT_URL)
    assert is_hit(client, EVENT_URL)

    editor = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(editor)
    response, _ = get(client, EVENT_URL)

    assert b"wagtail-userbar" in response.content


def test_draft_and_preview_are_not_shown_until_published(client, latin_event):
    get(client, EVENT_URL)
    latin_event.title = "Nacrt: novi naslov"
    latin_event.save_revision()

    # Previews are served to a stand-in anonymous request, marked as a preview.
    preview = latin_event.make_preview_request()
    assert b"Nacrt: novi naslov" in preview.render().content

    response, _ = get(client, EVENT_URL)
    assert text(response, "h1") == ["Podrška i zaštita migranata u ranjivom položaju u Srbiji"]
    assert is_hit(client, EVENT_URL)

    latin_event.get_latest_revision().publish()
    response, _ = get(client, EVENT_URL)
    assert text(response, "h1") == ["Nacrt: novi naslov"]


def test_page_put_behind_a_password_is_no_longer_served_from_the_cache(client, latin_event):
    get(client, EVENT_URL)

    PageViewRestriction.objects.create(
        page=latin_event, restriction_type=PageViewRestriction.PASSWORD, password="tajna"
    )
    response = client.get(EVENT_URL)

    assert response.status_code == 200
    assert text(response, "h1") != ["Podrška i zaštita migranata u ranjivom položaju u Srbiji"]
    assert soup(response).find("input", attrs={"name": "password"}) is not None


# Every change that shows on a page empties the cache ----------------------------------------


def test_unpublishing_removes_the_page_and_its_card(client, home_pages, latin_event):
    get(client, EVENT_URL)
    get(client, "/sr-latn/")

    latin_event.unpublish()

    assert client.get(EVENT_URL).status_code == 404
    assert text(get(client, "/sr-latn/")[0], ".event-card__title") == []


def test_publishing_a_translation_updates_the_other_languages_switchers(client, latin_event):
    def english_link(response):
        link = soup(response).find("a", hreflang="en")
        return link["href"] if link else None

    # Not translated yet: English is shown as unavailable, without a link.
    assert english_link(get(client, EVENT_URL)[0]) is None
    assert is_hit(client, EVENT_URL)

    translate_event(latin_event, "en", title="Support for migrants")

    assert english_link(get(client, EVENT_URL)[0]) == f"/en/{SEED_SLUG}/"


def test_republishing_a_translation_updates_the_source_languages_page(client, seed):
    def hreflangs(response):
        return sorted(
            link["hreflang"] for link in soup(response).select("link[rel=alternate][hreflang]")
        )

    assert hreflangs(get(client, EVENT_URL)[0]) == ["en", "sr-Cyrl", "sr-Latn", "x-default"]

    seed["en"].unpublish()

    assert hreflangs(get(client, EVENT_URL)[0]) == ["sr-Cyrl", "sr-Latn", "x-default"]


def partner_form(partner, **changes):
    return {
        "name": partner.name,
        "acronym": partner.acronym,
        "kind": partner.kind,
        "logo": partner.logo_id or "",
        "website": partner.website,
        "description": partner.description,
        **changes,
    }


def rename_partner_in_admin(client, admin_user, partner, name):
    """Rename ``partner`` through the admin's edit view, then log out again."""
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=[partner.pk]),
        partner_form(partner, name=name),
    )
    assert response.status_code == 302
    client.logout()


def test_editing_a_partner_in_the_admin_shows_on_the_page_at_once(
    client, admin_user, partners, latin_event
):
    assert "Švajcarska kancelarija za saradnju (SDC)" in text(
        get(client, EVENT_URL)[0], ".partner__name"
    )
    assert is_hit(client, EVENT_URL)

    rename_partner_in_admin(
        client, admin_user, partners["SDC"], "Švajcarska agencija za razvoj i saradnju"
    )

    names = text(get(client, EVENT_URL)[0], ".partner__name")
    assert "Švajcarska agencija za razvoj i saradnju (SDC)" in names


def test_editing_a_venue_in_the_admin_shows_on_the_page_and_the_listing(
    client, admin_user, venue, latin_event
):
    get(client, EVENT_URL)
    get(client, "/sr-latn/")

    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_panel_event_venue:edit", args=[venue.pk]),
        {
            "name": "Kulturni centar Niš",
            "street_address": venue.street_address,
            "postal_code": venue.postal_code,
            "city": venue.city,
            "country": venue.country,
            "country_code": venue.country_code,
            "latitude": "",
            "longitude": "",
            "map_url": "",
            "accessibility_notes": "",
        },
    )
    assert response.status_code == 302
    client.logout()

    assert text(get(client, EVENT_URL)[0], ".event-summary strong") == ["Kulturni centar Niš"]
    assert text(get(client, "/sr-latn/")[0], ".event-card__where") == ["Kulturni centar Niš, Niš"]


def test_publishing_a_new_event_adds_it_to_the_home_listing(client, home_pages, latin_event):
    assert len(text(get(client, "/sr-latn/")[0], ".event-card__title")) == 1
    assert is_hit(client, "/sr-latn/")

    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=10), datetime.time(10), BELGRADE
    )
    create_event(
        home_pages["sr-latn"],
        title="Nova radionica",
        slug="nova-radionica",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )

    titles = text(get(client, "/sr-latn/")[0], ".event-card__title")
    assert titles == ["Nova radionica", "Podrška i zaštita migranata u ranjivom položaju u Srbiji"]


class RolledBack(Exception):
    pass


def test_the_generation_advances_in_the_transaction_of_the_change(latin_event):
    before = page_cache.current_generation()
    with pytest.raises(RolledBack), transaction.atomic():
        latin_event.save_revision().publish()
        during = page_cache.current_generation()
        raise RolledBack

    after_rollback = page_cache.current_generation()
    latin_event.refresh_from_db()
    latin_event.save_revision().publish()

    assert [during, after_rollback, page_cache.current_generation()] == [
        before + 1,
        before,
        before + 1,
    ]


def test_page_cache_can_be_turned_off(client, settings, latin_event):
    settings.PANEL_EVENT_PAGE_CACHE_TIMEOUT = 0
    get(client, EVENT_URL)

    assert not is_hit(client, EVENT_URL)


# A CDN in front of the site -----------------------------------------------------------------


class RecordingBackend(BaseBackend):
    purged = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    return RecordingBackend.purged


def test_cdn_is_told_about_the_translations_and_listings_an_event_shows_on(frontend_cache, seed):
    frontend_cache.clear()
    seed["en"].save_revision().publish()

    purged = set(frontend_cache)
    for language_code in ("sr-latn", "sr-cyrl", "en"):
        assert f"http://localhost/{language_code}/{SEED_SLUG}/" in purged
        assert f"http://localhost/{language_code}/" in purged


def test_cdn_is_told_about_the_pages_that_show_a_changed_partner(frontend_cache, partners, seed):
    frontend_cache.clear()
    partner = partners["KIRS"]
    partner.name = "Komesarijat za izbeglice"
    partner.save()

    assert f"http://localhost/sr-latn/{SEED_SLUG}/" in set(frontend_cache)


# The production backend: Redis ---------------------------------------------------------------

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """The Django cache on a real Redis server, as production configures it from REDIS_URL.

    Skips where no Redis answers, unless REQUIRE_REDIS is set (as in CI).
    """
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("REQUIRE_REDIS", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"REQUIRE_REDIS is set but Redis at {REDIS_URL} does not answer: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Its own key space, so parallel runs on one server never see each other's pages.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield caches["default"]
    caches["default"].clear()


def test_redis_cache_serves_pages_and_drops_them_when_a_partner_changes(
    client, admin_user, partners, latin_event, redis_cache
):
    first, _ = get(client, EVENT_URL)
    assert is_hit(client, EVENT_URL)

    rename_partner_in_admin(
        client, admin_user, partners["SDC"], "Švajcarska agencija za razvoj i saradnju"
    )

    after_edit, queries = get(client, EVENT_URL)
    assert queries > MAX_CACHE_HIT_QUERIES
    assert "Švajcarska kancelarija za saradnju (SDC)" in text(first, ".partner__name")
    assert "Švajcarska agencija za razvoj i saradnju (SDC)" in text(after_edit, ".partner__name")
    assert is_hit(client, EVENT_URL)
