"""The page cache's generation number, kept in the database.

Every stored page is keyed by it, and every change that can show on a public page advances it
in the change's own transaction. Kept in the cache instead, an advance made while the cache
is unreachable would be lost, and a cache that comes back with its data (a restart with
persistence, a network outage) would serve pages stored before the change. Kept here, it
cannot be lost without the change itself. Why this and not a number held per process:
docs/architecture.md, "The page cache".
"""

import time

from django.db import IntegrityError, connections, models, router, transaction
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
    """The current number: one read by primary key.

    Written in SQL because it runs for every page the cache answers: building the ORM's
    queryset cost nine times the query itself (120 against 14 microseconds on SQLite).
    """
    # Read where it is written: a replica that lags would hand out the number before a change.
    connection = connections[router.db_for_write(PageCacheGeneration)]
    table = connection.ops.quote_name(PageCacheGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [ROW_ID])
        row = cursor.fetchone()
    return row[0] if row is not None else _create_generation()


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
