"""Two-factor sign-in to the admin: who must use it, the sign-in's verify step, setting it up from
the account page with recovery codes, turning it off, and the audit log of each.

Every sign-in goes through Wagtail's own /admin/login/ with a password, as a user's does; the
codes an authenticator app would show are computed from the device's key.
"""

import importlib
import logging
import re
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, ModelLogEntry, PageViewRestriction
from wagtail.users.models import UserProfile

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from tests.conftest import prefer_english_admin, user_in_role

ADMIN_HOME = "/admin/"
PAGES = "/admin/pages/"
SETUP = "/admin/account/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"
TURN_OFF = "/admin/account/two-factor/turn-off/"


def settings_module_value(monkeypatch, module, environ):
    """ADMIN_2FA_REQUIRED_FOR as the settings module computes it under ``environ``."""
    monkeypatch.delenv("ADMIN_2FA_REQUIRED_FOR", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(importlib.import_module(module)).ADMIN_2FA_REQUIRED_FOR


PRODUCTION_ENV = {
    "SECRET_KEY": "not-a-secret-production-like-settings-for-a-test",
    "WAGTAILADMIN_BASE_URL": "https://events.example.org",
}


@pytest.fixture
def production_scope(monkeypatch):
    return settings_module_value(monkeypatch, "cms_site.settings.production", PRODUCTION_ENV)


@pytest.fixture
def production_settings(settings, production_scope):
    """The site's test settings, with production's two-factor requirement."""
    settings.ADMIN_2FA_REQUIRED_FOR = production_scope
    return settings


@pytest.fixture
def no_throttling(settings):
    # django-otp refuses any code for 1 s after a wrong one; tests that go on right after a
    # wrong code would otherwise depend on timing (the throttling has its own test).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def superuser(django_user_model):
    return prefer_english_admin(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    )


def sign_in(client, username, password="pw"):
    """Wagtail's sign-in form; returns where it sends the browser, followed once."""
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": ADMIN_HOME}
    )
    assert response.status_code == 302, response.content
    return client.get(response["Location"])


def app_code(device):
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def with_authenticator(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def with_recovery_codes(user, codes):
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    for code in codes:
        device.token_set.create(token=code)
    return device


WRONG_CODE = "This code is not right. Check the time on your phone, or use a recovery code."
TOO_MANY_TRIES = "Too many wrong codes. Wait a minute, then try again."


def errors(response):
    """The error messages shown next to the code field, as the user reads them."""
    return [
        " ".join(message.split())
        for message in re.findall(
            r'<p class="error-message">(.*?)</p>', response.content.decode(), re.S
        )
    ]


def two_factor_log(user):
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk), action__startswith="home.two_factor")
        .order_by("timestamp", "pk")
        .values_list("action", "user_id")
    )


# --- Who must use it ------------------------------------------------------------------------


def test_production_requires_two_factor_of_superusers(monkeypatch):
    production = "cms_site.settings.production"

    assert settings_module_value(monkeypatch, production, PRODUCTION_ENV) == "superusers"
    everyone = {**PRODUCTION_ENV, "ADMIN_2FA_REQUIRED_FOR": "all"}
    assert settings_module_value(monkeypatch, production, everyone) == "all"
    with pytest.raises(ImproperlyConfigured, match="ADMIN_2FA_REQUIRED_FOR is 'nobody'"):
        settings_module_value(
            monkeypatch, production, {**PRODUCTION_ENV, "ADMIN_2FA_REQUIRED_FOR": "nobody"}
        )


def test_the_demo_requires_it_of_nobody_unless_asked(monkeypatch):
    development = "cms_site.settings.dev"
    # With a key of its own, the module does not write the checkout's .secret_key file.
    key = {"SECRET_KEY": "not-a-secret-development-settings-for-a-test"}

    assert settings_module_value(monkeypatch, development, key) == "nobody"
    asked = {**key, "ADMIN_2FA_REQUIRED_FOR": "superusers"}
    assert settings_module_value(monkeypatch, development, asked) == "superusers"


# --- An administrator under production settings ----------------------------------------------


@pytest.mark.django_db
def test_administrator_without_two_factor_can_reach_only_its_setup(
    client, production_settings, superuser
):
    landing = sign_in(client, "admin")

    # The password alone leads to the setup page, and to nothing else in the admin.
    assert landing.status_code == 302
    assert landing["Location"] == f"{SETUP}?next={ADMIN_HOME}"
    for path in (PAGES, "/admin/account/", "/admin/users/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, f"{SETUP}?next={path}")
    setup = client.get(landing["Location"])
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert setup.context["secret"].replace(" ", "") == device.config_url.split("secret=")[1][:32]
    assert "<svg" in setup.context["qr_code"]


@pytest.mark.django_db
def test_administrator_sets_up_two_factor_and_gets_recovery_codes(
    client, production_settings, superuser, no_throttling, caplog
):
    landing = sign_in(client, "admin")
    setup_url = landing["Location"]
    client.get(setup_url)
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)

    wrong = client.post(setup_url, {"code": "000000" if app_code(device) != "000000" else "1"})
    assert wrong.status_code == 200
    assert errors(wrong) == [
        "This code is not right. Check the time on your phone and enter the newest code."
    ]
    assert client.get(PAGES)["Location"] == f"{SETUP}?next={PAGES}"

    with caplog.at_level(logging.INFO, logger="cms_site.two_factor"):
        done = client.post(setup_url, {"code": app_code(device), "next": ADMIN_HOME})

    assert done.status_code == 200
    stored = set(StaticToken.objects.filter(device__user=superuser).values_list("token", flat=True))
    assert len(done.context["codes"]) == 10
    assert set(done.context["codes"]) == stored
    assert done.context["continue_url"] == ADMIN_HOME
    device.refresh_from_db()
    assert device.confirmed
    # This session gave its code while setting up: the whole admin is open to it.
    assert client.get(PAGES).status_code == 200
    assert two_factor_log(superuser) == [("home.two_factor.on", superuser.pk)]
    assert [record.getMessage() for record in caplog.records] == [
        "home.two_factor.on: admin (127.0.0.1)"
    ]


@pytest.mark.django_db
def test_administrator_with_two_factor_gives_a_code_after_the_password(
    client, production_settings, superuser, no_throttling
):
    device = with_authenticator(superuser)

    landing = sign_in(client, "admin")

    assert (landing.status_code, landing["Location"]) == (302, f"{VERIFY}?next={ADMIN_HOME}")
    assert client.get(PAGES)["Location"] == f"{VERIFY}?next={PAGES}"
    verify = client.get(landing["Location"])
    assert verify.status_code == 200
    assert verify.context["next"] == ADMIN_HOME

    wrong_code = "123456" if app_code(device) != "123456" else "654321"
    wrong = client.post(VERIFY, {"code": wrong_code, "next": PAGES})
    assert wrong.status_code == 200
    assert errors(wrong) == [WRONG_CODE]
    assert client.get(PAGES).status_code == 302

    right = client.post(VERIFY, {"code": app_code(device), "next": PAGES})
    assert (right.status_code, right["Location"]) == (302, PAGES)
    assert client.get(PAGES).status_code == 200


@pytest.mark.django_db
def test_a_code_right_after_a_wrong_one_is_refused_for_a_moment(
    client, production_settings, superuser
):
    device = with_authenticator(superuser)
    sign_in(client, "admin")

    client.post(VERIFY, {"code": "000000" if app_code(device) != "000000" else "111111"})
    right_too_soon = client.post(VERIFY, {"code": app_code(device)})

    assert errors(right_too_soon) == [TOO_MANY_TRIES]
    assert client.get(PAGES).status_code == 302


@pytest.mark.django_db
def test_the_verify_step_sends_nowhere_outside_the_site(client, production_settings, superuser):
    device = with_authenticator(superuser)
    sign_in(client, "admin")

    response = client.post(VERIFY, {"code": app_code(device), "next": "https://evil.example/"})

    assert (response.status_code, response["Location"]) == (302, ADMIN_HOME)


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client, production_settings, superuser, no_throttling):
    with_authenticator(superuser)
    with_recovery_codes(superuser, ["aaaabbbb", "ccccdddd"])

    sign_in(client, "admin")
    used = client.post(VERIFY, {"code": "AAAA BBBB", "next": PAGES}, follow=True)

    assert used.redirect_chain == [(PAGES, 302)]
    assert [str(message) for message in used.context["messages"]] == [
        "You signed in with a recovery code; 1 is left. Make new ones under "
        "Account › Two-factor sign-in."
    ]
    assert two_factor_log(superuser) == [("home.two_factor.recovery_code_used", superuser.pk)]

    client.post("/admin/logout/")
    sign_in(client, "admin")
    again = client.post(VERIFY, {"code": "aaaabbbb", "next": PAGES})
    assert errors(again) == [WRONG_CODE]
    assert client.get(PAGES).status_code == 302
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["ccccdddd"]


@pytest.mark.django_db
def test_an_administrator_cannot_turn_off_what_production_requires(
    client, production_settings, superuser
):
    device = with_authenticator(superuser)
    sign_in(client, "admin")
    client.post(VERIFY, {"code": app_code(device)})

    response = client.post(TURN_OFF, {"code": "999999"}, follow=True)

    assert response.redirect_chain == [("/admin/account/two-factor/", 302)]
    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).count() == 1
    assert two_factor_log(superuser) == []


# --- Editors and translators ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", [COMMUNICATIONS_EDITORS, TRANSLATORS])
def test_the_setting_for_all_accounts_sends_editors_and_translators_to_setup(
    client, settings, role
):
    settings.ADMIN_2FA_REQUIRED_FOR = "all"
    user_in_role("someone", role)

    landing = sign_in(client, "someone")

    assert (landing.status_code, landing["Location"]) == (302, f"{SETUP}?next={ADMIN_HOME}")
    assert client.get(PAGES)["Location"] == f"{SETUP}?next={PAGES}"


