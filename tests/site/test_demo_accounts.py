"""The demo accounts: Serbian names, and an admin in Serbian Latin that the editor may switch.

``ensure_demo_accounts`` is what ``load_demo`` runs for the accounts (the whole loader is
tested in test_demo.py); a second call is the loader's next run.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.users.models import UserProfile

from home.demo.accounts import ensure_demo_accounts
from tests.site.test_demo_rerun import FormValues

pytestmark = pytest.mark.django_db

ACCOUNT_URL = "/admin/account/"


def names_and_admin_languages():
    return {
        user.username: (
            user.get_full_name(),
            UserProfile.get_for_user(user).preferred_language,
        )
        for user in get_user_model().objects.all()
    }


def dashboard_title(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return re.search(r"<title>\s*([^<]*?)\s*</title>", response.content.decode()).group(1)


def save_account(client, changes):
    """Change fields on the account page and save it, as the editor does in the browser."""
    page = client.get(ACCOUNT_URL)
    parser = FormValues("")  # the account form posts to its own address
    parser.feed(page.content.decode())
    assert "locale-preferred_language" in parser.values
    response = client.post(ACCOUNT_URL, {**parser.values, **changes})
    assert response.status_code == 302, response.context["form"].errors
    return response


def logged_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_new_demo_accounts_have_serbian_names_and_a_serbian_latin_admin():
    ensure_demo_accounts()

    assert names_and_admin_languages() == {
        "admin": ("Ana Jovanović", ""),
        "editor": ("Jelena Marković", "sr-latn"),
        "translator": ("Nikola Petrović", "sr-latn"),
    }
    assert dashboard_title(logged_in("editor")).startswith("Kontrolna tabla")
    assert dashboard_title(logged_in("translator")).startswith("Kontrolna tabla")


def test_the_editor_switches_the_admin_to_cyrillic_and_the_next_run_keeps_it():
    ensure_demo_accounts()
    editor = logged_in("editor")

    save_account(editor, {"locale-preferred_language": "sr-cyrl"})
    save_account(editor, {"name_email-first_name": "Jelena Ana"})

    assert dashboard_title(editor).startswith("Контролна табла")
    ensure_demo_accounts()
    assert names_and_admin_languages()["editor"] == ("Jelena Ana Marković", "sr-cyrl")
    assert dashboard_title(editor).startswith("Контролна табла")


def test_an_existing_account_keeps_its_name_and_admin_language():
    user = get_user_model().objects.create_user("translator", first_name="Vesna")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()

    ensure_demo_accounts()

    assert names_and_admin_languages()["translator"] == ("Vesna", "en")
