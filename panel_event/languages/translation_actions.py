"""Offering the human translations of a page the action an editor takes on the page itself
(unpublish, restrict, delete); docs/architecture.md, "Actions on a page's translations".
"""

from contextvars import ContextVar

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.log_actions import LogFormatter, log

from .copy_sync import copy_restriction, generated_copy
from .script_sync import is_sync_source

UNPUBLISH = "unpublish"
PRIVACY = "privacy"
DELETE = "delete"

# The hidden field naming the action whose choices the form showed, and the checkboxes.
CHOICES_SHOWN_FIELD = "translation_choices_shown"
APPLY_FIELD = "apply_to_translations"

LOG_ACTION = "panel_event.translations_choice"


def offered_translations(page, action):
    """The human translations of ``page`` that ``action`` can reach, in language order."""
    if not is_sync_source(page):
        return []
    translations = page.get_translations().select_related("locale")
    copy = generated_copy(page)
    if copy is not None:
        translations = translations.exclude(pk=copy.pk)
    if action == UNPUBLISH:
        translations = translations.live()
    return list(translations.specific().order_by("locale__language_code"))


def chosen_translations(request, page, action):
    """``(to apply, to leave)`` as the editor answered, or the default when no choice came."""
    if request.method != "POST":
        return None
    offered = offered_translations(page, action)
    if request.POST.get(CHOICES_SHOWN_FIELD) != action:
        return offered, []
    ticked = set(request.POST.getlist(APPLY_FIELD))
    return (
        [translation for translation in offered if str(translation.pk) in ticked],
        [translation for translation in offered if str(translation.pk) not in ticked],
    )


def _permitted(translation, user, action):
    permissions = translation.permissions_for_user(user)
    return {
        UNPUBLISH: permissions.can_unpublish,
        PRIVACY: permissions.can_set_view_restrictions,
        DELETE: permissions.can_delete,
    }[action]()


def _describe(pages):
    return [
        {"id": page.pk, "title": page.title, "language": page.locale.language_code}
        for page in pages
    ]


def decide(request, page, action):
    """The translations to take ``action`` on, as the editor answered; the answer is recorded
    in ``page``'s history now, while the page still exists."""
    choice = chosen_translations(request, page, action)
    if choice is None:
        return []
    ticked, left = choice
    permitted = [t for t in ticked if _permitted(t, request.user, action)]
    refused = [t for t in ticked if t not in permitted]
    if refused:
        messages.warning(
            request,
            _("You may not change these translations, so they were left as they were: %(titles)s")
            % {
                "titles": ", ".join(
                    translation.get_admin_display_title() for translation in refused
                )
            },
        )
    if ticked or left:
        log(
            instance=page,
            action=LOG_ACTION,
            user=request.user,
            data={
                "action": action,
                "applied": _describe(permitted),
                "left": _describe(left + refused),
            },
        )
    return permitted


def apply_to_translations(request, page, action, apply):
    """Take ``action`` on the translations the editor ticked (``apply(translation)`` does it)."""
    translations = decide(request, page, action)
    for translation in translations:
        apply(translation)
    return translations


# --- The three actions ---------------------------------------------------------------------------


def unpublish_translations(request, page):
    from wagtail.actions.unpublish_page import UnpublishPageAction

    include_descendants = bool(request.POST.get("include_descendants"))

    def unpublish(translation):
        UnpublishPageAction(
            translation, user=request.user, include_descendants=include_descendants
        ).execute(skip_permission_checks=True)

    return apply_to_translations(request, page, UNPUBLISH, unpublish)


def restrict_translations(request, page):
    def restrict(translation):
        copy_restriction(page, translation, user=request.user)

    return apply_to_translations(request, page, PRIVACY, restrict)


# Set on the request by the delete confirmation's POST: the translations to delete after the page.
TRANSLATIONS_TO_DELETE = "_panel_event_translations_to_delete"


def decide_translations_to_delete(request, page):
    """Before the page is deleted (its history can be written only while it exists)."""
    if request.method == "POST" and site_name_confirmed(request):
        setattr(request, TRANSLATIONS_TO_DELETE, decide(request, page, DELETE))


def delete_translations(request, page):
    from wagtail.actions.delete_page import DeletePageAction

    for translation in getattr(request, TRANSLATIONS_TO_DELETE, []):
        DeletePageAction(translation, user=request.user).execute(skip_permission_checks=True)


def site_name_confirmed(request):
    """Whether Wagtail's delete view goes on to delete: a confirmation that asks for the site's
    name re-displays itself when the name typed is wrong."""
    typed = request.POST.get("confirm_site_name")
    return not typed or typed == getattr(settings, "WAGTAIL_SITE_NAME", "wagtail")


# --- The page's history --------------------------------------------------------------------------


class TranslationsChoiceFormatter(LogFormatter):
    label = gettext_lazy("Translations: same action")

    ACTION_NAMES = {
        UNPUBLISH: pgettext_lazy("action taken on translations", "unpublish"),
        PRIVACY: pgettext_lazy("action taken on translations", "privacy"),
        DELETE: pgettext_lazy("action taken on translations", "delete"),
    }

    def format_message(self, log_entry):
        data = log_entry.data
        names = {
            "applied": ", ".join(item["title"] for item in data.get("applied", [])) or "—",
            "left": ", ".join(item["title"] for item in data.get("left", [])) or "—",
            "action": self.ACTION_NAMES.get(data.get("action"), data.get("action")),
        }
        return (
            _(
                "Same action (%(action)s) taken on the translations: %(applied)s. Left as they were: %(left)s."
            )
            % names
        )


# --- The privacy dialog --------------------------------------------------------------------------


# Set while the privacy dialog applies the editor's own answer, so that the default below stays
# out of it.
PRIVACY_CHOICE_MADE = ContextVar("panel_event_privacy_choice_made", default=False)


def restrict_translations_by_default(page, record=True):
    """A restriction changed without the dialog's choice (Wagtail's own privacy view posted
    directly, a script): the translations get the default the dialog offers, the same
    privacy as their source, and the page history says so."""
    if PRIVACY_CHOICE_MADE.get():
        return
    offered = offered_translations(page, PRIVACY)
    for translation in offered:
        copy_restriction(page, translation)
    if offered and record:
        log(
            instance=page,
            action=LOG_ACTION,
            data={"action": PRIVACY, "applied": _describe(offered), "left": []},
        )


def privacy_view():
    """Wagtail's privacy dialog, taking the ticked translations along. The dialog's form posts
    here when it offers translations (see the ``set_privacy.html`` override)."""
    from wagtail.admin.views.page_privacy import SetPrivacyView

    class SetPrivacyWithTranslationsView(SetPrivacyView):
        def form_valid(self, form):
            choice_made = PRIVACY_CHOICE_MADE.set(True)
            try:
                response = super().form_valid(form)
                restrict_translations(self.request, self.page)
            finally:
                PRIVACY_CHOICE_MADE.reset(choice_made)
            return response

    return SetPrivacyWithTranslationsView.as_view()
