"""The copy generated in the other Serbian script follows every action taken on its source
(unpublishing, a view restriction, a move, deletion), through signals; docs/architecture.md,
"The generated copy in the other script", lists what follows and why.
"""

import logging

from wagtail.models import Page, PageViewRestriction

from ..caching import frontend_cache
from .codes import other_script
from .script_sync import auto_transliteration_enabled, is_sync_source

logger = logging.getLogger(__name__)


def _purge(pages):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


def is_copy_source(instance):
    """Whether ``instance`` is a Serbian page or snippet whose version in the other script is
    generated from it."""
    return auto_transliteration_enabled() and is_sync_source(instance)


def generated_copy(instance):
    """The copy generated from a Serbian source page or snippet, in the other script, or None."""
    if not is_copy_source(instance):
        return None
    copy = (
        instance.get_translation_model()
        .objects.filter(
            translation_key=instance.translation_key,
            locale__language_code=other_script(instance.locale.language_code),
        )
        .first()
    )
    return copy.specific if isinstance(copy, Page) else copy


# --- Unpublishing and expiry ---------------------------------------------------------------------


def unpublish_copy(sender, instance, **kwargs):
    from wagtail.actions.unpublish_page import UnpublishPageAction

    copy = generated_copy(instance)
    if copy is None or not copy.live:
        return
    # The editor's right to unpublish the source is what was checked; the copy is part of it.
    UnpublishPageAction(copy, set_expired=instance.expired).execute(skip_permission_checks=True)


def purge_unpublished_page(sender, instance, **kwargs):
    """``frontend_cache.purge_for_page_change`` purges the live versions of a page; an
    unpublished one is no longer live, so its own URL and its listings are purged here. Wagtail
    sends this signal for a live page being deleted too."""
    if not frontend_cache.enabled():
        return
    from ..caching.routing import EventParentMixin

    pages = [instance, *frontend_cache.pages_showing(instance)]
    pages.extend(
        ancestor
        for ancestor in instance.get_ancestors().live().specific()
        if isinstance(ancestor, EventParentMixin)
    )
    _purge(pages)


# --- View restrictions ---------------------------------------------------------------------------


def copy_restriction(source_page, target_page, user=None):
    """Give ``target_page`` the view restriction ``source_page`` has of its own, or none."""
    source = PageViewRestriction.objects.filter(page=source_page).first()
    existing = list(PageViewRestriction.objects.filter(page=target_page))
    if source is None:
        for restriction in existing:
            restriction.delete(user=user)
        return
    restriction, *extra = existing or [PageViewRestriction(page=target_page)]
    for duplicate in extra:
        duplicate.delete(user=user)
    restriction.restriction_type = source.restriction_type
    restriction.password = source.password
    restriction.save(user=user)
    restriction.groups.set(source.groups.all())


def mirror_restriction(source_page):
    """Give the copy of ``source_page`` the restriction the source has (or none)."""
    copy = generated_copy(source_page)
    if copy is not None:
        copy_restriction(source_page, copy)


def mirror_restriction_on_publish(sender, instance, **kwargs):
    """A copy generated for the first time (or recreated) starts as private as its source."""
    if isinstance(instance, Page):
        mirror_restriction(instance)


def purge_for_restriction_change(sender, instance, raw=False, **kwargs):
    """A restriction hides the page and everything below it: the CDN must forget them all."""
    if raw or not frontend_cache.enabled():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    pages = []
    for affected in page.get_descendants(inclusive=True).live().specific():
        pages.extend(frontend_cache.pages_showing(affected))
    _purge(pages)


# --- Moving --------------------------------------------------------------------------------------


def _copy_of_parent(parent):
    parent = parent.specific
    copy = generated_copy(parent)
    if copy is None and parent.live and is_copy_source(parent):
        # A parent published before copies were generated gets its copy now, as a publish would.
        from .script_sync import sync_script_version

        copy = sync_script_version(parent)
    return copy


def move_copy(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    from wagtail.actions.move_page import MovePageAction

    if parent_page_after is None or parent_page_before.pk == parent_page_after.pk:
        return
    copy = generated_copy(instance)
    if copy is None:
        return
    destination = _copy_of_parent(parent_page_after)
    if destination is None or copy.get_parent().pk == destination.pk:
        return
    if not Page._slug_is_available(copy.slug, destination, page=copy):
        logger.warning("The copy %s cannot move under %s: its slug is taken", copy.pk, destination)
        return
    MovePageAction(copy, destination, pos="last-child").execute(skip_permission_checks=True)


# --- Deleting ------------------------------------------------------------------------------------


def delete_copy_of_page(sender, instance, **kwargs):
    from wagtail.actions.delete_page import DeletePageAction

    copy = generated_copy(instance)
    if copy is not None:
        DeletePageAction(copy).execute(skip_permission_checks=True)


def delete_copy_of_snippet(sender, instance, **kwargs):
    copy = generated_copy(instance)
    if copy is not None:
        copy.delete()


def copy_usage(snippet):
    """The Wagtail usage of a snippet's generated copy, or None when it has no copy."""
    from wagtail.models import ReferenceIndex

    copy = generated_copy(snippet)
    if copy is None:
        return None
    return copy, ReferenceIndex.get_grouped_references_to(copy)
