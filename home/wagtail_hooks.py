from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .two_factor import devices
from .two_factor.middleware import restricted_content_redirect
from .two_factor.policy import two_factor_required
from .two_factor.urls import urlpatterns as two_factor_urls


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return two_factor_urls


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if devices.has_two_factor(request.user):
        help_text = _("On: after your password, a code from your authenticator app is asked for.")
    elif two_factor_required(request.user):
        help_text = _("Required for your account: set it up with an authenticator app.")
    else:
        help_text = _("Off: protect your account with a code from an authenticator app.")
    return {"url": reverse("two_factor"), "label": _("Two-factor sign-in"), "help_text": help_text}


@hooks.register("construct_main_menu")
def hide_menu_before_two_factor_setup(request, menu_items):
    # Until a user who must use two-factor sign-in has set it up, the setup page is the only
    # admin page open to them; the menu would only lead back to it.
    if two_factor_required(request.user) and not request.user.is_verified():
        menu_items.clear()


@hooks.register("before_serve_page")
def second_factor_before_restricted_page(page, request, serve_args, serve_kwargs):
    return restricted_content_redirect(request, page.get_view_restrictions())


@hooks.register("before_serve_document")
def second_factor_before_restricted_document(document, request):
    return restricted_content_redirect(request, document.collection.get_view_restrictions())


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        devices.TURNED_ON, _("Two-factor sign-in on"), _("Two-factor sign-in turned on")
    )
    actions.register_action(
        devices.TURNED_OFF, _("Two-factor sign-in off"), _("Two-factor sign-in turned off")
    )
    actions.register_action(
        devices.RECOVERY_CODES_RENEWED,
        _("New recovery codes"),
        _("New two-factor recovery codes made"),
    )
    actions.register_action(
        devices.RECOVERY_CODE_USED,
        _("Recovery code used"),
        _("Signed in with a two-factor recovery code"),
    )


# --- Sign-in lockouts and the audit log (home/lockouts.py, home/login_security.py) -----------


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    from axes.models import AccessAttempt
    from wagtail.permissions import register_permission_policy

    from .lockouts import AdministratorsOnlyPolicy, LockoutViewSet

    register_permission_policy(AccessAttempt, AdministratorsOnlyPolicy(AccessAttempt))
    return LockoutViewSet()


@hooks.register("register_log_actions")
def register_sign_in_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    actions.register_action(
        "home.login_locked_out", _("Sign-in locked out"), _("Locked out after failed sign-ins")
    )
    actions.register_action("home.lockout_lifted", _("Lockout lifted"), _("Sign-in lockout lifted"))

    @actions.register_action("home.groups_added")
    class GroupsAdded(LogFormatter):
        label = _("Added to groups")

        def format_message(self, log_entry):
            groups = ", ".join(log_entry.data.get("groups", []))
            return _("Added to groups: %(groups)s") % {"groups": groups}

    @actions.register_action("home.groups_removed")
    class GroupsRemoved(LogFormatter):
        label = _("Removed from groups")

        def format_message(self, log_entry):
            groups = ", ".join(log_entry.data.get("groups", []))
            return _("Removed from groups: %(groups)s") % {"groups": groups}
