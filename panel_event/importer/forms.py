import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from .builder import (
    AnnouncementImportError,
    Confirmation,
    build_event_draft,
    content_language_choices,
    resolve_import_parent,
)
from .parser import AnnouncementParseError, parse_announcement
from .permissions import can_import_under, import_parent_pages


class ParentPageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        ancestors = [
            ancestor.get_admin_display_title()
            for ancestor in page.get_ancestors().filter(depth__gt=1)
        ]
        trail = " › ".join([*ancestors, page.get_admin_display_title()])
        return f"{trail} ({page.locale.get_display_name()})"


class ImportAnnouncementForm(forms.Form):
    """The pasted text and where the event goes; cleaning it parses the text and builds the
    draft (``self.draft``) without saving anything."""

    text = forms.CharField(
        label=_("Announcement"),
        # The parser explains an empty paste better than "This field is required".
        required=False,
        # Indentation marks speaker lines, so the text is kept exactly as pasted.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text=_(
            "Paste the announcement as plain text: the title on the first line, then the date "
            "line (such as 'Četvrtak, 20. jun 2019. godine, 11 časova'), the venue, the "
            "description and the agenda (lines such as '11.00 – 11.10 – Uvodna obraćanja')."
        ),
    )
    parent = ParentPageChoiceField(
        queryset=None,
        label=_("Add the event under"),
        empty_label=None,
        help_text=_(
            "A home page or events index. If the announcement is in another language, the event "
            "goes under this page's translation in that language."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_(
            "The language of the text. Leave on 'Detect from the text' unless the preview "
            "shows the wrong one."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.draft = None
        self.fields["parent"].queryset = import_parent_pages(user)
        self.fields["language"].choices = [
            ("", _("Detect from the text")),
            *content_language_choices(),
        ]

    def clean(self):
        cleaned_data = super().clean()
        try:
            announcement = parse_announcement(cleaned_data.get("text", ""))
        except AnnouncementParseError as error:
            self.add_error("text", str(error))
            return cleaned_data
        if cleaned_data.get("parent") is None or "language" not in cleaned_data:
            return cleaned_data  # already reported on its field
        cleaned_data["language"] = cleaned_data["language"] or announcement.language
        try:
            parent = resolve_import_parent(cleaned_data["parent"], cleaned_data["language"])
            if not can_import_under(self.user, parent):
                raise AnnouncementImportError(
                    _("You do not have permission to add events under “%(parent)s”.")
                    % {"parent": parent.get_admin_display_title()},
                    field="parent",
                )
            self.draft = build_event_draft(announcement, parent)
        except AnnouncementImportError as error:
            self.add_error(error.field, str(error))
        return cleaned_data

    def confirmation(self) -> Confirmation:
        """The new venue and partners the editor ticked in the preview. They are checkboxes
        of the preview rather than form fields, because which ones exist depends on the text;
        a key that names no proposal is simply not created."""
        return Confirmation(
            venue=self.data.get("create_venue") == "yes",
            partner_keys=frozenset(self.data.getlist("create_partner")),
        )

    def preview_digest(self) -> str:
        """Identifies the input a preview showed, so "Create draft" creates only what the
        editor has seen; the structured data itself is rebuilt from the text every time."""
        data = self.cleaned_data
        source = "\n".join([str(data["parent"].pk), data["language"], data["text"]])
        return hashlib.sha256(source.encode()).hexdigest()
