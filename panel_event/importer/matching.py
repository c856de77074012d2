"""Finding the partners, venues and cities an announcement names, among the snippets the caller
passes (nothing is queried here). The rules, in order: docs/architecture.md, "Matching partners
and venues".
"""

import re
import unicodedata
from dataclasses import dataclass, field

from ..languages.transliteration import cyrillic_to_latin

MIN_STEM_LETTERS = 4
MAX_ENDING_LETTERS = 3

# "(IOM)" inside an organisation's name: two or more capitals, as the parser reads acronyms.
_ACRONYM_IN_PARENTHESES = re.compile(r"\(\s*([^\W\d_][\w&\-]{1,14})\s*\)")
# " u Srbiji", " in the Republic of Serbia", " у Србији": a preposition before a capitalised place.
_PLACE_SUFFIX = re.compile(r"\s(?:u|in|у)\s+(?:the\s+)?(\w)")
_WORD = re.compile(r"[^\W_]+")
# "Trg Lazara Nešića 1", "Bulevar oslobođenja 12a", "Kneza Miloša 7/II", "Jug Bogdana bb":
# a street part of an address ends with a house number (folded text).
_HOUSE_NUMBER_AT_END = re.compile(r"(?:\d+[a-z]?(?:/\w+)?|bb)\.?$")
# A street part that has no number yet, by the word it starts with (folded text).
_STREET_WORD_AT_START = re.compile(
    r"(?:ul\.|ulica|trg|bulevar|bul\.|obala|kej|šetalište|setaliste|street|square|avenue)\s"
)
# "21000 Subotica": a postal code before the city.
_POSTAL_CODE_AND_CITY = re.compile(r"(\d{5})\s+(\S.*)")

