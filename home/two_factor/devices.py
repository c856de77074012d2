"""A user's authenticator (one confirmed TOTP device) and recovery codes (one static device).

Turning two-factor sign-in on or off, and signing in with a recovery code, are written to
Wagtail's audit log against the user (Reports > Site history, and the user's history), and to
the ``cms_site.two_factor`` logger.
"""

import logging

import django_otp
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

logger = logging.getLogger("cms_site.two_factor")

RECOVERY_CODE_COUNT = 10

TURNED_ON = "home.two_factor.on"
TURNED_OFF = "home.two_factor.off"
RECOVERY_CODES_RENEWED = "home.two_factor.recovery_codes"
RECOVERY_CODE_USED = "home.two_factor.recovery_code_used"


def has_two_factor(user):
    return django_otp.user_has_device(user, confirmed=True)


def authenticator_of(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_authenticator(user):
    """The authenticator being set up: the same secret until it is confirmed, so reloading the
    setup page does not invalidate what the user's app has already scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with a fresh set and return it (shown once, never kept
    anywhere else than as the tokens django-otp checks)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def turn_on(request, device):
    """Confirm ``device`` as the user's only authenticator, mark this session as verified with
    it and return the new recovery codes."""
    user = request.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    django_otp.login(request, device)
    record(request, TURNED_ON)
    return codes


@transaction.atomic
def turn_off(request):
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(request, TURNED_OFF)


def renew_recovery_codes(request):
    codes = new_recovery_codes(request.user)
    record(request, RECOVERY_CODES_RENEWED)
    return codes


def verify(request, device):
    """Mark this session as having given its second factor with ``device``."""
    django_otp.login(request, device)
    # A new session key once the sign-in is complete, as Django does after the password.
    request.session.cycle_key()
    if isinstance(device, StaticDevice):
        record(request, RECOVERY_CODE_USED)


def record(request, action):
    # request.user is a lazy object, which Wagtail's audit log cannot look up a log model for.
    user = get_user_model()._default_manager.get(pk=request.user.pk)
    log(user, action, user=user)
    logger.info("%s: %s (%s)", action, user.get_username(), request.META.get("REMOTE_ADDR", ""))
