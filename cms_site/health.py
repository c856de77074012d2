"""``/health/``: whether this app server can serve, for a load balancer or a monitor.

It answers 200 when the database and the cache both answer, 503 otherwise, so that a load
balancer stops sending visitors to a server that has lost either. It is answered by the first
middleware, before the HTTPS redirect, the host name check, sessions and the page cache: a load
balancer probes each server over plain HTTP at the server's own address, and a stored answer
would hide an outage.
"""

import json
import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("cms_site.health")

HEALTH_PATH = "/health/"


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    # A round trip under a key of this request's own: the production cache reads a Redis
    # outage as a miss instead of raising (cms_site/settings/redis_cache.py), so only reading
    # back what was just written tells an answering cache from one that is gone. One key per
    # check, so that servers probed at the same moment do not overwrite each other's value.
    key = f"cms_site:health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    answered = cache.get(key) == "ok"
    cache.delete(key)
    return answered


CHECKS = {"database": database_answers, "cache": cache_answers}


def run_check(name, check):
    try:
        if check():
            return True
        logger.error("Health check: the %s did not answer as expected", name)
    except Exception:
        # Whatever the failure, the server cannot serve; the details go to the log only.
        logger.exception("Health check: the %s failed", name)
    return False


def health_response():
    """200 or 503, with each component's state as JSON; never stored by any cache."""
    states = {name: run_check(name, check) for name, check in CHECKS.items()}
    body = {name: "ok" if answered else "unavailable" for name, answered in states.items()}
    response = HttpResponse(
        json.dumps(body, sort_keys=True),
        content_type="application/json",
        status=200 if all(states.values()) else 503,
    )
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers ``GET``/``HEAD /health/`` itself; every other request passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
