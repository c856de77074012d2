"""HTTP caching for the events API: stored answers, an ETag on each, and 304 when it matches.

The API shows only public events and nothing of the visitor, so one answer serves everyone.
Answers are stored in the page cache's store, under its generation, so whatever makes stored
pages stale (a publish, a privacy change, an edited venue or partner) makes them stale too
(``caching.page_cache``). An answer is kept until the next moment an event ends or its
registration closes at most, since ``when=upcoming`` and ``registration.is_open`` change then.
"""

import functools
import hashlib
import logging
import math

from django.apps import apps
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from ...caching.page_cache import current_generation, page_cache, page_cache_timeout

logger = logging.getLogger(__name__)

KEY_PREFIX = "panel_event:api"
# Read by LocaleMiddleware after the view: see that module.
UNPREFIXED_URLCONF = "panel_event.outputs.api.unprefixed_urls"
# Clients may keep a copy but must ask again each time; an unchanged answer is a bodiless 304.
CACHE_CONTROL = {"public": True, "no_cache": True}


def response_key(request, generation):
    parameters = sorted(request.GET.lists())
    parts = (request.scheme, request.get_host(), request.path, repr(parameters))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def seconds_until_next_change(now=None):
    """Seconds until an event ends or a registration deadline passes, or None if none will."""
    now = now or timezone.now()
    event_page = apps.get_model("panel_event", "EventPage")
    # Drafts count too: reading every event's row alone is cheaper than joining the page
    # table, and an answer kept a little shorter than it might be is no harm.
    moments = event_page.objects.aggregate(
        next_end=Min("ends_at", filter=Q(ends_at__gt=now)),
        next_deadline=Min("registration_deadline", filter=Q(registration_deadline__gt=now)),
    )
    upcoming = [moment for moment in moments.values() if moment is not None]
    if not upcoming:
        return None
    return math.floor((min(upcoming) - now).total_seconds())


def storage_timeout():
    timeout = page_cache_timeout()
    if timeout <= 0:
        return 0
    until_change = seconds_until_next_change()
    return timeout if until_change is None else min(timeout, until_change)


def is_storable(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
    )


def lookup(request):
    """(key, stored entry or None); (None, None) when the cache cannot be read or is off."""
    if page_cache_timeout() <= 0:
        return None, None
    try:
        cache = page_cache()
        key = response_key(request, current_generation(cache))
        return key, cache.get(key)
    except Exception:
        logger.exception("Could not read the API response cache")
        return None, None


def store(key, response):
    timeout = storage_timeout()
    if key is None or timeout <= 0:
        return
    entry = {"content": response.content, "headers": list(response.items())}
    try:
        page_cache().set(key, entry, timeout)
    except Exception:
        logger.exception("Could not store an API response")


def response_from_entry(entry):
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def cached_api_view(view):
    """Serve ``view``'s answers from the cache when stored, and 304 when the client's ETag
    matches; store the answers that may be shared."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key, entry = lookup(request)
        if entry is not None:
            response = response_from_entry(entry)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if not is_storable(request, response):
                request.urlconf = UNPREFIXED_URLCONF
                return response
            patch_cache_control(response, **CACHE_CONTROL)
            set_response_etag(response)
            store(key, response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped
