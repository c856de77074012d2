"""Text for the admin and public searches, matching whatever script or spelling is typed.

Content exists in Serbian Latin, Serbian Cyrillic and English, and the people searching for it
type in either script, often without diacritics ("Nis" for "Niš"). The search backend matches
words as they are stored (PostgreSQL keeps diacritics; SQLite drops some but not đ), so each
page and snippet indexes its key text once more in every spelling: as written, in Latin, in
Cyrillic and folded to ASCII. A query in any of them then finds the content.
"""

import re
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


# --- The public search: one folded spelling on both sides --------------------------------------

# Letters and digits; everything else (markup, quotes, punctuation, NUL bytes) separates words,
# as both search backends' tokenizers would, so a query can never be read as search syntax.
WORD_RE = re.compile(r"[^\W_]+")

# A visitor's query is cut to this many words of at most this many letters: enough for any
# real search, and a 3,000-character paste costs no more than a short one.
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40


def folded_words(text):
    """The words of ``text`` in Latin, lowercase and without diacritics, once per way of
    writing đ: "Đorđe u Nišu" -> djordje, dorde, u, nisu."""
    words = (
        word for fold in ascii_folds(cyrillic_to_latin(text)) for word in WORD_RE.findall(fold)
    )
    return list(dict.fromkeys(word.lower() for word in words))


def folded_search_text(*texts):
    """The public search's index text: each non-empty text's words, folded (``folded_words``).

    Queries are folded the same way (``query_words``), so Cyrillic, Latin and diacritic-free
    spellings all meet in one form and the index holds each word once.
    """
    return " ".join(dict.fromkeys(word for text in texts if text for word in folded_words(text)))


def query_words(query):
    """A visitor's query as folded words to look for, in order, without repeats.

    Only the first spelling of đ is kept: the index holds both. One-letter words ("u", "i")
    are dropped when the query has longer ones, as they would only narrow it to texts that
    happen to contain them.
    """
    words = []
    for word in WORD_RE.findall(cyrillic_to_latin(str(query))):
        folded = ascii_folds(word)[0].lower()[:MAX_WORD_LENGTH]
        if folded not in words:
            words.append(folded)
        if len(words) == MAX_QUERY_WORDS:
            break
    longer = [word for word in words if len(word) > 1]
    return longer or words
