"""Dates of birth: a date near a word that says "born", on normalised text.

Event dates ("op 3 maart 2025 hielden we een teamdag") pass: without a birth cue a date is
just a date. With a cue every common spelling counts: 12-03-2014, 2014-03-12, 20140312,
3 maart 2015, 3e maart 2015, 3 mrt. '15.

A birth month with its year counts too ("geboren in maart 2015", "geb. 03/2015"): with a town
and a school class it is enough to find a child. A year alone does not ("geboren in 1985",
"geboren uit een fusie in 2015"): it names a whole year's children and is everywhere in
ordinary practice text. A date right after "sinds", "vanaf", "per" and the like is the start
of something, not a birthday, even with "geboren" earlier in the sentence.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from datetime import date

from community.formatting import MONTHS
from community.privacy.findings import Finding, FindingKind

_MONTH_NAMES = {name: number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NAMES.update(
    {
        "jan": 1, "feb": 2, "mrt": 3, "mar": 3, "maa": 3, "apr": 4, "jun": 6, "jul": 7,
        "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
    }
)  # fmt: skip
# Full names first, so "juni." at the end of a sentence keeps its full stop outside the match;
# abbreviations may carry their own full stop ("3 mrt. 2015").
_MONTH_ALTERNATIVES = "|".join(
    sorted(MONTHS, key=len, reverse=True)
    + [rf"{name}\.?" for name in sorted(set(_MONTH_NAMES) - set(MONTHS), key=len, reverse=True)]
)
# A two-digit year carries an apostrophe, typed straight or curly by a phone or Word: '15, ’15.
_APOSTROPHES = "'\u2019\u2018"
_DATE = re.compile(
    rf"""
    (?<![\w.,/-])
    (?:
        (?P<d>\d{{1,2}})(?P<sep>[-/.][ ]?|[ ])(?P<m>\d{{1,2}})(?P=sep)
        (?P<y>\d{{4}}|[{_APOSTROPHES}]?\d{{2}})
      | (?P<iy>(?:19|20)\d{{2}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})
      | (?P<cy>(?:19|20)\d{{2}})(?P<cm>[01]\d)(?P<cd>[0-3]\d)
      | (?P<dn>\d{{1,2}})(?:e|de|ste)?[ ](?:van[ ])?(?P<mn>{_MONTH_ALTERNATIVES})
        (?:,?[ ](?P<yn>\d{{4}}|[{_APOSTROPHES}]\d{{2}}))?
      # A month with its year, no day: 03-2015, 3/2015, 03-'15, maart 2015, mrt. '15.
      | (?P<mm>\d{{1,2}})[-/.](?P<my>(?:19|20)\d{{2}}|[{_APOSTROPHES}]\d{{2}})
      | (?P<mmn>{_MONTH_ALTERNATIVES}),?[ ](?P<myn>\d{{4}}|[{_APOSTROPHES}]\d{{2}})
    )
    (?![\w]|[-/.]\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Words that say "this date is a birthday". Checked in a short window before the date, or
# just after it ("op 3 maart 2015 geboren").
_BIRTH_CUE = re.compile(
    r"\b(?:geboren|geb\.|geb\b|geboorte(?:datum|dag|maand)|gebdat|geb\.?\s?datum|verjaardag|"
    r"jarig|dob\b|d\.o\.b|date of birth|born\b)",
    re.IGNORECASE,
)
_CUE_WINDOW_BEFORE = 40
_CUE_WINDOW_AFTER = 25
# For a date that makes someone a minor, the cue may stand further back in the same sentence.
_CUE_WINDOW_MINOR = 100
# A date right after one of these words starts or bounds a period ("sinds maart 2015", "per
# 1-3-2015", "tot en met 12 mei 2016"): a moment in someone's work, not their birthday.
_PERIOD_BEFORE = re.compile(
    r"\b(?:sinds|sedert|vanaf|per|tot(?:[ ]en[ ]met)?|t/m|tussen|voor|v[oó]{2}r|na|"
    r"vanuit|over|tijdens|gedurende)[ ](?:(?:de|het|begin|eind|half|medio)[ ])?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]|\n\s*\n")
# The genealogical asterisk right before a date: "Sanne (*12-03-2014)". Not a markdown bullet
# at the start of a line and not italics around the date.
_STAR_BEFORE = re.compile(r"(?:^|[^\s*])[ \t]*\*\s?$")


def _year(text: str, today: date) -> int:
    digits = text.lstrip(_APOSTROPHES)
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _parse_date(match: re.Match[str], today: date) -> date | None:
    """The date a match names, or None when it is no real date. Missing years stay unknown."""
    group = match.group
    try:
        if group("d"):
            return date(_year(group("y"), today), int(group("m")), int(group("d")))
        if group("iy"):
            return date(int(group("iy")), int(group("im")), int(group("id")))
        if group("cy"):
            return date(int(group("cy")), int(group("cm")), int(group("cd")))
        if group("my") or group("myn"):
            # Day unknown: the month's last day, so a child in the month of their 18th
            # birthday still counts as a minor (the guard leans towards finding); for this
            # month, today, so a baby born this month is no date in the future.
            year = _year(group("my") or group("myn"), today)
            month = int(group("mm")) if group("mm") else _month_number(group("mmn"))
            if (year, month) == (today.year, today.month):
                return today
            return date(year, month, monthrange(year, month)[1])
        month = _month_number(group("mn"))
        year = _year(group("yn"), today) if group("yn") else 2000  # a leap year
        return date(year, month, int(group("dn")))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTH_NAMES[name.lower().rstrip(".")]


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


def find_birth_date(text: str, today: date) -> Iterable[Finding]:
    for match in _DATE.finditer(text):
        born = _parse_date(match, today)
        if born is None:
            continue
        has_year = not match.group("dn") or bool(match.group("yn"))
        window = _CUE_WINDOW_BEFORE
        if has_year and _is_minor(born, today):
            window = _CUE_WINDOW_MINOR
        if _PERIOD_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        if _has_cue(text, match.start(), match.end(), window):
            yield Finding(FindingKind.BIRTH_DATE, match.group(), match.start(), match.end())
