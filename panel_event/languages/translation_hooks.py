"""Admin wiring for translations: one source per object, originals readable, drafts until done.

Imported by ``wagtail_hooks``. The URL hooks run first (``order=-1``) so that these views answer
at wagtail-localize's own addresses; the guards run before wagtail-localize's editor takes over
the page and snippet edit views.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page, TranslatableMixin

from ..editing.roles import site_root_pages
from . import translation_views
from .translation_sources import human_translation_of, untranslated_segments


@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation_views.submit_page_translation,
            name="panel_event_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            translation_views.submit_snippet_translation,
            name="panel_event_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.update_translations,
            name="panel_event_update_translations",
        ),
        path(
            "events/original/<int:page_id>/",
            translation_views.preview_original,
            name="panel_event_preview_original",
        ),
    ]


# --- Publishing a human translation only when it is complete --------------------------------------


def publish_refusal(page):
    """The message that keeps ``page`` unpublished, or None when it may go live."""
    translation = human_translation_of(page)
    if translation is None:
        return None
    missing = untranslated_segments(translation)
    if not missing:
        return None
    return _(
        "“%(title)s” was not published: %(count)d segments are not translated into "
        "%(language)s yet. Translate them all, then publish; until then readers see no "
        "%(language)s version."
    ) % {
        "title": page.get_admin_display_title(),
        "count": missing,
        "language": translation.target_locale.get_display_name(),
    }


@hooks.register("before_edit_page", order=-1)
def keep_incomplete_translations_unpublished(request, page):
    # The translation editor posts action=publish to the page's edit view; wagtail-localize
    # would publish with the source's text standing in for every missing segment.
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    refusal = publish_refusal(page)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action", order=-1)
def keep_incomplete_translations_unpublished_in_bulk(
    request, action_type, objects, action_class_instance
):
    if action_type != "publish":
        return None
    refusals = [
        refusal
        for obj in objects
        if isinstance(obj, Page) and (refusal := publish_refusal(obj.specific))
    ]
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(action_class_instance.next_url or "wagtailadmin_explore_root")


# --- Reading the original -------------------------------------------------------------------------


@hooks.register("register_page_header_buttons")
def original_page_button(page, user, view_name=None, next_url=None):
    if page.is_root():
        return
    original = translation_views.original_of(page)
    if original.locale_id == page.locale_id:
        return
    yield Button(
        _("Original (%(language)s)") % {"language": original.locale.get_display_name()},
        reverse("panel_event_preview_original", args=[page.pk]),
        icon_name="view",
        priority=55,
        attrs={"target": "_blank", "rel": "noopener"},
    )


# --- Snippets: read every language, edit only one's own ------------------------------------------


def editable_locale_ids(user):
    """Locales whose site home page the user may edit: the languages the user works in."""
    return {
        page.locale_id for page in site_root_pages() if page.permissions_for_user(user).can_edit()
    }


@hooks.register("before_edit_snippet", order=-1)
def keep_snippets_in_own_languages(request, instance):
    # Django's model permissions cannot be limited to a language, so a translator's "change"
    # on partners and venues is narrowed here to the languages of their page permissions.
    if request.user.is_superuser or not isinstance(instance, TranslatableMixin):
        return None
    if instance.locale_id in editable_locale_ids(request.user):
        return None
    if request.method == "POST":
        raise PermissionDenied
    messages.warning(request, SNIPPET_READ_ONLY_MESSAGE)
    inspect_url = instance.snippet_viewset.get_url_name("inspect")
    return redirect(inspect_url, instance.pk)


SNIPPET_READ_ONLY_MESSAGE = gettext_lazy(
    "You can read this version but not change it: it is in a language you do not edit."
)
