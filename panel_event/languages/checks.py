"""System checks for translation records (run by ``migrate`` and ``check --database default``)."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.compatibility)
def check_new_translations_start_as_drafts(app_configs, **kwargs):
    # A site in one language makes no translations to publish.
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    if getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True) is False:
        return []
    return [
        checks.Warning(
            "New translations of live pages are published at once, with the source's text.",
            hint="Set WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False so that a new "
            "translation starts as a draft and its translator publishes it.",
            id="panel_event.W001",
        )
    ]


@checks.register(checks.Tags.database)
def check_one_translation_source_per_object(app_configs, databases=None, **kwargs):
    from .translation_sources import duplicate_sources

    try:
        duplicates = duplicate_sources()
    except DatabaseError:
        return []  # Not migrated yet: there are no records to check.
    return [
        checks.Warning(
            f"“{sources[0].object_repr}” has its translations recorded against "
            f"{len(sources)} sources ({', '.join(s.locale.language_code for s in sources)}); "
            "its translation editor will fail.",
            hint="Run `manage.py repair_translation_sources` to merge them into one, keeping "
            "the translated text.",
            obj=obj,
            id="panel_event.W002",
        )
        for obj, sources in duplicates
    ]
