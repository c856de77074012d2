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
"""

from functools import wraps

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

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
    if not hasattr(AdminSnippetChooser.__init__, "formats_labels_when_rendered"):
        AdminSnippetChooser.__init__ = _with_labels_formatted_when_rendered(
            AdminSnippetChooser.__init__
        )


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
