"""A cache of rendered public pages, for visitors who are not logged in: ``CachedPageMixin``
answers after routing, ``PageCacheMiddleware`` before it. How entries are keyed and invalidated:
docs/architecture.md, "The page cache".
"""

import hashlib
import logging
import math

from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from wagtail.models import Locale, Page, Site

from ..conf import plugin_settings

# models.py imports this module (CachedPageMixin), and so registers the generation's model.
from .generation import advance_generation, read_generation, read_generations
from .public import (
    request_is_surely_anonymous,
    request_may_use_shared_copy,
    response_may_be_shared,
)
from .routing import site_for_request

logger = logging.getLogger(__name__)

KEY_PREFIX = "panel_event:page"

# django-csp gives every response its own nonce; a stored page keeps this in its place and gets
# the requesting visitor's nonce when it is served.
NONCE_PLACEHOLDER = "panel-event-nonce-placeholder"

# Added to links by newsletters and social networks; no page reads them, so they share an entry.
TRACKING_PARAMETERS = {"fbclid", "gclid", "mc_cid", "mc_eid", "msclkid"}
TRACKING_PREFIXES = ("utm_",)

# Where PageCacheMiddleware leaves the (key, entry) it looked up, so a miss is not looked up again.
LOOKUP_ATTRIBUTE = "_panel_event_page_cache_lookup"
# Where the numbers read_generations() gave this request are left, so they are read once.
GENERATIONS_ATTRIBUTE = "_panel_event_generations"


def page_cache():
    return caches[plugin_settings.PAGE_CACHE_ALIAS]


def page_cache_timeout():
    return plugin_settings.PAGE_CACHE_TIMEOUT or 0


def current_generation(cache=None, request=None):
    """The generation number every stored page's key contains (``cache`` is not needed: the
    number is kept in the database); with ``request``, the number read once for that request
    (by the page cache's lookup, or now)."""
    if request is not None:
        return _generations(request)[0]
    return read_generation()


def invalidate(sender=None, instance=None, **signal_kwargs):
    """Make every stored page stale; each is rendered afresh on its next request.

    A signal receiver: the number advances in the transaction of the change that sent the
    signal, so it is visible exactly when the change is, in every process, and the cache
    being unreachable at that moment loses nothing. A change that alters how requests find
    their site and its root page advances the sites' generation too. Called without a
    signal's arguments (tests, the benchmark), it does what an event's publish does."""
    advance_generation(sites=_changes_sites(sender, instance, signal_kwargs))


def _changes_sites(sender, instance, signal_kwargs):
    """Whether the change a signal reports can alter what ``routing.site_for_request`` keeps."""
    if sender is None:
        return False
    if issubclass(sender, (Site, Locale)):
        return True
    if not isinstance(instance, Page):
        return False
    # A move (post_page_move) can take a page to or from where a site starts.
    if "parent_page_after" in signal_kwargs:
        return True
    # A site's root page, or its translation in another language (Wagtail routes through it).
    return Site.objects.filter(root_page__translation_key=instance.translation_key).exists()


