"""The "Translation overview" report in the admin's Reports menu, next to wagtail-localize's
"Translations". Imported by ``wagtail_hooks``."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .translation_overview import visible_models
from .translation_overview_views import TranslationOverviewView


class TranslationOverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(visible_models(request.user))


@hooks.register("register_admin_urls")
def register_translation_overview_urls():
    return [
        path(
            "reports/translation-overview/",
            TranslationOverviewView.as_view(),
            name="panel_event_translation_overview",
        ),
        path(
            "reports/translation-overview/results/",
            TranslationOverviewView.as_view(results_only=True),
            name="panel_event_translation_overview_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_overview_menu_item():
    return TranslationOverviewMenuItem(
        _("Translation overview"),
        reverse("panel_event_translation_overview"),
        name="translation-overview",
        icon_name="site",
        order=9001,  # right after wagtail-localize's "Translations"
    )