@pytest.mark.django_db
def test_production_lets_editors_in_with_the_password_alone(client, production_settings):
    user_in_role("editor", COMMUNICATIONS_EDITORS)

    assert sign_in(client, "editor").status_code == 200
    assert client.get("/admin/account/").status_code == 200


# --- The demo and development: optional -------------------------------------------------------


@pytest.mark.django_db
def test_nobody_is_made_to_use_it_when_it_is_required_of_nobody(client, settings, superuser):
    settings.ADMIN_2FA_REQUIRED_FOR = "nobody"

    assert sign_in(client, "admin").status_code == 200
    assert client.get(PAGES).status_code == 200


@pytest.mark.django_db
def test_turning_it_on_and_off_from_the_account_page_is_logged(
    client, settings, superuser, no_throttling
):
    settings.ADMIN_2FA_REQUIRED_FOR = "nobody"
    sign_in(client, "admin")
    account = client.get("/admin/account/").content.decode()
    item = re.search(
        r'<a href="/admin/account/two-factor/" class="[^"]*">(.*?)</a>\s*</div>\s*'
        r'<small class="col6">(.*?)</small>',
        account,
    )
    assert item.groups() == (
        "Two-factor sign-in",
        "Off: protect your account with a code from an authenticator app.",
    )

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    client.post(SETUP, {"code": app_code(device)})
    assert TOTPDevice.objects.get(user=superuser).confirmed

    # A wrong code turns nothing off.
    wrong = client.post(TURN_OFF, {"code": "not-a-code"})
    assert errors(wrong) == [WRONG_CODE]
    assert TOTPDevice.objects.filter(user=superuser).exists()

    recovery_code = StaticToken.objects.filter(device__user=superuser).first().token
    off = client.post(TURN_OFF, {"code": recovery_code})

    assert (off.status_code, off["Location"]) == (302, "/admin/account/two-factor/")
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert not StaticDevice.objects.filter(user=superuser).exists()
    assert two_factor_log(superuser) == [
        ("home.two_factor.on", superuser.pk),
        ("home.two_factor.off", superuser.pk),
    ]
    history = client.get(f"/admin/users/history/{superuser.pk}/")
    assert history.status_code == 200
    assert re.findall(r"Two-factor sign-in turned (?:on|off)", history.content.decode()) == [
        "Two-factor sign-in turned off",
        "Two-factor sign-in turned on",
    ]


@pytest.mark.django_db
def test_a_code_from_the_server_lets_in_a_user_who_lost_the_phone(
    client, production_settings, superuser
):
    with_authenticator(superuser)
    output = StringIO()
    call_command("addstatictoken", "admin", stdout=output)

    sign_in(client, "admin")
    response = client.post(VERIFY, {"code": output.getvalue().strip(), "next": SETUP})

    assert (response.status_code, response["Location"]) == (302, SETUP)
    assert client.get(SETUP).status_code == 200


# --- In Serbian ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "error"),
    [
        (
            "sr-latn",
            "Unesite kod",
            "Kod nije ispravan. Proverite vreme na telefonu ili upotrebite kod za oporavak.",
        ),
        (
            "sr-cyrl",
            "Унесите код",
            "Код није исправан. Проверите време на телефону или употребите код за опоравак.",
        ),
    ],
)
def test_the_verify_step_speaks_the_users_admin_language(
    client, production_settings, superuser, language, heading, error
):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = language
    profile.save()
    with_authenticator(superuser)
    sign_in(client, "admin")

    response = client.post(VERIFY, {"code": "12"})

    assert re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1) == heading
    assert errors(response) == [error]


# --- Pages and documents only signed-in users may see -----------------------------------------


@pytest.mark.django_db
def test_a_page_for_signed_in_users_waits_for_the_second_factor(
    client, production_settings, superuser, home_pages
):
    device = with_authenticator(superuser)
    PageViewRestriction.objects.create(page=home_pages["sr-latn"], restriction_type="login")
    sign_in(client, "admin")

    before = client.get("/sr-latn/")
    client.post(VERIFY, {"code": app_code(device)})
    after = client.get("/sr-latn/")

    assert (before.status_code, before["Location"]) == (302, f"{VERIFY}?next=/sr-latn/")
    assert after.status_code == 200


@pytest.mark.django_db
def test_a_document_for_signed_in_users_waits_for_the_second_factor(
    client, production_settings, superuser, isolated_media
):
    device = with_authenticator(superuser)
    private = Collection.get_first_root_node().add_child(name="Board")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = get_document_model().objects.create(
        title="Minutes", collection=private, file=ContentFile(b"minutes", name="minutes.txt")
    )
    sign_in(client, "admin")

    before = client.get(document.url)
    client.post(VERIFY, {"code": app_code(device)})
    after = client.get(document.url)

    assert (before.status_code, before["Location"]) == (302, f"{VERIFY}?next={document.url}")
    assert (after.status_code, b"".join(after.streaming_content)) == (200, b"minutes")
