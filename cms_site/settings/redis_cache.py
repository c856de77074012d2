"""The cache production shares between its worker processes and app servers, on Redis.

Kept apart from ``production.py`` so that tests run the very same configuration against a Redis
server of their own (tests/site/test_redis_outage.py).
"""

# Each cache call gives up this soon on a Redis that does not answer (a network outage drops
# packets rather than refusing them), so a page waits a second or so, not minutes.
SOCKET_TIMEOUT_SECONDS = 0.25


def redis_caches(url, key_prefix):
    """``CACHES`` for the Redis server at ``url``.

    An unreachable Redis reads as an empty cache and a write to it is dropped (and logged):
    pages are rendered afresh and editors publish while it is down, instead of every request
    failing. Nothing stored before the outage is served once it is back: the page cache's
    generation number is kept in the database (docs/architecture.md, "The page cache").
    """
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            # Several sites may share one Redis server.
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": SOCKET_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": SOCKET_TIMEOUT_SECONDS,
            },
        }
    }
