"""Every event, partner and venue against every language: what exists, what lags, what is
missing. The admin's "Translation overview" report shows it (``translation_overview_views``);
why each state is decided as it is: docs/architecture.md, "The translation overview".

Everything is read in a fixed number of queries, whatever the number of objects: the objects of
each model, the translation sources, and the translations with their segment counts.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

MISSING = "missing"
BEHIND = "behind"
CURRENT = "current"
SEPARATE = "separate"
STATE_LABELS = {
    MISSING: _("Missing"),
    BEHIND: _("Behind its source"),
    CURRENT: _("Up to date"),
    SEPARATE: _("Edited separately"),
}
# Not a state of its own: what an editor is after when looking for work.
NEEDS_WORK = "needs_work"
NEEDS_WORK_STATES = {MISSING, BEHIND}


@dataclass(frozen=True)
class OverviewModel:
    """A model the overview covers: how to read its rows and reach its admin views."""

    model_name: str
    title_field: str
    # When the original last changed for its readers. A page's source is read again by more
    # than its publication (the demo loader, "Sync translated pages"), which changes no text, so
    # a page is dated by its last publication; Wagtail sets it before the publish signals run,
    # so a copy synced by them is never behind it. Snippets (None) have no such field and are
    # dated by their translation source, read again on every save.
    changed_field: str | None = None

    @property
    def model(self):
        return apps.get_model("panel_event", self.model_name)

    @property
    def is_page(self):
        return self.model_name == "EventPage"

    def edit_url(self, pk):
        if self.is_page:
            return reverse("wagtailadmin_pages:edit", args=[pk])
        return reverse(self.model.snippet_viewset.get_url_name("edit"), args=[quote(pk)])

    def translate_url(self, source_pk, locale):
        """wagtail-localize's "Translate" form for the original, with ``locale`` ticked."""
        if self.is_page:
            url = reverse("wagtail_localize:submit_page_translation", args=[source_pk])
        else:
            meta = self.model._meta
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[meta.app_label, meta.model_name, quote(source_pk)],
            )
        return f"{url}?{urlencode({'select_locale': locale.language_code})}"


OVERVIEW_MODELS = (
    OverviewModel("EventPage", "title", "last_published_at"),
    OverviewModel("PartnerSnippet", "name"),
    OverviewModel("Venue", "name"),
)


@dataclass
class Cell:
    """One language version of one object."""

    locale: Locale
    state: str
    url: str
    behind_since: datetime | None = None
    segments: int = 0
    untranslated: int = 0
    machine: int = 0
    manual: int = 0

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def is_tracked(self):
        return self.state in (BEHIND, CURRENT)


@dataclass
class Row:
    """One object, in the language it was written in, and its other language versions."""

    kind: str
    kind_order: int
    title: str
    source_locale: Locale
    edit_url: str
    cells: dict = field(default_factory=dict)  # locale id: Cell, every locale but the source's
    # The cells of the columns shown, in column order (None under the source's own language).
    shown: list = field(default_factory=list)

    def has_state(self, locale_ids, states):
        return any(
            self.cells[locale_id].state in states
            for locale_id in locale_ids
            if locale_id in self.cells
        )


# --- Who sees what --------------------------------------------------------------------------------


def visible_models(user):
    """The covered models whose objects ``user`` may work on."""
    visible = []
    for spec in OVERVIEW_MODELS:
        if spec.is_page:
            allowed = PagePermissionPolicy().user_has_any_permission(
                user, ["add", "change", "publish"]
            )
        else:
            meta = spec.model._meta
            allowed = any(
                user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
                for action in ("view", "change")
            )
        if allowed:
            visible.append(spec)
    return visible


def visible_locales(user, locales):
    """The languages ``user`` works in: for a translator, only their own."""
    if user.is_superuser:
        return list(locales)
    # Imported here: translation_hooks registers admin hooks when it is imported.
    from .translation_hooks import editable_locale_ids

    editable = editable_locale_ids(user)
    return [locale for locale in locales if locale.pk in editable]


# --- Reading everything at once -------------------------------------------------------------------


def _count(segments):
    return Coalesce(
        Subquery(
            segments.order_by().values("source_id").annotate(count=Count("pk")).values("count")[:1]
        ),
        0,
    )


