import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import HomePage

HOME_TITLES = {"sr-latn": "Događaji", "sr-cyrl": "Догађаји", "en": "Events"}


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: the database is rolled back after a test, the
    local-memory cache is not, and a stored page must never outlive the page it shows."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home_pages(db):
    """The home page in each content language, keyed by language code, all published."""
    source = HomePage.objects.get(locale__language_code="sr-latn", depth=2)
    pages = {}
    for language_code, title in HOME_TITLES.items():
        page = source.get_translation_or_none(Locale.objects.get(language_code=language_code))
        if page is None:
            page = source.copy_for_translation(Locale.objects.get(language_code=language_code))
        page.title = title
        page.save_revision().publish()
        page.refresh_from_db()
        pages[language_code] = page
    return pages


def prefer_english_admin(user):
    """The admin speaks the site's default language (Serbian) unless the user picks another;
    an English-speaking editor keeps assertions on admin messages readable."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin_user(db):
    return prefer_english_admin(
        get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
