"""The site's own public files: robots.txt and the favicon at the addresses browsers and
crawlers ask for without being told."""

import hashlib

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe
from wagtail.models import Site

# Crawlers stay out of the admin, and out of search results: every query string would be a
# page of its own, and the events themselves are all listed and in the sitemap.
ROBOTS_RULES = [
    "User-agent: *",
    "Disallow: /admin/",
    "Disallow: /*/search/",
]
ROBOTS_MAX_AGE = 60 * 60 * 24


def robots_text(request):
    """The rules, then the sitemap at the address the site's Site record names, where every
    other absolute link (canonical, hreflang, the sitemap's own entries) also points."""
    site = Site.find_for_request(request)
    lines = list(ROBOTS_RULES)
    if site is not None:
        lines += ["", f"Sitemap: {site.root_url}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def _robots_etag(request):
    request.robots_text = robots_text(request)
    return hashlib.sha256(request.robots_text.encode()).hexdigest()[:32]


@require_safe
@cache_control(public=True, max_age=ROBOTS_MAX_AGE)
@condition(etag_func=_robots_etag)
def robots_txt(request):
    return HttpResponse(request.robots_text, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=ROBOTS_MAX_AGE)
def favicon_ico(request):
    """Browsers ask for /favicon.ico whatever the page links; the icon itself is a static file
    with a hashed name in production, cached for a year."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("favicon.ico"))
