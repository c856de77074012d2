"""Admin views that keep translators on the original: starting, syncing and reading it.

These stand in front of wagtail-localize's own views (``wagtail_hooks`` registers them at the
same addresses, ahead of wagtail-localize's), so every "Translate" and "Sync" button, whichever
copy it is pressed on, reaches one source per object.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translation_sources import (
    is_generated_translation,
    original_of,
    untranslated_segments,
)


def redirect_to_original(request, instance, original, url):
    """Send the translator to the same form for the original, saying why."""
    messages.info(
        request,
        _(
            "Translations are made from the original, “%(original)s” (%(language)s). "
            "The %(copy_language)s version follows it automatically."
        )
        % {
            "original": original,
            "language": original.locale.get_display_name(),
            "copy_language": instance.locale.get_display_name(),
        },
    )
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def submit_page_translation(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    original = original_of(page)
    if original.pk != page.pk:
        url = reverse("wagtail_localize:submit_page_translation", args=[original.pk])
        return redirect_to_original(request, page, original, url)
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def submit_snippet_translation(request, app_label, model_name, pk):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    snippet = get_object_or_404(model, pk=unquote(pk))
    original = original_of(snippet)
    if original.pk != snippet.pk:
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[app_label, model_name, quote(original.pk)],
        )
        return redirect_to_original(request, snippet, original, url)
    return SubmitSnippetTranslationView.as_view()(
        request, app_label=app_label, model_name=model_name, pk=pk
    )


def update_translations(request, translation_source_id):
    """wagtail-localize's "Sync translated pages", publishing only complete human translations.

    With "publish" ticked, wagtail-localize would publish every target, English included, with
    the source's text wherever a segment is new. Here the sync runs without publishing; then
    each target whose every segment is translated is published, and the rest stay drafts with
    a message that says how much each lacks. Generated copies are always complete.
    """
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    wants_publish = request.method == "POST" and request.POST.get("publish_translations")
    if not wants_publish:
        return UpdateTranslationsView.as_view()(request, translation_source_id=source.pk)
    request.POST = without_field(request.POST, "publish_translations")
    with transaction.atomic():
        response = UpdateTranslationsView.as_view()(request, translation_source_id=source.pk)
        if response.status_code == 302:
            publish_complete_translations(request, source)
    return response


def without_field(data, name):
    copy = QueryDict(mutable=True)
    copy.update(data)
    copy.pop(name, None)
    copy._mutable = False
    return copy


def publish_complete_translations(request, source):
    held_back = []
    translations = source.translations.filter(enabled=True).select_related(
        "source__locale", "target_locale"
    )
    for translation in translations:
        missing = untranslated_segments(translation)
        if missing and not is_generated_translation(translation):
            held_back.append((translation.target_locale.get_display_name(), missing))
            continue
        translation.save_target(user=request.user, publish=True)
    for language, missing in held_back:
        messages.warning(
            request,
            _(
                "The %(language)s version was updated as a draft and not published: "
                "%(count)d segments still need translating."
            )
            % {"language": language, "count": missing},
        )


def preview_original(request, page_id):
    """The original of a translated page, as its latest revision reads, for translators who
    may work on one of its translations but not on the original itself."""
    page = get_object_or_404(Page, id=page_id).specific
    if not may_read_original(request.user, page):
        raise PermissionDenied
    original = original_of(page)
    revision = original.get_latest_revision_as_object()
    return revision.make_preview_request(request, original.default_preview_mode)


def may_read_original(user, page):
    return any(
        translation.permissions_for_user(user).can_edit()
        for translation in page.get_translations(inclusive=True)
    )
