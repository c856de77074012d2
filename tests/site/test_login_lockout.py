"""Failed sign-ins lock a username out from one address, through Wagtail's real sign-in page.

The lockout, its message in the three admin languages, its end after the cool-off, the client's
address behind the production proxy (X-Forwarded-For believed only from a trusted proxy), the
administrators' "Sign-in lockouts" listing with "Lift lockout", and the audit log entries.
"""

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS
from tests.conftest import client_in_role

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "the-right-password-7"
LOGIN = "/admin/login/"
LOCKOUTS = "/admin/login-lockouts/"
PROXY = "10.0.0.2"
# What the production settings hold (cms_site/settings/production.py) with TRUSTED_PROXIES set.
BEHIND_PROXY = override_settings(TRUSTED_PROXIES=["127.0.0.1", "::1", PROXY])

LOCKED_MESSAGE = {
    "en": "Too many failed sign-in attempts. Signing in to this account from your address is "
    "paused: try again in {minutes} minutes.",
    "sr-latn": "Previše neuspelih pokušaja prijave. Prijava na ovaj nalog sa vaše adrese je "
    "privremeno onemogućena: pokušajte ponovo za {minutes} minuta.",
    "sr-cyrl": "Превише неуспелих покушаја пријаве. Пријава на овај налог са ваше адресе је "
    "привремено онемогућена: покушајте поново за {minutes} минута.",
}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD)


def sign_in(client, password, username="editor", language="en", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        HTTP_ACCEPT_LANGUAGE=language,
        **headers,
    )


def errors(response):
    """The messages in the sign-in page's error list, as a reader sees them."""
    html = response.content.decode()
    found = re.findall(r'<li class="error">(.*?)</li>', html, re.S)
    return [unescape(re.sub(r"\s+", " ", text).strip()) for text in found]


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, times, **kwargs):
    return [sign_in(client, "wrong", **kwargs) for _ in range(times)]


def test_five_wrong_passwords_lock_the_username_out_even_with_the_right_one(editor, settings):
    client = Client()
    before = fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert [response.status_code for response in before] == [200] * 4
    assert errors(before[-1]) == ["Your username and password didn't match. Please try again."]

    fifth = sign_in(client, "wrong")
    right = sign_in(client, PASSWORD)

    expected = [LOCKED_MESSAGE["en"].format(minutes=15)]
    assert (fifth.status_code, errors(fifth)) == (429, expected)
    assert (right.status_code, errors(right)) == (429, expected)
    # Wagtail's sign-in page, with the username kept and the password not sent back.
    html = right.content.decode()
    assert '<form class="login-form" action="/admin/login/" method="post"' in html
    assert re.search(r'<input type="text" name="username" value="editor"', html)
    assert PASSWORD not in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", ["sr-latn", "sr-cyrl", "en"])
def test_the_lockout_message_speaks_the_sign_in_pages_language(editor, language):
    client = Client()
    fail(client, 5, language=language)
    response = sign_in(client, PASSWORD, language=language)
    assert errors(response) == [LOCKED_MESSAGE[language].format(minutes=15)]


def test_the_lockout_ends_after_the_cool_off_and_the_page_counts_down(editor):
    client = Client()
    with freeze_time("2026-03-02 10:00:00") as clock:
        fail(client, 5)
        clock.tick(timedelta(minutes=11))
        assert errors(sign_in(client, PASSWORD)) == [LOCKED_MESSAGE["en"].format(minutes=4)]
        clock.tick(timedelta(minutes=3, seconds=30))
        assert errors(sign_in(client, PASSWORD)) == [
            "Too many failed sign-in attempts. Signing in to this account from your address is "
            "paused: try again in 1 minute."
        ]
        clock.tick(timedelta(minutes=1))
        assert signed_in(sign_in(client, PASSWORD))


def test_attempts_during_the_lockout_do_not_extend_it(editor):
    client = Client()
    with freeze_time("2026-03-02 10:00:00") as clock:
        fail(client, 5)
        for _ in range(14):
            clock.tick(timedelta(minutes=1))
            assert sign_in(client, "wrong").status_code == 429
        clock.tick(timedelta(minutes=1, seconds=1))
        assert signed_in(sign_in(client, PASSWORD))


