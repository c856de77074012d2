"""Page slugs in plain Latin ASCII, and addresses that never change by themselves.

Serbian editors type slugs (or titles the slug is made from) in Latin with diacritics or in
Cyrillic. Wagtail keeps such a slug as typed when ``WAGTAIL_ALLOW_UNICODE_SLUGS`` is on, and
otherwise drops what it cannot spell in ASCII (``đ`` and every Cyrillic letter), both in the
admin's JavaScript and in ``slugify``. ``ascii_slug`` spells Serbian the way Serbians write it
without diacritics: Cyrillic is transliterated to Latin first, then ``đ`` becomes ``dj`` and
``š č ć ž dž`` lose their marks.

``AsciiSlugMixin`` applies it on the server to every page of the plugin, whatever the browser
sent: a new page's slug, and a slug an editor changes, are folded. A slug stored before this
rule keeps its non-ASCII spelling on every later save, publish and translation sync, because
a published address must not change unless an editor changes it.
"""

from django import forms
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput
from wagtail_localize.models import TranslationSource

from ..languages.transliteration import CYRILLIC_TO_LATIN, cyrillic_to_latin

# The one Serbian letter that does not decompose into an ASCII letter and a mark.
_UNDECOMPOSABLE = str.maketrans({"đ": "dj", "Đ": "Dj"})
_LATIN_WITH_MARKS = "šđčćžŠĐČĆŽ"
SLUG_MAX_LENGTH = 255


def ascii_slug(text):
    """``text`` as a slug of ASCII letters, digits, hyphens and underscores.

    Empty when nothing in ``text`` can be spelled that way (a slug in Chinese, say).
    """
    latin = cyrillic_to_latin(text or "").translate(_UNDECOMPOSABLE)
    return slugify(latin)[:SLUG_MAX_LENGTH].strip("-")


def ascii_letter_formatters():
    """Regex replacements for Wagtail's slug widget (``SlugInput(formatters=...)``).

    With ``WAGTAIL_ALLOW_UNICODE_SLUGS`` off, the widget removes every letter it cannot spell
    (``podrška`` becomes ``podrka``) and spells Cyrillic as Russian (``ш`` as ``sh``). These
    replacements run first, so the editor sees the slug the server will store.
    """
    letters = [chr(code) for code in CYRILLIC_TO_LATIN] + list(_LATIN_WITH_MARKS)
    by_spelling = {}
    for letter in letters:
        by_spelling.setdefault(ascii_slug(letter), []).append(letter)
    return [(f"[{''.join(group)}]", spelling) for spelling, group in sorted(by_spelling.items())]


class AsciiSlugField(forms.SlugField):
    """A slug field that folds what the editor typed, spaces included, unless it is unchanged.

    Folding before validation lets an editor type "Podrška migrantima" as the slug; leaving an
    unchanged value alone keeps a page's stored address.
    """

    def __init__(self, *, unchanged=None, **kwargs):
        self.unchanged = unchanged
        super().__init__(allow_unicode=True, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value or value == self.unchanged:
            return value
        return ascii_slug(value) or value


class AsciiSlugPageForm(WagtailAdminPageForm):
    """A page form whose slug is folded as ``ascii_slug`` does, in the browser and on submit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("slug")
        if field is None:
            return
        # The widget's formatters run before its own clean-up, which drops what it cannot spell.
        spelled = SlugInput(formatters=ascii_letter_formatters())
        field.widget.attrs["data-w-slug-formatters-value"] = spelled.attrs[
            "data-w-slug-formatters-value"
        ]
        self.fields["slug"] = AsciiSlugField(
            unchanged=self.instance.slug if self.instance.pk else None,
            max_length=field.max_length,
            required=field.required,
            label=field.label,
            help_text=field.help_text,
            initial=field.initial,
            widget=field.widget,
        )


class AsciiSlugMixin:
    """Folds a page's slug to ASCII when the page is new or its slug is changed.

    Both of Wagtail's validation steps run it: ``full_clean`` (the admin form and every
    publish) and ``minimal_clean`` (a draft's save), before Wagtail checks the slug is free, so
    a folded slug that is taken is reported on the slug field like any other.
    """

    def full_clean(self, *args, **kwargs):
        self.settle_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.settle_slug()
        super().minimal_clean()

    def settle_slug(self):
        stored = self._stored_slug()
        if stored and self._keeps_stored_slug(stored):
            self.slug = stored
        elif self.slug:
            self.slug = ascii_slug(self.slug) or self.slug
        else:
            self._slug_from_title()

    def _slug_from_title(self):
        # Wagtail slugs the title itself when the slug is empty, dropping đ and Cyrillic.
        # It can only tell whether the slug is free once the parent is known.
        if self.path or getattr(self, "_cached_parent_obj", None):
            base = ascii_slug(self.title)
            if base:
                self.slug = self._get_autogenerated_slug(base)

    def _stored_slug(self):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()

    def _keeps_stored_slug(self, stored):
        # The admin's form never sends an empty slug; wagtail-localize does, for a Cyrillic one.
        if not self.slug or self.slug == stored:
            return True
        # wagtail-localize passes a translation's slug through Django's ``slugify`` on every
        # sync, which turns a stored "podrška" into "podrska" and "međunarodna" into
        # "meunarodna": a change no one asked for.
        return (
            not stored.isascii() and self.slug == slugify(stored) and self._is_translation_target()
        )

    def _is_translation_target(self):
        sources = TranslationSource.objects.filter(object_id=self.translation_key)
        return sources.exclude(locale_id=self.locale_id).exists()
