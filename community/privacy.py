"""The privacy guard: finds text that could identify a child or family before it is posted.

Why: youth-care professionals write about real cases. A BSN, a phone number, an e-mail address,
a date of birth or a home address turns a story into a file about someone. The guard does not
block: it shows the author what it found, with a Dutch explanation, and the author edits or
explicitly confirms. So it leans towards finding too much, but ordinary practice text (years,
percentages, amounts, meeting dates, staff numbers) must pass quietly or people stop reading
the warnings.

    findings = find_personal_data(text)          # one text
    result = check(("title", title), ("body", body))   # several form fields
    if result: ...result.highlighted("body")...
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from markupsafe import Markup, escape

from community.clock import utcnow
from community.formatting import AMSTERDAM, MONTHS

__all__ = [
    "Finding",
    "FindingKind",
    "PrivacyCheck",
    "check",
    "find_personal_data",
    "highlight",
    "is_valid_bsn",
]


class FindingKind(StrEnum):
    BSN = "bsn"
    PHONE = "phone"
    EMAIL = "email"
    BIRTH_DATE = "birth_date"
    POSTCODE_ADDRESS = "postcode_address"

    @property
    def label(self) -> str:
        """Dutch name, for lists such as "We vonden: een telefoonnummer en een adres"."""
        return _LABELS[self]

    @property
    def explanation(self) -> str:
        return _EXPLANATIONS[self]


_LABELS = {
    FindingKind.BSN: "BSN",
    FindingKind.PHONE: "telefoonnummer",
    FindingKind.EMAIL: "e-mailadres",
    FindingKind.BIRTH_DATE: "geboortedatum",
    FindingKind.POSTCODE_ADDRESS: "adres",
}

_EXPLANATIONS = {
    FindingKind.BSN: (
        "Dit lijkt op een BSN. Deel nooit gegevens waarmee een kind of gezin te herkennen is. "
        "Haal het nummer weg; je verhaal is zonder net zo waardevol."
    ),
    FindingKind.PHONE: (
        "Dit lijkt op een telefoonnummer. Is het van een jongere, een ouder of een gezin? "
        "Haal het dan weg. Wil je zelf bereikbaar zijn voor collega's, dan kan dat via je profiel."
    ),
    FindingKind.EMAIL: (
        "Dit lijkt op een e-mailadres. Is het van een jongere, een ouder of een gezin? "
        "Haal het dan weg. Collega's kunnen jou bereiken via je profiel."
    ),
    FindingKind.BIRTH_DATE: (
        "Dit lijkt op een geboortedatum. Daarmee is een kind snel te herkennen. "
        "Noem liever een leeftijd, zoals 'een meisje van 9' of 'een jongen van rond de 15'."
    ),
    FindingKind.POSTCODE_ADDRESS: (
        "Dit lijkt op een adres. Met een straat en huisnummer of een postcode is een gezin "
        "te vinden. Noem liever alleen de gemeente of de regio."
    ),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One match: what it looks like, where it is (text[start:end] == text) and in which field."""

    kind: FindingKind
    text: str
    start: int
    end: int
    field: str | None = None

    @property
    def explanation(self) -> str:
        return self.kind.explanation

    @property
    def label(self) -> str:
        return self.kind.label


# --- BSN ----------------------------------------------------------------------------------

# Nine digits, plain or grouped 3-3-3 ("123.456.782", "123 456 782") or 4-2-3 ("1234.56.782"),
# with one kind of separator. Not part of a longer number, an amount or a decimal.
_BSN = re.compile(
    r"(?<![\w€$.,/-])(?<![€$] )"
    r"(?:\d{3}(?P<s1>[ .-]?)\d{3}(?P=s1)\d{3}|\d{4}(?P<s2>[ .-]?)\d{2}(?P=s2)\d{3})"
    r"(?![\w€]|[.,-]\d)"
)
# An 8-digit BSN is a 9-digit one that lost its leading zero; only with the word BSN before it.
_BSN_CUE_SHORT = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b[\s:.#-]{0,5}(?:nr\.?|nummer)?\s*"
    r"(?P<number>\d{8})(?![\w]|[.,-]\d)",
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


def _find_bsn(text: str) -> Iterable[Finding]:
    for match in _BSN.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group())):
            yield Finding(FindingKind.BSN, match.group(), match.start(), match.end())
    for match in _BSN_CUE_SHORT.finditer(text):
        if is_valid_bsn(match.group("number")):
            start, end = match.span("number")
            yield Finding(FindingKind.BSN, text[start:end], start, end)


