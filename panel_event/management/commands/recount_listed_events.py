"""Count every listing's events again (``panel_event.outputs.listed_counts``)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from panel_event.outputs.listed_counts import ListedEventCount, recount_all


class Command(BaseCommand):
    help = (
        "Count again the events under every page, for the listings' filter counts. The counts "
        "follow every save, move and deletion made through Django; run this after events were "
        "written another way (SQL, a restore of part of the database) or published by servers "
        "still on a release without the counts."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            recount_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"{ListedEventCount.objects.count()} counts of events kept for the listings."
            )
        )
