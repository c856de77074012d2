"""Translate a few of Wagtail's admin labels when a page renders, not when Wagtail loads.

Wagtail 8.0 defines these labels with ``gettext`` rather than ``gettext_lazy``, so they are
translated once, when their module is imported, into ``LANGUAGE_CODE``. With the plugin's
Serbian catalogue and a Serbian ``LANGUAGE_CODE``, every admin, English and Cyrillic ones too,
would see them in Serbian Latin: the chooser's "Choose", "Choose another", "Edit", its
"Search" tab and "Create" button, the image format form of the rich text editor, and the
comment field of a workflow approval. They are made lazy again here; a label Wagtail already
defines lazily is left alone.

A snippet chooser widget formats its labels ("Choose partner") when it is created, and a
StreamField block creates its widget once per process: the first editor to open a page would
fix the language of those labels for everyone after. They are formatted when rendered instead.

Other places where Wagtail or wagtail-localize show English whatever the admin's language:

- wagtail-localize's "Translations" report menu item is labelled with ``gettext`` when the
  reports menu is first built, so the first request's language sticks for every user.
- Wagtail's sign-in form gives its password field no label, so Django shows "Password".
- The Sites listing labels its "Site name" and "Root page" columns from the field names, not
  from the fields' (translated) verbose names.
- The page tree's root is a page titled "Root" in the database, shown in the explorer and its
  breadcrumbs.
- wagtail-localize writes the date of a segment's translation ("Translated manually on ...")
  with ``strftime``, in English.
- Django names Serbian Cyrillic (``sr-cyrl``, which falls back to ``sr``) "српски", the same as
  Serbian, so the admin's language list cannot tell the scripts apart.
- The dashboard and page headers hold a submit button for screen readers whose "Search" is
  written into Wagtail's templates; ``static/panel_event/admin/search_buttons.js`` relabels it.
- wagtail-localize's translation editor writes "<source> to <target> translation" and "More
  actions" into its script; ``static/panel_event/admin/translation_editor.js`` replaces them.
"""

from functools import wraps

from django.conf.locale import LANG_INFO
from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html, json_script
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks

CHOOSER_VIEWSET_LABELS = {
    "choose_one_text": "Choose",
    "choose_another_text": "Choose another",
    "edit_item_text": "Edit",
    "search_tab_label": "Search",
    "create_action_label": "Create",
}
SNIPPET_CHOOSER_LABELS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}
IMAGE_INSERTION_FIELD_LABELS = {
    "format": "Format",
    "image_is_decorative": "Image is decorative",
    "alt_text": "Alt text",
}


def translate_wagtail_labels_per_request():
    """Called from the app's ``ready()``, before Wagtail creates its chooser viewsets."""
    from wagtail.admin.viewsets.chooser import ChooserViewSet
    from wagtail.forms import TaskStateCommentForm
    from wagtail.images.forms import ImageInsertionForm
    from wagtail.snippets.widgets import AdminSnippetChooser

    for attribute, msgid in CHOOSER_VIEWSET_LABELS.items():
        if isinstance(getattr(ChooserViewSet, attribute), str):
            setattr(ChooserViewSet, attribute, gettext_lazy(msgid))
    _make_field_labels_lazy(ImageInsertionForm, IMAGE_INSERTION_FIELD_LABELS)
    _make_field_labels_lazy(TaskStateCommentForm, {"comment": "Comment"})
    _label_the_sign_in_password()
    if not hasattr(AdminSnippetChooser.__init__, "formats_labels_when_rendered"):
        AdminSnippetChooser.__init__ = _with_labels_formatted_when_rendered(
            AdminSnippetChooser.__init__
        )
    _label_site_columns_from_their_fields()
    _name_the_root_page_in_the_users_language()
    _date_translation_comments_in_the_users_language()
    LANG_INFO.setdefault("sr-cyrl", SERBIAN_CYRILLIC_INFO)
    hooks.register("construct_reports_menu", _label_translations_report_per_request)
    hooks.register("insert_editor_js", translation_editor_labels_script)
    hooks.register("insert_global_admin_js", search_button_label_script)


