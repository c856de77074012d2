"""Wagtail's "Forgotten password?": the e-mail in the user's admin language, a link that sets a
new password once, and the same answer whether or not an account has the address."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.users.models import UserProfile

from tests.site.test_login_lockout import production_settings

RESET = "/admin/password_reset/"
NEW_PASSWORD = "a-new-password-for-editors-9"

# What each language's e-mail says, line by line; the link and the username are filled in.
EMAIL = {
    "en": [
        "Someone asked to reset the password of your account at http://testserver.",
        "",
        "To choose a new password, open this link:",
        "{link}",
        "",
        "The link works once and expires in 24 hours.",
        "If you did not ask for this, ignore this e-mail: your password stays as it is.",
        "",
        "Your username: {username}",
    ],
    "sr-latn": [
        "Zatraženo je resetovanje lozinke vašeg naloga na adresi http://testserver.",
        "",
        "Da biste izabrali novu lozinku, otvorite ovaj link:",
        "{link}",
        "",
        "Link važi jednom i ističe za 24 sata.",
        "Ako to niste vi zatražili, zanemarite ovu poruku: lozinka ostaje ista.",
        "",
        "Vaše korisničko ime: {username}",
    ],
    "sr-cyrl": [
        "Затражено је ресетовање лозинке вашег налога на адреси http://testserver.",
        "",
        "Да бисте изабрали нову лозинку, отворите овај линк:",
        "{link}",
        "",
        "Линк важи једном и истиче за 24 сата.",
        "Ако то нисте ви затражили, занемарите ову поруку: лозинка остаје иста.",
        "",
        "Ваше корисничко име: {username}",
    ],
}
SUBJECT = {
    "en": "Password reset",
    "sr-latn": "Resetovanje lozinke",
    "sr-cyrl": "Ресетовање лозинке",
}
LINK = re.compile(r"^http://testserver(/admin/password_reset/confirm/[^/]+/[^/]+/)$", re.M)


def user_speaking(language, username="editor"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "the-old-password-7"
    )
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def ask_for_reset(email, page_language="en"):
    return Client().post(RESET, {"email": email}, HTTP_ACCEPT_LANGUAGE=page_language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sr-latn", "sr-cyrl", "en"])
def test_the_email_speaks_the_users_admin_language(language):
    user_speaking(language)
    # Asked from a page in another language: the e-mail follows the account, not the browser.
    ask_for_reset("editor@example.org", page_language="en" if language != "en" else "sr-latn")

    [message] = mail.outbox
    path = LINK.search(message.body).group(1)
    expected = "\n".join(EMAIL[language]).format(link=f"http://testserver{path}", username="editor")
    assert (message.to, message.subject, message.body.strip()) == (
        ["editor@example.org"],
        SUBJECT[language],
        expected,
    )


@pytest.mark.django_db
def test_without_a_preference_the_email_speaks_the_pages_language():
    user_speaking(None)
    ask_for_reset("editor@example.org", page_language="sr-cyrl")
    [message] = mail.outbox
    assert message.body.splitlines()[0] == EMAIL["sr-cyrl"][0]


@pytest.mark.django_db
def test_the_link_sets_a_new_password_once():
    user = user_speaking("en")
    ask_for_reset("editor@example.org")
    path = LINK.search(mail.outbox[0].body).group(1)
    browser = Client()
    form_page = browser.get(path, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    done = browser.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert (done.status_code, done["Location"]) == (302, "/admin/password_reset/complete/")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The same link again: Wagtail says it is no longer valid.
    again = Client().get(path, follow=True)
    assert again.context["validlink"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sr-latn", "sr-cyrl", "en"])
def test_unknown_and_known_addresses_get_the_same_answer(language):
    user_speaking("en")
    known = ask_for_reset("editor@example.org", page_language=language)
    unknown = ask_for_reset("nobody@example.org", page_language=language)
    assert (known.status_code, known["Location"]) == (302, "/admin/password_reset/done/")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])

    known_page = Client().get(known["Location"], HTTP_ACCEPT_LANGUAGE=language)
    unknown_page = Client().get(unknown["Location"], HTTP_ACCEPT_LANGUAGE=language)
    assert known_page.status_code == unknown_page.status_code == 200

    def main(page):
        return re.search(r"<main.*?</main>", page.content.decode(), re.S).group()

    assert main(known_page) == main(unknown_page)
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


@pytest.mark.django_db
def test_an_inactive_account_gets_no_email_and_the_same_answer():
    user = user_speaking("en")
    user.is_active = False
    user.save()
    response = ask_for_reset("editor@example.org")
    assert (response.status_code, response["Location"]) == (302, "/admin/password_reset/done/")
    assert mail.outbox == []


EMAIL_SETTINGS = [
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
]


def test_production_sends_through_the_smtp_server_of_the_environment():
    assert production_settings(
        EMAIL_SETTINGS,
        EMAIL_HOST="smtp.example.org",
        EMAIL_HOST_USER="events",
        EMAIL_HOST_PASSWORD="smtp-secret",
        DEFAULT_FROM_EMAIL="Događaji <events@example.org>",
    ) == (
        0,
        {
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "events",
            "EMAIL_HOST_PASSWORD": "smtp-secret",
            "EMAIL_USE_TLS": "True",
            "DEFAULT_FROM_EMAIL": "Događaji <events@example.org>",
            "SERVER_EMAIL": "Događaji <events@example.org>",
        },
    )


def test_production_without_an_smtp_server_uses_the_local_one():
    assert production_settings(EMAIL_SETTINGS, EMAIL_PORT="2525") == (
        0,
        {
            "EMAIL_HOST": "localhost",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "False",
            "DEFAULT_FROM_EMAIL": "noreply@events.example.org",
            "SERVER_EMAIL": "noreply@events.example.org",
        },
    )
