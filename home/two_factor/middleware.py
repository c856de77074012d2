"""Keeps a session that owes a second factor out of the admin, except for the sign-in steps,
and away from pages and documents restricted to signed-in users."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse
from wagtail.models import BaseViewRestriction

from .devices import has_two_factor
from .policy import two_factor_required

# Reachable before the second factor: signing in and out, and what their pages load.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
}
# Also reachable by a user who must use two-factor sign-in and has not set it up yet.
OPEN_BEFORE_SETUP = {"two_factor_setup"}
SIGNED_IN_RESTRICTIONS = {BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS}


class TwoFactorMiddleware:
    """Runs after django-otp's ``OTPMiddleware``, which gives ``request.user.is_verified()``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.redirect(request) or self.get_response(request)

    def redirect(self, request):
        # The path first: public pages must not touch the session (it would add Vary: Cookie).
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        url_name = self.url_name(request)
        if url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        return second_factor_redirect(request, url_name)

    @staticmethod
    def url_name(request):
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None


def second_factor_redirect(request, url_name=None):
    """The verify step (or the setup page) for a signed-in user whose session owes a second
    factor; None for anyone else."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    # Wagtail itself turns away accounts without admin access, and only they can set it up.
    if not user.has_perm("wagtailadmin.access_admin"):
        return None
    if has_two_factor(user):
        return redirect_to_login(request.get_full_path(), reverse("two_factor_verify"))
    if two_factor_required(user) and url_name not in OPEN_BEFORE_SETUP:
        return redirect_to_login(request.get_full_path(), reverse("two_factor_setup"))
    return None


def restricted_content_redirect(request, restrictions):
    """For a page or a document that only signed-in users (or some groups) may see: the same
    step, so that a password alone does not open what the second factor protects."""
    # No session cookie, no one signed in: nothing to check, and no query for the restrictions.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    if not any(r.restriction_type in SIGNED_IN_RESTRICTIONS for r in restrictions):
        return None
    return second_factor_redirect(request)
