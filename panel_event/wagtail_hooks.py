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
