"""A wagtail-localize machine translator that writes Serbian Latin text in Cyrillic.

Editors see it in the translation editor as "Transliterate from Serbian Latin"; the automatic
sync in ``script_sync`` uses the same class, so one click and automatic publishing give the
same result.
"""

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .codes import SOURCE_LANGUAGE, TARGET_LANGUAGE
from .transliteration import latin_to_cyrillic


def editor_rules():
    """(exceptions, keep_latin) from the transliteration rules editors keep in the admin."""
    from ..models import TransliterationRule

    exceptions = {}
    keep_latin = []
    for latin, cyrillic in TransliterationRule.objects.values_list("latin", "cyrillic"):
        if cyrillic:
            exceptions[latin.lower()] = cyrillic
        else:
            keep_latin.append(latin)
    return exceptions, keep_latin


class SerbianTransliterator(BaseMachineTranslator):
    display_name = _("Transliterate from Serbian Latin")

    def can_translate(self, source_locale, target_locale):
        return (source_locale.language_code, target_locale.language_code) == (
            SOURCE_LANGUAGE,
            TARGET_LANGUAGE,
        )

    def translate(self, source_locale, target_locale, strings):
        exceptions, keep_latin = editor_rules()
        # Segments carry rich text as HTML with inline tags (<a id="a1">); the transliterator
        # leaves tags and entities alone and changes only the text between them.
        return {
            string: StringValue.from_translated_html(
                latin_to_cyrillic(string.data, exceptions=exceptions, keep_latin=keep_latin)
            )
            for string in strings
        }
