"""The page cache's generation number, kept in the database.

Every stored page is keyed by it, and every change that can show on a public page advances it
in the change's own transaction. Kept in the cache instead, an advance made while the cache
is unreachable would be lost, and a cache that comes back with its data (a restart with
persistence, a network outage) would serve pages stored before the change. Kept here, it
cannot be lost without the change itself. Why this and not a number held per process:
docs/architecture.md, "The page cache".
"""

import time

from django.db import IntegrityError, models, transaction
from django.db.models import F

# The one row that holds the number.
ROW_ID = 1


class PageCacheGeneration(models.Model):
    """The page cache's generation number: one row, read once per request that may be answered
    from the cache, and advanced by every change that can show on a public page."""

    value = models.BigIntegerField()

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return str(self.value)


def read_generation():
    """The current number: one read by primary key."""
    values = list(PageCacheGeneration.objects.filter(pk=ROW_ID).values_list("value", flat=True))
    return values[0] if values else _create_generation()


def advance_generation():
    """Advance the number, as part of the current transaction when there is one."""
    if not PageCacheGeneration.objects.filter(pk=ROW_ID).update(value=F("value") + 1):
        _create_generation()


def _create_generation():
    # Started from the clock, so a row that was lost (a flushed table, say) never brings back
    # a number that pages were stored under before.
    try:
        with transaction.atomic():
            return PageCacheGeneration.objects.create(pk=ROW_ID, value=time.time_ns()).value
    except IntegrityError:
        # Another request created it meanwhile.
        return PageCacheGeneration.objects.values_list("value", flat=True).get(pk=ROW_ID)
