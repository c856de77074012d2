"""Finding the partners, venues and cities an announcement names.

Announcements name organisations as a sentence needs them, not as the partner snippet spells
them: "uz podršku Švajcarske Konfederacije" (genitive), "Međunarodna organizacija za migracije u
Srbiji" (with the country office's place), in Cyrillic or Latin. The rules, in order:

1. An acronym ("(IOM)", or an organisation written only as "IOM") matches a partner's acronym.
2. The name matches a partner's name exactly, ignoring case, punctuation and script.
3. The same, after dropping a trailing place ("… u Srbiji", "… in Serbia", "… у Србији").
4. The same two comparisons, tolerating Serbian case endings: every word must share its stem
   with the partner's word (all but the last three letters of the longer one, and at least four
   letters), and the number of words must be equal.

The first rule that finds anything decides. If it finds more than one partner, nothing is matched
and the candidates are reported, because guessing between two organisations is worse than asking.

All functions are given the snippets of one locale; the database is not queried here.
"""

import re
from dataclasses import dataclass, field

from .parser import _latin_lower

MIN_STEM_LETTERS = 4
MAX_ENDING_LETTERS = 3

# "(IOM)" inside an organisation's name: two or more capitals, as the parser reads acronyms.
_ACRONYM_IN_PARENTHESES = re.compile(r"\(\s*([^\W\d_][\w&\-]{1,14})\s*\)")
# " u Srbiji", " in the Republic of Serbia", " у Србији": a preposition before a capitalised place.
_PLACE_SUFFIX = re.compile(r"\s(?:u|in|у)\s+(?:the\s+)?(\w)")
_WORD = re.compile(r"[^\W_]+")

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


def folded_words(text: str) -> list[str]:
    """The words of ``text`` in lowercase Latin script, without punctuation."""
    return _WORD.findall(_latin_lower(text))


def _folded(text: str) -> str:
    return " ".join(folded_words(text))


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
    matched_by: str = ""  # "acronym" or "name"; empty when nothing matched
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


def match_venue(venues, name: str):
    """The venue among ``venues`` with this name, ignoring case, punctuation and script."""
    wanted = folded_words(name)
    return next((venue for venue in venues if folded_words(venue.name) == wanted), None)


def city_in_venue_name(name: str) -> str:
    """The known city a venue's name ends with ("Media i reform centar Niš" -> "Niš"), as
    written; empty if the last words are not a known city."""
    words = name.rstrip(" .,;").replace(",", " ").split()
    for count in (2, 1):
        if len(words) >= count and _folded(" ".join(words[-count:])) in KNOWN_CITIES:
            return " ".join(words[-count:])
    return ""
