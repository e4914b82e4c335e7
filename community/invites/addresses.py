"""Reading the addresses an inviter pastes: typed by hand, from a spreadsheet or a mail client.

People paste lists however their tools give them ("a@x.nl; Jan Jansen <jan@x.nl>", one per line,
separated by spaces), so we accept all of those, drop duplicates case-blind, and name every
address we cannot use instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

LIST_SEPARATORS = re.compile(r"[,;\n\r]+")
WORD_SEPARATORS = re.compile(r"\s+")
ANGLE_ADDRESS = re.compile(r"<([^<>]*)>")
QUOTED_NAME = re.compile(r'"[^"]*"(?=\s*<)')
STRIP_CHARS = "\"'()[]<>"


@dataclass
class ParsedAddresses:
    valid: list[str] = field(default_factory=list)  # lower-cased, in the order given
    invalid: list[str] = field(default_factory=list)  # exactly as typed, for the error message


def _candidates(text: str) -> list[str]:
    found: list[str] = []
    # '"Bakker, Bram" <bram@x.nl>': a quoted display name may hold a comma; it is never the address.
    text = QUOTED_NAME.sub(" ", text)
    for chunk in LIST_SEPARATORS.split(text):
        inside_angles = ANGLE_ADDRESS.findall(chunk)
        # "Jan Jansen <jan@x.nl>": the name is not an address, the part in brackets is.
        words = inside_angles or WORD_SEPARATORS.split(chunk)
        for word in words:
            word = word.strip().strip(STRIP_CHARS)
            if word.lower().startswith("mailto:"):
                word = word[len("mailto:") :]
            if word:
                found.append(word)
    return found


def normalise_address(candidate: str) -> str | None:
    """The address as we store it (lower case, ASCII), or None when it is not usable.

    Non-ASCII before the @ needs SMTPUTF8, which many mail servers (and smtplib without it)
    refuse: such an invitation would silently never arrive, so we ask for another address.
    Non-ASCII domains are fine; they are stored in their ASCII (punycode) form.
    """
    if len(candidate) > 254:
        return None
    try:
        result = validate_email(candidate, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return None
    return (result.ascii_email or result.normalized).lower()


def parse_addresses(text: str) -> ParsedAddresses:
    parsed = ParsedAddresses()
    seen: set[str] = set()
    for candidate in _candidates(text):
        address = normalise_address(candidate)
        if address is None:
            if candidate not in parsed.invalid:
                parsed.invalid.append(candidate)
        elif address not in seen:
            seen.add(address)
            parsed.valid.append(address)
    return parsed
