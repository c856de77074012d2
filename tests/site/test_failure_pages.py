"""What visitors see when something fails: a page in their language, never a stack trace."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.template import loader
from django.utils import translation

from home.models import HomePage

PROJECT_ROOT = Path(__file__).resolve().parents[2]

NOT_FOUND_HEADINGS = {
    "sr-latn": "<h1>Stranica nije pronađena</h1>",
    "sr-cyrl": "<h1>Страница није пронађена</h1>",
    "en": "<h1>Page not found</h1>",
}
ERROR_HEADINGS = {
    "sr-latn": "<h1>Sajt trenutno nije dostupan</h1>",
    "sr-cyrl": "<h1>Сајт тренутно није доступан</h1>",
    "en": "<h1>The site is temporarily unavailable</h1>",
}
HTML_LANG = {"sr-latn": 'lang="sr-Latn"', "sr-cyrl": 'lang="sr-Cyrl"', "en": 'lang="en"'}


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["sr-latn", "sr-cyrl", "en"])
def test_not_found_page_speaks_the_language_of_the_url(client, home_pages, language_code):
    response = client.get(f"/{language_code}/nema-takve-stranice/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f"<html {HTML_LANG[language_code]}>" in html
    assert NOT_FOUND_HEADINGS[language_code] in html
    assert f'href="/{language_code}/"' in html


@pytest.mark.parametrize("language_code", ["sr-latn", "sr-cyrl", "en"])
def test_error_page_renders_without_a_request_or_a_database(language_code):
    # Django renders 500.html with an empty context; django_db is deliberately not enabled,
    # so any database query here would fail the test.
    with translation.override(language_code):
        html = loader.get_template("500.html").render()

    assert f"<html {HTML_LANG[language_code]}>" in html
    assert ERROR_HEADINGS[language_code] in html
    # The other two languages follow, in case the language was not the visitor's.
    assert html.count("Pokušajte ponovo") + html.count("Покушајте поново") >= 1
    assert "try again" in html


@pytest.mark.django_db
def test_an_unexpected_error_shows_the_error_page_and_no_details(client, home_pages):
    client.raise_request_exception = False
    with mock.patch.object(HomePage, "serve", side_effect=RuntimeError("secret detail")):
        response = client.get("/en/")

    assert response.status_code == 500
    html = response.content.decode()
    assert ERROR_HEADINGS["en"] in html
    assert "secret detail" not in html
    assert "Traceback" not in html


def service_unavailable_page(response, language_code):
    """The body of a 503 that asks to retry later, with the error page in the right language."""
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    html = response.content.decode()
    assert ERROR_HEADINGS[language_code] in html
    return html


@pytest.mark.django_db
def test_a_database_outage_answers_service_unavailable(client, home_pages):
    outage = OperationalError("connection to server at 127.0.0.1 port 5432 failed")
    with mock.patch.object(HomePage, "serve", side_effect=outage):
        response = client.get("/sr-cyrl/")

    html = service_unavailable_page(response, "sr-cyrl")
    assert "5432" not in html


@pytest.mark.django_db
def test_a_redis_outage_answers_service_unavailable(client, settings, home_pages, caplog):
    # Wagtail reads the cache on every page request (site root paths), so a cache server that
    # is down stops pages; it must read as a temporary outage, not as a broken site.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
    response = client.get("/en/")

    html = service_unavailable_page(response, "en")
    assert "Traceback" not in html
    assert "127.0.0.1:9" not in html
    assert "Cache unavailable: GET /en/" in caplog.text


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    """gunicorn with production settings and a database URL where nothing listens."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("gunicorn") / "server.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "events.example.org",
        "WAGTAILADMIN_BASE_URL": "https://events.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nope",
    }
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms_site.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=30",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_path.read_text()) from None
                time.sleep(0.1)
        yield port, log_path
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "GET", path, headers={"Host": "events.example.org", "X-Forwarded-Proto": "https"}
    )
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response, body


@pytest.mark.parametrize(
    ("path", "language_code"),
    [("/sr-latn/", "sr-latn"), ("/sr-cyrl/neki-dogadjaj/", "sr-cyrl"), ("/en/", "en")],
)
def test_a_real_server_without_its_database_shows_a_plain_page(
    server_without_database, path, language_code
):
    port, log_path = server_without_database

    response, body = get(port, path)

    assert response.status == 503
    assert response.getheader("Retry-After") == "120"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert ERROR_HEADINGS[language_code] in body
    for detail in ("Traceback", "OperationalError", "psycopg", "127.0.0.1", "nope"):
        assert detail not in body
    # The details go to the server's log, where the operators look.
    time.sleep(0.2)
    assert "OperationalError" in log_path.read_text()
