"""E-mail addresses, also when written to fool harvesters: "naam [at] domein [dot] nl"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from community.privacy.findings import Finding, FindingKind

_OPEN, _CLOSE = r"[ ]?[\[({<][ ]?", r"[ ]?[\])}>][ ]?"
_AT_WORDS = r"at|apenstaartje|apestaartje"
_DOT_WORDS = r"dot|punt"
_AT = rf"(?:[ ]?@[ ]?|{_OPEN}(?:{_AT_WORDS}|@|a){_CLOSE}|[ ](?P<at_word>{_AT_WORDS})[ ])"
_DOT = rf"(?:\.|{_OPEN}(?:{_DOT_WORDS}|\.){_CLOSE}|[ ](?:{_DOT_WORDS})[ ])"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.%+-]+{_AT}(?:{_LABEL}{_DOT})+(?P<tld>[a-z]{{2,24}})\b",
    re.IGNORECASE,
)
# A bare word ("jan at home dot nl") only counts with a domain ending people really use.
_SPACED_WORD = re.compile(rf"[ ](?:{_AT_WORDS}|{_DOT_WORDS})[ ]", re.IGNORECASE)
_COMMON_TLDS = frozenset(
    [
        "nl",
        "be",
        "com",
        "org",
        "net",
        "eu",
        "info",
        "nu",
        "de",
        "uk",
        "io",
        "frl",
        "amsterdam",
        "biz",
        "email",
        "online",
    ]
)


def find_email(text: str) -> Iterable[Finding]:
    for match in _EMAIL.finditer(text):
        spaced = _SPACED_WORD.search(match.group())
        if spaced and match.group("tld").lower() not in _COMMON_TLDS:
            continue
        yield Finding(FindingKind.EMAIL, match.group(), match.start(), match.end())
