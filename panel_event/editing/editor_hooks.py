"""Admin wiring for the event editor: its action menu, save messages, script and venue chooser."""

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
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


# --- Saving and what is still missing ----------------------------------------------------------


def is_background_save(request):
    return "application/json" in request.headers.get("Accept", "")


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def list_required_fields_left_empty(request, page):
    """After a draft save, name the fields publishing will ask for, so they are no surprise."""
    if request.POST.get("action-publish") or is_background_save(request):
        return
    form_class = type(page).get_edit_handler().get_form_class()
    if not hasattr(form_class, "required_fields_left_empty"):
        return
    form = form_class(instance=page, for_user=request.user)
    labels = [str(form.fields[name].label) for name in form.required_fields_left_empty()]
    if labels:
        messages.warning(
            request,
            _("Saved as a draft. Before publishing, fill in: %(fields)s.")
            % {"fields": ", ".join(labels)},
        )


@hooks.register("insert_editor_js")
def event_editor_js():
    # The script's sentences, in the admin's language.
    strings = {
        "savedAsDraftNotPublished": gettext(
            "Your changes are saved as a draft but not published. Fix the errors marked "
            "below, then publish."
        ),
    }
    return format_html(
        '{}<script src="{}"></script>',
        json_script(strings, "panel-event-editor-strings"),
        static("panel_event/admin/event_editor.js"),
    )


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
