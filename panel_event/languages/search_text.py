"""Text for the admin search that matches whatever script or spelling an editor types.

Content exists in Serbian Latin, Serbian Cyrillic and English, and the people searching for it
type in either script, often without diacritics ("Nis" for "Niš"). The search backend matches
words as they are stored (PostgreSQL keeps diacritics; SQLite drops some but not đ), so each
page and snippet indexes its key text once more in every spelling: as written, in Latin, in
Cyrillic and folded to ASCII. A query in any of them then finds the content.
"""

import unicodedata

from .transliteration import cyrillic_to_latin, latin_to_cyrillic

# Letters that are not a base letter plus a combining mark, so Unicode decomposition leaves them.
# Serbian writes đ as "dj" when diacritics are unavailable; "d" is the other common habit.
STROKED_LETTERS = {"đ": ("dj", "d"), "Đ": ("Dj", "D")}


def ascii_folds(text):
    """``text`` without diacritics, once per way of writing đ: "Đorđe" -> Djordje, Dorde."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    folds = []
    for choice in range(2):
        folded = plain
        for letter, replacements in STROKED_LETTERS.items():
            folded = folded.replace(letter, replacements[choice])
        folds.append(folded)
    return folds


def spellings(text):
    """``text`` as written, in Latin, in Cyrillic and folded to ASCII, without repeats."""
    latin = cyrillic_to_latin(text)
    variants = [text, latin, latin_to_cyrillic(latin), *ascii_folds(latin)]
    return list(dict.fromkeys(variants))


def search_text(*texts):
    """Every word of each non-empty text in every spelling, once, for an index field."""
    words = (
        word for text in texts if text for variant in spellings(text) for word in variant.split()
    )
    return " ".join(dict.fromkeys(words))
