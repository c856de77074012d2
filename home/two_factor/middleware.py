"""Keeps a session that owes a second factor out of the admin, except for the sign-in steps."""

from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

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
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        # Wagtail itself turns away accounts without admin access.
        if not user.has_perm("wagtailadmin.access_admin"):
            return None
        url_name = self.url_name(request)
        if url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if has_two_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("two_factor_verify"))
        if not two_factor_required(user) or url_name in OPEN_BEFORE_SETUP:
            return None
        return redirect_to_login(request.get_full_path(), reverse("two_factor_setup"))

    @staticmethod
    def url_name(request):
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None
