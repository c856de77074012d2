"""A wagtail-localize machine translator that writes Serbian text in the other script: Latin in
Cyrillic, Cyrillic in Latin.

Editors see it in the translation editor as "Transliterate (Serbian Latin ↔ Cyrillic)"; the
automatic sync in ``script_sync`` uses the same class, so one click and automatic publishing
give the same result.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .codes import SERBIAN_SCRIPTS, other_script
from .transliteration import cyrillic_to_latin, latin_to_cyrillic


def editor_rules():
    """(exceptions, keep_latin) from the transliteration rules editors keep in the admin."""
    TransliterationRule = apps.get_model("panel_event", "TransliterationRule")
    exceptions = {}
    keep_latin = []
    for latin, cyrillic in TransliterationRule.objects.values_list("latin", "cyrillic"):
        if cyrillic:
            exceptions[latin.lower()] = cyrillic
        else:
            keep_latin.append(latin)
    return exceptions, keep_latin


def transliterator_for(source_language, exceptions, keep_latin):
    """The function writing text of ``source_language`` in the other Serbian script, with the
    editors' rules: a Latin -> Cyrillic spelling is applied in reverse going back to Latin, and
    words kept in Latin need nothing there."""
    latin, _cyrillic = SERBIAN_SCRIPTS
    if source_language == latin:
        return lambda text: latin_to_cyrillic(text, exceptions=exceptions, keep_latin=keep_latin)
    return lambda text: cyrillic_to_latin(text, exceptions=exceptions)


class SerbianTransliterator(BaseMachineTranslator):
    display_name = _("Transliterate (Serbian Latin ↔ Cyrillic)")

    def can_translate(self, source_locale, target_locale):
        return target_locale.language_code == other_script(source_locale.language_code)

    def translate(self, source_locale, target_locale, strings):
        exceptions, keep_latin = editor_rules()
        transliterate = transliterator_for(source_locale.language_code, exceptions, keep_latin)
        # Segments carry rich text as HTML with inline tags (<a id="a1">); the transliterator
        # leaves tags and entities alone and changes only the text between them.
        return {
            string: StringValue.from_translated_html(transliterate(string.data))
            for string in strings
        }
