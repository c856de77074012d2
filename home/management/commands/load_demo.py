from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from home.models import HomePage

HOME_TITLES = {"sr-latn": "Događaji", "sr-cyrl": "Догађаји", "en": "Events"}


class Command(BaseCommand):
    help = "Build the demo site. Safe to run again: existing content is updated, not duplicated."

    @transaction.atomic
    def handle(self, *args, **options):
        source_home = HomePage.objects.get(locale__language_code="sr-latn", depth=2)
        for language_code, title in HOME_TITLES.items():
            locale = Locale.objects.get(language_code=language_code)
            home = source_home.get_translation_or_none(locale)
            if home is None:
                home = source_home.copy_for_translation(locale)
            home.title = title
            home.save_revision().publish()
        self.stdout.write(self.style.SUCCESS("Demo home pages are ready in sr-latn, sr-cyrl, en."))