# --- Phone numbers ------------------------------------------------------------------------

# One separator between digit groups: a space, or a dash or dot with optional spaces around it.
_SEP = r"(?:[ \t]?[-.][ \t]?|[ \t])"
# A candidate: a Dutch prefix (+31, 0031, 0, or an area code in brackets) and digit groups.
# The digit count and the prefix are checked in code.
_PHONE = re.compile(
    rf"""
    (?<![\w€$@+.,/-])
    (?:
        (?:\+31|0031){_SEP}?(?:\(0\){_SEP}?)?\d{{1,3}}     # +31 6 / +31 20 / +31 (0)20
      | \(0\d{{1,3}}\)                                     # (020)
      | 0\d{{1,3}}                                         # 06, 020, 0591
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
    if candidate.startswith(("+31", "0031")):
        rest = digits[2:] if candidate.startswith("+") else digits[4:]
        digits = rest if rest.startswith("0") else "0" + rest
    if len(digits) != 10 or digits[1] == "0":
        return None
    # 06 mobile; 01-05 and 07 geographic; 084/085/087/088 personal and company numbers.
    # 0800 and 09xx are information and service numbers, never a person's.
    if digits[1] in "1234567" or digits[1:3] in ("84", "85", "87", "88"):
        return digits
    return None


def _find_phone(text: str) -> Iterable[Finding]:
    for match in _PHONE.finditer(text):
        candidate, start = match.group(), match.start()
        if _DATE_LIKE.match(candidate):
            continue
        # A candidate can run into the next number ("06 12345678 12 keer"): try each group end.
        for end in _group_ends(candidate):
            if end < len(candidate) and text[start + end] not in " \t\n":
                continue
            if _national_number(candidate[:end]) is not None:
                after = text[start + end : start + end + 2]
                if not re.match(r"\d|[.,]\d", after):
                    yield Finding(FindingKind.PHONE, candidate[:end], start, start + end)
                break


def _group_ends(candidate: str) -> list[int]:
    """Positions just after each digit group, shortest first."""
    return [m.end() for m in re.finditer(r"\d+\)?", candidate)]


# --- E-mail addresses ---------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b"
)


def _find_email(text: str) -> Iterable[Finding]:
    for match in _EMAIL.finditer(text):
        yield Finding(FindingKind.EMAIL, match.group(), match.start(), match.end())


# --- Dates of birth -----------------------------------------------------------------------

_MONTH_NAMES = {name: number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NAMES.update(
    {
        "jan": 1, "feb": 2, "mrt": 3, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
    }
)  # fmt: skip
# Full names first, so "juni." at the end of a sentence keeps its full stop outside the match;
# abbreviations may carry their own full stop ("3 mrt. 2015").
_MONTH_ALTERNATIVES = "|".join(
    sorted(MONTHS, key=len, reverse=True)
    + [rf"{name}\.?" for name in sorted(set(_MONTH_NAMES) - set(MONTHS), key=len, reverse=True)]
)
_DATE = re.compile(
    rf"""
    (?<![\w.,/-])
    (?:
        (?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})
      | (?P<dn>\d{{1,2}})\s+(?P<mn>{_MONTH_ALTERNATIVES})(?:\s+(?P<yn>\d{{4}}))?
    )
    (?![\w]|[-/.]\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Words that say "this date is a birthday". Checked in a short window before the date, or
# just after it ("op 3 maart 2015 geboren").
_BIRTH_CUE = re.compile(
    r"\b(?:geboren|geb\.|geb\b|geboortedatum|geboortedag|gebdat|geb\.?\s?datum|verjaardag|"
    r"jarig|dob\b|date of birth)",
    re.IGNORECASE,
)
_CUE_WINDOW_BEFORE = 40
_CUE_WINDOW_AFTER = 25
# For a date that makes someone a minor, the cue may stand further back in the same sentence.
_CUE_WINDOW_MINOR = 100
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]|\n\s*\n")
# The genealogical asterisk right before a date: "Sanne (*12-03-2014)". Not a markdown bullet
# at the start of a line and not italics around the date.
_STAR_BEFORE = re.compile(r"(?:^|[^\s*])[ \t]*\*\s?$")


