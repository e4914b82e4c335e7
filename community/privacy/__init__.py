"""The privacy guard: finds text that could identify a child or family before it is saved.

Why: youth-care professionals write about real cases. A BSN, a phone number, an e-mail address,
a date of birth or a home address turns a story into a file about someone. The guard does not
block: it shows the author what it found, with a Dutch explanation, and the author edits or
explicitly confirms. So it leans towards finding too much, but ordinary practice text (years,
percentages, amounts, meeting dates, staff numbers) must pass quietly or people stop reading
the warnings.

    findings = find_personal_data(text)          # one text
    result = check(("title", title), ("body", body), urls=("grounding_url",))
    if result: ...result.highlighted("body")...
    guard({"bio": bio}, confirmed, labels={"bio": "Over jou"})   # in a service: raises

Text is normalised first (`normalise.py`: Unicode spaces, dashes and digits; web addresses
percent-decoded), the detectors (`numbers.py`, `email.py`, `dates.py`, `addresses.py`) match
on that, and each finding is mapped back onto the characters the person typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from markupsafe import Markup, escape

from community.clock import utcnow
from community.formatting import AMSTERDAM
from community.privacy.addresses import find_address
from community.privacy.dates import find_birth_date
from community.privacy.email import find_email
from community.privacy.findings import Finding, FindingKind
from community.privacy.normalise import normalise
from community.privacy.numbers import find_bsn, find_phone, is_valid_bsn
from community.privacy.rule import PRIVACY_LABEL, FieldFindings, PersonalDataFound, guard

__all__ = [
    "PRIVACY_LABEL",
    "FieldFindings",
    "Finding",
    "FindingKind",
    "PersonalDataFound",
    "PrivacyCheck",
    "check",
    "find_personal_data",
    "guard",
    "highlight",
    "is_valid_bsn",
]

# When two findings overlap, the longer one wins; on equal length, this order.
_PRIORITY = [
    FindingKind.EMAIL,
    FindingKind.PHONE,
    FindingKind.BSN,
    FindingKind.POSTCODE_ADDRESS,
    FindingKind.BIRTH_DATE,
]


def find_personal_data(
    text: str | None, *, today: date | None = None, url: bool = False
) -> list[Finding]:
    """Everything in `text` that looks like data identifying a person, in text order.

    `today` decides who is a minor (default: today in Amsterdam); tests pass a fixed date.
    `url=True` reads the text as a web address (decoded, its parts apart). Findings never
    overlap; their offsets and text are the original's.
    """
    if not text:
        return []
    today = today or utcnow().astimezone(AMSTERDAM).date()
    folded = normalise(text, url=url)
    found = [
        *find_email(folded.text),
        *find_phone(folded.text),
        *find_bsn(folded.text),
        *find_address(folded.text),
        *find_birth_date(folded.text, today),
    ]
    found.sort(key=lambda f: (f.start - f.end, _PRIORITY.index(f.kind), f.start))
    kept: list[Finding] = []
    for finding in found:
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    mapped = []
    for finding in sorted(kept, key=lambda f: f.start):
        start, end = folded.span(finding.start, finding.end)
        mapped.append(replace(finding, text=text[start:end], start=start, end=end))
    return mapped


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


def check(
    *fields: tuple[str, str | None], today: date | None = None, urls: Iterable[str] = ()
) -> PrivacyCheck:
    """Check several fields at once: check(("title", title), ("body", body)).

    Empty fields are skipped; each finding carries the name of its field. Fields named in
    `urls` are read as web addresses.
    """
    urls = frozenset(urls)
    texts = {name: text for name, text in fields if text}
    findings = [
        replace(finding, field=name)
        for name, text in texts.items()
        for finding in find_personal_data(text, today=today, url=name in urls)
    ]
    return PrivacyCheck(findings, texts)
