"""Fixtures shared by the plugin's tests (``tests/plugin``, test-app settings) and the site's
(``tests/site``, ``cms_site.settings.test``).

Both sites' migrations create the three content locales and a home page as the default site's
root; the fixtures find that page by position, so they serve either site's home page type.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from panel_event.editing.roles import ensure_role_groups

LANGUAGES = ("sr-latn", "sr-cyrl", "en")
HOME_TITLES = {"sr-latn": "Događaji", "sr-cyrl": "Догађаји", "en": "Events"}


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    uses_transactions = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    fixtures = getattr(item, "fixturenames", ())
    return bool(uses_transactions) or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Test files with a transactional test run after every other file.

    A transactional test (a browser test against the live server) empties the database when it
    ends, taking the locales, home pages and default Site the migrations made with it; tests
    that come after it in the same process and read those fail. pytest-django orders tests
    this way one by one, but the suite runs in worker processes that each take whole files
    (``--dist loadfile``, in collection order with ``--no-loadscope-reorder``, see Makefile), in
    the order of each file's first test: a file that mixes both kinds would start early and
    empty the database for the files after it.
    """
    transactional_files = {item.nodeid.split("::")[0] for item in items if _is_transactional(item)}
    items.sort(key=lambda item: item.nodeid.split("::")[0] in transactional_files)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: the database is rolled back after a test, the
    local-memory cache is not, and a stored page must never outlive the page it shows."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def isolated_media(settings, tmp_path):
    """Uploads go to a folder of the test's own; each language version is written by the test,
    so automatic transliteration (tested on its own) is off."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = False


class CommittingClient(Client):
    """A client whose requests run the work deferred to the commit of their transaction, as a
    real request's commit does (wagtail-localize publishes a generated translation then).
    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks``."""

    def __init__(self, capture, **kwargs):
        super().__init__(**kwargs)
        self.capture = capture

    def request(self, **request):
        with self.capture(execute=True):
            return super().request(**request)


def latin_home_page():
    """The site's root page in Serbian Latin, as its own page type."""
    return Page.objects.get(locale__language_code="sr-latn", depth=2).specific


def publish_home_pages():
    """{language code: home page}, each published with its language's title."""
    source = latin_home_page()
    pages = {}
    for language_code, title in HOME_TITLES.items():
        locale = Locale.objects.get(language_code=language_code)
        page = source.get_translation_or_none(locale)
        if page is None:
            page = source.copy_for_translation(locale)
        page.title = title
        page.save_revision().publish()
        page.refresh_from_db()
        pages[language_code] = page
    return pages


@pytest.fixture
def home_pages(db):
    """The home page in each content language, keyed by language code, all published."""
    return publish_home_pages()


@pytest.fixture
def home(db):
    """The Serbian Latin home page, as the migrations leave it."""
    return latin_home_page()


@pytest.fixture
def latin(db):
    return Locale.objects.get(language_code="sr-latn")


def prefer_english_admin(user):
    """The admin speaks the site's default language (Serbian) unless the user picks another;
    an English-speaking editor keeps assertions on admin messages readable."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def user_in_role(username, role, language="en", password="pw", **fields):
    """A user in one of the plugin's role groups (``panel_event.editing.roles``), whose admin
    speaks ``language`` (None leaves the site's default)."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", password, **fields
    )
    user.groups.add(ensure_role_groups()[role])
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def client_in_role(username, role, language="en"):
    """A test client logged in as a new user in ``role`` (see ``user_in_role``)."""
    client = Client()
    client.force_login(user_in_role(username, role, language))
    return client


@pytest.fixture
def admin_user(db):
    return prefer_english_admin(
        get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
