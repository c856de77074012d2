"""Admin wiring for the event editor: its action menu, its scripts and the venue chooser."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView

# --- Publish first ------------------------------------------------------------------------------


def workflows_enabled():
    return getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True)


@hooks.register("construct_page_action_menu")
def make_publish_the_default_action(menu_items, request, context):
    """Without an approval step, publishing is what a page is edited for: whoever may publish
    gets Publish as the main button, with Save draft in the menu beside it. Menu items are
    already limited to what the user may do, so others keep Save draft first."""
    if workflows_enabled():
        return
    publish = next((item for item in menu_items if item.name == "action-publish"), None)
    if publish is not None:
        menu_items.remove(publish)
        menu_items.insert(0, publish)


# --- The editor's script --------------------------------------------------------------------------


@hooks.register("insert_editor_js")
def event_editor_js():
    return format_html('<script src="{}"></script>', static("panel_event/admin/event_editor.js"))


# --- Adding a venue from the chooser ------------------------------------------------------------


class VenueCreateView(SnippetCreateView):
    """Creates the venue in the language of the page being edited (the chooser passes it)."""

    def save_form(self, form):
        form.instance.locale = self.chosen_locale()
        return super().save_form(form)

    def chosen_locale(self):
        language_code = self.request.GET.get("locale")
        locale = Locale.objects.filter(language_code=language_code).first()
        return locale or Locale.get_default()


class VenueChooserViewSet(SnippetChooserViewSet):
    """The venue chooser, with a tab to add a venue without leaving the event."""

    form_fields = ["name", "street_address", "postal_code", "city", "country", "country_code"]
    create_view_class = VenueCreateView
    create_action_label = _("Add venue")
    creation_tab_label = _("Add a new venue")
    # The page editor opens the chooser with the page's locale; the creation form keeps it.
    preserve_url_parameters = ["multiple", "locale"]
