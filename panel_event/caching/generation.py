"""The page cache's generation number, kept in the database.

Every stored page is keyed by it, and every change that can show on a public page advances it
in the change's own transaction. Kept in the cache instead, an advance made while the cache
is unreachable would be lost, and a cache that comes back with its data (a restart with
persistence, a network outage) would serve pages stored before the change. Kept here, it
cannot be lost without the change itself. Why this and not a number held per process:
docs/architecture.md, "The page cache".

A second number in the same row, the sites' generation, advances only with the changes that
alter how a request finds its site and the site's root page (a Site, a Locale, a root page or
its translation published or unpublished, a page moved or deleted): each process keeps those
while it stays the same (``routing.site_for_request``), so that the first request after an
event's publish need not read them again.
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
    sites_value = models.BigIntegerField(db_default=0)

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return str(self.value)


def read_generation():
    """The current number: one read by primary key."""
    return read_generations()[0]


def read_generations():
    """(the page cache's generation, the sites' generation): one read by primary key.

    Written in SQL because it runs for every page the cache answers: building the ORM's
    queryset cost nine times the query itself (120 against 14 microseconds on SQLite).
    """
    # Read where it is written: a replica that lags would hand out the number before a change.
    connection = connections[router.db_for_write(PageCacheGeneration)]
    table = connection.ops.quote_name(PageCacheGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value, sites_value FROM {table} WHERE id = %s", [ROW_ID])
        row = cursor.fetchone()
    return tuple(row) if row is not None else _create_generation()


def advance_generation(sites=False):
    """Advance the number, and with ``sites`` the sites' generation too, as part of the current
    transaction when there is one."""
    advanced = {"value": F("value") + 1}
    if sites:
        advanced["sites_value"] = F("sites_value") + 1
    if not PageCacheGeneration.objects.filter(pk=ROW_ID).update(**advanced):
        _create_generation()


def _create_generation():
    # Started from the clock, so a row that was lost (a flushed table, say) never brings back
    # a number that pages were stored under before.
    started = time.time_ns()
    try:
        with transaction.atomic():
            PageCacheGeneration.objects.create(pk=ROW_ID, value=started, sites_value=started)
            return started, started
    except IntegrityError:
        # Another request created it meanwhile.
        return PageCacheGeneration.objects.values_list("value", "sites_value").get(pk=ROW_ID)
