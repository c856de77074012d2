from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PartnerSnippet, TransliterationRule, Venue


class PartnerViewSet(SnippetViewSet):
    model = PartnerSnippet
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "acronym", "kind", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "acronym"]
    ordering = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "country", "locale"]
    list_filter = ["city", "locale"]
    search_fields = ["name", "city"]
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
# Appended as one section so the importer's admin wiring stays together; its imports sit here
# rather than at the top for the same reason.

from django.urls import path, reverse  # noqa: E402
from django.utils.http import urlencode  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402
from wagtail.admin.widgets import Button  # noqa: E402

from .importer.permissions import can_import_under, import_parent_pages  # noqa: E402
from .importer.views import ImportAnnouncementView  # noqa: E402


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