def _translated(**conditions):
    """Segments of the translation's source that have a translation into its language."""
    return StringSegment.objects.filter(source_id=OuterRef("source_id")).filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=OuterRef(OuterRef("target_locale_id")),
                **conditions,
            )
        )
    )


def translations_with_counts(content_type_ids):
    """Every Translation of these models' sources, with its segment counts and last sync."""
    return Translation.objects.filter(
        source__specific_content_type_id__in=content_type_ids
    ).annotate(
        segment_count=_count(StringSegment.objects.filter(source_id=OuterRef("source_id"))),
        # What wagtail-localize's Translation.get_progress() counts as translated.
        translated_count=_count(_translated(has_error=False)),
        machine_count=_count(
            _translated(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
        ),
        manual_count=_count(
            _translated(translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL)
        ),
        last_synced_at=Subquery(
            TranslationLog.objects.filter(
                source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
            )
            .order_by("-created_at")
            .values("created_at")[:1]
        ),
    )


def _instances(spec):
    """{translation key: {locale id: values}} for every object of the model, in every language."""
    by_key = {}
    fields = ["pk", "translation_key", "locale_id", spec.title_field]
    if spec.changed_field:
        fields.append(spec.changed_field)
    values = spec.model.objects.order_by("pk").values(*fields)
    for item in values:
        by_key.setdefault(item["translation_key"], {})[item["locale_id"]] = item
    return by_key


def overview_rows(models, locales):
    """One Row per object of ``models``, its cells in every one of ``locales`` but its source's."""
    if not models:
        return []
    locales_by_id = {locale.pk: locale for locale in locales}
    content_types = ContentType.objects.get_for_models(*[spec.model for spec in models])
    spec_by_content_type = {content_types[spec.model].pk: spec for spec in models}

    # An object has one source (translation_sources folds extra ones into it). Should there be
    # more, the oldest is the original's: a generated copy's source can only come after it.
    preferred = {}
    for source in TranslationSource.objects.filter(
        specific_content_type_id__in=spec_by_content_type
    ).order_by("-pk"):
        preferred[source.object_id] = source
    translations = {
        (translation.source_id, translation.target_locale_id): translation
        for translation in translations_with_counts(list(spec_by_content_type))
    }

    rows = []
    for spec in models:
        for key, instances in _instances(spec).items():
            source = preferred.get(key)
            if source is not None and source.locale_id not in instances:
                source = None  # The original was deleted; its copies stand alone.
            rows.append(_row(spec, instances, source, translations, locales_by_id))
    rows.sort(key=lambda row: (row.kind_order, row.title.casefold()))
    return rows


def _row(spec, instances, source, translations, locales_by_id):
    # Without a source, the first version written is the one the others were copied from.
    source_locale_id = source.locale_id if source is not None else next(iter(instances))
    original = instances[source_locale_id]
    row = Row(
        kind=spec.model._meta.verbose_name,
        kind_order=OVERVIEW_MODELS.index(spec),
        title=original[spec.title_field],
        source_locale=locales_by_id.get(source_locale_id),
        edit_url=spec.edit_url(original["pk"]),
    )
    for locale_id, locale in locales_by_id.items():
        if locale_id == source_locale_id:
            continue
        translation = translations.get((source.pk, locale_id)) if source is not None else None
        target = instances.get(locale_id)
        row.cells[locale_id] = _cell(spec, locale, original, target, source, translation)
    return row


def _cell(spec, locale, original, target, source, translation):
    if target is None:
        return Cell(locale=locale, state=MISSING, url=spec.translate_url(original["pk"], locale))
    url = spec.edit_url(target["pk"])
    if translation is None or not translation.enabled:
        return Cell(locale=locale, state=SEPARATE, url=url)
    cell = Cell(
        locale=locale,
        state=CURRENT,
        url=url,
        segments=translation.segment_count,
        untranslated=translation.segment_count - translation.translated_count,
        machine=translation.machine_count,
        manual=translation.manual_count,
    )
    changed_at = (
        original[spec.changed_field] if spec.changed_field else None
    ) or source.last_updated_at
    synced = translation.last_synced_at
    if cell.untranslated or synced is None or changed_at > synced:
        cell.state = BEHIND
        # The change it has not caught up with; the source may have changed before that too,
        # but only its latest change is recorded.
        cell.behind_since = max(translation.created_at, changed_at)
    return cell