def _parse_date(match: re.Match[str], today: date) -> date | None:
    """The date a match names, or None when it is no real date. Missing years stay unknown."""
    try:
        if match.group("d"):
            day, month, year_text = int(match.group("d")), int(match.group("m")), match.group("y")
            year = int(year_text)
            if len(year_text) == 2:
                year += 2000 if year <= today.year % 100 else 1900
            return date(year, month, day)
        day, month = int(match.group("dn")), _MONTH_NAMES[match.group("mn").lower().rstrip(".")]
        year = int(match.group("yn")) if match.group("yn") else 2000  # a leap year
        return date(year, month, day)
    except ValueError:
        return None


def _is_minor(born: date, today: date) -> bool:
    if born > today:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < 18


def _has_cue(text: str, start: int, end: int, window_before: int) -> bool:
    before = text[max(0, start - window_before) : start]
    # Only the part of the window in the same sentence counts.
    sentence_breaks = list(_SENTENCE_END.finditer(before))
    if sentence_breaks:
        before = before[sentence_breaks[-1].end() - 1 :]
    if _BIRTH_CUE.search(before):
        return True
    if _STAR_BEFORE.search(text[max(0, start - 3) : start]) and text[end : end + 1] != "*":
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() != "*":
            return True
    after = re.split(r"[.!?\n]", text[end : end + _CUE_WINDOW_AFTER], maxsplit=1)[0]
    return bool(_BIRTH_CUE.search(after))


def _find_birth_date(text: str, today: date) -> Iterable[Finding]:
    for match in _DATE.finditer(text):
        born = _parse_date(match, today)
        if born is None:
            continue
        has_year = bool(match.group("y") or match.group("yn"))
        window = _CUE_WINDOW_BEFORE
        if has_year and _is_minor(born, today):
            window = _CUE_WINDOW_MINOR
        if _has_cue(text, match.start(), match.end(), window):
            yield Finding(FindingKind.BIRTH_DATE, match.group(), match.start(), match.end())


# --- Addresses ----------------------------------------------------------------------------

