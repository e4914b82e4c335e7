"""One spelling for the detectors: Unicode spaces, dashes and digits folded, invisible
characters dropped, and (for web addresses) percent-escapes decoded.

Why: people paste from Word, Outlook and phones. "06–1234 5678" with an en dash, a BSN
with non-breaking spaces or fullwidth digits must be found like its plain spelling. The
detectors match on the folded text; `Normalised.span` maps a match back onto what the person
typed, so the warning marks exactly their own characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Invisible characters that split a number without showing: zero-width space/joiners, word
# joiner, BOM, soft hyphen, bidi marks.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u180e")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2043")
# In a web address these separate words the way spaces do in prose.
_URL_SEPARATORS = frozenset("?&=#;_")
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The folded text; char i came from original[starts[i]:ends[i]]."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One typed character as the detectors see it ("" to drop it)."""
    if char in _INVISIBLE or char == "\r":
        return ""
    if char == "\n":
        return "\n"
    if char in _DASHES:
        return "-"
    if char.isspace():
        return " "
    if char.isascii():
        return char
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and folded.isspace():
        return " "
    if folded in _DASHES:
        return "-"
    decimal = unicodedata.decimal(folded, None) if len(folded) == 1 else None
    return str(decimal) if decimal is not None else folded


def normalise(text: str, *, url: bool = False) -> Normalised:
    """Fold `text`; runs of spaces become one. With url=True, %XX escapes are decoded and the
    parts of a web address (path segments, query keys and values) are separated by spaces."""
    pieces = _decode_percent(text) if url else [(char, i, i + 1) for i, char in enumerate(text)]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    in_query = False
    for index, (char, start, end) in enumerate(pieces):
        if url:
            char = _url_char(pieces, index, char, in_query)
            in_query = in_query or pieces[index][0] == "?"
        for folded in _fold(char):
            if folded == " " and out and out[-1] in " \n":
                ends[-1] = end
                continue
            out.append(folded)
            starts.append(start)
            ends.append(end)
    return Normalised(text, "".join(out), tuple(starts), tuple(ends))


def _decode_percent(text: str) -> list[tuple[str, int, int]]:
    """Characters with their original spans; a run of %XX escapes decodes as UTF-8 and each
    decoded character spans the whole run."""
    pieces: list[tuple[str, int, int]] = []
    position = 0
    for match in _PERCENT_RUN.finditer(text):
        pieces.extend((text[i], i, i + 1) for i in range(position, match.start()))
        raw = bytes.fromhex(match.group().replace("%", ""))
        pieces.extend((char, match.start(), match.end()) for char in raw.decode(errors="replace"))
        position = match.end()
    pieces.extend((text[i], i, i + 1) for i in range(position, len(text)))
    return pieces


def _url_char(pieces: list[tuple[str, int, int]], index: int, char: str, in_query: bool) -> str:
    """A web address separator as a space: "/" in the path (not in query values, where it may
    be part of a date), "+" inside a query value, and a dash between words of a slug
    ("moeder-bellen-06-12345678")."""
    if char in _URL_SEPARATORS or (char == "/" and not in_query):
        return " "
    if char == "+" and in_query and index and pieces[index - 1][0] not in "=&?":
        return " "  # a space inside a query value; at the start it is "+31..."
    if char == "-":
        before = pieces[index - 1][0] if index else ""
        after = pieces[index + 1][0] if index + 1 < len(pieces) else ""
        if before.isalpha() or after.isalpha():
            return " "
    return char
