"""Translate a few of Wagtail's admin labels when a page renders, not when Wagtail loads.

Wagtail 8.0 defines these labels with ``gettext`` rather than ``gettext_lazy``, so they are
translated once, when their module is imported, into ``LANGUAGE_CODE``. With the plugin's
Serbian catalogue and a Serbian ``LANGUAGE_CODE``, every admin, English and Cyrillic ones too,
would see them in Serbian Latin: the chooser's "Choose", "Choose another", "Edit", its
"Search" tab and "Create" button, the image format form of the rich text editor, and the
comment field of a workflow approval. They are made lazy again here; a label Wagtail already
defines lazily is left alone.
"""

from django.utils.translation import gettext_lazy

CHOOSER_VIEWSET_LABELS = {
    "choose_one_text": "Choose",
    "choose_another_text": "Choose another",
    "edit_item_text": "Edit",
    "search_tab_label": "Search",
    "create_action_label": "Create",
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

    for attribute, msgid in CHOOSER_VIEWSET_LABELS.items():
        if isinstance(getattr(ChooserViewSet, attribute), str):
            setattr(ChooserViewSet, attribute, gettext_lazy(msgid))
    _make_field_labels_lazy(ImageInsertionForm, IMAGE_INSERTION_FIELD_LABELS)
    _make_field_labels_lazy(TaskStateCommentForm, {"comment": "Comment"})


def _make_field_labels_lazy(form_class, labels):
    for name, msgid in labels.items():
        field = form_class.base_fields[name]
        if isinstance(field.label, str):
            field.label = gettext_lazy(msgid)
