"""Admin sessions end: after the idle time, at the maximum age, at logout (on the server), and
for every other browser when the password changes."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from freezegun import freeze_time

from tests.conftest import prefer_english_admin
from tests.site.test_demo_rerun import FormValues, submit_form

PASSWORD = "the-old-password-7"
NEW_PASSWORD = "a-new-password-for-editors-9"
START = "2026-03-02 08:00:00"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", PASSWORD, first_name="Sima", last_name="Simić"
    )
    return prefer_english_admin(user)


def signed_in_client():
    """A browser that signed in through Wagtail's sign-in page."""
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    return client


def dashboard(client):
    """Where the dashboard request went: "admin", or "login" for a session that has ended."""
    response = client.get("/admin/")
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return "login"
    assert response.status_code == 200
    return "admin"


def test_a_session_ends_after_the_idle_time(editor, settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    with freeze_time(START) as clock:
        client = signed_in_client()
        key = client.session.session_key
        clock.tick(timedelta(minutes=29))
        assert dashboard(client) == "admin"
        # Activity moves the idle limit on.
        clock.tick(timedelta(minutes=29))
        assert dashboard(client) == "admin"
        clock.tick(timedelta(minutes=31))
        assert dashboard(client) == "login"
        assert not Session.objects.filter(session_key=key).exists()


def test_the_sign_in_page_says_why_after_the_session_ended(editor):
    with freeze_time(START) as clock:
        client = signed_in_client()
        clock.tick(timedelta(minutes=31))
        response = client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Your session has ended. Please sign in again."
    ]


def test_a_session_ends_at_the_maximum_age_however_active(editor, settings):
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60
    with freeze_time(START) as clock:
        client = signed_in_client()
        # A request every 20 minutes for 9 hours 40 minutes.
        for _ in range(29):
            clock.tick(timedelta(minutes=20))
            assert dashboard(client) == "admin"
        clock.tick(timedelta(minutes=20, seconds=1))
        assert dashboard(client) == "login"


def test_the_limits_are_settings(editor, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    settings.SESSION_COOKIE_AGE = 60 * 60
    with freeze_time(START) as clock:
        client = signed_in_client()
        clock.tick(timedelta(minutes=6))
        assert dashboard(client) == "login"
        client = signed_in_client()
        for _ in range(15):
            clock.tick(timedelta(minutes=4))
            assert dashboard(client) == "admin"
        clock.tick(timedelta(minutes=1))
        assert dashboard(client) == "login"


def test_logout_deletes_the_session_on_the_server(editor):
    client = signed_in_client()
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()

    response = client.post("/admin/logout/")

    assert (response.status_code, response["Location"]) == (302, "/admin/login/")
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie, replayed from another browser, is worth nothing.
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert dashboard(stolen) == "login"


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(editor):
    here, elsewhere = signed_in_client(), signed_in_client()
    assert dashboard(elsewhere) == "admin"

    # Account > Password, posted with everything else the account page's form holds.
    parser = FormValues("")
    parser.feed(here.get("/admin/account/").content.decode())
    assert "name_email-email" in parser.values
    response = here.post(
        "/admin/account/",
        {
            **parser.values,
            "password-old_password": PASSWORD,
            "password-new_password1": NEW_PASSWORD,
            "password-new_password2": NEW_PASSWORD,
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/account/")

    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)
    assert (dashboard(here), dashboard(elsewhere)) == ("admin", "login")


def test_an_administrator_setting_a_password_ends_that_users_sessions(editor, admin_client):
    browser = signed_in_client()
    submit_form(
        admin_client,
        f"/admin/users/edit/{editor.pk}/",
        {
            "first_name": "Sima",
            "last_name": "Simić",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert dashboard(browser) == "login"
