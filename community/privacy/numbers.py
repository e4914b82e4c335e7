"""BSNs (with the elfproef) and Dutch phone numbers, on normalised text.

Offsets are into the normalised text; `community.privacy` maps them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from community.privacy.findings import Finding, FindingKind

# --- BSN ----------------------------------------------------------------------------------

# One separator between digit groups: a space, a dot or a dash, maybe with spaces around it.
# Mixed separators are fine ("123.456 782"): people retype numbers from paper.
_BSN_SEP = r"(?:[ ]?[.-][ ]?|[ ])"
# Nine digits, plain or grouped 3-3-3 or 4-2-3. Not part of a longer number, an amount or a
# decimal.
_BSN = re.compile(
    r"(?<![\w€$.,/-])(?<![€$] )"
    rf"(?:\d{{3}}{_BSN_SEP}?\d{{3}}{_BSN_SEP}?\d{{3}}|\d{{4}}{_BSN_SEP}?\d{{2}}{_BSN_SEP}?\d{{3}})"
    r"(?![\w€]|[.,-]\d)"
)
# After the word BSN, any grouping counts ("BSN 12 34 56 782"), glued too ("BSN123456782"),
# and an 8-digit number is a 9-digit one that lost its leading zero.
_BSN_CUE = re.compile(
    r"(?<![^\W\d_])(?:bsn|burger[ -]?service[ -]?nummer|sofi[ -]?(?:nummer|nr)?)"
    r"(?:[ -]?(?:nummer|nr))?"
    r"[^\d\n]{0,25}?"
    rf"(?P<number>\d(?:{_BSN_SEP}?\d){{7,8}})(?![\w]|[.,-]\d)",
    re.IGNORECASE,
)


def is_valid_bsn(digits: str) -> bool:
    """The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not all zeros)."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    weights = range(9, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:8], weights, strict=True))
    return (total - int(digits[8])) % 11 == 0


def find_bsn(text: str) -> Iterable[Finding]:
    for match in _BSN.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group())):
            yield Finding(FindingKind.BSN, match.group(), match.start(), match.end())
    for match in _BSN_CUE.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group("number"))):
            start, end = match.span("number")
            yield Finding(FindingKind.BSN, text[start:end], start, end)


# --- Phone numbers ------------------------------------------------------------------------

# One separator between digit groups: a space, or a dash, dot or slash with optional spaces.
_SEP = r"(?:[ ]?[-./][ ]?|[ ])"
# A candidate: a Dutch prefix (+31, 0031, 0, or an area code in brackets) and digit groups.
# The digit count and the prefix are checked in code.
_PHONE = re.compile(
    rf"""
    (?<![\w€$@+.,/-])(?<![A-Z]{{4}}[ ])    # not inside an IBAN ("NL91 ABNA 0417 1643 00")
    (?:
        (?:\+[ ]?31|0031){_SEP}?(?:\([ ]?0[ ]?\){_SEP}?)?\d{{1,3}}  # +31 6 / +31 (0)20
      | \(0\d{{1,3}}\)                                           # (020)
      | 0\d{{1,3}}                                               # 06, 020, 0591
    )
    (?:{_SEP}?\d{{2,4}}){{1,4}}
    """,
    re.VERBOSE,
)
# A date such as 01-03-2014 may be followed by a time and then add up to ten digits.
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}(?!\d)")


def _national_number(candidate: str) -> str | None:
    """The ten-digit national form (0XXXXXXXXX) of a Dutch phone number, or None."""
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+", "0031")):
        rest = digits[2:] if candidate.startswith("+") else digits[4:]
        digits = rest if rest.startswith("0") else "0" + rest
    if len(digits) != 10 or digits[1] == "0":
        return None
    # 06 mobile; 01-05 and 07 geographic; 084/085/087/088 personal and company numbers.
    # 0800 and 09xx are information and service numbers, never a person's.
    if digits[1] in "1234567" or digits[1:3] in ("84", "85", "87", "88"):
        return digits
    return None


def find_phone(text: str) -> Iterable[Finding]:
    for match in _PHONE.finditer(text):
        candidate, start = match.group(), match.start()
        if _DATE_LIKE.match(candidate):
            continue
        # A candidate can run into the next number ("06 12345678 12 keer"): try each group end.
        for end in _group_ends(candidate):
            if end < len(candidate) and text[start + end] not in " \n":
                continue
            if _national_number(candidate[:end]) is not None:
                after = text[start + end : start + end + 2]
                if not re.match(r"\d|[.,]\d", after):
                    yield Finding(FindingKind.PHONE, candidate[:end], start, start + end)
                break


def _group_ends(candidate: str) -> list[int]:
    """Positions just after each digit group, shortest first."""
    return [m.end() for m in re.finditer(r"\d+\)?", candidate)]
