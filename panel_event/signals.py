"""Signal receivers that keep derived content in step with what editors publish."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import frontend_cache, page_cache
from .languages import copy_sync, translation_actions
from .languages.script_sync import (
    auto_transliteration_enabled,
    sync_page_on_publish,
    sync_script_version,
)
from .outputs import listed_counts, search


def sync_snippet_on_save(sender, instance, created, raw=False, **kwargs):
    # Fixture loading (raw) writes rows as they are; translations come with the fixture.
    if raw or not auto_transliteration_enabled():
        return
    sync_script_version(instance)


def connect():
    from .models import PartnerSnippet, Venue

    page_published.connect(sync_page_on_publish, dispatch_uid="panel_event_sync_page")
    for model in (PartnerSnippet, Venue):
        post_save.connect(
            sync_snippet_on_save, sender=model, dispatch_uid=f"panel_event_sync_{model.__name__}"
        )
    connect_copy_following_source()
    connect_cache_invalidation()
    search.connect()
    listed_counts.connect()


def connect_copy_following_source():
    """The copy generated in the other Serbian script follows its source (see copy_sync).
    Connected after the publish receiver above, so a copy created by a publish exists when its
    restriction is mirrored."""
    from wagtail.models import Page, PageViewRestriction

    from .models import PartnerSnippet, Venue

    page_published.connect(
        copy_sync.mirror_restriction_on_publish, dispatch_uid="panel_event_copy_restriction"
    )
    page_unpublished.connect(copy_sync.unpublish_copy, dispatch_uid="panel_event_copy_unpublish")
    page_unpublished.connect(
        copy_sync.purge_unpublished_page, dispatch_uid="panel_event_purge_unpublished"
    )
    post_page_move.connect(copy_sync.move_copy, dispatch_uid="panel_event_copy_move")
    post_delete.connect(
        copy_sync.delete_copy_of_page, sender=Page, dispatch_uid="panel_event_copy_delete"
    )
    for model in (PartnerSnippet, Venue):
        post_delete.connect(
            copy_sync.delete_copy_of_snippet,
            sender=model,
            dispatch_uid=f"panel_event_copy_delete_{model.__name__}",
        )
    post_save.connect(
        restriction_saved,
        sender=PageViewRestriction,
        dispatch_uid="panel_event_copy_restriction_saved",
    )
    post_delete.connect(
        restriction_deleted,
        sender=PageViewRestriction,
        dispatch_uid="panel_event_copy_restriction_deleted",
    )
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="panel_event_copy_restriction_groups",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            copy_sync.purge_for_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"panel_event_frontend_cache_restriction_{signal is post_save}",
        )


# --- A page's view restriction changed: its copy follows, and its translations by default --------


def restriction_changed(page, record=True):
    copy_sync.mirror_restriction(page)
    # Human translations get the same privacy by default when no dialog asked about them.
    translation_actions.restrict_translations_by_default(page, record=record)


def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        restriction_changed(instance.page)


def restriction_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        restriction_changed(page)


def restriction_groups_changed(sender, instance, action, reverse, **kwargs):
    # The admin form saves the restriction first and its groups afterwards.
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        restriction_changed(instance.page, record=False)


def connect_cache_invalidation():
    """Whatever can change a public page makes the stored pages stale (see page_cache)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from .models import PartnerSnippet, Venue

    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(
            page_cache.invalidate,
            dispatch_uid=f"panel_event_page_cache_page_{name}",
        )
        signal.connect(
            frontend_cache.purge_for_page_change,
            dispatch_uid=f"panel_event_frontend_cache_page_{name}",
        )
    post_delete.connect(
        page_cache.invalidate,
        sender=Page,
        dispatch_uid="panel_event_page_cache_page_deleted",
    )
    shown_on_pages = (PartnerSnippet, Venue, get_image_model(), get_document_model())
    for model in (*shown_on_pages, PageViewRestriction, Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache.invalidate,
                sender=model,
                dispatch_uid=f"panel_event_page_cache_{model.__name__}_{signal is post_save}",
            )
    for model in shown_on_pages:
        post_save.connect(
            frontend_cache.purge_for_object_change,
            sender=model,
            dispatch_uid=f"panel_event_frontend_cache_{model.__name__}",
        )
