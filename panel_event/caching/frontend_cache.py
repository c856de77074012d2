"""Telling a CDN in front of the site which pages changed (``wagtail.contrib.frontend_cache``).

Wagtail itself purges a page's own URL, in every content language, when the page is published
or unpublished. Here a page also shows on other pages: an event on the listings above it and in
its translations' language switchers; a partner, venue, image or document on every page that
uses it (found through Wagtail's reference index). These receivers purge those URLs too.

They do nothing unless ``WAGTAILFRONTENDCACHE`` is set (see cms_site/settings/production.py
and docs/performance.md).
"""

from django.conf import settings


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def pages_showing(page):
    """``page``'s live versions in every language and the live listings above each of them."""
    from .routing import EventParentMixin

    shown_on = []
    for version in page.get_translations(inclusive=True).live():
        shown_on.append(version)
        shown_on.extend(
            ancestor
            for ancestor in version.get_ancestors().live()
            if issubclass(ancestor.specific_class or object, EventParentMixin)
        )
    return shown_on


def _purge(pages):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


def purge_for_page_change(sender, instance, **kwargs):
    """A page was published, unpublished or moved."""
    if not enabled():
        return
    pages = pages_showing(instance)
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        pages.extend(pages_showing(parent_before))
    _purge(pages)


def purge_for_object_change(sender, instance, raw=False, **kwargs):
    """A partner, venue, image or document was saved: purge the pages that use it."""
    if raw or not enabled():
        return
    from wagtail.models import Page, ReferenceIndex

    pages = []
    for source, _references in ReferenceIndex.get_references_to(instance).group_by_source_object():
        if isinstance(source, Page) and source.live:
            pages.extend(pages_showing(source))
    _purge(pages)
