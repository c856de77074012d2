from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

# The event editor's hooks (action menu, scripts) come with the venue chooser.
from .editing.editor_hooks import VenueChooserViewSet
from .importer.permissions import can_import_under, import_parent_pages
from .importer.views import ImportAnnouncementView
from .models import PartnerSnippet, TransliterationRule, Venue


class PartnerViewSet(SnippetViewSet):
    model = PartnerSnippet
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "acronym", "kind", "locale"]
    list_filter = ["kind", "locale"]
    # No search_fields: the search backend then matches the model's AutocompleteFields,
    # among them admin_search_text (every script, no diacritics). Naming fields here would
    # also break the search on SQLite, whose index has no per-field columns.
    ordering = ["name"]
    # Translators read the partners of every language here, and change only their own.
    inspect_view_enabled = True


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    chooser_viewset_class = VenueChooserViewSet  # with an "Add venue" tab
    menu_label = _("Venues")
    list_display = ["name", "city", "country", "locale"]
    list_filter = ["city", "locale"]
    inspect_view_enabled = True
    # No search_fields: the search backend then matches the model's AutocompleteFields,
    # among them admin_search_text (every script, no diacritics). Naming fields here would
    # also break the search on SQLite, whose index has no per-field columns.
    ordering = ["city", "name"]


class TransliterationRuleViewSet(SnippetViewSet):
    model = TransliterationRule
    icon = "edit"
    menu_label = _("Transliteration rules")
    list_display = ["latin", "cyrillic", "note"]
    search_fields = ["latin", "cyrillic"]
    ordering = ["latin"]


class EventSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Event data")
    menu_icon = "calendar-alt"
    menu_order = 250
    items = (PartnerViewSet, VenueViewSet, TransliterationRuleViewSet)


register_snippet(EventSnippetsGroup)


# --- Importing announcements ---------------------------------------------------------------------


class ImportAnnouncementMenuItem(MenuItem):
    def is_shown(self, request):
        return import_parent_pages(request.user).exists()


@hooks.register("register_admin_urls")
def register_import_announcement_url():
    return [
        path(
            "events/import-announcement/",
            ImportAnnouncementView.as_view(),
            name="panel_event_import_announcement",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_announcement_menu_item():
    return ImportAnnouncementMenuItem(
        _("Import announcement"),
        reverse("panel_event_import_announcement"),
        name="import-announcement",
        icon_name="clipboard-list",
        order=251,  # right after the "Event data" menu
    )


@hooks.register("register_page_header_buttons")
def import_announcement_header_button(page, user, view_name, next_url=None):
    # On the listing of a page that holds events, import straight into it.
    if view_name == "index" and can_import_under(user, page):
        url = reverse("panel_event_import_announcement") + "?" + urlencode({"parent": page.pk})
        yield Button(_("Import announcement"), url, icon_name="clipboard-list", priority=16)


# Translation sources and publishing guards; what actions on a page or snippet offer its other
# language versions; each language's home page kept from deletion; the admin's JavaScript strings
# in Serbian; the translation overview report. Each module registers its own hooks when imported
# here.
from .editing import action_hooks, delete_rights, site_root_guard  # noqa: E402, F401
from .languages import (  # noqa: E402, F401
    admin_catalogue,
    translation_hooks,
    translation_overview_hooks,
)
