"""One field forms for a code: from the authenticator app, or a recovery code."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

WRONG_CODE = _("This code is not right. Check the time on your phone, or use a recovery code.")
TOO_MANY_TRIES = _("Too many wrong codes. Wait a minute, then try again.")


def normalised(code):
    # Apps show "123 456"; recovery codes are read out of a printout, in any case.
    return "".join(code.split()).lower()


def is_app_code(code):
    return len(code) == 6 and code.isdigit()


class CodeForm(forms.Form):
    """Checks a code against the user's confirmed devices; ``device`` is the one that took it.

    A six-digit code is checked only against the authenticator and anything else only against the
    recovery codes, so that neither counts towards the other's throttling."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "autofocus": True}
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def devices(self, code):
        model = TOTPDevice if is_app_code(code) else StaticDevice
        return model.objects.devices_for_user(self.user, confirmed=True).select_for_update()

    def clean_code(self):
        code = normalised(self.cleaned_data["code"])
        with transaction.atomic():
            devices = list(self.devices(code))
            if devices and not any(device.verify_is_allowed()[0] for device in devices):
                raise forms.ValidationError(TOO_MANY_TRIES, code="throttled")
            self.device = next((device for device in devices if device.verify_token(code)), None)
        if self.device is None:
            raise forms.ValidationError(WRONG_CODE, code="invalid")
        return code


class SetupCodeForm(forms.Form):
    """Confirms the authenticator being set up with a code it shows."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        help_text=_("The six digits the app now shows for this site."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = normalised(self.cleaned_data["code"])
        if not self.device.verify_is_allowed()[0]:
            raise forms.ValidationError(TOO_MANY_TRIES, code="throttled")
        if not (is_app_code(code) and self.device.verify_token(code)):
            raise forms.ValidationError(
                _(
                    "This code is not right. Check the time on your phone and enter the newest code."
                ),
                code="invalid",
            )
        return code
