"""Serbian Latin <-> Cyrillic transliteration for published content: a fixed letter table, and
the decisions about digraphs, words that stay Latin, Roman numerals and exception stems that
docs/architecture.md describes under "Transliteration".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

__all__ = [
    "BUILTIN_EXCEPTIONS",
    "KEEP_LATIN_CLOSE",
    "KEEP_LATIN_OPEN",
    "cyrillic_to_latin",
    "latin_to_cyrillic",
    "strip_keep_latin_markers",
]

KEEP_LATIN_OPEN = "[["
KEEP_LATIN_CLOSE = "]]"

# The 27 letters written with one character in both alphabets, in matching order.
_LATIN_SINGLE_LETTERS = "abcčćdđefghijklmnoprsštuvzž"
_CYRILLIC_SINGLE_LETTERS = "абцчћдђефгхијклмнопрсштувзж"
_DIGRAPH_LETTERS = {"lj": "љ", "nj": "њ", "dž": "џ"}

BUILTIN_EXCEPTIONS: Mapping[str, str] = MappingProxyType(
    {
        # in- + j...: Latin "nj" here is н + ј
        "injekcij": "инјекциј",  # injekcija, injekcije
        "injekcion": "инјекцион",  # injekcioni
        "injekt": "инјект",  # injektor, injektirati, injektovati
        "konjunk": "конјунк",  # konjunkcija, konjunktiv, konjunktura, konjunktivitis
        "konjug": "конјуг",  # konjugacija, konjugovati, konjugat (not konjušnica, Konjuh)
        "konjektur": "конјектур",  # konjektura
        "vanjezič": "ванјезич",  # vanjezički
        "izvanjezič": "изванјезич",  # izvanjezički
        "vanjevrop": "ванјевроп",  # vanjevropski
        "panjugoslov": "панјугослов",  # panjugoslovenski
        "tanjug": "танјуг",  # Tanjug, the news agency (Telegrafska agencija nova Jugoslavija)
        # nad- / pod- / od- / pred- + ž...: Latin "dž" here is д + ж
        "nadživ": "наджив",  # nadživeti, nadživjeti, nadživljavati
        "nadžup": "наджуп",  # nadžupan, nadžupnik (not nadžak, наџак)
        "podžanr": "поджанр",  # podžanr
        "podžup": "поджуп",  # podžupan
        "podžar": "поджар",  # podžariti, podžarivati
        "odžal": "оджал",  # odžaliti (not odžak, оџак)
        "odživ": "оджив",  # odživeti, odživjeti
        "predželud": "преджелуд",  # predželudac
    }
)


def _build_latin_to_cyrillic_table() -> dict[int, str]:
    table = {}
    for latin, cyrillic in zip(_LATIN_SINGLE_LETTERS, _CYRILLIC_SINGLE_LETTERS, strict=True):
        table[ord(latin)] = cyrillic
        table[ord(latin.upper())] = cyrillic.upper()
    # Legacy one-code-point digraphs (Unicode Latin Extended-B) still appear in pasted text.
    for (upper, title, lower), cyrillic in (("Ǆǅǆ", "џ"), ("Ǉǈǉ", "љ"), ("Ǌǋǌ", "њ")):
        table[ord(upper)] = table[ord(title)] = cyrillic.upper()
        table[ord(lower)] = cyrillic
    return table


def _build_cyrillic_to_latin_table() -> dict[int, str]:
    table = {}
    for latin, cyrillic in zip(_LATIN_SINGLE_LETTERS, _CYRILLIC_SINGLE_LETTERS, strict=True):
        table[ord(cyrillic)] = latin
        table[ord(cyrillic.upper())] = latin.upper()
    for latin, cyrillic in _DIGRAPH_LETTERS.items():
        table[ord(cyrillic)] = latin
        # Title case; _CYRILLIC_CAPS_DIGRAPH_RE rewrites the all-caps cases before this runs.
        table[ord(cyrillic.upper())] = latin.capitalize()
    return table


_LATIN_TO_CYRILLIC = _build_latin_to_cyrillic_table()
# Letter by letter, for str.translate; the importer also folds text with it for matching.
CYRILLIC_TO_LATIN = _build_cyrillic_to_latin_table()

_LATIN_DIGRAPH_TO_CYRILLIC = {
    first + second: (cyrillic.upper() if first.isupper() else cyrillic)
    for latin, cyrillic in _DIGRAPH_LETTERS.items()
    for first in (latin[0], latin[0].upper())
    for second in (latin[1], latin[1].upper())
}
_LATIN_DIGRAPH_RE = re.compile("|".join(_LATIN_DIGRAPH_TO_CYRILLIC))

_CYRILLIC_CAPS_DIGRAPH_TO_LATIN = {
    cyrillic.upper(): latin.upper() for latin, cyrillic in _DIGRAPH_LETTERS.items()
}
# Capitals of both scripts (Cyrillic U+0400..U+042F covers every Serbian capital); a Latin
# neighbour counts too because an exception stem may have been replaced by Latin already.
_UPPERCASE_CLASS = "A-ZČĆĐŠŽ\u0400-\u042f"
_LETTER = r"[^\W\d_]"
_CYRILLIC_CAPS_DIGRAPH_RE = re.compile(
    rf"[ЉЊЏ](?=[{_UPPERCASE_CLASS}])|(?<=[{_UPPERCASE_CLASS}])[ЉЊЏ](?!{_LETTER})"
)


def _foreign_latin_class() -> str:
    # Latin letters with no place in the Serbian alphabet mark a word as foreign.
    serbian = set(_LATIN_SINGLE_LETTERS + _LATIN_SINGLE_LETTERS.upper() + "ǄǅǆǇǈǉǊǋǌ")
    extended = [chr(code) for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00))]
    foreign = "".join(char for char in extended if char.isalpha() and char not in serbian)
    return "[qwxyQWXY" + re.escape(foreign) + "]"


_FOREIGN_LATIN_LETTER = _foreign_latin_class()

_ROMAN_NUMERAL_BODY = r"(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_NUMERAL_RE = re.compile(_ROMAN_NUMERAL_BODY + r"\Z")
_ROMAN_NUMERALS_THAT_ARE_WORDS = frozenset({"VI", "LI"})
_COMBINING_MARK_RE = re.compile("[\u0300-\u036f]")

# Lowercase only, and no TLD that is also a common Serbian word (se, no, to, da, ne, ni ...).
# fmt: off
_BARE_DOMAIN_TLDS = (
    "com", "org", "net", "int", "edu", "gov", "mil", "info", "biz", "name", "pro", "museum",
    "app", "dev", "online", "site", "tech", "io", "co", "tv", "eu", "rs", "srb", "me", "ba",
    "hr", "mk", "si", "al", "bg", "ro", "hu", "gr", "at", "ch", "de", "fr", "it", "es", "pt",
    "nl", "be", "lu", "uk", "ie", "pl", "cz", "sk", "ru", "ua", "tr", "dk", "fi", "is", "us",
    "ca", "au", "nz", "jp", "cn",
)
# fmt: on
_URL_CHAR = r"[^\s<>\"'„“”«»\[\]]"
_URL_LAST_CHAR = r"[^\s<>\"'„“”«»\[\].,;:!?)]"
_URL_TAIL = rf"(?:{_URL_CHAR}*{_URL_LAST_CHAR})?"
# No "<" inside a tag, not even in a quoted value (serialised HTML escapes it as &lt;): a stray
# "<" in text then fails at the next "<" instead of scanning to the end, which kept the scan
# linear. The same goes for "[[" and "]]" inside a marker.
_TAG_BODY = r"""(?:[^<>"']|"[^<"]*"|'[^<']*')*"""
_MARKED_BODY = r"(?:[^\[\]]|\[(?!\[)|\](?!\]))*"
_TLD_ALTERNATION = "|".join(sorted(_BARE_DOMAIN_TLDS, key=len, reverse=True))

_PROTECTED_RE = re.compile(
    rf"""
    \[\[(?P<marked>{_MARKED_BODY})\]\]
    | <!--.*?-->
    | <(?P<raw_element>(?i:script|style))\b{_TAG_BODY}>.*?</(?i:(?P=raw_element))\s*>
    | </?[A-Za-z]{_TAG_BODY}>
    | <[!?]{_TAG_BODY}>
    | &(?:\#[0-9]+|\#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);
    | (?<![A-Za-z0-9._%+-])(?i:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*
      \.[A-Za-z]{{2,}}
    | (?i:https?://|ftp://|www\.){_URL_TAIL}
    | (?<![\w.@/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+
      (?:{_TLD_ALTERNATION})(?![\w-])
      (?:[/?\#]{_URL_TAIL})?
    """,
    re.VERBOSE | re.DOTALL,
)


def latin_to_cyrillic(
    text: str,
    *,
    exceptions: Mapping[str, str] | None = None,
    keep_latin: Iterable[str] = (),
) -> str:
    """Transliterate Serbian Latin ``text`` (plain or HTML) to Cyrillic.

    ``exceptions`` maps Latin word starts to Cyrillic spellings and overrides
    ``BUILTIN_EXCEPTIONS``; ``keep_latin`` lists case-sensitive words or phrases to leave as
    they are. See the module docstring for what else is left unchanged.
    """
    if not text:
        return text
    special_word_re, stems = _latin_rules(_freeze(exceptions))
    keep_latin_re = _keep_latin_re(_freeze_phrases(keep_latin))

    def convert(plain: str) -> str:
        if keep_latin_re is None:
            return _plain_latin_to_cyrillic(plain, special_word_re, stems)
        parts, position = [], 0
        for kept in keep_latin_re.finditer(plain):
            before = plain[position : kept.start()]
            parts += (_plain_latin_to_cyrillic(before, special_word_re, stems), kept.group())
            position = kept.end()
        parts.append(_plain_latin_to_cyrillic(plain[position:], special_word_re, stems))
        return "".join(parts)

    return _map_plain_text(text, convert)


def cyrillic_to_latin(text: str, *, exceptions: Mapping[str, str] | None = None) -> str:
    """Transliterate Serbian Cyrillic ``text`` (plain or HTML) to Latin.

    Letter by letter, so lossless; Latin already in the text passes through. ``exceptions`` is
    the same Latin -> Cyrillic mapping that ``latin_to_cyrillic`` takes, applied in reverse so
    that a non-literal spelling (a brand) maps back.
    """
    if not text:
        return text
    stem_re, stems = _cyrillic_rules(_freeze(exceptions))

    def convert(plain: str) -> str:
        if stem_re is not None:
            plain = stem_re.sub(lambda match: _recase_stem(match, stems), plain)
        plain = _CYRILLIC_CAPS_DIGRAPH_RE.sub(_caps_digraph_to_latin, plain)
        return plain.translate(CYRILLIC_TO_LATIN)

    return _map_plain_text(text, convert)


def strip_keep_latin_markers(text: str) -> str:
    """Remove ``[[`` ``]]`` keep-Latin markers, keeping what they enclose (for Latin output)."""
    if KEEP_LATIN_OPEN not in text:
        return text
    return _map_plain_text(text, lambda plain: plain)


def _map_plain_text(text: str, convert: Callable[[str], str]) -> str:
    """Apply ``convert`` to the text between protected spans; unwrap keep-Latin markers."""
    parts, position = [], 0
    for protected in _PROTECTED_RE.finditer(text):
        if protected.start() > position:
            parts.append(convert(text[position : protected.start()]))
        marked = protected.group("marked")
        parts.append(protected.group() if marked is None else marked)
        position = protected.end()
    if position < len(text):
        parts.append(convert(text[position:]))
    return "".join(parts)


def _plain_latin_to_cyrillic(plain: str, special_word_re: re.Pattern, stems: dict) -> str:
    if not plain:
        return plain
    if _COMBINING_MARK_RE.search(plain):
        plain = unicodedata.normalize("NFC", plain)
    parts, position = [], 0
    for word in special_word_re.finditer(plain):
        if word.group("roman") is not None and not _is_roman_numeral_here(plain, word):
            continue  # a Serbian word that looks like a numeral: convert it with the run
        parts.append(_latin_run_to_cyrillic(plain[position : word.start()]))
        if word.group("stem") is not None:
            parts.append(_recase_stem(word, stems) + _latin_run_to_cyrillic(word.group("rest")))
        else:
            parts.append(word.group())
        position = word.end()
    parts.append(_latin_run_to_cyrillic(plain[position:]))
    return "".join(parts)


def _latin_run_to_cyrillic(run: str) -> str:
    return _LATIN_DIGRAPH_RE.sub(_digraph_to_cyrillic, run).translate(_LATIN_TO_CYRILLIC)


def _digraph_to_cyrillic(match: re.Match) -> str:
    return _LATIN_DIGRAPH_TO_CYRILLIC[match.group()]


def _caps_digraph_to_latin(match: re.Match) -> str:
    return _CYRILLIC_CAPS_DIGRAPH_TO_LATIN[match.group()]


def _is_roman_numeral_here(plain: str, word: re.Match) -> bool:
    if word.group() not in _ROMAN_NUMERALS_THAT_ARE_WORDS:
        return True
    return not any(
        _is_all_caps(neighbour)
        # A neighbouring numeral ("VI i VII") is no sign of an all-caps heading.
        and not _ROMAN_NUMERAL_RE.match(neighbour)
        for neighbour in (_previous_word(plain, word.start()), _next_word(plain, word.end()))
    )


def _previous_word(plain: str, end: int) -> str:
    while end > 0 and not plain[end - 1].isalpha():
        end -= 1
    start = end
    while start > 0 and plain[start - 1].isalpha():
        start -= 1
    return plain[start:end]


def _next_word(plain: str, start: int) -> str:
    while start < len(plain) and not plain[start].isalpha():
        start += 1
    end = start
    while end < len(plain) and plain[end].isalpha():
        end += 1
    return plain[start:end]


def _is_all_caps(word: str) -> bool:
    cased = [char for char in word if char.isupper() or char.islower()]
    return len(cased) >= 2 and all(char.isupper() for char in cased)


def _recase_stem(match: re.Match, stems: Mapping[str, str]) -> str:
    """Return the replacement for ``match``'s stem, in the casing of the source word."""
    source = match.group("stem")
    target = stems[_stem_key(source)]
    if _is_all_caps(match.group()):
        return target.upper()
    if target != target.lower():
        return target  # capitals of its own: a brand spelled the way its owner spells it
    if len(source) == len(target):
        return "".join(t.upper() if s.isupper() else t for s, t in zip(source, target, strict=True))
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _stem_key(stem: str) -> str:
    return " ".join(stem.lower().split())


def _freeze(exceptions: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    # Hashable for the rule caches; a blank entry would match the start of every word.
    if not exceptions:
        return ()
    return tuple(
        sorted((latin, cyrillic) for latin, cyrillic in exceptions.items() if latin.strip())
    )


def _freeze_phrases(keep_latin: Iterable[str]) -> tuple[str, ...]:
    if isinstance(keep_latin, str):  # a single phrase passed bare must not become letters
        keep_latin = (keep_latin,)
    return tuple(sorted({phrase.strip() for phrase in keep_latin if phrase and phrase.strip()}))


def _stem_alternation(stems: Iterable[str]) -> str:
    # Longest first, so a longer stem wins over a shorter one that starts it ("izvanjezič" is
    # not cut at a shorter editor stem "izvan"); whitespace inside an editor's multi-word stem
    # matches any whitespace run.
    ordered = sorted(stems, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, stem.split())) for stem in ordered)


@lru_cache(maxsize=64)
def _latin_rules(editor_exceptions: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict]:
    stems = dict(BUILTIN_EXCEPTIONS)
    stems.update((_stem_key(latin), cyrillic) for latin, cyrillic in editor_exceptions)
    special_word_re = re.compile(
        rf"""
        (?<!{_LETTER})
        (?:
            (?P<stem>(?i:{_stem_alternation(stems)}))(?P<rest>{_LETTER}*)
          | {_LETTER}*{_FOREIGN_LATIN_LETTER}{_LETTER}*
          | (?P<roman>{_ROMAN_NUMERAL_BODY})(?!{_LETTER})
        )
        """,
        re.VERBOSE,
    )
    return special_word_re, stems


@lru_cache(maxsize=64)
def _cyrillic_rules(
    editor_exceptions: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern | None, dict]:
    if not editor_exceptions:
        return None, {}
    stems = {
        _stem_key(cyrillic): latin for latin, cyrillic in editor_exceptions if cyrillic.strip()
    }
    if not stems:
        return None, {}
    stem_re = re.compile(rf"(?<!{_LETTER})(?P<stem>(?i:{_stem_alternation(stems)}))")
    return stem_re, stems


@lru_cache(maxsize=64)
def _keep_latin_re(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not phrases:
        return None
    return re.compile(rf"(?<!\w)(?:{_stem_alternation(phrases)})(?!\w)")


# Compile the built-in rules now rather than on the first page that is rendered.
_latin_rules(())


# printf-style and str.format placeholders in interface strings name variables, not words.
_PLACEHOLDER_RE = re.compile(r"%\([^)\s]+\)[sdif]|%[sdif]|\{[A-Za-z_][A-Za-z0-9_]*\}")
# A tag is kept whole by the transliterator, so a placeholder inside it (href="%(url)s") needs no
# marker, and one would stay there: markers are unwrapped only in text.
_TAG_OR_PLACEHOLDER_RE = re.compile(rf"(?P<tag></?[A-Za-z]{_TAG_BODY}>)|{_PLACEHOLDER_RE.pattern}")


def latin_to_cyrillic_interface_string(text):
    """Transliterate a gettext message, leaving ``%(name)s``, ``%s`` and ``{name}`` intact."""
    protected = _TAG_OR_PLACEHOLDER_RE.sub(
        lambda match: (
            match.group()
            if match.group("tag")
            else f"{KEEP_LATIN_OPEN}{match.group()}{KEEP_LATIN_CLOSE}"
        ),
        text,
    )
    return latin_to_cyrillic(protected)
