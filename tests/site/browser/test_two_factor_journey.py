"""An administrator who must use two-factor sign-in sets it up in a browser, as a person does:
password, the setup page, the key typed into an app (computed here), the recovery codes, and
then a later sign-in with a code."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import prefer_english_admin

from .content import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def code_for(secret, last_used=None):
    """What an authenticator app shows for the key, or the next one after a used code."""
    key = b32decode(secret.replace(" ", ""))
    code = f"{totp(key):06d}"
    if code == last_used:
        # A code is accepted once: an app shows the next one 30 seconds later.
        code = f"{totp(key, drift=1):06d}"
    return code


def password_step(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_administrator_sets_up_two_factor_and_signs_in_with_a_code(
    page, live_server, settings, screenshots_dir
):
    settings.ADMIN_2FA_REQUIRED_FOR = "superusers"
    prefer_english_admin(
        get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    )

    password_step(page, "chief")
    page.wait_for_url(re.compile(r"/admin/account/two-factor/set-up/\?next=/admin/$"))
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    page.screenshot(path=screenshots_dir / "two-factor-setup-1280px.png", full_page=True)
    secret = page.locator("#two-factor-key").inner_text()
    first_code = code_for(secret)
    page.get_by_label("Code from the app").fill(first_code)
    page.get_by_role("button", name="Turn on").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator(".two-factor-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="I have kept them, continue").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert TOTPDevice.objects.get(user__username="chief").confirmed

    page.context.clear_cookies()
    password_step(page, "chief")
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/\?next=/admin/$"))
    page.screenshot(path=screenshots_dir / "two-factor-verify-1280px.png", full_page=True)
    page.get_by_label("Code").fill(code_for(secret, last_used=first_code))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    # The dashboard, headed with the site's name.
    expect(page.get_by_role("heading", level=1)).to_have_text(settings.WAGTAIL_SITE_NAME)