def test_a_successful_sign_in_forgets_the_earlier_failures(editor):
    client = Client()
    fail(client, 4)
    assert signed_in(sign_in(client, PASSWORD))
    assert AccessAttempt.objects.count() == 0
    # Four more failures are not a lockout: the count started again.
    fail(Client(), 4)
    assert signed_in(sign_in(Client(), PASSWORD))


def test_the_lockout_is_for_that_username_only(editor):
    get_user_model().objects.create_user("translator", "t@example.org", PASSWORD)
    client = Client()
    fail(client, 5)
    assert signed_in(sign_in(client, PASSWORD, username="translator"))


def test_an_unknown_username_is_locked_out_with_the_same_page(editor):
    client = Client()
    fail(client, 5, username="nobody")
    unknown = sign_in(client, "wrong", username="nobody")
    fail(Client(), 5)
    known = sign_in(Client(), "wrong")
    assert (unknown.status_code, errors(unknown)) == (known.status_code, errors(known))


def test_lockouts_are_counted_in_the_database(editor):
    fail(Client(), 3)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "editor",
        "127.0.0.1",
        3,
    )


# --- Behind the reverse proxy --------------------------------------------------------------------


def through_proxy(client, password, client_address, spoofed=None):
    """A request as nginx passes it on: the client's own X-Forwarded-For, if any, with the
    address nginx saw appended; the connection comes from the proxy."""
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return sign_in(client, password, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@BEHIND_PROXY
def test_behind_the_proxy_each_client_address_is_counted_on_its_own(editor):
    fail_from_a = [through_proxy(Client(), "wrong", "203.0.113.7") for _ in range(5)]
    assert fail_from_a[-1].status_code == 429
    assert through_proxy(Client(), PASSWORD, "203.0.113.7").status_code == 429
    # Another client behind the same proxy is not locked out by the first one's failures.
    assert signed_in(through_proxy(Client(), PASSWORD, "198.51.100.20"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@BEHIND_PROXY
def test_a_spoofed_forwarded_address_does_not_escape_the_lockout(editor):
    for _ in range(5):
        through_proxy(Client(), "wrong", "203.0.113.7")
    # The attacker writes a new address into X-Forwarded-For each time; nginx appends the real one.
    for fake in ("198.51.100.1", "198.51.100.2", PROXY):
        response = through_proxy(Client(), PASSWORD, "203.0.113.7", spoofed=fake)
        assert (response.status_code, errors(response)) == (
            429,
            [LOCKED_MESSAGE["en"].format(minutes=15)],
        )


@BEHIND_PROXY
def test_a_forwarded_address_from_an_untrusted_client_is_ignored(editor):
    # Straight to the app server, not through the proxy: X-Forwarded-For is the client's word.
    for number in range(5):
        sign_in(
            Client(),
            "wrong",
            REMOTE_ADDR="203.0.113.99",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    response = sign_in(
        Client(), PASSWORD, REMOTE_ADDR="203.0.113.99", HTTP_X_FORWARDED_FOR="198.51.100.200"
    )
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.99"]


@BEHIND_PROXY
def test_a_chain_of_trusted_proxies_is_walked_to_the_client(editor):
    # A load balancer (127.0.0.1) in front of nginx (10.0.0.2), both trusted.
    fail_chain = "203.0.113.7, 127.0.0.1"
    for _ in range(5):
        sign_in(Client(), "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=fail_chain)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]


def test_without_trusted_proxies_the_connection_is_the_client(editor, settings):
    settings.TRUSTED_PROXIES = []
    for number in range(5):
        sign_in(Client(), "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


# --- Sign-in lockouts in the admin -----------------------------------------------------------------


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    if response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    ):
        return "denied"
    return "allowed"


@pytest.fixture
def locked_out(editor):
    fail(Client(), 5)
    return AccessAttempt.objects.get()


@pytest.fixture
def clients(home_pages, admin_client):
    return {
        "anonymous": Client(),
        "translator": client_in_role("translator", TRANSLATORS),
        "editor": client_in_role("communications", COMMUNICATIONS_EDITORS),
        "superuser": admin_client,
    }


ROLES = ["anonymous", "translator", "editor", "superuser"]
# Who may see the lockouts and lift one: administrators only (docs/security.md, "Roles").
LOCKOUT_MATRIX = {
    "list": ["login", "denied", "denied", "allowed"],
    "lift (confirm)": ["login", "denied", "denied", "allowed"],
    "lift": ["login", "denied", "denied", "allowed"],
}


def test_permission_matrix_of_the_sign_in_lockouts(clients, locked_out):
    lift_url = f"{LOCKOUTS}delete/{locked_out.pk}/"
    requests = {
        "list": lambda client: client.get(LOCKOUTS),
        "lift (confirm)": lambda client: client.get(lift_url),
        "lift": lambda client: client.post(lift_url),
    }
    seen = {
        action: [outcome(request(clients[role])) for role in ROLES]
        for action, request in requests.items()
    }
    assert seen == LOCKOUT_MATRIX


def test_only_administrators_see_the_menu_item(clients):
    for role, shown in (("editor", False), ("translator", False), ("superuser", True)):
        html = clients[role].get("/admin/").content.decode()
        assert (LOCKOUTS in html) is shown, role


def test_no_group_can_be_granted_the_lockouts(admin_client):
    html = admin_client.get("/admin/groups/new/").content.decode()
    assert "access attempt" not in html.lower()


def test_an_administrator_sees_the_lockout_and_lifts_it(admin_client, locked_out):
    listing = admin_client.get(LOCKOUTS).content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", listing, re.S).group(1)
    cells = [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
    ]
    unlocked_at = timezone.localtime(locked_out.attempt_time + timedelta(minutes=15))
    assert cells[:3] == ["editor Lift lockout", "127.0.0.1", f"Locked until {unlocked_at:%H:%M}"]
    assert f'href="{LOCKOUTS}delete/{locked_out.pk}/"' in listing

    confirm = admin_client.get(f"{LOCKOUTS}delete/{locked_out.pk}/").content.decode()
    assert (
        "Forget the failed sign-ins of “editor” from 127.0.0.1? They can sign in again at once."
        in confirm
    )
    lifted = admin_client.post(f"{LOCKOUTS}delete/{locked_out.pk}/", follow=True)

    assert AccessAttempt.objects.count() == 0
    assert "Lockout of “editor” from 127.0.0.1 lifted." in lifted.content.decode()
    assert signed_in(sign_in(Client(), PASSWORD))


def test_lifting_covers_every_browser_of_that_username_and_address(admin_client, editor):
    for agent in ("Firefox", "Chromium"):
        fail(Client(), 3, HTTP_USER_AGENT=agent)
    assert sign_in(Client(), PASSWORD).status_code == 429
    first = AccessAttempt.objects.first()
    admin_client.post(f"{LOCKOUTS}delete/{first.pk}/")
    assert signed_in(sign_in(Client(), PASSWORD))


def test_the_listing_in_serbian(admin_client, admin_user, locked_out):
    profile = admin_user.wagtail_userprofile
    profile.preferred_language = "sr-latn"
    profile.save()
    html = admin_client.get(LOCKOUTS).content.decode()
    assert "<title>Blokirane prijave" in html
    assert "Ukloni blokadu" in html
    assert "Blokirano do " in html


# --- Who did what ----------------------------------------------------------------------------------


def entries(action):
    return [
        (entry.label, entry.user_id, entry.data)
        for entry in ModelLogEntry.objects.filter(action=action).order_by("timestamp")
    ]


def test_a_lockout_and_its_lifting_are_in_the_audit_log(admin_client, admin_user, locked_out):
    # Attempts refused during the lockout are not new lockouts.
    sign_in(Client(), PASSWORD)
    admin_client.post(f"{LOCKOUTS}delete/{locked_out.pk}/")

    assert entries("home.login_locked_out") == [
        (
            "editor @ 127.0.0.1",
            None,
            {"username": "editor", "ip_address": "127.0.0.1", "failures": 5},
        )
    ]
    assert entries("home.lockout_lifted") == [
        ("editor @ 127.0.0.1", admin_user.pk, {"username": "editor", "ip_address": "127.0.0.1"})
    ]
    history = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Locked out after failed sign-ins" in history
    assert "Sign-in lockout lifted" in history


def test_a_lockout_is_written_to_the_log(editor, caplog):
    fail(Client(), 5)
    assert [
        record.getMessage() for record in caplog.records if record.name == "home.login_security"
    ] == ["Sign-in locked out: username 'editor' from 127.0.0.1 after 5 failed attempts"]


def test_group_changes_in_the_admin_are_in_the_audit_log(admin_client, admin_user, home_pages):
    editor = client_in_role("someone", TRANSLATORS) and get_user_model().objects.get(
        username="someone"
    )
    ModelLogEntry.objects.filter(action__startswith="home.groups").delete()
    editors = Group.objects.get(name=COMMUNICATIONS_EDITORS)
    edit_url = f"/admin/users/edit/{editor.pk}/"
    form = admin_client.get(edit_url).content.decode()
    data = {
        "username": editor.username,
        "email": editor.email,
        "first_name": "Sima",
        "last_name": "Simić",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [str(editors.pk)],
    }
    assert 'name="groups"' in form
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert sorted(
        (entry.action, entry.user_id, entry.data["groups"])
        for entry in ModelLogEntry.objects.filter(action__startswith="home.groups")
    ) == [
        ("home.groups_added", admin_user.pk, [COMMUNICATIONS_EDITORS]),
        ("home.groups_removed", admin_user.pk, [TRANSLATORS]),
    ]
    history = admin_client.get(f"/admin/users/history/{editor.pk}/").content.decode()
    assert f"Added to groups: {COMMUNICATIONS_EDITORS}" in history
    assert f"Removed from groups: {TRANSLATORS}" in history


def test_members_added_from_the_group_side_are_logged(admin_user, editor):
    group = Group.objects.create(name="Reviewers")
    group.user_set.add(editor)
    group.user_set.clear()
    assert sorted(
        (entry.action, entry.object_id, entry.data["groups"])
        for entry in ModelLogEntry.objects.filter(action__startswith="home.groups")
    ) == [
        ("home.groups_added", str(editor.pk), ["Reviewers"]),
        ("home.groups_removed", str(editor.pk), ["Reviewers"]),
    ]


# --- Production reads the numbers and the proxies from the environment ------------------------------


SIGN_IN_SETTINGS = [
    "TRUSTED_PROXIES",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "SESSION_IDLE_TIMEOUT",
    "SESSION_COOKIE_AGE",
]


def production_settings(names=SIGN_IN_SETTINGS, **environment):
    """The named settings as cms_site.settings.production makes them from ``environment``."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: str(getattr(settings, name)) for name in {names!r}}}))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": "production-settings-test-" + "x" * 40,
        "WAGTAILADMIN_BASE_URL": "https://events.example.org",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=ROOT
    )
    return result.returncode, json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_production_trusts_only_a_local_proxy_unless_told_otherwise():
    assert production_settings() == (
        0,
        {
            "TRUSTED_PROXIES": "['127.0.0.1', '::1']",
            "AXES_FAILURE_LIMIT": "5",
            "AXES_COOLOFF_TIME": "0:15:00",
            "SESSION_IDLE_TIMEOUT": "1800",
            "SESSION_COOKIE_AGE": "36000",
        },
    )


def test_production_reads_the_proxies_and_the_limits_from_the_environment():
    assert production_settings(
        TRUSTED_PROXIES="10.0.0.2, 172.16.0.0/12",
        LOGIN_FAILURE_LIMIT="10",
        LOGIN_COOLOFF_MINUTES="60",
        SESSION_IDLE_MINUTES="20",
        SESSION_MAX_AGE_HOURS="8",
    ) == (
        0,
        {
            "TRUSTED_PROXIES": "['10.0.0.2', '172.16.0.0/12']",
            "AXES_FAILURE_LIMIT": "10",
            "AXES_COOLOFF_TIME": "1:00:00",
            "SESSION_IDLE_TIMEOUT": "1200",
            "SESSION_COOKIE_AGE": "28800",
        },
    )


def test_production_refuses_a_proxy_that_is_not_an_address():
    status, error = production_settings(TRUSTED_PROXIES="10.0.0.2,proxy.internal")
    assert status == 1
    assert error.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: TRUSTED_PROXIES: 'proxy.internal' is not "
        "an IP address or network (10.0.0.0/8)."
    )
