"""``/health/``: 200 while the database and the cache answer, 503 when either does not.

A load balancer asks it over plain HTTP at each server's own address; the answer must reach it
past the HTTPS redirect and the host name check, and must never come from a cache.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from cms_site.settings.redis_cache import redis_caches
from tests.redis_server import free_port, redis_server  # noqa: F401 (a fixture)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def health(client):
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == NEVER_CACHE
    return response.status_code, json.loads(response.content)


def redis_cache_at(url):
    """The cache production configures for REDIS_URL: Redis errors read as misses."""
    return redis_caches(url, "health-test")


@pytest.mark.django_db
def test_health_answers_200_when_the_database_and_the_cache_answer(client):
    assert health(client) == (200, {"cache": "ok", "database": "ok"})


@pytest.mark.django_db
def test_health_answers_503_when_the_cache_server_does_not_answer(client, settings):
    # Nothing listens on this port: production's cache reads that as a miss, so only a value
    # written and read back tells an empty cache from a missing one.
    settings.CACHES = redis_cache_at(f"redis://127.0.0.1:{free_port()}/0")

    assert health(client) == (503, {"cache": "unavailable", "database": "ok"})


@pytest.mark.django_db
def test_health_follows_a_redis_server_that_stops_and_comes_back(
    client,
    settings,
    redis_server,  # noqa: F811
):
    settings.CACHES = redis_cache_at(redis_server.url)
    assert health(client) == (200, {"cache": "ok", "database": "ok"})

    redis_server.stop()
    # Answered afresh: the 200 just given is not repeated from any cache.
    assert health(client) == (503, {"cache": "unavailable", "database": "ok"})

    redis_server.start()
    assert health(client) == (200, {"cache": "ok", "database": "ok"})


@pytest.mark.django_db
def test_only_get_and_head_are_health_checks(client):
    assert client.head("/health/").status_code == 200
    # Anything else goes on to the site, like any path outside the language prefixes.
    response = client.post("/health/")
    assert (response.status_code, response["Location"]) == (302, "/sr-latn/health/")


PRODUCTION_HEALTH_REQUEST = """
import json
import django
django.setup()
from django.test import Client

# A load balancer: plain HTTP, the server's own address as the host name.
response = Client(HTTP_HOST="10.0.0.7:8000").get("/health/")
print(json.dumps({"status": response.status_code, "body": json.loads(response.content),
                  "cache_control": response["Cache-Control"]}))
"""


def test_in_production_a_load_balancer_is_answered_503_while_the_database_is_down():
    """Production settings, no HTTPS and an unlisted host: neither a redirect nor a 400, but
    the database's state, here a PostgreSQL address where nothing listens."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "events.example.org",
        "WAGTAILADMIN_BASE_URL": "https://events.example.org",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
    }
    for variable in ("REDIS_URL", "CACHE_URL"):
        environment.pop(variable, None)

    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_HEALTH_REQUEST],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {
        "status": 503,
        "body": {"cache": "ok", "database": "unavailable"},
        "cache_control": NEVER_CACHE,
    }
    # The reason is in the server's log, not in the answer.
    assert "Health check: the database failed" in result.stderr