_STREET_SUFFIXES = "straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|plantsoen"
# A house number: 12, 12a, 12 a, 12-3, 12-A, 12-hs, 12/2. Not a year ("Jeugdweg 2030").
_HOUSE_NUMBER = (
    r"(?!(?:19|20)\d\d(?!\d))\d{1,4}"
    r"(?:[a-zA-Z](?![\w])|[ ][a-zA-Z](?![\w.])|[-/][a-zA-Z0-9]{1,3}(?![\w]))?"
)
# Case-sensitive even inside an IGNORECASE pattern: "2016 en 2020" is no postcode.
_POSTCODE = r"(?-i:[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z]))"
_STREET = re.compile(
    rf"""
    (?<![\w-])
    (?P<street>(?:[\w'-]+[ ]){{0,3}}?[\w'-]*?(?:{_STREET_SUFFIXES}))
    [ ]+(?P<number>{_HOUSE_NUMBER})
    (?![\w]|[.,]\d|[ ]?%)
    (?P<postcode>,?[ ]+{_POSTCODE})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_POSTCODE_WITH_NUMBER = re.compile(
    rf"(?<![\w-]){_POSTCODE}(?:,?[ ]?|[ ]?-[ ]?)(?:nr\.?[ ]?)?{_HOUSE_NUMBER}(?![\w]|[.,]\d)"
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


def _find_address(text: str) -> Iterable[Finding]:
    for match in _STREET.finditer(text):
        words = _street_name(match.group("street").split())
        if words[-1].lower() in _NOT_STREETS or len(words[-1]) < 5:
            continue
        name = " ".join(words)
        start = match.start("street") + match.group("street").rfind(name)
        yield Finding(FindingKind.POSTCODE_ADDRESS, text[start : match.end()], start, match.end())
    for match in _POSTCODE_WITH_NUMBER.finditer(text):
        yield Finding(FindingKind.POSTCODE_ADDRESS, match.group(), match.start(), match.end())


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


# --- Public API ---------------------------------------------------------------------------

# When two findings overlap, the longer one wins; on equal length, this order.
_PRIORITY = [
    FindingKind.EMAIL,
    FindingKind.PHONE,
    FindingKind.BSN,
    FindingKind.POSTCODE_ADDRESS,
    FindingKind.BIRTH_DATE,
]


def find_personal_data(text: str | None, *, today: date | None = None) -> list[Finding]:
    """Everything in `text` that looks like data identifying a person, in text order.

    `today` decides who is a minor (default: today in Amsterdam); tests pass a fixed date.
    Findings never overlap.
    """
    if not text:
        return []
    today = today or utcnow().astimezone(AMSTERDAM).date()
    found = [
        *_find_email(text),
        *_find_phone(text),
        *_find_bsn(text),
        *_find_address(text),
        *_find_birth_date(text, today),
    ]
    found.sort(key=lambda f: (f.start - f.end, _PRIORITY.index(f.kind), f.start))
    kept: list[Finding] = []
    for finding in found:
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def highlight(text: str | None, findings: Iterable[Finding]) -> Markup:
    """The text, escaped, with each finding in a <mark> (its explanation as a tooltip).

    Newlines are kept as they are: show it in an element with `white-space: pre-wrap`.
    Findings that do not fit the text (another field, an older version) are ignored.
    """
    if not text:
        return Markup("")
    parts: list[Markup] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position or text[finding.start : finding.end] != finding.text:
            continue
        parts.append(escape(text[position : finding.start]))
        parts.append(
            Markup('<mark class="privacy-finding" title="{}">{}</mark>').format(
                finding.explanation, finding.text
            )
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


class PrivacyCheck(list[Finding]):
    """The findings across several form fields, plus what a form needs to show them.

    It is a list of Finding (each with `field` set), so `if result:` means "something found".
    """

    def __init__(self, findings: Iterable[Finding] = (), texts: dict[str, str] | None = None):
        super().__init__(findings)
        self.texts: dict[str, str] = dict(texts or {})

    @property
    def fields(self) -> list[str]:
        """Names of the fields with findings, in the order they were checked."""
        return [name for name in self.texts if any(f.field == name for f in self)]

    @property
    def kinds(self) -> list[FindingKind]:
        """The kinds found, each once, in a fixed order."""
        return [kind for kind in FindingKind if any(f.kind == kind for f in self)]

    def for_field(self, name: str) -> list[Finding]:
        return [f for f in self if f.field == name]

    def highlighted(self, name: str) -> Markup:
        """That field's text with its findings marked."""
        return highlight(self.texts.get(name, ""), self.for_field(name))


def check(*fields: tuple[str, str | None], today: date | None = None) -> PrivacyCheck:
    """Check several fields at once: check(("title", title), ("body", body)).

    Empty fields are skipped; each finding carries the name of its field.
    """
    texts = {name: text for name, text in fields if text}
    findings = [
        replace(finding, field=name)
        for name, text in texts.items()
        for finding in find_personal_data(text, today=today)
    ]
    return PrivacyCheck(findings, texts)
