"""System checks for translation records (run by ``migrate`` and ``check --database default``)."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from ..conf import plugin_settings
from .codes import SERBIAN_SCRIPTS


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


ATOMIC_WRITES_MIDDLEWARE = "panel_event.editing.atomic_writes.AtomicWritesMiddleware"


@checks.register(checks.Tags.compatibility)
def check_publishing_is_one_transaction(app_configs, **kwargs):
    # Without it a failed transliteration leaves the source live and its other script behind.
    if not plugin_settings.AUTO_TRANSLITERATE or ATOMIC_WRITES_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    content_languages = {code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ())}
    if not set(SERBIAN_SCRIPTS) <= content_languages:
        return []  # No transliteration happens on this site.
    if all(database.get("ATOMIC_REQUESTS") for database in settings.DATABASES.values()):
        return []
    return [
        checks.Warning(
            "A page is published outside a transaction, so a failure while writing its "
            "version in the other Serbian script leaves the source published without it.",
            hint=f"Add {ATOMIC_WRITES_MIDDLEWARE!r} to MIDDLEWARE, after CsrfViewMiddleware.",
            id="panel_event.W003",
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
