"""Cyrillic folded to Latin for keyword matching, with a way back to the original text."""

from dataclasses import dataclass

_CYRILLIC_TO_LATIN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N", "Њ": "Nj", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C",
    "Ч": "Č", "Џ": "Dž", "Ш": "Š",
}  # fmt: skip
_CYRILLIC_TO_LATIN.update(
    {cyr.lower(): lat.lower() for cyr, lat in list(_CYRILLIC_TO_LATIN.items())}
)


@dataclass
class Folded:
    """Text with Cyrillic transliterated to Latin, plus each character's original position."""

    original: str
    text: str
    origin: list[int]

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        if start >= end:
            return ""
        return self.original[self.origin[start] : self.origin[end - 1] + 1]

    def original_char(self, index: int) -> str:
        return self.original[self.origin[index]]


def fold(text: str) -> Folded:
    pieces = []
    origin = []
    for index, char in enumerate(text):
        latin = _CYRILLIC_TO_LATIN.get(char, char)
        pieces.append(latin)
        origin.extend([index] * len(latin))
    return Folded(text, "".join(pieces), origin)


def latin_lower(text: str) -> str:
    """Text folded to Latin and lowercased, for keyword matching only."""
    return "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in text).lower()
