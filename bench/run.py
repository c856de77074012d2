"""Benchmark of the public pages: queries, server time, response size and throughput.

    .venv/bin/python bench/run.py                      # 10, 1,000 and 10,000 events
    .venv/bin/python bench/run.py --sizes 10,1000      # shorter
    .venv/bin/python bench/run.py --no-throughput      # test-client timings only
    .venv/bin/python bench/run.py --postgres postgres://postgres@127.0.0.1:5432/postgres \
        --sizes 100000 --no-throughput                 # PostgreSQL, 100,000 events

For each size it builds a throwaway SQLite database (or, with --postgres URL, a throwaway
PostgreSQL database on that server) holding that many events in each of the three languages,
each with a realistic programme, and measures through Django's test client, with production
settings (bench/settings.py):

- every page in ``PAGES`` (the event page, the home page, page 50 of the listing, search and
  the API; add a ``(label, path)`` row to measure another), uncached (the page cache invalidated before every
  request) and cached: number of queries, median and p95 wall time, median CPU time of the
  process, response size.

Then, for the largest size, it starts gunicorn with 2 sync workers on 127.0.0.1 and measures
throughput with wrk (8 connections, 10 s per URL) for the cached and uncached pages and for a
static file served by the same gunicorn through the same middleware (django.views.static.serve,
/bench-static/css/site.css): the physical limit of this stack on this machine. Without wrk,
it installs Debian's package when run as root, or falls back to a small Python client.

Everything listens on loopback only and stops when the run ends.
"""

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EVENT_SLUG = "panel-diskusija-0"
LANGUAGES = ("sr-latn", "sr-cyrl", "en")

# What is measured, as (label, path): each in-process, uncached and cached, and under gunicorn
# for the largest size. Add a row to measure another page; a path that answers anything but a
# 200 stops the run.
PAGES = [
    ("event", f"/sr-latn/{EVENT_SLUG}/"),
    ("home", "/sr-latn/"),
    # With 12 events a page, page 50 needs 600 events; with fewer, the last page is shown.
    ("listing page 50", "/sr-latn/?page=50"),
    # Every event is in Niš, so "nis" matches them all: the most a search can have to order.
    ("search, every event matches", "/sr-latn/search/?q=nis"),
    # The same in Cyrillic ("ниш"), percent-encoded for the load generators.
    ("search in Cyrillic", "/sr-cyrl/search/?q=%D0%BD%D0%B8%D1%88"),
    # One event's number: a selective search (no match at sizes below 4,243).
    ("search, one match", "/sr-latn/search/?q=4242"),
    ("API list", "/api/v2/events/?locale=sr-latn"),
    ("API list, every field", "/api/v2/events/?locale=sr-latn&fields=*"),
    ("API upcoming", "/api/v2/events/?locale=en&when=upcoming"),
]


# The worker: one size, in its own process (Django is set up once per process) ---------------


