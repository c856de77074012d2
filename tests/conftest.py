import pytest
from wagtail.models import Locale

from home.models import HomePage

HOME_TITLES = {"sr-latn": "Događaji", "sr-cyrl": "Догађаји", "en": "Events"}


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
