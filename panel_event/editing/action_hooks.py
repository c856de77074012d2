"""Admin wiring for what the confirmation screens offer about a page's other language versions
(``translation_actions``) and for deleting a partner or venue whose generated copy is in use
(``copy_sync``). Imported from ``wagtail_hooks``."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks

from ..languages import translation_actions
from ..languages.copy_sync import copy_usage


@hooks.register("register_admin_urls")
def register_privacy_with_translations_url():
    return [
        path(
            "events/pages/<int:page_id>/privacy/",
            translation_actions.privacy_view(),
            name="panel_event_set_privacy",
        )
    ]


@hooks.register("after_unpublish_page")
def unpublish_chosen_translations(request, page):
    translation_actions.unpublish_translations(request, page)


@hooks.register("before_delete_page")
def decide_translations_to_delete(request, page):
    translation_actions.decide_translations_to_delete(request, page)


@hooks.register("after_delete_page")
def delete_chosen_translations(request, page):
    translation_actions.delete_translations(request, page)


@hooks.register("before_delete_snippet")
def keep_snippets_whose_copy_is_protected(request, instances):
    # The confirmation hides the button; this refuses a POST made anyway, back on the
    # confirmation that lists the pages, instead of failing on the copy's deletion.
    if request.method != "POST":
        return None
    for instance in instances:
        found = copy_usage(instance)
        if found is not None and found[1].is_protected:
            messages.error(
                request,
                _("“%(title)s” cannot be deleted: pages still use its %(language)s version.")
                % {"title": instance, "language": found[0].locale.get_display_name()},
            )
            return redirect(request.get_full_path())
    return None


@hooks.register("register_log_actions")
def register_translations_choice_log_action(actions):
    actions.register_action(translation_actions.LOG_ACTION)(
        translation_actions.TranslationsChoiceFormatter
    )
