"""The public search: what an event is found by, and finding it, through Wagtail's search.

Each event indexes ``public_search_text``: its title, summary, objective, type, agenda item
titles, speakers with their organisations, partners, and venue with its city, all folded to
lowercase Latin without diacritics (``languages.search_text``). A query is folded the same way,
so "Ниш", "Niš" and "Nis" all look for ``nis``, and "Ribac" finds "Ribać".

The words are looked up with the backend's autocomplete (prefix) search, which Wagtail's
database backend runs on PostgreSQL's full-text search (the ``simple`` configuration, no
stemming, right for Serbian) and on SQLite's FTS5. Serbian declines its nouns, so a word of
four or more letters matches the start of a word ("Beograd" finds "u Beogradu"); a shorter
one matches whole words only, so "Nis" does not find every "nisu" ("are not").

The search runs as a subquery of the listing's own queries (see ``listing.event_listing``), so
a search costs the same fixed number of queries as a page of the listing, however many events
match.

An event shows its partners and venue, so saving or deleting one re-indexes the events that
use it (``connect``), once the change is committed.
"""

import html

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object
from wagtail.search.query import And, Phrase, PlainText

from ..content.blocks import chosen_partner_ids
from ..languages.search_text import folded_search_text
from .queries import event_model

# Words this long or longer match the start of a word; shorter ones only whole words.
PREFIX_MIN_LENGTH = 4

# Backends that cannot give their results as a subquery (Elasticsearch) give at most this many.
MAX_RESULTS_FROM_OTHER_BACKENDS = 1000


# --- What an event is found by -----------------------------------------------------------------


def _partner_texts(partner):
    return (partner.name, partner.acronym) if partner is not None else ()


def _agenda_texts(agenda):
    for item in agenda.get("items", []):
        yield item.get("title")
        yield item.get("group_speakers")
        for speaker in item.get("speakers", []):
            yield speaker.get("name")
            yield speaker.get("organisation_text")
            yield from _partner_texts(speaker.get("organisation"))


def body_texts(blocks):
    """Agenda item titles, speakers and their organisations, and partners in ``blocks``."""
    for block in blocks:
        if block.block_type == "agenda":
            yield from _agenda_texts(block.value)
        elif block.block_type == "partners":
            for entry in block.value.get("partners", []):
                yield from _partner_texts(entry.get("partner"))


def _type_label(event):
    # In the event's own language, so "radionica" and "радионица" find a workshop.
    with translation.override(event.locale.language_code):
        return str(event.get_event_type_display())


def event_search_text(event):
    """The folded text the public search matches ``event`` by."""
    texts = [
        event.title,
        event.intro,
        html.unescape(strip_tags(event.objective or "")),
        _type_label(event),
    ]
    if event.venue is not None:
        texts += [event.venue.name, event.venue.city]
    texts += body_texts(event.load_body())
    return folded_search_text(*texts)


# --- Finding events ----------------------------------------------------------------------------


def search_query(words):
    """Wagtail's query for ``words``: all of them, long ones as prefixes (see the module)."""
    parts = [PlainText(word) if len(word) >= PREFIX_MIN_LENGTH else Phrase(word) for word in words]
    return parts[0] if len(parts) == 1 else And(parts)


def matching_events(words):
    """The events whose search text holds every word, as a subquery of primary keys."""
    results = get_search_backend().autocomplete(
        search_query(words), event_model().objects.all(), order_by_relevance=False
    )
    if connection.vendor == "sqlite" and hasattr(results, "query_compiler"):
        return _sqlite_matches(results.query_compiler)
    # Wagtail's database backends build a queryset, used here as a subquery, so the matches are
    # never read into Python.
    as_queryset = getattr(results, "get_queryset", None)
    if as_queryset is not None:
        return as_queryset().values("pk")
    return [event.pk for event in results[:MAX_RESULTS_FROM_OTHER_BACKENDS]]


def _sqlite_matches(compiler):
    """The SQLite backend's match, read from the full-text index first.

    The backend joins its index entries to the full-text table and filters them by content
    type; without table statistics SQLite starts from the content type's index and runs the
    full-text match once per entry, a quarter of a second for 1,000 events a language and
    growing with their square. Comparing the content type through "+ 0" keeps that index out
    of the plan, so the matches are found once and their entries read by primary key.
    """
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    fts_entry = get_app_config().get_model("SQLiteFTSIndexEntry")
    match = MatchExpression(
        compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(compiler.query))
    )
    return (
        fts_entry.objects.filter(match)
        .annotate(entry_type=F("index_entry__content_type_id") + 0)
        .filter(entry_type__in=get_descendants_content_types_pks(event_model()))
        .values("index_entry__object_id")
    )


# --- Keeping the index in step with partners and venues ----------------------------------------


def _reindex(event_ids):
    for event in event_model().objects.filter(pk__in=event_ids):
        insert_or_update_object(event)


def _reindex_on_commit(event_ids):
    if event_ids:
        transaction.on_commit(lambda: _reindex(event_ids))


def events_using_partner(partner):
    """The events in the partner's language that choose it, in an agenda or among partners."""
    model = event_model()
    stream_block = model.body.field.stream_block
    events = model.objects.filter(locale_id=partner.locale_id).only("pk", "body")
    return [
        event.pk
        for event in events
        if partner.pk in chosen_partner_ids(stream_block, list(event.body.raw_data))
    ]


def partner_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_on_commit(events_using_partner(instance))


def venue_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        event_ids = list(event_model().objects.filter(venue_id=instance.pk).values_list("pk"))
        _reindex_on_commit([pk for (pk,) in event_ids])


def connect():
    """Re-index an event when a partner or venue it shows is saved or deleted."""
    for name, receiver in (("PartnerSnippet", partner_changed), ("Venue", venue_changed)):
        model = apps.get_model("panel_event", name)
        for signal in (post_save, post_delete):
            signal.connect(
                receiver,
                sender=model,
                dispatch_uid=f"panel_event_search_{model.__name__}_{signal is post_save}",
            )
