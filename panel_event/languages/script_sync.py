"""Keeping the Serbian Cyrillic version of every page and snippet in step with its Latin source.

Publishing a Serbian Latin page (or saving a Latin partner or venue) refreshes its
wagtail-localize translation source, transliterates every segment that has no translation
yet, refreshes segments this tool filled in before, keeps every segment an editor overrode by
hand, and publishes the Cyrillic version. The Cyrillic page therefore never lags behind.

It runs inside the publishing request, so a failure here rolls the whole publish back instead
of leaving the two scripts out of step.
"""

from django.db import transaction
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from ..conf import plugin_settings
from .codes import SOURCE_LANGUAGE, TARGET_LANGUAGE
from .machine_translation import SerbianTransliterator


def auto_transliteration_enabled():
    return plugin_settings.AUTO_TRANSLITERATE


def _target_locale():
    return Locale.objects.filter(language_code=TARGET_LANGUAGE).first()


def is_sync_source(instance):
    return (
        isinstance(instance, TranslatableMixin) and instance.locale.language_code == SOURCE_LANGUAGE
    )


def sync_cyrillic_version(instance, user=None):
    """Create or update the Cyrillic version of ``instance`` and publish it.

    Returns the Cyrillic instance, or None when ``instance`` is not a Serbian Latin source.
    """
    target_locale = _target_locale()
    if target_locale is None or not is_sync_source(instance):
        return None
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        # A translated page points at translated snippets; those must exist first.
        for related in source.relatedobjectsegment_set.select_related("object"):
            related_instance = related.object.get_instance(source.locale)
            if related_instance is not None:
                sync_cyrillic_version(related_instance, user=user)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=target_locale, defaults={"enabled": True}
        )
        transliterate_segments(translation, user=user)
        translation.save_target(user=user, publish=True)
    return instance.get_translation(target_locale)


def transliterate_segments(translation, user=None):
    """Fill in the translation's segments with the transliterator.

    Segments translated by hand (``translation_type == "manual"``) are never touched; segments
    the transliterator filled earlier are refreshed, so a new transliteration rule takes effect
    on the next publish.
    """
    transliterator = SerbianTransliterator({})
    string_segments = list(
        StringSegment.objects.filter(source=translation.source).select_related("string")
    )
    existing = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(
            locale=translation.target_locale,
            translation_of_id__in=[segment.string_id for segment in string_segments],
        )
    }
    pending = {}
    for segment in string_segments:
        current = existing.get((segment.string_id, segment.context_id))
        if (
            current is not None
            and current.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
        ):
            continue
        pending.setdefault(segment.string.as_value(), []).append((segment, current))
    if not pending:
        return 0
    results = transliterator.translate(
        translation.source.locale, translation.target_locale, pending.keys()
    )
    changed = 0
    for value, uses in pending.items():
        transliterated = results[value].data
        for segment, current in uses:
            if current is None:
                StringTranslation.objects.create(
                    translation_of_id=segment.string_id,
                    locale=translation.target_locale,
                    context_id=segment.context_id,
                    data=transliterated,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                    tool_name=str(transliterator.display_name),
                    last_translated_by=user,
                )
                changed += 1
            elif current.data != transliterated:
                current.data = transliterated
                current.tool_name = str(transliterator.display_name)
                current.last_translated_by = user
                current.has_error = False
                current.field_error = ""
                current.save()
                changed += 1
    return changed


def sync_page_on_publish(sender, instance, revision=None, **kwargs):
    if not auto_transliteration_enabled() or not isinstance(instance, Page):
        return
    user = getattr(revision, "user", None)
    sync_cyrillic_version(instance.specific, user=user)