SERBIAN_CYRILLIC_INFO = {
    "bidi": False,
    "code": "sr-cyrl",
    "name": "Serbian Cyrillic",
    "name_local": "српски (ћирилица)",
}


def translation_editor_labels_script():
    strings = {
        "translationHeading": gettext("%(source)s to %(target)s translation"),
        "moreActions": gettext("More actions"),
    }
    return format_html(
        '{}<script src="{}"></script>',
        json_script(strings, "panel-event-translation-editor-strings"),
        static("panel_event/admin/translation_editor.js"),
    )


def search_button_label_script():
    label = gettext("Search")
    if label == "Search":
        return ""  # an English admin: nothing to replace
    return format_html(
        '<script src="{}" data-label="{}"></script>',
        static("panel_event/admin/search_buttons.js"),
        label,
    )


def _label_translations_report_per_request(request, menu_items):
    from wagtail_localize.wagtail_hooks import TranslationsReportMenuItem

    for item in menu_items:
        if isinstance(item, TranslationsReportMenuItem):
            item.label = gettext_lazy("Translations")


def _label_site_columns_from_their_fields():
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    field_names = {field.name for field in Site._meta.get_fields()}
    for column in IndexView.columns:
        # A column without a label of its own is labelled with its name, in English.
        if column.name in field_names and column.label == capfirst(column.name.replace("_", " ")):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def _name_the_root_page_in_the_users_language():
    from wagtail.models import Page

    original = Page.get_admin_display_title
    if getattr(original, "names_the_root", False):
        return

    @wraps(original)
    def get_admin_display_title(self):
        title = original(self)
        # Wagtail's migration titles the tree's root "Root"; a title a site gave it stays.
        return gettext("Root") if self.depth == 1 and title == "Root" else title

    get_admin_display_title.names_the_root = True
    Page.get_admin_display_title = get_admin_display_title


def _date_translation_comments_in_the_users_language():
    from wagtail_localize.models import StringTranslation

    if getattr(StringTranslation.get_comment, "dates_in_users_language", False):
        return

    def get_comment(self):
        # wagtail-localize's own wording (and msgids), with the date as the admin's language
        # writes it: "29. novembar 2026." rather than strftime's "29 November 2026".
        date = formats.date_format(timezone.localtime(self.updated_at), "DATE_FORMAT")
        if self.tool_name:
            return gettext("Translated with {tool_name} on {date}").format(
                tool_name=self.tool_name, date=date
            )
        if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
            return gettext("Translated manually on {date}").format(date=date)
        if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
            return gettext("Machine translated on {date}").format(date=date)
        return None

    get_comment.dates_in_users_language = True
    StringTranslation.get_comment = get_comment


def _label_the_sign_in_password():
    # Wagtail's sign-in form redefines Django's password field without a label, so Django
    # shows the field's name, "Password", untranslated.
    from wagtail.admin.forms.auth import LoginForm

    field = LoginForm.base_fields["password"]
    if field.label is None:
        field.label = gettext_lazy("Password")


def _make_field_labels_lazy(form_class, labels):
    for name, msgid in labels.items():
        field = form_class.base_fields[name]
        if isinstance(field.label, str):
            field.label = gettext_lazy(msgid)


def _label_for(msgid, name):
    return gettext(msgid) % {"object": name}


_lazy_label_for = lazy(_label_for, str)


def _with_labels_formatted_when_rendered(init):
    @wraps(init)
    def __init__(self, model=None, **kwargs):
        init(self, model, **kwargs)
        name = self.model._meta.verbose_name
        for attribute, msgid in SNIPPET_CHOOSER_LABELS.items():
            if attribute not in kwargs:  # a label the caller chose stays as it is
                setattr(self, attribute, _lazy_label_for(msgid, name))

    __init__.formats_labels_when_rendered = True
    return __init__
