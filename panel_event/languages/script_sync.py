"""Keeping the version of every page and snippet in the other Serbian script in step with its
source.

An object is written in Serbian Latin or in Serbian Cyrillic: its source is the version in the
script it was written in (``source_script``). Publishing the source page (or saving the source
partner or venue) refreshes its wagtail-localize translation source, transliterates every
segment that has no translation yet, refreshes segments this tool filled in before, keeps every
segment an editor overrode by hand, and publishes the version in the other script. That version
therefore never lags behind; being the target of the source's translation, it is never a
source itself, so publishing it starts nothing in return.

The version is published at once, not when the transaction commits, and a writing request
runs in one transaction (``editing.atomic_writes``), so a failure here rolls the whole publish
back instead of leaving the two scripts out of step.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from ..conf import plugin_settings
from .codes import SERBIAN_SCRIPTS, other_script
from .machine_translation import SerbianTransliterator, editor_rules, transliterator_for


def auto_transliteration_enabled():
    return plugin_settings.AUTO_TRANSLITERATE


def source_script(model, translation_key, instance=None):
    """The Serbian script (``sr-latn`` or ``sr-cyrl``) the object was written in, or None when
    it has no Serbian version.

    A translation from one script into the other names its source. Without one (the other
    script not generated yet, or its translation record already removed with a deleted
    source), the object's first Serbian version is the source, ``instance`` counted even when
    it has just been deleted.
    """
    generated_from = (
        Translation.objects.filter(
            source__object_id=translation_key,
            source__locale__language_code__in=SERBIAN_SCRIPTS,
            target_locale__language_code__in=SERBIAN_SCRIPTS,
        )
        .order_by("pk")
        .values_list("source__locale__language_code", flat=True)
        .first()
    )
    if generated_from is not None:
        return generated_from
    versions = set(
        model.objects.filter(
            translation_key=translation_key, locale__language_code__in=SERBIAN_SCRIPTS
        ).values_list("pk", "locale__language_code")
    )
    own_script = _serbian_script_of(instance)
    if own_script is not None and instance.pk is not None:
        versions.add((instance.pk, own_script))
    return min(versions)[1] if versions else None


def _serbian_script_of(instance):
    if not isinstance(instance, TranslatableMixin) or instance.locale_id is None:
        return None
    language_code = instance.locale.language_code
    return language_code if language_code in SERBIAN_SCRIPTS else None


def _instance_source_script(instance):
    return source_script(instance.get_translation_model(), instance.translation_key, instance)


def is_sync_source(instance):
    """Whether ``instance`` is the Serbian version its object was written in."""
    language_code = _serbian_script_of(instance)
    return language_code is not None and language_code == _instance_source_script(instance)


def is_script_copy(instance):
    """Whether ``instance`` is the version in the other script of a Serbian source."""
    language_code = _serbian_script_of(instance)
    return language_code is not None and other_script(language_code) == _instance_source_script(
        instance
    )


def other_script_length_errors(instance):
    """``{field name: message}`` for the text fields of a Serbian source that would be longer in
    the other script than the field allows (``љ`` is ``lj``, and an editor's rule may spell a
    word longer), so the editor shortens them here rather than the generated version failing
    to save on publish.

    Only a value longer than half its limit can overflow, so most saves ask nothing more.
    """
    language_code = _serbian_script_of(instance)
    if language_code is None or not auto_transliteration_enabled():
        return {}
    candidates = []
    for translatable in get_translatable_fields(type(instance)):
        if not isinstance(translatable, TranslatableField):
            continue
        field = translatable.get_field(type(instance))
        value = getattr(instance, field.attname, None)
        limit = getattr(field, "max_length", None)
        if isinstance(value, str) and limit and len(value) > limit // 2:
            candidates.append((field, value, limit))
    if not candidates or is_script_copy(instance):
        return {}
    transliterate = transliterator_for(language_code, *editor_rules())
    errors = {}
    for field, value, limit in candidates:
        length = len(transliterate(value))
        if length > limit:
            errors[field.name] = _(
                "In the %(language)s version this text has %(length)d characters, more than "
                "the %(limit)d allowed. Shorten it by %(excess)d."
            ) % {
                "language": _other_language_name(language_code),
                "length": length,
                "limit": limit,
                "excess": length - limit,
            }
    return errors


def _other_language_name(language_code):
    locale = Locale.objects.filter(language_code=other_script(language_code)).first()
    return locale.get_display_name() if locale is not None else other_script(language_code)


def sync_script_version(instance, user=None):
    """Create or update the version of ``instance`` in the other Serbian script and publish it.

    Returns that version, or None when ``instance`` is not a Serbian source.
    """
    if not is_sync_source(instance):
        return None
    target_locale = Locale.objects.filter(
        language_code=other_script(instance.locale.language_code)
    ).first()
    if target_locale is None:
        return None
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        # A translated page points at translated snippets; those must exist first.
        for related in source.relatedobjectsegment_set.select_related("object"):
            related_instance = related.object.get_instance(source.locale)
            if related_instance is not None:
                sync_script_version(related_instance, user=user)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=target_locale, defaults={"enabled": True}
        )
        transliterate_segments(translation, user=user)
        # wagtail-localize would publish a page's new revision once the transaction commits,
        # outside it; published here, it commits or rolls back with the source's publish.
        # Models without drafts (partners, venues) are written live by save_target itself.
        has_drafts = isinstance(instance, DraftStateMixin)
        translation.save_target(user=user, publish=not has_drafts)
        version = instance.get_translation(target_locale)
        if has_drafts:
            version.get_latest_revision().publish(user=user)
    return version


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
    sync_script_version(instance.specific, user=user)
