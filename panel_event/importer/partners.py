"""Partner mentions in a paragraph: "uz podršku X", "in cooperation with Y (ACR)", "Organizator: X"."""

import re

from .folding import Folded, fold
from .line_readers import strip_leading
from .parsed import ParsedPartnerMention
from .vocabulary import DASHES, MAX_PARTNER_NAME_WORDS

# Each cue introduces the names that follow it ("uz podršku X"). Names before a verb ("IOM
# sprovodi projekat") are not read; the lowercase word after such a cue makes the parser skip it.
_PARTNER_CUES = {
    "organiser": r"organizuje|organizuju|u\s+organizaciji"
    r"|organizator[ai]?(?:\s+(?:događaja|skupa))?(?:\s+(?:je|su)|\s*:)"
    r"|organi[sz]ed\s+by|organi[sz]ers?(?:\s+(?:is|are)|\s*:)",
    "implementing_partner": r"sprovodi|sprovode|realizuje|realizuju|implementira|implementiraju"
    r"|(?:is\s+|are\s+)?implemented\s+by",
    "funder": r"uz\s+(?:finansijsku\s+)?podršku|finansira|finansiraju"
    r"|(?:finansiran|podržan)[aoi]?\s+(?:je\s+)?od\s+strane"
    r"|with\s+the\s+(?:financial\s+|generous\s+|kind\s+)?support\s+(?:of|from)|supported\s+by"
    r"|funded\s+by|financed\s+by|sponsored\s+by",
    "cooperation": r"u\s+saradnji\s+sa?|u\s+partnerstvu\s+sa?"
    r"|in\s+(?:close\s+)?(?:cooperation|collaboration|partnership)\s+with",
    "coordination": r"(?:u\s+)?koordinaciji\s+sa?|in\s+coordination\s+with|coordinated\s+by",
    "host": r"domaćin[ia]?(?:\s+(?:događaja|skupa))?\s+(?:je|su|će\s+biti)|hosted\s+by",
    "media_partner": r"medijsk[ie]\s+partner[ia]?(?:\s+(?:događaja|skupa))?(?:\s+(?:je|su))?"
    r"|media\s+partners?(?:\s+(?:is|are))?",
}
_PARTNER_CUE = re.compile(
    "(?<![^\\W_])(?:"
    + "|".join(f"(?P<{role}>{pattern})" for role, pattern in _PARTNER_CUES.items())
    + ")(?![^\\W_])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_ACRONYM = re.compile(r"\(\s*([A-ZČĆŠŽĐ][A-Za-zČĆŠŽĐčćšžđ&\-]{1,14})\s*\)")
# Words between a cue and the name, or between two names; case-sensitive on purpose so an
# initial such as "S." is never mistaken for the preposition "s".
_LEADING_FILLER = re.compile(
    r"[\s,;:]+|(?:i|and|kao\s+i|te|as\s+well\s+as|[Tt]he|sa|s|with|by|od\s+strane|je|su|is|are)"
    r"(?![^\W_])"
)
_TRAILING_FILLERS = (" i", " and", " te", " kao", " as well as")
# Where a name without an acronym ends: a comma before a lowercase word, a spaced dash, a colon.
_NAME_END = re.compile(rf",\s*(?=[a-zčćšžđ])|\s[{DASHES}]\s|[;:(]")
_SERBIAN_NAME_SPLIT = re.compile(r",\s+(?=[A-ZČĆŠŽĐ])|\s+(?:i|and)\s+(?=[A-ZČĆŠŽĐ])")
_ENGLISH_NAME_SPLIT = re.compile(r",?\s+and\s+(?=the\s)|,\s+(?=the\s)|;\s*")


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past filler words and punctuation at both ends."""
    start = strip_leading(_LEADING_FILLER, text, start, end)
    while end > start:
        previous = end
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
            end -= 1
        for filler in _TRAILING_FILLERS:
            if text.endswith(filler, start, end):
                end -= len(filler)
                break
        if end == previous:
            break
    return start, end


def _starts_with_capital(folded: Folded, start: int, end: int) -> bool:
    """Whether a span starts with a capital letter, after any opening quote („Fondacija“)."""
    while start < end and folded.text[start] in "„“\"'«":
        start += 1
    return start < end and folded.original_char(start).isupper()


def _names_without_acronym(
    folded: Folded, start: int, end: int, role: str, english: bool
) -> list[ParsedPartnerMention]:
    start, end = _trim_span(folded.text, start, end)
    if not _starts_with_capital(folded, start, end):
        return []
    boundary = _NAME_END.search(folded.text, start, end)
    if boundary:
        end = boundary.start()
    splitter = _ENGLISH_NAME_SPLIT if english else _SERBIAN_NAME_SPLIT
    mentions = []
    piece_start = start
    for cut in [*splitter.finditer(folded.text, start, end), None]:
        piece_end = cut.start() if cut else end
        name_start, name_end = _trim_span(folded.text, piece_start, piece_end)
        name = folded.original_slice(name_start, name_end)
        if (
            _starts_with_capital(folded, name_start, name_end)
            and len(name.split()) <= MAX_PARTNER_NAME_WORDS
        ):
            mentions.append(ParsedPartnerMention(name=name, acronym="", role=role))
        if cut:
            piece_start = cut.end()
    return mentions


def partner_mentions(paragraph: str, english: bool) -> list[ParsedPartnerMention]:
    """Partner mentions in one paragraph, in the order they are written."""
    folded = fold(paragraph)
    text = folded.text
    cues = list(_PARTNER_CUE.finditer(text))
    mentions = []
    for index, cue in enumerate(cues):
        role = cue.lastgroup
        segment_end = cues[index + 1].start() if index + 1 < len(cues) else len(text)
        sentence_end = _SENTENCE_END.search(text, cue.end(), segment_end)
        if sentence_end:
            segment_end = sentence_end.start()
        start, _ = _trim_span(text, cue.end(), segment_end)
        # "se organizuje u okviru projekta" or "realizuju programe": no name follows the cue.
        if not _starts_with_capital(folded, start, segment_end):
            continue
        piece_start = start
        for acronym in _ACRONYM.finditer(text, start, segment_end):
            acronym_text = acronym.group(1)
            if sum(1 for char in acronym_text if char.isupper()) < 2:
                continue  # "(Beograd)" is part of the name, not an acronym
            name_start, name_end = _trim_span(text, piece_start, acronym.start())
            name = folded.original_slice(name_start, name_end)
            if name:
                mentions.append(
                    ParsedPartnerMention(
                        name=name,
                        acronym=folded.original_slice(acronym.start(1), acronym.end(1)),
                        role=role,
                    )
                )
            piece_start = acronym.end()
        mentions.extend(_names_without_acronym(folded, piece_start, segment_end, role, english))
    return mentions