def build_site(size):
    """Home pages, partners, a venue and ``size`` events in each language. Returns seconds."""
    import datetime
    import zoneinfo

    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from django.utils import timezone
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from home.demo.images import draw_hero, draw_logo
    from home.models import HomePage
    from panel_event.content.blocks import EventBodyBlock
    from panel_event.models import EventPage, PartnerSnippet, Venue
    from panel_event.outputs.listed_counts import recount_all
    from tests.builders import (
        agenda,
        agenda_item,
        key_figures,
        materials,
        partners_block,
        speaker,
    )

    started = time.perf_counter()
    belgrade = zoneinfo.ZoneInfo("Europe/Belgrade")
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
    latin_home = HomePage.objects.get(locale=locales["sr-latn"], depth=2)
    homes = {"sr-latn": latin_home}
    for code in ("sr-cyrl", "en"):
        home = latin_home.copy_for_translation(locales[code])
        home.save_revision().publish()
        homes[code] = HomePage.objects.get(pk=home.pk)
    latin_home.save_revision().publish()

    image_model = get_image_model()
    hero = image_model.objects.create(
        title="Hero", file=ImageFile(draw_hero(["#0b4f8a", "#e8eef5"], ["#f2a541"]), "hero.jpg")
    )
    colours = ["#0b4f8a", "#b23a48", "#2a7f62", "#6a4c93", "#c05805", "#33658a"]
    partners = [
        PartnerSnippet.objects.create(
            name=f"Partnerska organizacija {number}",
            acronym=f"PO{number}",
            website=f"https://po{number}.example.org/",
            logo=image_model.objects.create(
                title=f"Logo {number}",
                file=ImageFile(draw_logo(f"PO{number}", colours[number]), f"po{number}.png"),
            ),
            locale=locales["sr-latn"],
        )
        for number in range(6)
    ]
    venue = Venue.objects.create(
        name="Media i reform centar",
        street_address="Generala Milojka Lešjanina 2",
        postal_code="18000",
        city="Niš",
        locale=locales["sr-latn"],
    )
    document = get_document_model().objects.create(
        title="Program", file=ContentFile(b"%PDF-1.4 programme", name="program.pdf")
    )

    def speakers(number):
        return [
            speaker(
                f"Govornica {seat}",
                "koordinatorka projekta",
                partners[(number + offset) % 6],
            )
            for offset, seat in enumerate((number, number + 10))
        ]

    items = [
        agenda_item(
            f"{10 + number // 2:02d}:{30 * (number % 2):02d}:00",
            f"{10 + (number + 1) // 2:02d}:{30 * ((number + 1) % 2):02d}:00",
            f"Tačka programa {number + 1}: iskustva i dobre prakse",
            kind="refreshments" if number == 4 else "session",
            description="<p>Razgovor o uslugama u lokalnim zajednicama.</p>",
            speakers=[] if number == 4 else speakers(number),
        )
        for number in range(8)
    ]
    body = [
        key_figures(
            [
                ("10", "dodatnih stručnih radnika"),
                ("11", "podržanih organizacija"),
                ("70%", "migranata obuhvaćeno programima"),
            ],
            title="Projekat u brojkama",
        ),
        agenda(items),
        partners_block(zip(partners, ["organiser", "funder", "cooperation"] * 2, strict=True)),
        materials([document]),
    ]
    stream_block = EventBodyBlock()
    stored_body = stream_block.get_prep_value(stream_block.to_python(body))

    today = timezone.localdate()

    def times(number):
        # Half of the events are past, half upcoming, one a day.
        day = today + datetime.timedelta(days=number - size // 2)
        start = datetime.datetime.combine(day, datetime.time(11), belgrade)
        return start, start + datetime.timedelta(hours=2)

    # The first event the way an editor makes one: saved, published, translated.
    start, end = times(0)
    first = latin_home.add_child(
        instance=EventPage(
            title="Panel diskusija 0: podrška i zaštita migranata",
            slug=EVENT_SLUG,
            intro="Panel diskusija o podršci i zaštiti migranata u lokalnim zajednicama.",
            starts_at=start,
            ends_at=end,
            venue=venue,
            hero_image=hero,
            hero_alt_text="Grupa ljudi na putu kroz polje",
            registration_email="prijave@example.org",
            objective="<p>Cilj je jačanje socijalne zaštite migranata.</p>",
            body=stream_block.to_python(stored_body),
        )
    )
    first.save_revision().publish()
    for code in ("sr-cyrl", "en"):
        translated = first.copy_for_translation(locales[code])
        translated.save_revision().publish()

    # The other events: rows written in bulk, as publishing would leave them.
    bulk_events = write_events_in_bulk(
        homes, locales, size, times, venue, hero, stream_block, stored_body
    )
    # Rows written in bulk bypass the receivers that keep the listings' counts.
    recount_all()
    print(
        f"  {size:,} events: pages built in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    # Rows written in bulk bypass the search index; write the rows the backend would write
    # (index_events), unless nothing measured reads it.
    if any(uses_search_index(path) for _, path in measured_pages()):
        index_started = time.perf_counter()
        index_events(bulk_events)
        print(
            f"  {size:,} events: search index built in {time.perf_counter() - index_started:.0f} s",
            file=sys.stderr,
        )
    return time.perf_counter() - started


def bulk_event_title(number):
    return f"Panel diskusija {number}: podrška i zaštita migranata"


def uses_search_index(path):
    return "/search/" in path


def measured_pages():
    """``PAGES``, or those whose labels ``--pages`` named (BENCH_PAGES, comma-separated)."""
    chosen = os.environ.get("BENCH_PAGES")
    if not chosen:
        return PAGES
    # Labels hold commas themselves ("search, one match"), so the list is read label by label,
    # the longest that fits first ("API list, every field" before "API list").
    known = sorted((label for label, _ in PAGES), key=len, reverse=True)
    labels, rest = set(), chosen.strip()
    while rest:
        label = next(
            (label for label in known if rest == label or rest.startswith(label + ",")), None
        )
        if label is None:
            sys.exit(f"Unknown pages: {rest}")
        labels.add(label)
        rest = rest[len(label) :].lstrip(",").strip()
    return [(label, path) for label, path in PAGES if label in labels]


# Stands for an event's number in the index texts made once for all the events of a language:
# digits, like the numbers, so that transliteration and folding leave it as they leave them.
NUMBER_PLACEHOLDER = "9081726354"


def index_events(bulk_events, chunk=1000):
    """Index every event, leaving exactly the rows ``backend.add_bulk`` would leave.

    The backend takes about 16 ms an event (its indexer reads every field three times, and the
    public search text folds the whole programme each time): over an hour at 100,000 events per
    language. The events written in bulk (``bulk_events``: primary key, language, number) differ
    in what the index reads only by the number in their title. So Wagtail's indexer makes the
    texts once per language, for a title with ``NUMBER_PLACEHOLDER``, and each event's row
    takes its own number in the placeholder's place; the database computes the full-text
    vectors from those texts as it does for the backend. Where the event's number occurs in the
    texts anyway, the indexer drops repeated words, so replacing would be wrong: such events,
    and the events not written in bulk, go to the backend itself. Two events of each language
    are checked against the indexer. Chunks, their order and the refresh of the title norms
    after each follow ``index_events_with_backend``, so the norms come out the same.
    """
    from django.db import connection
    from wagtail.search.backends import get_search_backends
    from wagtail.search.models import IndexEntry

    from panel_event.models import EventPage

    ids = list(EventPage.objects.order_by("pk").values_list("pk", flat=True))
    backends = list(get_search_backends())
    # Rows are written here only as Wagtail's database backend writes them; any other backend
    # (Elasticsearch) indexes each event itself.
    if connection.vendor not in ("postgresql", "sqlite") or any(
        type(backend.get_index_for_model(EventPage)).__name__
        not in ("PostgresIndex", "SQLiteIndex")
        for backend in backends
    ):
        index_events_with_backend(ids, chunk)
        return
    number_of = {pk: (code, number) for pk, code, number in bulk_events}
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    if connection.vendor == "postgresql":
        # After each chunk the backend updates the title norms of the rows whose norm is still
        # 1.0, finding them by reading the whole table; this index finds them at once.
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX bench_unnormed_index_entries ON {table} (id) WHERE title_norm = 1.0"
            )
    for backend in backends:
        index = backend.get_index_for_model(EventPage)
        rows = IndexRows(backend, bulk_events)
        for first in range(0, len(ids), chunk):
            by_backend = []
            for pk in ids[first : first + chunk]:
                if pk in number_of and rows.exact_for(*number_of[pk]):
                    rows.add(pk, *number_of[pk])
                else:
                    by_backend.append(pk)
            rows.write()
            if by_backend:
                # add_items refreshes the title norms, for these rows and the ones written above.
                events = EventPage.objects.filter(pk__in=by_backend).order_by("pk")
                index.add_items(EventPage, list(events.select_related("venue", "locale")))
            else:
                index._refresh_title_norms()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX bench_unnormed_index_entries")
            # As after writing the pages: the planner must know the index's real size at once.
            cursor.execute("ANALYZE")


def index_events_with_backend(ids, chunk=1000):
    from wagtail.search.backends import get_search_backends

    from panel_event.models import EventPage

    for backend in get_search_backends():
        for first in range(0, len(ids), chunk):
            events = EventPage.objects.filter(pk__in=ids[first : first + chunk]).order_by("pk")
            backend.add_bulk(EventPage, list(events.select_related("venue", "locale")))


class IndexRows:
    """The index rows of the events written in bulk, collected and written a chunk at a time,
    as Wagtail's database backend writes them on PostgreSQL (``PostgresIndex.add_items``) or
    SQLite (``SQLiteIndex.add_items``).

    A row is a list of values, each an SQL expression and its parameters, in the order of
    ``COLUMNS``: on PostgreSQL the full-text vectors are expressions the database computes.
    """

    COLUMNS = ("content_type_id", "object_id", "title", "autocomplete", "body")
    POSTGRES_COLUMNS = COLUMNS + ("title_norm", "title_text", "body_text")

    def __init__(self, backend, bulk_events):
        from django.db import connection
        from wagtail.search.utils import get_content_type_pk

        from panel_event.models import EventPage

        self.backend = backend
        self.postgres = connection.vendor == "postgresql"
        self.content_type_pk = get_content_type_pk(EventPage)
        first_of_language, last_of_language = {}, {}
        for pk, code, number in bulk_events:
            first_of_language.setdefault(code, pk)
            last_of_language[code] = (pk, number)
        events = EventPage.objects.select_related("venue", "locale").in_bulk(
            first_of_language.values()
        )
        # Per language: the row of an event with the placeholder for its number.
        self.templates = {}
        # Per language: the same, with each vector that is the same for every event (the body)
        # computed once, which halves the database's work.
        self.shared_templates = {}
        # Per language: the texts without the placeholder, where a number might occur anyway.
        self.other_text = {}
        for code, pk in first_of_language.items():
            event = events[pk]
            event.title = bulk_event_title(NUMBER_PLACEHOLDER)
            row = self.row_of(event)
            texts = [param for _, params in row[2:] for param in params if isinstance(param, str)]
            if not any(NUMBER_PLACEHOLDER in text for text in texts):
                sys.exit(f"The index texts of an event in {code} do not hold its title.")
            self.templates[code] = row
            self.shared_templates[code] = [self.computed_once(value) for value in row]
            self.other_text[code] = " ".join(texts).replace(NUMBER_PLACEHOLDER, " ")
        self.pending = {}
        self.check(bulk_events, last_of_language)

    def row_of(self, event):
        """The row Wagtail's indexer makes of ``event``."""
        from django.db import connection

        if not self.postgres:
            from wagtail.search.backends.database.sqlite.sqlite import ObjectIndexer

            indexer = ObjectIndexer(event, self.backend)
            values = [indexer.title, indexer.autocomplete, indexer.body]
            return [("%s", [value]) for value in [self.content_type_pk, indexer.id, *values]]

        from django.db.models.sql.subqueries import InsertQuery
        from wagtail.search.backends.database.postgres.postgres import IndexEntry, ObjectIndexer

        indexer = ObjectIndexer(event, self.backend)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=connection)
        row = [("%s", [self.content_type_pk]), ("%s", [indexer.id])]
        for name in ("title", "autocomplete", "body"):
            value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
            sql, params = value.as_sql(compiler, connection)
            row.append((sql, list(params)))
        return row + [("1.0", []), ("%s", [indexer.title_text]), ("%s", [indexer.body_text])]

    def computed_once(self, value):
        from django.db import connection

        sql, params = value
        if not self.postgres or "tsvector" not in sql.lower() or self.holds_number(params):
            return value
        # A vector's text form reads back as the same vector: lexemes, positions, weights.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT ({sql})::text", params)
            return ("%s::tsvector", [cursor.fetchone()[0]])

    @staticmethod
    def holds_number(params):
        return any(isinstance(param, str) and NUMBER_PLACEHOLDER in param for param in params)

    def exact_for(self, code, number):
        return str(number) not in self.other_text[code]

    def row_for(self, pk, code, number, templates=None):
        row = (templates or self.shared_templates)[code]
        return [("%s", [row[0][1][0]]), ("%s", [str(pk)])] + [
            (
                sql,
                [
                    param.replace(NUMBER_PLACEHOLDER, str(number))
                    if isinstance(param, str)
                    else param
                    for param in params
                ],
            )
            for sql, params in row[2:]
        ]

    def check(self, bulk_events, last_of_language):
        """Stop unless the rows made here for a middle and the last event of each language
        are the indexer's own."""
        from panel_event.models import EventPage

        by_language = {}
        for pk, code, number in bulk_events:
            by_language.setdefault(code, []).append((pk, number))
        samples = []
        for code, events in by_language.items():
            for pk, number in (events[len(events) // 2], last_of_language[code]):
                if self.exact_for(code, number):
                    samples.append((pk, code, number))
        events = EventPage.objects.select_related("venue", "locale").in_bulk(
            [pk for pk, _, _ in samples]
        )
        for pk, code, number in samples:
            if self.row_for(pk, code, number, self.templates) != self.row_of(events[pk]):
                sys.exit(
                    f"Event {pk} ({code}) would not be indexed as Wagtail indexes it: "
                    "something other than its number makes its index texts differ."
                )

    def add(self, pk, code, number):
        row = self.row_for(pk, code, number)
        values_sql = "({})".format(", ".join(sql for sql, _ in row))
        self.pending.setdefault(values_sql, []).append(
            [param for _, params in row for param in params]
        )

    def write(self):
        from django.db import connection
        from wagtail.search.models import IndexEntry

        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        with connection.cursor() as cursor:
            for values_sql, rows in self.pending.items():
                if self.postgres:
                    # PostgresIndex.add_items's statement, one row at a time.
                    cursor.executemany(
                        f"INSERT INTO {table} ({', '.join(self.POSTGRES_COLUMNS)}) "
                        f"VALUES {values_sql} "
                        "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                        "title = EXCLUDED.title, title_norm = 1.0, "
                        "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                        "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                        rows,
                    )
                else:
                    # The events written in bulk have no entries yet: SQLiteIndex.add_items
                    # creates theirs (and its trigger their full-text rows).
                    IndexEntry.objects.bulk_create(
                        IndexEntry(**dict(zip(self.COLUMNS, row, strict=True))) for row in rows
                    )
        self.pending = {}


def write_events_in_bulk(homes, locales, size, times, venue, hero, stream_block, stored_body):
    """Events 1 to size - 1 under each home page, as rows: page and event rows are written with
    ``executemany`` from values prepared once (the body, the common columns), with the ids and
    treebeard paths computed here. 100,000 events per language take minutes this way, where
    saving model instances would take hours. Returns (primary key, language, number) of each."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone
    from wagtail.models import Page

    from panel_event.models import EventPage

    content_type = ContentType.objects.get_for_model(EventPage)
    now = timezone.now()
    keys = [uuid.uuid4() for _ in range(size)]
    page_columns = list(Page._meta.local_concrete_fields)
    event_columns = list(EventPage._meta.local_concrete_fields)
    template_page = Page(
        numchild=0,
        content_type=content_type,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        show_in_menus=False,
    )
    template_event = EventPage(
        intro="Panel diskusija o podršci migrantima.",
        venue=venue,
        hero_image=hero,
        hero_alt_text="Grupa ljudi",
        # Serialised once: every event has the same programme.
        body=stream_block.to_python(stored_body),
    )

    def prepared(instance, columns):
        return {
            field.attname: field.get_db_prep_save(field.pre_save(instance, True), connection)
            if not field.primary_key
            else None
            for field in columns
        }

    key_field = Page._meta.get_field("translation_key")
    starts_field = EventPage._meta.get_field("starts_at")
    ends_field = EventPage._meta.get_field("ends_at")
    page_values = prepared(template_page, page_columns)
    event_values = prepared(template_event, event_columns)
    next_id = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    bulk_events = []
    with transaction.atomic():
        for code, home in homes.items():
            home.refresh_from_db()
            step = home.numchild
            page_rows, event_rows = [], []
            for number in range(1, size):
                step += 1
                start, end = times(number)
                slug = f"panel-diskusija-{number}"
                title = bulk_event_title(number)
                page_rows.append(
                    {
                        **page_values,
                        "id": next_id,
                        "path": Page._get_path(home.path, home.depth + 1, step),
                        "depth": home.depth + 1,
                        "title": title,
                        "draft_title": title,
                        "slug": slug,
                        "url_path": f"{home.url_path}{slug}/",
                        "locale_id": locales[code].pk,
                        "translation_key": key_field.get_db_prep_save(keys[number], connection),
                    }
                )
                event_rows.append(
                    {
                        **event_values,
                        "page_ptr_id": next_id,
                        "starts_at": starts_field.get_db_prep_save(start, connection),
                        "ends_at": ends_field.get_db_prep_save(end, connection),
                    }
                )
                bulk_events.append((next_id, code, number))
                next_id += 1
            insert_rows(Page, page_columns, page_rows)
            insert_rows(EventPage, event_columns, event_rows)
            Page.objects.filter(pk=home.pk).update(numchild=step)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(statement)
    if connection.vendor == "postgresql":
        # Autovacuum analyses tables this changed within a minute or so; until then the planner
        # takes 300,000 pages for a few and chooses plans no running site would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return bulk_events


def insert_rows(model, columns, rows, batch=5000):
    from django.db import connection

    quote = connection.ops.quote_name
    insert = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for first in range(0, len(rows), batch):
            cursor.executemany(
                insert,
                [[row[field.attname] for field in columns] for row in rows[first : first + batch]],
            )


def measure(client, url, repeat, cached):
    from django.db import connection

    from panel_event.caching import page_cache

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    response = client.get(url)  # makes renditions; warms in-process caches
    assert response.status_code == 200, (url, response.status_code)
    if not cached:
        page_cache.invalidate()
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    timings, cpu_timings = [], []
    for _ in range(repeat):
        if not cached:
            page_cache.invalidate()
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = client.get(url)
        cpu_timings.append((time.thread_time() - cpu_started) * 1000)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "queries": len(executed),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        # The process's own CPU time: with SQLite all of the request's work, and less disturbed
        # than wall time by other processes on a busy machine (PostgreSQL's share is not in it).
        "cpu_median_ms": statistics.median(cpu_timings),
        "bytes": len(response.content),
    }


def worker(size, repeat):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    if not os.environ.get("BENCH_MIGRATED"):
        call_command("migrate", verbosity=0, interactive=False)
    setup_seconds = build_site(size)
    client = Client()
    results = {
        f"{label} {'cached' if cached else 'uncached'}": measure(client, url, repeat, cached)
        for label, url in measured_pages()
        for cached in (False, True)
    }
    print(json.dumps({"size": size, "setup_s": setup_seconds, "results": results}))


# The orchestrator ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_for(size, workdir, template, postgres):
    """A fresh database for ``size`` events; returns (URL, already migrated)."""
    if postgres:
        import psycopg

        name = f"panel_event_bench_{size}"
        with psycopg.connect(postgres.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return postgres.rsplit("/", 1)[0] + f"/{name}", False
    path = workdir / f"bench-{size}.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}", True


def environment(database_url, media_root, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(PROJECT_DIR),
        "BENCH_DATABASE_URL": database_url,
        "BENCH_MEDIA_ROOT": str(media_root),
        **extra,
    }


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing; installing Debian's package (running as root) ...", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            check=False,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    return shutil.which("wrk")


def python_load(url, seconds, connections):
    """Requests per second and latency percentiles with keep-alive HTTP/1.1 connections."""
    host, _, rest = url.removeprefix("http://").partition("/")
    hostname, port = host.split(":")
    deadline = time.perf_counter() + seconds
    latencies = []
    lock = threading.Lock()

    def run():
        connection = HTTPConnection(hostname, int(port), timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("GET", "/" + rest)
            connection.getresponse().read()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
    }


def wrk_load(wrk, url, seconds, connections):
    output = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {}
    for line in output.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(parts[1])
        elif parts[:1] in (["50%"], ["99%"]):
            value = parts[1]
            factor = {"us": 0.001, "ms": 1, "s": 1000}
            unit = next(unit for unit in ("us", "ms", "s") if value.endswith(unit))
            result[f"p{parts[0][:-1]}_ms"] = float(value[: -len(unit)]) * factor[unit]
        elif "Non-2xx" in line:
            raise RuntimeError(f"{url}: {line.strip()}")
    return result


def start_gunicorn(env, port, cwd=PROJECT_DIR):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "cms_site.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def throughput(database_url, media_root, seconds, connections):
    wrk = ensure_wrk()
    load = (
        (lambda url: wrk_load(wrk, url, seconds, connections))
        if wrk
        else (lambda url: python_load(url, seconds, connections))
    )
    tool = "wrk" if wrk else "Python client (wrk not available)"
    urls = {"static file /bench-static/css/site.css": "/bench-static/css/site.css"}
    urls.update({f"{label} page": path for label, path in measured_pages()})
    rows = []
    for cached in (True, False):
        port = free_port()
        env = environment(
            database_url, media_root, BENCH_PAGE_CACHE_TIMEOUT="600" if cached else "0"
        )
        process = start_gunicorn(env, port)
        try:
            for name, path in urls.items():
                if name.startswith("static") and not cached:
                    continue
                url = f"http://127.0.0.1:{port}{path}"
                for _ in range(20):  # renditions, caches, both workers warm
                    conn = HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", path)
                    status = conn.getresponse().status
                    assert status == 200, (url, status)
                label = (
                    name
                    if name.startswith("static")
                    else f"{name} ({'cached' if cached else 'uncached'})"
                )
                rows.append((label, load(url)))
        finally:
            process.terminate()
            process.wait(timeout=30)
    return tool, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,1000,10000", help="numbers of events per language")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per measurement")
    parser.add_argument("--duration", type=int, default=10, help="seconds per throughput run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--postgres", help="postgres://user@host:port/any: use PostgreSQL")
    parser.add_argument(
        "--pages", help="labels from PAGES to measure, comma-separated (default: all)"
    )
    parser.add_argument(
        "--keep",
        help="a directory to build the SQLite databases and media in and leave them, for "
        "bench/compare.py (default: a temporary one, removed)",
    )
    parser.add_argument("--worker-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pages:
        os.environ["BENCH_PAGES"] = args.pages
        measured_pages()  # unknown labels stop the run here
    if args.worker_size is not None:
        worker(args.worker_size, args.repeat)
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
    with (
        contextlib.nullcontext(args.keep)
        if args.keep
        else tempfile.TemporaryDirectory(prefix="panel-event-bench-")
    ) as tmp:
        workdir = Path(tmp)
        media_root = workdir / "media"
        template = workdir / "template.sqlite3"
        if not args.postgres:
            print("Migrating a template database ...", flush=True)
            subprocess.run(
                [PYTHON, "manage.py", "migrate", "--verbosity", "0"],
                cwd=PROJECT_DIR,
                env=environment(f"sqlite:///{template}", media_root),
                check=True,
            )
        reports = []
        database_url = None
        for size in sizes:
            print(f"Building {size} events in each of {len(LANGUAGES)} languages ...", flush=True)
            database_url, migrated = database_for(size, workdir, template, args.postgres)
            env = environment(database_url, media_root, BENCH_MIGRATED="1" if migrated else "")
            output = subprocess.run(
                [PYTHON, __file__, "--worker-size", str(size), "--repeat", str(args.repeat)],
                cwd=PROJECT_DIR,
                env=env,
                # The worker's report; its progress (build times) and errors go to stderr.
                stdout=subprocess.PIPE,
                text=True,
            )
            if output.returncode:
                sys.exit(f"The worker for {size} events failed (exit status {output.returncode}).")
            reports.append(json.loads(output.stdout.strip().splitlines()[-1]))

        print()
        print(
            "| events/language | setup s | page | queries | median ms | p95 ms "
            "| CPU median ms | bytes |"
        )
        print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for report in reports:
            for name, result in report["results"].items():
                print(
                    f"| {report['size']:,} | {report['setup_s']:.1f} | {name} "
                    f"| {result['queries']} | {result['median_ms']:.1f} | {result['p95_ms']:.1f} "
                    f"| {result['cpu_median_ms']:.1f} | {result['bytes']:,} |"
                )
        if len(reports) > 1 and "home uncached" in reports[0]["results"]:
            first, last = reports[0], reports[-1]
            ratio = (
                last["results"]["home uncached"]["median_ms"]
                / first["results"]["home uncached"]["median_ms"]
            )
            cpu_ratio = (
                last["results"]["home uncached"]["cpu_median_ms"]
                / first["results"]["home uncached"]["cpu_median_ms"]
            )
            print(
                f"\nHome page (uncached) at {last['size']:,} events: {ratio:.2f}× its time at "
                f"{first['size']:,} ({cpu_ratio:.2f}× its CPU time)."
            )

        if not args.no_throughput:
            print(
                f"\nThroughput at {sizes[-1]:,} events: gunicorn, 2 sync workers, "
                f"{args.connections} connections, {args.duration} s each ...",
                flush=True,
            )
            tool, rows = throughput(database_url, media_root, args.duration, args.connections)
            static_rps = rows[0][1]["rps"]
            print(f"\nMeasured with {tool}.\n")
            print("| URL | requests/s | % of static | p50 ms | p99 ms |")
            print("| --- | ---: | ---: | ---: | ---: |")
            for label, result in rows:
                print(
                    f"| {label} | {result['rps']:.0f} | {100 * result['rps'] / static_rps:.0f}% "
                    f"| {result['p50_ms']:.1f} | {result['p99_ms']:.1f} |"
                )
        if args.postgres:
            print("\n(The PostgreSQL databases panel_event_bench_<size> are left for inspection.)")
        if args.keep:
            print(f"\n(The databases and media are left in {args.keep}.)")


if __name__ == "__main__":
    main()
