"""Security headers on the public site, and production settings that pass ``check --deploy``."""

import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.public_fixtures import seed_event_in_three_languages, seed_partners, seed_venue

PROJECT_ROOT = Path(__file__).resolve().parents[2]

DISABLED_FEATURES = {
    "browsing-topics",
    "camera",
    "geolocation",
    "interest-cohort",
    "microphone",
    "payment",
    "usb",
}


def csp_directives(header):
    """{"directive": ["source", ...]} from a Content-Security-Policy header."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def permissions_policy(header):
    return dict(item.strip().split("=", 1) for item in header.split(","))


def production_env(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "events.example.org",
        "WAGTAILADMIN_BASE_URL": "https://events.example.org",
        # Nothing listens on port 1: these checks must not need a database.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nope",
    }
    env.pop("SECURE_HSTS_PRELOAD", None)
    env.pop("SECURE_HSTS_SECONDS", None)
    env.update(extra)
    return env


@pytest.mark.django_db
def test_public_page_sends_every_security_header(client, home_pages):
    response = client.get("/sr-latn/")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = permissions_policy(response["Permissions-Policy"])
    assert {feature: policy.get(feature) for feature in DISABLED_FEATURES} == dict.fromkeys(
        DISABLED_FEATURES, "()"
    )
    assert csp_directives(response["Content-Security-Policy"]) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }


class InlineCodeFinder(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: executable inline scripts,
    <style> elements, style attributes and on* handler attributes."""

    # Script types that browsers never execute, so CSP does not apply to them.
    DATA_BLOCK_TYPES = {"application/ld+json", "application/json", "text/template"}

    def __init__(self):
        super().__init__()
        self.inline_scripts = []
        self.nonces = []
        self.blocked = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on") or name == "style":
                self.blocked.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.blocked.append("<style>")
        if attributes.get("nonce"):
            self.nonces.append(attributes["nonce"])
        if tag == "script" and "src" not in attributes:
            script_type = (attributes.get("type") or "text/javascript").lower()
            if script_type not in self.DATA_BLOCK_TYPES:
                self.inline_scripts.append(attributes.get("nonce"))


@pytest.mark.django_db
def test_event_page_runs_nothing_inline_that_its_policy_forbids(client, home_pages):
    events = seed_event_in_three_languages(home_pages, seed_partners(), seed_venue())
    nonces_seen = []

    for event in [*events.values(), events["sr-latn"]]:
        response = client.get(event.url)
        assert response.status_code == 200
        policy = csp_directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" not in policy["script-src"]
        assert "'unsafe-inline'" not in policy["style-src"]
        page = InlineCodeFinder()
        page.feed(response.content.decode())
        assert page.blocked == []
        # Any inline script, data block or not, that carries a nonce carries this response's.
        allowed = {
            source[len("'nonce-") : -1]
            for source in policy["script-src"]
            if source.startswith("'nonce-")
        }
        assert [nonce for nonce in page.inline_scripts if nonce not in allowed] == []
        assert [nonce for nonce in page.nonces if nonce not in allowed] == []
        assert page.nonces, "the JSON-LD block carries the nonce"
        nonces_seen.extend(page.nonces)
    # A nonce is good for one response only; a cached page must not repeat one.
    assert len(nonces_seen) == len(set(nonces_seen))


@pytest.mark.django_db
def test_the_admin_is_left_out_of_the_content_security_policy(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    # The admin relies on inline script and style, so it gets no CSP, but the other headers.
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRODUCTION_REQUESTS = """
import json
import django
django.setup()
from django.test import Client

client = Client(HTTP_HOST="events.example.org")
plain = client.get("/sr-latn/")
secure = client.get("/sr-latn/", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    name: {"status": response.status_code, "headers": dict(response.headers)}
    for name, response in (("plain", plain), ("secure", secure))
}))
"""


def production_responses(**env):
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUESTS],
        cwd=PROJECT_ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_redirects_to_https_and_sends_hsts_behind_the_proxy():
    responses = production_responses()

    plain, secure = responses["plain"], responses["secure"]
    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://events.example.org/sr-latn/"
    # The proxy said HTTPS; the database is down, which still gets every header.
    assert secure["status"] == 503
    assert secure["headers"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    policy = csp_directives(secure["headers"]["Content-Security-Policy"])
    assert policy["upgrade-insecure-requests"] == []
    assert policy["default-src"] == ["'self'"]
    assert secure["headers"]["X-Content-Type-Options"] == "nosniff"


def test_hsts_preload_is_an_explicit_opt_in():
    secure = production_responses(SECURE_HSTS_PRELOAD="true")["secure"]

    assert (
        secure["headers"]["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )
