"""Signal receivers that keep derived content in step with what editors publish."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

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
