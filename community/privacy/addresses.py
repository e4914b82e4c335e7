"""Home addresses: a street with a house number, a postcode with a house number, a postcode
with a place name ("1234 AB Utrecht"), or a postcode after words like "woont" or "adres".

A postcode on its own in a sentence about a neighbourhood ("in 1234 AB wonen 40 gezinnen")
passes: six characters of a postcode name a street, but only with a place or a cue they read
as someone's address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from community.privacy.findings import Finding, FindingKind

_STREET_SUFFIXES = (
    r"straat|str\.|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|plantsoen"
)
# A house number: 12, 12a, 12 a, 12-3, 12-A, 12-hs, 12/2. Not a year ("Jeugdweg 2030").
_HOUSE_NUMBER = (
    r"(?!(?:19|20)\d\d(?!\d))\d{1,4}"
    r"(?:[a-zA-Z](?![\w])|[ ][a-zA-Z](?![\w.])|[-/][a-zA-Z0-9]{1,3}(?![\w]))?"
)
_NUMBER_WORD = r"(?:(?:nr|no|nummer)\.?[ ]?)?"
# Case-sensitive even inside an IGNORECASE pattern: "2016 en 2020" is no postcode. Lower case
# only when glued to the digits ("1234ab").
_POSTCODE = r"(?-i:[1-9]\d{3}(?:[ ]?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![A-Za-z]))"
_STREET = re.compile(
    rf"""
    (?<![\w-])
    (?P<street>(?:[\w'-]+[ ]){{0,3}}?[\w'-]*?(?:{_STREET_SUFFIXES}))
    [ ]*{_NUMBER_WORD}(?<=[ .])(?P<number>{_HOUSE_NUMBER})
    (?![\w]|[.,]\d|[ ]?%)
    (?P<postcode>,?[ ]+{_POSTCODE})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_POSTCODE_WITH_NUMBER = re.compile(
    rf"(?<![\w-]){_POSTCODE}(?:,?[ ]?|[ ]?-[ ]?){_NUMBER_WORD}{_HOUSE_NUMBER}(?![\w]|[.,]\d)"
)
# A place name: capitalised words, maybe with "aan den", "op", "-" ("Alphen aan den Rijn").
_PLACE = r"(?-i:[A-Z][A-Za-z'-]+(?:[ -](?:aan|op|in|de|den|[A-Z][A-Za-z'-]+))*)"
_POSTCODE_WITH_PLACE = re.compile(rf"(?<![\w-]){_POSTCODE},?[ ]{_PLACE}")
_POSTCODE_AFTER_CUE = re.compile(
    rf"\b(?:postcode|woont|wonen|woonde|woonachtig|adres|woonadres|verhuisd|verhuist)\b"
    rf"[^.\n\d]{{0,20}}?(?P<postcode>(?<![\w-]){_POSTCODE})",
    re.IGNORECASE,
)
# Words ending like a street name that in youth-care writing usually are not one. A bare
# suffix ("straat 3", "weg 2") is never taken for a street either: see the length check below.
_NOT_STREETS = frozenset(
    {
        "onderweg", "halverwege", "zijweg", "leerweg", "omweg", "uitweg", "tussenweg",
        "middenweg", "leerpad", "zorgpad", "groeipad", "ontwikkelpad", "behandelpad",
        "inwerkpad", "loopbaanpad", "carrièrepad", "stappad", "voetpad", "fietspad",
        "plein", "straat", "kade", "singel", "gracht", "steeg", "dreef", "plantsoen",
    }
)  # fmt: skip


def find_address(text: str) -> Iterable[Finding]:
    for match in _STREET.finditer(text):
        words = _street_name(match.group("street").split())
        if words[-1].lower() in _NOT_STREETS or len(words[-1]) < 5:
            continue
        name = " ".join(words)
        start = match.start("street") + match.group("street").rfind(name)
        yield Finding(FindingKind.POSTCODE_ADDRESS, text[start : match.end()], start, match.end())
    for pattern in (_POSTCODE_WITH_NUMBER, _POSTCODE_WITH_PLACE):
        for match in pattern.finditer(text):
            yield Finding(FindingKind.POSTCODE_ADDRESS, match.group(), match.start(), match.end())
    for match in _POSTCODE_AFTER_CUE.finditer(text):
        start, end = match.span("postcode")
        yield Finding(FindingKind.POSTCODE_ADDRESS, text[start:end], start, end)


_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "'t"})
_PREPOSITIONS = frozenset(
    {"in", "op", "aan", "bij", "naar", "uit", "via", "over", "langs", "vanaf", "richting"}
)


def _street_name(words: list[str]) -> list[str]:
    """The words of the street name: "woont aan de Van Goghstraat" -> "Van Goghstraat".

    Walking back from the last word: capitalised words and particles belong to it, and an
    ordinal ("2e Hugo de Grootstraat") is where it starts; a leading preposition or lower-case
    particle does not belong to it.
    """
    kept = [words[-1]]
    for word in reversed(words[:-1]):
        if re.fullmatch(r"\d+e", word):
            kept.insert(0, word)
            break
        if word[:1].isupper() or word.lower() in _PARTICLES:
            kept.insert(0, word)
        else:
            break
    while len(kept) > 1 and (
        kept[0].lower() in _PREPOSITIONS or (kept[0] in _PARTICLES and kept[0][:1].islower())
    ):
        kept.pop(0)
    return kept
