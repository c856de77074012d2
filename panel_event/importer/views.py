from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .builder import save_event_draft
from .forms import ImportAnnouncementForm
from .permissions import import_parent_pages


class ImportAnnouncementView(WagtailAdminTemplateMixin, FormView):
    """Paste an announcement, preview what was recognised, then create a draft event.

    Every POST parses the text again: the preview's "Create draft" button sends the same text,
    never the structured result, plus a digest of the input so that a text edited after the
    preview is previewed again instead of being created unseen. New venues and partners are
    created only when ticked in the preview.
    """

    form_class = ImportAnnouncementForm
    template_name = "panel_event/importer/import_announcement.html"
    page_title = gettext_lazy("Import announcement")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not import_parent_pages(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # The events listing's "Import announcement" button passes the page being listed.
        parent_id = self.request.GET.get("parent", "")
        if parent_id.isdigit():
            return {"parent": parent_id}
        return {}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(action_url=self.request.get_full_path(), **kwargs)

    def form_valid(self, form):
        draft = form.draft
        digest = form.preview_digest()
        wants_to_create = self.request.POST.get("action") == "create"
        previewed = self.request.POST.get("previewed") == digest
        if wants_to_create and previewed and draft.can_be_saved:
            try:
                page = save_event_draft(
                    draft, user=self.request.user, confirmed=form.confirmation()
                )
            except ValidationError as error:
                form.add_error(None, error)
                return self.form_invalid(form)
            messages.success(
                self.request,
                _(
                    "Draft event “%(title)s” created from the announcement. Check it, then "
                    "publish it."
                )
                % {"title": page.get_admin_display_title()},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                draft=draft,
                preview_digest=digest,
                confirmation=form.confirmation(),
                input_changed_since_preview=wants_to_create and not previewed,
                parent_listing_url=reverse("wagtailadmin_explore", args=[draft.parent.pk]),
            )
        )
