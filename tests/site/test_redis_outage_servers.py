"""A Redis outage seen by two app servers: one that publishes through it, and one that never
noticed it.

Two gunicorn servers (A and B) run the production settings against one PostgreSQL database and
one ``redis-server`` that keeps its data across a restart (tests/site/app_servers.py). B stores
an event page; Redis stops; an editor publishes a new title through A; Redis starts again with
the page B stored. B, which made no request while Redis was down, must serve the new title.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from tests.event_form_data import event_form_data
from tests.site.app_servers import (
    AppServer,
    Visitor,
    add_authenticator,
    manage,
    production_environment,
    shared_services,
    sign_in_with_authenticator,
)

ADMIN = {"username": "admin", "password": "admin-password-for-the-outage-test"}
SLUG = "okrugli-sto-o-migracijama"
URL = f"/sr-latn/{SLUG}/"
FIRST_TITLE = "Okrugli sto o migracijama"
NEW_TITLE = "Okrugli sto o migracijama: novi termin"


def event_data(title):
    data = event_form_data(
        title=title,
        slug=SLUG,
        attendance_mode="online",
        online_url="https://meet.example.org/okrugli-sto",
    )
    data["action-publish"] = "action-publish"
    return data


def in_parallel(*calls):
    with ThreadPoolExecutor(len(calls)) as pool:
        for future in [pool.submit(call) for call in calls]:
            future.result()


def page_id(database_url, language_code, slug=None):
    """The id the admin gave a page: the home page of a language, or the page at ``slug``."""
    sql = (
        "SELECT page.id FROM wagtailcore_page page JOIN wagtailcore_locale locale "
        "ON locale.id = page.locale_id WHERE locale.language_code = %s AND "
    )
    sql += "page.slug = %s" if slug else "page.depth = 2"
    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, [language_code, *([slug] if slug else [])]).fetchone()[0]


def title_of(response):
    return (response.status_code, re.findall(r"<h1[^>]*>\s*([^<]*?)\s*</h1>", response.text))


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    directory = tmp_path_factory.mktemp("outage")
    with shared_services(directory) as (database_url, redis, object_store):
        environment = production_environment(
            database_url, redis.url, object_store, directory / "static"
        )
        account = {
            **environment,
            "DJANGO_SUPERUSER_USERNAME": ADMIN["username"],
            "DJANGO_SUPERUSER_PASSWORD": ADMIN["password"],
            "DJANGO_SUPERUSER_EMAIL": "admin@example.org",
        }
        in_parallel(
            lambda: manage(environment, "migrate", "--noinput"),
            lambda: manage(environment, "collectstatic", "--noinput"),
        )
        manage(environment, "configure_site")
        manage(account, "createsuperuser", "--noinput")
        add_authenticator(environment, ADMIN["username"])
        a, b = (AppServer(name, environment, directory) for name in ("A", "B"))
        try:
            in_parallel(a.start, b.start)
            yield database_url, redis, a, b
        finally:
            a.stop()
            b.stop()


def test_a_server_that_never_saw_the_outage_serves_what_was_published_during_it(servers):
    database_url, redis, a, b = servers
    editor = Visitor(a)
    login = sign_in_with_authenticator(editor, ADMIN)
    assert (login.status_code, login.headers["Location"]) == (302, "/admin/")
    home_id = page_id(database_url, "sr-latn")
    created = editor.post_form(
        f"/admin/pages/add/panel_event/eventpage/{home_id}/", event_data(FIRST_TITLE)
    )
    assert created.status_code == 302, created.text[-2000:]
    edit_path = f"/admin/pages/{page_id(database_url, 'sr-latn', SLUG)}/edit/"
    reader = Visitor(b)
    before = [title_of(reader.get(URL)) for _ in range(2)]
    stored = redis.keys("*panel_event:page:*")

    redis.stop()
    published = editor.post_form(edit_path, event_data(NEW_TITLE))
    redis.start()
    # B's page from before the outage came back with Redis.
    assert redis.keys("*panel_event:page:*") == stored
    after = [title_of(reader.get(URL)) for _ in range(2)]

    assert len(stored) == 1
    assert published.status_code == 302
    assert before == [(200, [FIRST_TITLE])] * 2
    assert after == [(200, [NEW_TITLE])] * 2
