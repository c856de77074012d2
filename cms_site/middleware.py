"""Site-wide middleware that belongs to this site rather than to the events plugin."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("cms_site.unavailable")

# Long enough for a database or Redis restart or fail-over, short enough that crawlers come
# back soon.
RETRY_AFTER_SECONDS = 120

# What the database and the Redis cache raise when they cannot be reached. Wagtail reads the
# cache on every page (site root paths, renditions), so Redis being down stops pages too.
DATABASE_ERRORS = (OperationalError, InterfaceError)
CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError)


class ServiceUnavailableMiddleware:
    """Answer "503 Service Unavailable" while the database or the cache cannot be reached.

    A 503 with Retry-After tells proxies, monitors and search engines that the outage is
    temporary (a 500 reads as a broken page and may be dropped from an index). The page is the
    static 500 template, which needs neither the database nor context processors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, CACHE_ERRORS):
            service = "Cache"
        elif isinstance(exception, DATABASE_ERRORS):
            service = "Database"
        else:
            return None
        # Returning a response skips Django's own error logging, so log the traceback here.
        logger.error(
            "%s unavailable: %s %s",
            service,
            request.method,
            request.path,
            exc_info=exception,
        )
        response = HttpResponse(loader.render_to_string("500.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
