"""Sign-in security of the admin: the client's address behind the proxy, the lockout page,
session lifetimes, password-reset e-mails in the user's language, and the audit log entries.

django-axes counts failed sign-ins and refuses a locked-out username from that address
(settings in ``cms_site/settings/login_security.py``); this module supplies what axes leaves to
the site. See docs/security.md, "Signing in".
"""

import ipaddress
import logging
import math
import time
from functools import lru_cache

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db.models import Max
from django.forms.utils import ErrorDict
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import LoginView
from wagtail.log_actions import log

logger = logging.getLogger(__name__)

# --- The client's address ----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return address is not None and any(address in network for network in networks)


def client_ip_address(request):
    """The address that sent the request, as far as a trusted proxy can vouch for it.

    Only a connection from a trusted proxy (``TRUSTED_PROXIES``) has its ``X-Forwarded-For``
    read, and then from the right: each proxy appends the address it was connected from, so the
    first address that is not one of ours is the client. Whatever a client writes into the
    header itself stands further left and is never reached.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(_address(remote)):
        return remote or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for text in reversed(forwarded):
        address = _address(text)
        if address is None:
            # A proxy that wrote something unreadable: count the proxy itself.
            return remote
        if not is_trusted_proxy(address):
            return str(address)
    return remote


# --- The lockout page --------------------------------------------------------------------------


def minutes_until_unlocked(request, username):
    latest = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return 0
    left = latest + get_cool_off(request) - timezone.now()
    return max(1, math.ceil(left.total_seconds() / 60))


def lockout_message(minutes):
    return ngettext(
        "Too many failed sign-in attempts. Signing in to this account from your address is "
        "paused: try again in %(minutes)s minute.",
        "Too many failed sign-in attempts. Signing in to this account from your address is "
        "paused: try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's sign-in page with the lockout as the form's error (``AXES_LOCKOUT_CALLABLE``).

    The page speaks the language the sign-in page speaks (the browser's); nothing in it tells
    whether the username exists.
    """
    username = get_client_username(request, credentials) or ""
    view = LoginView()
    view.setup(request)
    form = view.get_form_class()(request, data={"username": username})
    # The form is not validated again: that would count one more attempt.
    form._errors, form.cleaned_data = ErrorDict(), {}
    form.add_error(None, lockout_message(minutes_until_unlocked(request, username)))
    response = TemplateResponse(
        request,
        view.template_name,
        view.get_context_data(form=form),
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    add_never_cache_headers(response)
    return response.render()


def log_lockout(sender, request, username, ip_address, **kwargs):
    """``axes.signals.user_locked_out``: recorded once, when the limit is reached.

    Axes sends the signal again for every attempt refused during the lockout; those are not new
    lockouts (``axes_failures_since_start`` is only counted for an attempt that was let through).
    """
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    logger.warning(
        "Sign-in locked out: username %r from %s after %s failed attempts",
        username,
        ip_address,
        request.axes_failures_since_start,
    )
    if attempt is not None:
        log(
            attempt,
            "home.login_locked_out",
            title=lockout_title(username, ip_address),
            data={
                "username": username,
                "ip_address": ip_address,
                "failures": request.axes_failures_since_start,
            },
        )


def lockout_title(username, ip_address):
    return f"{username} @ {ip_address}"


# --- Sessions ----------------------------------------------------------------------------------

SESSION_STARTED = "_session_started_at"
SESSION_LAST_ACTIVE = "_session_last_active_at"
# The last-activity time is written at most this often, so an editor's clicks do not each cost
# a session write; the idle limit is exact to within this many seconds.
ACTIVITY_RESOLUTION = 60


def start_session_clock(sender, request, user, **kwargs):
    """``user_logged_in``: a session's age counts from the sign-in."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_LAST_ACTIVE] = now


class SessionLifetimeMiddleware:
    """Ends a signed-in session after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and
    ``SESSION_COOKIE_AGE`` seconds after the sign-in whatever the activity.

    Ending it is a logout: the session's row is deleted, so the cookie is worth nothing
    anywhere, and the next admin page asks to sign in again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check_session(request)
        return self.get_response(request)

    def check_session(self, request):
        session, now = request.session, time.time()
        started = session.setdefault(SESSION_STARTED, now)
        last_active = session.setdefault(SESSION_LAST_ACTIVE, now)
        idle = now - last_active > settings.SESSION_IDLE_TIMEOUT
        if idle or now - started > settings.SESSION_COOKIE_AGE:
            logout(request)
            messages.info(request, gettext("Your session has ended. Please sign in again."))
        elif now - last_active >= ACTIVITY_RESOLUTION:
            session[SESSION_LAST_ACTIVE] = now


# --- Password reset ----------------------------------------------------------------------------


class PreferredLanguagePasswordResetForm(PasswordResetForm):
    """Wagtail's password reset form, whose e-mail speaks the user's admin language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        profile = getattr(user, "wagtail_userprofile", None)
        # Without a preference, the language of the page the reset was asked from.
        language = profile.get_preferred_language() if profile else translation.get_language()
        context = {**context, "link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


# --- Group changes -----------------------------------------------------------------------------


def log_group_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``m2m_changed`` of ``User.groups``, from either side (user.groups or group.user_set)."""
    if action == "pre_clear":
        # Which groups a clear removes is only known before it.
        instance._groups_before_clear = list(
            instance.user_set.all() if reverse else instance.groups.all()
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pairs = [
            (other, instance) if reverse else (instance, other)
            for other in getattr(instance, "_groups_before_clear", [])
        ]
        action = "post_remove"
    else:
        others = model.objects.filter(pk__in=pk_set or ())
        pairs = [(other, instance) if reverse else (instance, other) for other in others]
    by_user = {}
    for user, group in pairs:
        by_user.setdefault(user, []).append(group.name)
    change = "added" if action == "post_add" else "removed"
    for user, names in by_user.items():
        logger.info("Groups of user %r %s: %s", user.get_username(), change, ", ".join(names))
        log(user, f"home.groups_{change}", data={"groups": sorted(names)})
