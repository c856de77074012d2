"""Signal receivers that keep derived content in step with what editors publish."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import frontend_cache, page_cache
from .script_sync import auto_transliteration_enabled, sync_cyrillic_version, sync_page_on_publish


def sync_snippet_on_save(sender, instance, created, raw=False, **kwargs):
    # Fixture loading (raw) writes rows as they are; translations come with the fixture.
    if raw or not auto_transliteration_enabled():
        return
    sync_cyrillic_version(instance)


def connect():
    from .models import PartnerSnippet, Venue

    page_published.connect(sync_page_on_publish, dispatch_uid="panel_event_sync_page")
    for model in (PartnerSnippet, Venue):
        post_save.connect(
            sync_snippet_on_save, sender=model, dispatch_uid=f"panel_event_sync_{model.__name__}"
        )
    connect_cache_invalidation()


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
            page_cache.invalidate_now_and_on_commit,
            dispatch_uid=f"panel_event_page_cache_page_{name}",
        )
        signal.connect(
            frontend_cache.purge_for_page_change,
            dispatch_uid=f"panel_event_frontend_cache_page_{name}",
        )
    post_delete.connect(
        page_cache.invalidate_now_and_on_commit,
        sender=Page,
        dispatch_uid="panel_event_page_cache_page_deleted",
    )
    shown_on_pages = (PartnerSnippet, Venue, get_image_model(), get_document_model())
    for model in (*shown_on_pages, PageViewRestriction, Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache.invalidate_now_and_on_commit,
                sender=model,
                dispatch_uid=f"panel_event_page_cache_{model.__name__}_{signal is post_save}",
            )
    for model in shown_on_pages:
        post_save.connect(
            frontend_cache.purge_for_object_change,
            sender=model,
            dispatch_uid=f"panel_event_frontend_cache_{model.__name__}",
        )
