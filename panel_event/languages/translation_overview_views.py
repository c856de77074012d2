"""The "Translation overview" report: one row per event, partner and venue, one column per
language. It stands beside wagtail-localize's "Translations" report, which lists the
translations that exist; this one also shows the ones that do not, and how far each lags.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from .translation_overview import (
    NEEDS_WORK,
    NEEDS_WORK_STATES,
    STATE_LABELS,
    overview_rows,
    visible_locales,
    visible_models,
)

STATE_CHOICES = [(NEEDS_WORK, _("Needs work (missing or behind)")), *STATE_LABELS.items()]


class TranslationOverviewFilterSet(WagtailFilterSet):
    """Filters rows, not a queryset: the overview is built in Python from a few queries."""

    locale = django_filters.ChoiceFilter(label=_("Language"), empty_label=_("All"))
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, empty_label=_("All")
    )

    class Meta:
        model = Locale  # Only for django-filter's machinery; nothing is queried through it.
        fields = []

    def __init__(self, *args, locales=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["locale"].extra["choices"] = [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]

    def filter_queryset(self, rows):
        return rows  # The view filters, since a language narrows the columns as well.


class TranslationOverviewView(ReportView):
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "panel_event/admin/translation_overview_results.html"
    index_url_name = "panel_event_translation_overview"
    index_results_url_name = "panel_event_translation_overview_results"
    page_title = _("Translation overview")
    header_icon = "site"
    filterset_class = TranslationOverviewFilterSet
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not visible_models(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def all_locales(self):
        return list(Locale.objects.order_by("pk"))

    @cached_property
    def user_locales(self):
        return visible_locales(self.request.user, self.all_locales)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "locales": self.user_locales}

    def _cleaned(self, name):
        if self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name) or None
        return None

    @cached_property
    def columns_shown(self):
        chosen = self._cleaned("locale")
        return [
            locale
            for locale in self.user_locales
            if chosen is None or locale.language_code == chosen
        ]

    def get_queryset(self):
        rows = overview_rows(visible_models(self.request.user), self.all_locales)
        column_ids = [locale.pk for locale in self.columns_shown]
        own_ids = {locale.pk for locale in self.user_locales}
        state = self._cleaned("state")
        states = NEEDS_WORK_STATES if state == NEEDS_WORK else {state}
        kept = []
        for row in rows:
            if not any(locale_id in row.cells for locale_id in column_ids):
                continue  # Nothing of this object in the languages shown.
            if state is not None and not row.has_state(column_ids, states):
                continue
            row.shown = [row.cells.get(locale_id) for locale_id in column_ids]
            if row.source_locale.pk not in own_ids:
                row.edit_url = ""  # A translator reads the original, never edits it.
            kept.append(row)
        return kept

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns_shown"] = self.columns_shown
        return context
