"""One translation source per object, and no untranslated text in front of the public: why every
translation starts from the object's original is in docs/architecture.md, "Translation sources".
"""

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationSource,
)

from .codes import SERBIAN_SCRIPTS, other_script
from .script_sync import auto_transliteration_enabled, is_script_copy, source_script


def is_generated_copy(instance):
    """Whether ``instance`` is generated from its source in the other Serbian script, never
    written by hand."""
    return auto_transliteration_enabled() and is_script_copy(instance)


def is_generated_translation(translation):
    """Whether ``translation`` writes a generated copy: from one Serbian script into the other."""
    return auto_transliteration_enabled() and translation.target_locale.language_code == (
        other_script(translation.source.locale.language_code)
    )


def generated_language(model, translation_key):
    """The language code of the object's generated copy, or None when it has none."""
    if not auto_transliteration_enabled():
        return None
    return other_script(source_script(model, translation_key))


def original_of(instance):
    """The instance that translations of ``instance`` are made from.

    That is the instance in the locale of the object's existing translation source, so an
    object keeps one source; failing that, the source of a generated copy, in the other Serbian
    script; and otherwise ``instance`` itself.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    source = preferred_source(
        TranslationSource.objects.filter(object_id=instance.translation_key).select_related(
            "locale"
        )
    )
    locale = source.locale if source is not None else None
    if locale is None and is_generated_copy(instance):
        locale = Locale.objects.filter(
            language_code=other_script(instance.locale.language_code)
        ).first()
    if locale is None or locale.pk == instance.locale_id:
        return instance
    original = instance.get_translation_or_none(locale)
    if isinstance(original, Page):
        original = original.specific
    return original or instance


def preferred_source(sources):
    """Of an object's sources, the one its translations belong to: never a generated copy's,
    and otherwise the oldest, the one translators started from first."""
    sources = list(sources)
    if not sources:
        return None
    generated = generated_language(
        sources[0].object.content_type.model_class(), sources[0].object_id
    )
    ranked = sorted(
        sources, key=lambda source: (source.locale.language_code == generated, source.pk)
    )
    return ranked[0]


# --- Finding and merging duplicate sources -------------------------------------------------------


def duplicate_sources():
    """Objects whose translations come from more than one source, or from a generated copy.

    Returns ``[(TranslatableObject, [TranslationSource, ...])]``, the preferred source first.
    """
    suspect_keys = set(
        TranslationSource.objects.values("object_id")
        .annotate(sources=Count("pk"))
        .filter(sources__gt=1)
        .values_list("object_id", flat=True)
    )
    if auto_transliteration_enabled():
        # A Serbian source translated into other languages but not into the other script
        # may be a generated copy's.
        for language_code in SERBIAN_SCRIPTS:
            suspect_keys |= set(
                TranslationSource.objects.filter(locale__language_code=language_code)
                .filter(Exists(Translation.objects.filter(source=OuterRef("pk"))))
                .exclude(translations__target_locale__language_code=other_script(language_code))
                .values_list("object_id", flat=True)
            )
    found = []
    for obj in TranslatableObject.objects.filter(translation_key__in=suspect_keys):
        sources = list(obj.sources.select_related("locale"))
        preferred = preferred_source(sources)
        others = [source for source in sources if source.pk != preferred.pk]
        if others or _is_generated_source(preferred):
            found.append((obj, [preferred, *others]))
    return found


def _is_generated_source(source):
    model = source.object.content_type.model_class()
    return source.locale.language_code == generated_language(model, source.object_id)


@transaction.atomic
def merge_duplicate_sources():
    """Fold every extra source into the object's preferred one, keeping translated strings.

    Returns a list of ``(merged source, kept source)`` for the report. A generated
    copy's source whose object has no other source is re-made from the original, in the other
    Serbian script.
    """
    merged = []
    for _obj, (preferred, *others) in duplicate_sources():
        if _is_generated_source(preferred):
            original = original_of(preferred.get_source_instance())
            if original.locale_id == preferred.locale_id:
                continue  # No original to move to: nothing can be repaired for this one.
            kept, _created = TranslationSource.get_or_create_from_instance(original)
            others = [preferred, *others]
        else:
            kept = preferred
        for extra in others:
            move_translations(extra, kept)
            merged.append((extra, kept))
            extra.delete()
    return merged


def move_translations(extra, kept):
    """Give ``kept`` every target locale ``extra`` translates into, with its strings."""
    for translation in extra.translations.select_related("target_locale"):
        if translation.target_locale_id == kept.locale_id:
            continue  # The kept source's own language is not a translation of it.
        Translation.objects.get_or_create(
            source=kept,
            target_locale=translation.target_locale,
            defaults={"enabled": translation.enabled},
        )
        copy_string_translations(extra, kept, translation.target_locale)
        translation.delete()


def copy_string_translations(extra, kept, target_locale):
    """Move translations of ``extra``'s strings to the same places in ``kept``.

    Both sources share their contexts (one per object and field path), so a segment of one
    matches the segment of the other at the same context. Where both have a translation the
    more recent one wins, a hand-made one over a generated one.
    """
    kept_strings = dict(
        StringSegment.objects.filter(source=kept).values_list("context_id", "string_id")
    )
    extra_strings = dict(
        StringSegment.objects.filter(source=extra).values_list("context_id", "string_id")
    )
    for item in StringTranslation.objects.filter(
        locale=target_locale,
        translation_of_id__in=extra_strings.values(),
        context_id__in=kept_strings.keys(),
    ):
        if extra_strings.get(item.context_id) != item.translation_of_id:
            continue
        string_id = kept_strings[item.context_id]
        current = StringTranslation.objects.filter(
            translation_of_id=string_id, locale=target_locale, context_id=item.context_id
        ).first()
        if current is None:
            item.translation_of_id = string_id
            item.save()
            continue
        if ranks_above(item, current):
            current.data = item.data
            current.translation_type = item.translation_type
            current.tool_name = item.tool_name
            current.last_translated_by = item.last_translated_by
            current.save()
        item.delete()


def ranks_above(candidate, current):
    manual = StringTranslation.TRANSLATION_TYPE_MANUAL
    return (candidate.translation_type == manual, candidate.updated_at) > (
        current.translation_type == manual,
        current.updated_at,
    )


# --- What a translation still lacks ---------------------------------------------------------------


def human_translation_of(instance):
    """The enabled, synced ``Translation`` whose target is ``instance``, when a person writes
    it (not a generated copy); otherwise None."""
    if is_generated_copy(instance):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_segments(translation):
    """How many of the translation's text segments have no usable translation yet."""
    total, translated = translation.get_progress()
    return total - translated
