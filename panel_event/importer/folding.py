"""Cyrillic folded to Latin for keyword matching, with a way back to the original text."""

from dataclasses import dataclass

from ..languages.transliteration import CYRILLIC_TO_LATIN


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
        latin = char.translate(CYRILLIC_TO_LATIN)
        pieces.append(latin)
        origin.extend([index] * len(latin))
    return Folded(text, "".join(pieces), origin)


def latin_lower(text: str) -> str:
    """Text folded to Latin and lowercased, for keyword matching only."""
    return text.translate(CYRILLIC_TO_LATIN).lower()
