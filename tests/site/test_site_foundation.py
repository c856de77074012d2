"""The site skeleton: language prefixes, redirects, the admin and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_locales_exist_for_every_content_language():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"sr-latn", "sr-cyrl", "en"}


def test_language_settings_stay_lowercase_and_match_content_languages():
    assert settings.LANGUAGES == settings.WAGTAIL_CONTENT_LANGUAGES
    assert [code for code, _ in settings.LANGUAGES] == ["sr-latn", "sr-cyrl", "en"]
    assert settings.LANGUAGE_CODE == "sr-latn"


@pytest.mark.parametrize(
    ("language_code", "html_lang", "title"),
    [
        ("sr-latn", "sr-Latn", "Događaji"),
        ("sr-cyrl", "sr-Cyrl", "Догађаји"),
        ("en", "en", "Events"),
    ],
)
def test_home_page_answers_in_each_language(client, home_pages, language_code, html_lang, title):
    response = client.get(f"/{language_code}/")

    assert response.status_code == 200
    assert response.context["page"].title == title
    assert f'<html lang="{html_lang}">' in response.content.decode()


@pytest.mark.parametrize(
    ("accept_language", "expected_location"),
    [
        ("en-US,en;q=0.9", "/en/"),
        ("sr-Cyrl-RS,sr;q=0.8", "/sr-cyrl/"),
        ("sr-Latn-RS", "/sr-latn/"),
        ("sr", "/sr-latn/"),
        ("de-DE,de;q=0.9", "/sr-latn/"),
        ("", "/sr-latn/"),
    ],
)
def test_root_redirects_to_the_preferred_language(
    client, home_pages, accept_language, expected_location
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected_location


@pytest.mark.django_db
def test_admin_login_page_loads_outside_language_prefixes(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b'name="password"' in response.content


def _run_check_with_production_settings(extra_env):
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="cms_site.settings.production", **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = _run_check_with_production_settings({"WAGTAILADMIN_BASE_URL": "https://example.org"})

    assert result.returncode != 0
    assert "The SECRET_KEY environment variable is not set" in result.stderr


def test_production_settings_start_when_the_environment_is_complete():
    result = _run_check_with_production_settings(
        {
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "events.example.org",
            "WAGTAILADMIN_BASE_URL": "https://events.example.org",
        }
    )

    assert result.returncode == 0, result.stderr