def _is_tracking_parameter(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def cache_key(request, generation):
    """The key of the stored page for this request: everything but routing decides it."""
    parameters = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not _is_tracking_parameter(name)
        for value in values
    )
    parts = (
        request.scheme,
        request.get_host(),
        translation.get_language() or "",
        request.path,
        repr(parameters),
    )
    digest = hashlib.sha256("\n".join(str(part) for part in parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def _published_marker(page):
    return page.last_published_at.isoformat() if page.last_published_at else ""


def _nonce_attribute(nonce):
    return f' nonce="{nonce}"'.encode()


def _timeout_for(page, context):
    timeout = page_cache_timeout()
    changes_at = page.page_cache_expiry(context)
    if changes_at is not None:
        seconds = (changes_at - timezone.now()).total_seconds()
        timeout = min(timeout, math.floor(seconds))
    return timeout


def store(page, request, response, cache, key):
    if not response_may_be_shared(page, request, response):
        return
    timeout = _timeout_for(page, getattr(response, "context_data", None) or {})
    if timeout <= 0:
        return
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    has_nonce = isinstance(nonce, str) and _nonce_attribute(nonce) in content
    if has_nonce:
        content = content.replace(_nonce_attribute(nonce), _nonce_attribute(NONCE_PLACEHOLDER))
    entry = {
        "page_id": page.pk,
        "published": _published_marker(page),
        "status": response.status_code,
        "headers": list(response.items()),
        "content": content,
        "has_nonce": has_nonce,
    }
    try:
        cache.set(key, entry, timeout)
    except Exception:
        logger.exception("Could not store a page in the page cache")


def response_from_entry(entry, request):
    content = entry["content"]
    if entry["has_nonce"]:
        # Reading the nonce is what makes django-csp put it in this response's header.
        nonce = getattr(request, "csp_nonce", None)
        content = content.replace(
            _nonce_attribute(NONCE_PLACEHOLDER),
            _nonce_attribute(str(nonce)) if nonce is not None else b"",
        )
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    # A stored feed or calendar carries its entity tag: a reader that has it gets 304.
    if response.has_header("ETag"):
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response


def _lookup(request):
    """(key, stored entry or None); (None, None) when the cache cannot be read."""
    try:
        generation, _sites_generation = _generations(request)
    except DatabaseError:
        # Rendering will meet the same outage; a stored page cannot be trusted without it.
        logger.exception("Could not read the page cache's generation")
        return None, None
    try:
        key = cache_key(request, generation)
        return key, page_cache().get(key)
    except Exception:
        logger.exception("Could not read the page cache")
        return None, None


def _generations(request):
    """The page cache's and the sites' generations, read once per request."""
    generations = getattr(request, GENERATIONS_ATTRIBUTE, None)
    if generations is None:
        generations = read_generations()
        setattr(request, GENERATIONS_ATTRIBUTE, generations)
    return generations


def serve_cached(page, request, render):
    """``render()``'s response, or the stored one for this URL when it may be used."""
    if page_cache_timeout() <= 0 or not request_may_use_shared_copy(page, request):
        return render()
    # PageCacheMiddleware may have looked already and found nothing.
    key, entry = getattr(request, LOOKUP_ATTRIBUTE, None) or _lookup(request)
    if key is None:
        return render()
    if (
        entry is not None
        and entry.get("page_id") == page.pk
        and entry.get("published") == _published_marker(page)
    ):
        return response_from_entry(entry, request)
    response = render()

    def store_rendered(rendered):
        store(page, request, rendered, page_cache(), key)

    if getattr(response, "is_rendered", True):
        store_rendered(response)
    else:
        response.add_post_render_callback(store_rendered)
    return response


class PageCacheMiddleware:
    """Answer stored pages before URL routing and Wagtail's page lookup. Put it last in
    ``MIDDLEWARE``: the middleware before it (CSP nonce, language, security headers) must
    have run, and a stored page passes back through them like a rendered one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if page_cache_timeout() > 0 and request_is_surely_anonymous(request):
            try:
                request.get_host()
            except DisallowedHost:
                return self.get_response(request)
            key, entry = _lookup(request)
            if entry is not None:
                return response_from_entry(entry, request)
            setattr(request, LOOKUP_ATTRIBUTE, (key, entry))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before Wagtail routes a page request, give it the site this process keeps for the
        current sites' generation (see ``routing.site_for_request``), for every visitor and
        whether or not pages are stored: the site lookup is the same for all."""
        # Imported here: this module is imported while models load, wagtail.views needs them.
        from wagtail.views import serve

        if view_func is not serve or hasattr(request, "_wagtail_site"):
            return None
        try:
            _generation, sites_generation = _generations(request)
        except DatabaseError:
            # Wagtail's own lookup meets the same outage and answers for it.
            return None
        request._wagtail_site = site_for_request(request, sites_generation)
        return None


class CachedPageMixin:
    """Serve the page from the page cache to anonymous visitors. Put it before ``Page``."""

    def serve(self, request, *args, **kwargs):
        def render():
            return super(CachedPageMixin, self).serve(request, *args, **kwargs)

        return serve_cached(self, request, render)

    def page_cache_expiry(self, context):
        """When this page's content changes by itself (without an edit), or None.

        ``context`` is the template context the page was rendered with (empty for responses
        that are not rendered from a template).
        """
        return None
