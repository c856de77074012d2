"""Real-browser tests: Playwright for Python driving the system's Chromium against live_server.

Debian's ``chromium`` package provides /usr/bin/chromium (Playwright's own browser download is
not used). Without it these tests skip with the reason; with ``REQUIRE_BROWSER=1`` (set by
``.ci/run``) a missing browser fails them instead, so CI can never pass by skipping them.

One Chromium runs for the whole session; every test gets a fresh browser context (cookies,
storage and viewport of its own) and a fresh database (``live_server`` needs transactional
tests; ``serialized_rollback`` restores the locales, home pages and default site that the
migrations create, which a transactional test's flush would otherwise wipe).
"""

import gc
import io
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from django.db.transaction import Atomic
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Locale

from home.models import HomePage
from panel_event.editing.roles import COMMUNICATIONS_EDITORS
from panel_event.models import EventPage, PartnerSnippet, Venue
from tests.conftest import prefer_english_admin, publish_home_pages, user_in_role

from .content import (
    EVENT_TEXT,
    LANGUAGES,
    PARTNER_NAMES,
    PASSWORD,
    fill_event,
    upcoming,
)
from .viewports import ARTIFACTS_DIR, DESKTOP, SCREENSHOTS_DIR

FAILURES_DIR = ARTIFACTS_DIR / "browser-failures"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "install it with `apt-get update && apt-get install -y chromium`"


def browser_required():
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def browser_unavailable(reason):
    """Skip on a developer's machine; fail where REQUIRE_BROWSER says a browser must be there."""
    if browser_required():
        pytest.fail(
            f"{reason}. REQUIRE_BROWSER is set, so the browser tests must run: {INSTALL_HINT}.",
            pytrace=False,
        )
    pytest.skip(f"{reason}; the browser tests need it: {INSTALL_HINT}.")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixture reads this to keep a screenshot and the HTML of a failed test.
    setattr(item, f"report_{report.when}", report)
    return report


# The live server and the test share one in-memory SQLite connection, and the admin sends
# requests in parallel (autosave, editing-session pings, the preview panel). Concurrent use of
# that connection fails at random ("database table is locked"), so the server answers one
# request at a time and the test's own queries wait for the request in progress.
#
# A transaction is state of the connection too (its savepoints, its on-commit callbacks). A
# request answered while the test thread is inside `transaction.atomic()` (the demo loader, a
# fixture publishing a page) would release or roll back the test's savepoints ("no such
# savepoint"), or run its own writes inside the test's transaction, so the translations the
# test publishes on commit would never be published. The test thread therefore holds the lock
# for the whole of each atomic block, and a request waits until the block ends. The lock is
# reentrant, so the server's own atomic blocks, inside a request, take it again freely.
REQUEST_LOCK = threading.RLock()


class OneRequestAtATimeServer(ThreadedWSGIServer):
    def set_app(self, application):
        def serialized(environ, start_response):
            with REQUEST_LOCK:
                return application(environ, start_response)

        super().set_app(serialized)


class SerializedLiveServerThread(LiveServerThread):
    server_class = OneRequestAtATimeServer


def serialized_query(execute, sql, params, many, context):
    with REQUEST_LOCK:
        return execute(sql, params, many, context)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, answering one request at a time (see REQUEST_LOCK)."""
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    default = server.thread
    server.thread = SerializedLiveServerThread(
        default.host,
        default.static_handler,
        connections_override=default.connections_override,
        port=default.port,
    )
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


ATOMIC_ENTER, ATOMIC_EXIT = Atomic.__enter__, Atomic.__exit__


def atomic_enter_holding_the_request_lock(self):
    REQUEST_LOCK.acquire()
    try:
        return ATOMIC_ENTER(self)
    except BaseException:
        REQUEST_LOCK.release()
        raise


def atomic_exit_holding_the_request_lock(self, exc_type, exc_value, traceback):
    try:
        return ATOMIC_EXIT(self, exc_type, exc_value, traceback)
    finally:
        REQUEST_LOCK.release()


@pytest.fixture(autouse=True)
def _serialize_test_queries(request, monkeypatch):
    if "live_server" not in request.fixturenames:
        yield
        return
    # On the class, not the `atomic` function: `@transaction.atomic` decorators made at import
    # time hold Atomic instances already.
    monkeypatch.setattr(Atomic, "__enter__", atomic_enter_holding_the_request_lock)
    monkeypatch.setattr(Atomic, "__exit__", atomic_exit_holding_the_request_lock)
    with connection.execute_wrapper(serialized_query):
        yield


@pytest.fixture(scope="package", autouse=True)
def _django_beside_playwright():
    """Playwright's sync API keeps an asyncio event loop running in this thread while it is
    started, and Django then refuses ORM calls as if they came from async code. Allow them
    while this package's tests run, and only then: the variable is not left set for later
    tests or for the processes they start."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_django_beside_playwright):
    """One headless Chromium for this package's tests, stopped when they are done."""
    if not Path(CHROMIUM).exists():
        browser_unavailable(f"Chromium was not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("Playwright for Python is not installed (requirements-test.txt)")
    databases = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    # Django keeps its connections per thread, and per asyncio context while an event loop
    # runs in the thread, as Playwright's does from here on. Keep using the connections the test
    # databases were set up on: they carry the data serialized_rollback restores, and with
    # in-memory SQLite they are the one connection the live server shares.
    for alias, database in databases.items():
        connections[alias] = database
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def context(browser, live_server, transactional_db):
    """A fresh browser context per test, pointed at the live server, desktop-sized.

    It depends on the database fixture so that it is closed before the database is flushed:
    a request still in flight (an autosave, an editing-session ping) would otherwise open a
    transaction on the shared connection in the middle of the flush, and leave it in manual
    transaction management for every later test of the process.
    """
    browser_context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Belgrade"
    )
    # Nothing leaves this machine: requests to any other origin (e.g. the admin's Gravatar
    # avatars) are answered with a network error.
    elsewhere = re.compile(rf"^(?!{re.escape(live_server.url)}(/|$))")
    browser_context.route(elsewhere, lambda route: route.abort())
    browser_context.set_default_timeout(15_000)
    browser_context.set_default_navigation_timeout(30_000)
    yield browser_context
    browser_context.close()
    # Wait for the request the server may still be answering.
    with REQUEST_LOCK:
        # A cursor such a request left unfinished keeps its statement active on the shared
        # in-memory database, and the flush that follows found the table locked ("database
        # table is locked: django_session", in about one run in four of the editor-trap
        # tests). Collecting the cursor finishes its statement.
        gc.collect()


@pytest.fixture
def page(request, context):
    browser_page = context.new_page()
    yield browser_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not browser_page.is_closed():
        FAILURES_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        try:
            browser_page.screenshot(path=FAILURES_DIR / f"{name}.png", full_page=True)
            (FAILURES_DIR / f"{name}.html").write_text(browser_page.content())
        except Exception as error:  # the page may have crashed; keep the test's own error
            print(f"Could not keep the failed page: {error}")


@pytest.fixture(scope="session")
def screenshots_dir():
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR


@pytest.fixture(scope="session", autouse=True)
def _clean_failures():
    shutil.rmtree(FAILURES_DIR, ignore_errors=True)


# Content -----------------------------------------------------------------------------------


@pytest.fixture
def locales(transactional_db):
    assert hasattr(connection, "_test_serialized_contents"), (
        "The test database was not serialized, so serialized_rollback cannot restore it."
    )
    return {code: Locale.objects.get(language_code=code) for code in LANGUAGES}


@pytest.fixture
def homes(locales):
    """The home page in each content language, published."""
    return publish_home_pages()


@pytest.fixture
def superuser(transactional_db):
    """An administrator whose admin speaks English, so assertions on messages stay readable."""
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return prefer_english_admin(user)


@pytest.fixture
def editor(homes):
    """A communications editor: no superuser powers, admin in English."""
    return user_in_role(
        "urednica",
        COMMUNICATIONS_EDITORS,
        password=PASSWORD,
        first_name="Milica",
        last_name="Urošević",
    )


@pytest.fixture
def latin_partners(locales):
    """The event's partners in Serbian Latin (their Cyrillic versions follow when saved)."""
    return {
        acronym: PartnerSnippet.objects.create(
            name=names["sr-latn"],
            acronym=acronym,
            website="https://www.example.org",
            locale=locales["sr-latn"],
        )
        for acronym, names in PARTNER_NAMES.items()
    }


@pytest.fixture
def event_pages(homes, locales, latin_partners):
    """A realistic upcoming event, live in all three languages, keyed by language code.

    Publishing the Latin page generates and publishes the Cyrillic one (and the Cyrillic
    partners and venue); the English page is a copy for translation, written in English.
    """
    latin, english = locales["sr-latn"], locales["en"]
    partners = latin_partners
    english_partners = {}
    for acronym, partner in partners.items():
        translated = partner.copy_for_translation(english)
        translated.name = PARTNER_NAMES[acronym]["en"]
        translated.save()
        english_partners[acronym] = translated
    venue = Venue.objects.create(
        name="Media i reform centar Niš",
        street_address="Generala Milojka Lešjanina 2",
        postal_code="18000",
        city="Niš",
        map_url="https://www.openstreetmap.org/?mlat=43.3209&mlon=21.8958",
        accessibility_notes="Ulaz bez stepenica, lift do drugog sprata.",
        locale=latin,
    )
    english_venue = venue.copy_for_translation(english)
    english_venue.name = "Media and Reform Centre Niš"
    english_venue.country = "Serbia"
    english_venue.accessibility_notes = "Step-free entrance, lift to the second floor."
    english_venue.save()

    event = EventPage(
        slug="lokalne-zajednice-i-podrska-migrantima",
        starts_at=upcoming(30, 11),
        ends_at=upcoming(30, 13),
        registration_url="https://www.example.org/prijava",
        registration_email="prijave@example.org",
        registration_deadline=upcoming(28, 16),
    )
    fill_event(event, EVENT_TEXT["sr-latn"], venue, partners)
    homes["sr-latn"].add_child(instance=event)
    event.save_revision().publish()

    translated = event.copy_for_translation(english)
    fill_event(translated, EVENT_TEXT["en"], english_venue, english_partners)
    translated.save_revision().publish()

    return {
        code: EventPage.objects.get(translation_key=event.translation_key, locale=locales[code])
        for code in LANGUAGES
    }


class DemoSite:
    def __init__(self, homes, events):
        self.homes = homes  # {language code: home page}
        self.events = events  # [{language code: event page}, ...]

    def home_url(self, code):
        return self.homes[code].url

    def event_urls(self, code):
        return [event[code].url for event in self.events]


@pytest.fixture
def demo_site(request, locales):
    """The demo content `make run` shows (``load_demo``); the fixture's own event if the demo
    has no event live in all three languages."""
    call_command("load_demo", stdout=io.StringIO())
    homes = {code: HomePage.objects.get(locale=locales[code], depth=2) for code in LANGUAGES}
    events = []
    for source in EventPage.objects.live().filter(locale=locales["sr-latn"]).order_by("path"):
        versions = {code: source.get_translation_or_none(locales[code]) for code in LANGUAGES}
        if all(version is not None and version.live for version in versions.values()):
            events.append(versions)
    if not events:
        events = [request.getfixturevalue("event_pages")]
    return DemoSite(homes, events)
