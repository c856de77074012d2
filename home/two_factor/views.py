"""The verify step of the sign-in, and the account page's two-factor pages."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import devices
from .forms import CodeForm, SetupCodeForm
from .policy import two_factor_required


def safe_next_url(request, default):
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else default


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class VerifyView(FormView):
    """The sign-in's second step, after the password: a code from the app or a recovery code."""

    template_name = "two_factor/verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified() or not devices.has_two_factor(request.user):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_success_url(), **kwargs)

    def form_valid(self, form):
        devices.verify(self.request, form.device)
        if isinstance(form.device, StaticDevice):
            left = devices.recovery_codes_left(self.request.user)
            messages.warning(
                self.request,
                ngettext(
                    "You signed in with a recovery code; %(count)d is left. Make new ones "
                    "under Account › Two-factor sign-in.",
                    "You signed in with a recovery code; %(count)d are left. Make new ones "
                    "under Account › Two-factor sign-in.",
                    left,
                )
                % {"count": left},
            )
        return super().form_valid(form)

    def get_success_url(self):
        return safe_next_url(self.request, reverse("wagtailadmin_home"))


class TwoFactorPageMixin(WagtailAdminTemplateMixin):
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": reverse("two_factor"), "label": _("Two-factor sign-in")},
            {"url": "", "label": self.get_page_title()},
        ]


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Account › Two-factor sign-in: whether it is on, and what can be done about it."""

    template_name = "two_factor/overview.html"
    page_title = _("Two-factor sign-in")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            enabled=devices.has_two_factor(user),
            required=two_factor_required(user),
            recovery_codes_left=devices.recovery_codes_left(user),
            **kwargs,
        )


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class SetupView(TwoFactorPageMixin, FormView):
    """Scan a QR code (or type the key) into an authenticator app, confirm with a code it shows,
    and take the recovery codes. Done again, it moves two-factor sign-in to a new phone."""

    template_name = "two_factor/setup.html"
    form_class = SetupCodeForm
    page_title = _("Set up two-factor sign-in")

    def get_form_kwargs(self):
        self.device = devices.pending_authenticator(self.request.user)
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qr_code = segno.make(self.device.config_url, error="m")
        secret = b32encode(self.device.bin_key).decode()
        return {
            **context,
            # Black on white whatever the admin's theme: a phone cannot read it on dark grey.
            "qr_code": mark_safe(
                qr_code.svg_inline(scale=5, border=4, dark="#000", light="#fff", svgclass=None)
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": two_factor_required(self.request.user),
            "next": safe_next_url(self.request, ""),
        }

    def form_valid(self, form):
        codes = devices.turn_on(self.request, self.device)
        messages.success(self.request, _("Two-factor sign-in is on."))
        return recovery_codes_response(
            self.request, codes, safe_next_url(self.request, reverse("two_factor"))
        )


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class CodeConfirmedActionView(TwoFactorPageMixin, FormView):
    """A change to two-factor sign-in that a current code must confirm."""

    template_name = "two_factor/confirm.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not devices.has_two_factor(request.user):
            return redirect("two_factor")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class TurnOffView(CodeConfirmedActionView):
    page_title = _("Turn off two-factor sign-in")
    extra_context = {
        "explanation": _(
            "Your authenticator app and recovery codes will no longer work here, and you will "
            "sign in with your password alone."
        ),
        "submit_label": _("Turn off"),
        "danger": True,
    }

    def dispatch(self, request, *args, **kwargs):
        if two_factor_required(request.user):
            messages.error(
                request,
                _(
                    "Two-factor sign-in is required for your account. To move it to a new phone, "
                    "set it up again."
                ),
            )
            return redirect("two_factor")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        devices.turn_off(self.request)
        messages.success(self.request, _("Two-factor sign-in is off."))
        return redirect("two_factor")


class RecoveryCodesView(CodeConfirmedActionView):
    page_title = _("New recovery codes")
    extra_context = {
        "explanation": _("Your current recovery codes will stop working."),
        "submit_label": _("Make new recovery codes"),
    }

    def form_valid(self, form):
        codes = devices.renew_recovery_codes(self.request)
        return recovery_codes_response(self.request, codes, reverse("two_factor"))


def recovery_codes_response(request, codes, continue_url):
    """The recovery codes, shown in the response to the POST that made them and never again."""
    view = RecoveryCodesPage(request=request)
    return TemplateResponse(
        request,
        "two_factor/recovery_codes.html",
        view.get_context_data(codes=codes, continue_url=continue_url),
    )


class RecoveryCodesPage(TwoFactorPageMixin, TemplateView):
    page_title = _("Your recovery codes")