# Larger towns in Serbia as announcements write them (Latin, and English exonyms; Cyrillic
# folds to the Latin spelling). A venue whose name ends with one of them is in that city.
KNOWN_CITIES = frozenset(
    {
        "beograd", "belgrade", "novi sad", "niš", "nis", "kragujevac", "subotica", "zrenjanin",
        "pančevo", "pancevo", "čačak", "cacak", "kraljevo", "novi pazar", "leskovac",
        "smederevo", "valjevo", "vranje", "šabac", "sabac", "užice", "uzice", "sombor",
        "požarevac", "pozarevac", "pirot", "zaječar", "zajecar", "kikinda", "sremska mitrovica",
        "jagodina", "vršac", "vrsac", "bor", "prokuplje", "loznica", "šid", "sid", "preševo",
        "presevo", "bujanovac", "sjenica", "tutin", "obrenovac", "kruševac", "krusevac",
        "paraćin", "paracin", "ćuprija", "cuprija", "negotin", "inđija", "indjija", "ruma",
        "stara pazova", "bačka palanka", "backa palanka", "vrnjačka banja", "vrnjacka banja",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """``text`` in lowercase Latin script without diacritics, for comparing names as people
    type them: "Нешића", "Nešića" and "Nesica" all fold to "nesica"."""
    latin = cyrillic_to_latin(text).lower().replace("đ", "dj")
    decomposed = unicodedata.normalize("NFD", latin)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def folded_words(text: str) -> list[str]:
    """The words of ``text`` folded (``fold``), without punctuation."""
    return _WORD.findall(fold(text))


def _folded(text: str) -> str:
    return " ".join(folded_words(text))


_FOLDED_CITIES = frozenset(_folded(city) for city in KNOWN_CITIES)


def without_place(name: str) -> str:
    """The name without a trailing place ("… u Srbiji"); the name itself if it has none."""
    for match in _PLACE_SUFFIX.finditer(name):
        if match.group(1).isupper() and match.start() > 0:
            return name[: match.start()].strip()
    return name


def acronym_in(organisation: str) -> str:
    """The acronym an organisation is written with: "(IOM)" in its name, or "IOM" alone."""
    for match in _ACRONYM_IN_PARENTHESES.finditer(organisation):
        if sum(1 for char in match.group(1) if char.isupper()) >= 2:
            return match.group(1)
    stripped = organisation.strip()
    if " " not in stripped and 2 <= len(stripped) <= 15 and stripped.isupper():
        return stripped
    return ""


def _same_word(word: str, other: str) -> bool:
    if word == other:
        return True
    stem = next(
        (index for index, (a, b) in enumerate(zip(word, other, strict=False)) if a != b),
        min(len(word), len(other)),
    )
    return stem >= MIN_STEM_LETTERS and stem >= max(len(word), len(other)) - MAX_ENDING_LETTERS


def _same_name_but_endings(words: list[str], other: list[str]) -> bool:
    return len(words) == len(other) and all(map(_same_word, words, other))


@dataclass
class PartnerMatch:
    """What a written organisation name was matched to, and by which rule."""

    partner: object | None = None
    matched_by: str = ""  # "acronym", "name" or "created"; empty when nothing matched
    candidates: list = field(default_factory=list)  # set when several partners fit equally

    @property
    def is_ambiguous(self):
        return len(self.candidates) > 1


def match_partner(partners, name: str, acronym: str = "") -> PartnerMatch:
    """The partner among ``partners`` that ``name`` (and ``acronym``) refers to."""
    acronym = acronym or acronym_in(name)
    name = _ACRONYM_IN_PARENTHESES.sub(" ", name) if acronym else name
    written_forms = [folded_words(name)]
    if (short := without_place(name)) != name:
        written_forms.append(folded_words(short))
    rules = [
        ("acronym", lambda partner: bool(acronym) and _folded(partner.acronym) == _folded(acronym)),
        (
            "acronym",
            lambda partner: (
                bool(partner.acronym) and written_forms[0] == folded_words(partner.acronym)
            ),
        ),
        ("name", lambda partner: folded_words(partner.name) in written_forms),
        (
            "name",
            lambda partner: any(
                _same_name_but_endings(form, folded_words(partner.name)) for form in written_forms
            ),
        ),
    ]
    for matched_by, fits in rules:
        candidates = [partner for partner in partners if fits(partner)]
        if len(candidates) == 1:
            return PartnerMatch(partner=candidates[0], matched_by=matched_by)
        if candidates:
            return PartnerMatch(candidates=candidates)
    return PartnerMatch()


@dataclass
class VenueAddress:
    """A venue line split into its parts, each as written; empty parts were not given."""

    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""


def _is_street(part: str) -> bool:
    folded = fold(part)
    return bool(_HOUSE_NUMBER_AT_END.search(folded) or _STREET_WORD_AT_START.match(folded))


def _is_known_city(text: str) -> bool:
    return _folded(text) in _FOLDED_CITIES


def split_venue_line(line: str) -> VenueAddress:
    """ "Name, Street Number[, [Postcode] City]" or "Name, City" into its parts.

    The street is the first comma-separated part after the name that ends with a house number
    or starts with a street word ("Trg", "Ulica", "Bulevar"); everything before it is the name,
    so a name with a comma of its own survives. After the street comes the city, with any
    postal code. Without a street, only a known city as the last part is split off; anything
    else stays in the name, because guessing a street wrongly is worse than not splitting.
    """
    parts = [part.strip() for part in line.strip().rstrip(".").split(",")]
    street_index = next(
        (index for index, part in enumerate(parts) if index > 0 and _is_street(part)), None
    )
    if street_index is not None:
        rest = ", ".join(part for part in parts[street_index + 1 :] if part)
        postal_code, city = "", rest
        if match := _POSTAL_CODE_AND_CITY.fullmatch(rest):
            postal_code, city = match.groups()
        return VenueAddress(", ".join(parts[:street_index]), parts[street_index], postal_code, city)
    if len(parts) > 1 and _is_known_city(parts[-1]):
        return VenueAddress(", ".join(parts[:-1]), city=parts[-1])
    return VenueAddress(line.strip())


def _agrees(written: str, stored: str) -> bool:
    """An address part agrees unless both sides give it and the two differ."""
    return not written or not stored or _folded(written) == _folded(stored)


@dataclass
class VenueMatch:
    """What a venue line was matched to; ``candidates`` when several venues fit equally."""

    venue: object | None = None
    candidates: list = field(default_factory=list)

    @property
    def is_ambiguous(self):
        return len(self.candidates) > 1


def match_venue(venues, line: str) -> VenueMatch:
    """The venue among ``venues`` that the venue line names, by name and address.

    A venue whose whole name is the line ("Hotel Zira, Beograd") fits. Otherwise the name part
    must equal the venue's name and its street and city must agree with the venue's; a venue
    that agrees on more of the address given is preferred ("Dom kulture" in two cities).
    """
    address = split_venue_line(line)
    whole_line = folded_words(line)
    exact = [venue for venue in venues if folded_words(venue.name) == whole_line]
    if exact:
        return _single_or_candidates(exact)
    name = folded_words(address.name)
    fitting = [
        venue
        for venue in venues
        if folded_words(venue.name) == name
        and _agrees(address.street, venue.street_address)
        and _agrees(address.city, venue.city)
    ]
    if not fitting:
        return VenueMatch()

    def confirmed_parts(venue):
        return sum(
            bool(written) and bool(stored) and _agrees(written, stored)
            for written, stored in [
                (address.street, venue.street_address),
                (address.city, venue.city),
            ]
        )

    best = max(confirmed_parts(venue) for venue in fitting)
    return _single_or_candidates([v for v in fitting if confirmed_parts(v) == best])


def _single_or_candidates(venues) -> VenueMatch:
    if len(venues) == 1:
        return VenueMatch(venue=venues[0])
    return VenueMatch(candidates=venues)


def city_in_venue_name(name: str) -> str:
    """The known city a venue's name ends with ("Media i reform centar Niš" -> "Niš"), as
    written; empty if the last words are not a known city."""
    words = name.rstrip(" .,;").replace(",", " ").split()
    for count in (2, 1):
        if len(words) >= count and _is_known_city(" ".join(words[-count:])):
            return " ".join(words[-count:])
    return ""
