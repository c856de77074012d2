"""Finding an event from its URL in one query.

Wagtail routes a request one level at a time: it finds the child page by its slug, then fetches
the child's own fields in a second query, and before serving it reads the page's ancestors and
their view restrictions (two more). An event page also needs its language, venue and main image.
``EventParentMixin`` fetches all of that at once for a child that is an event.

Before that, Wagtail finds the request's ``Site`` (one query), the active ``Locale`` (one more),
the site's root page in that language (one more where it is a translation) and its own fields
(one more). None of that changes without advancing the sites' generation (a Site or a Locale
saved or deleted, a root page or its translation published, unpublished or deleted, a page
moved; see ``generation.py``), so ``site_for_request()`` keeps it per process for as long as
that number stays the same.
"""

import copy

from django.apps import apps
from django.core.exceptions import DisallowedHost
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from .public import known_privacy, with_restrictions_known


class EventParentMixin:
    """For pages that hold events (the home page, an events index).

    A child that is not an event is routed by Wagtail as usual, after one query that finds no
    event with that slug.
    """

    # Named by its label, as Wagtail names page types, so this module need not import the
    # models that use it.
    event_model = "panel_event.EventPage"

    @property
    def localized(self):
        # A site's root page kept by site_for_request() carries its live translations found so
        # far in this sites' generation, by language; any other instance asks Wagtail, which reads
        # the active Locale and the translation on every call.
        translations = self.__dict__.get(_LIVE_TRANSLATIONS)
        if translations is None:
            return super().localized
        language = translation.get_language()
        if language not in translations:
            localized = super().localized
            # Itself: this request's copy, which the next request must not get.
            translations[language] = None if localized is self else localized
        localized = translations[language]
        return self if localized is None else _copy_for_request(localized)

    def route(self, request, path_components):
        if path_components:
            event_model = apps.get_model(self.event_model)
            event = with_restrictions_known(
                event_model.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("locale", "venue", "hero_image")
            ).first()
            if event is not None:
                # As Wagtail's own routing does: treebeard's get_parent() reads this.
                event._cached_parent_obj = self
                return event.route(request, path_components[1:])
        return super().route(request, path_components)


class ViewRestrictionsMixin:
    """``get_view_restrictions()`` in one query, or none when routing found none can apply.

    Wagtail reads the page's ancestors first, to replace aliases by their source pages, then
    their restrictions. The ancestors' paths are prefixes of the page's own, so one query with
    a subquery gives the same restrictions.
    """

    def get_view_restrictions(self):
        if known_privacy(self) is False:
            return PageViewRestriction.objects.none()
        if not self.path:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        ancestors = Page.objects.filter(path__in=paths)
        # An alias page has no restrictions of its own; its source page's apply. Two subqueries
        # on the path index: an OR over a join on aliases would read the whole page table.
        return PageViewRestriction.objects.filter(
            Q(page__in=ancestors.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=ancestors.filter(alias_of__isnull=False).values("alias_of_id"))
        )


# Set on the root page that site_for_request() keeps: {language code: its live translation in
# that language, None for the page itself}, shared by the copies handed to requests.
_LIVE_TRANSLATIONS = "_panel_event_kept_translations"


class _SitesOfOneGeneration:
    """The Site found for each (host, port), with its root page in its most specific type,
    as read while the sites' generation had one value."""

    def __init__(self, generation):
        self.generation = generation
        self.sites = {}


_kept = _SitesOfOneGeneration(generation=None)
_NOT_KEPT = object()
MAX_KEPT_SITES = 100


def site_for_request(request, generation):
    """The request's ``Site`` as Wagtail would find it, read once per process and sites'
    generation (``generation``).

    Set it as ``request._wagtail_site`` (Wagtail's own per-request cache) before routing. Each
    request gets its own copy of the site and of its root page: a request may set attributes
    on them. Every change that could alter the answer (a Site or a Locale saved or deleted, a
    root page or its translation published, unpublished or deleted, a page moved) advances
    that number in its own transaction, so every app server sees it on its next request.
    """
    global _kept
    try:
        key = (request.get_host(), request.get_port())
    except DisallowedHost:
        return Site.find_for_request(request)
    kept = _kept
    if kept.generation != generation:
        kept = _SitesOfOneGeneration(generation)
    site = kept.sites.get(key, _NOT_KEPT)
    if site is _NOT_KEPT:
        site = _find_site(*key)
        # Hosts are those ALLOWED_HOSTS lets through, which may be any: a bound on what a
        # stream of made-up Host headers can make a process keep.
        if len(kept.sites) < MAX_KEPT_SITES:
            kept.sites[key] = site
    _kept = kept
    if site is None:
        return None
    site_copy = _copy_for_request(site)
    site_copy.root_page = _copy_for_request(site.root_page)
    return site_copy


def _find_site(host, port):
    try:
        site = get_site_for_hostname(split_domain_port(host)[0], port)
    except Site.DoesNotExist:
        return None
    # Its own type once, instead of once per request (Wagtail's routing asks for `.specific`).
    root_page = site.root_page.get_specific()
    root_page.__dict__[_LIVE_TRANSLATIONS] = {}
    site.root_page = root_page
    return site


def _copy_for_request(instance):
    duplicate = copy.copy(instance)
    # Wagtail's cached `.specific` would lead back to the shared instance.
    duplicate.__dict__.pop("specific", None)
    return duplicate
