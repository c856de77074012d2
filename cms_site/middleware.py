"""Site-wide middleware that belongs to this site rather than to the events plugin."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("cms_site.database")

# Long enough for a database restart or fail-over, short enough that crawlers come back soon.
RETRY_AFTER_SECONDS = 120


class DatabaseUnavailableMiddleware:
    """Answer "503 Service Unavailable" while the database cannot be reached.

    A 503 with Retry-After tells proxies, monitors and search engines that the outage is
    temporary (a 500 reads as a broken page and may be dropped from an index). The page is the
    static 500 template, which needs neither the database nor context processors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # Returning a response skips Django's own error logging, so log the traceback here.
        logger.error(
            "Database unavailable: %s %s", request.method, request.path, exc_info=exception
        )
        response = HttpResponse(loader.render_to_string("500.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
