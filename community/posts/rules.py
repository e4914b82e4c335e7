"""The rules a post or reply must meet before it is saved: limits, themes, links, privacy.

Every check here runs before anything is changed, so a broken rule never leaves half a post in
the session. Problems are collected, so the form can show all of them at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from community import privacy, sanitize
from community.errors import DomainError
from community.extensions import db
from community.formatting import format_number
from community.input_guard import to_id
from community.mentions.services import to_markdown
from community.posts.models import PRACTICE_SECTIONS, Visibility
from community.themes.models import Theme

TITLE_MIN = 10
TITLE_MAX = 150
BODY_MAX = 20_000
SUMMARY_MAX = 500
GROUNDING_MAX = 500
THEMES_MIN = 1
THEMES_MAX = 3
SLUG_MAX = 80

# Dutch names of the text fields, for the privacy warning ("In je samenvatting: ...").
FIELD_LABELS = {
    "title": "Titel",
    "body": "Tekst",
    "summary": "Samenvatting",
    **PRACTICE_SECTIONS,
    "grounding_text": "Onderbouwing",
    "grounding_url": "Link naar de onderbouwing",
}
# Fields holding a web address: the guard reads their path and query string too.
URL_FIELDS = ("grounding_url",)


class InvalidInput(DomainError):
    """One or more rules were broken; `errors` holds each, with its field."""

    def __init__(self, errors: list[DomainError]):
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


# The guard's rule and its findings, shared with every other form that takes free text.
FieldFindings = privacy.FieldFindings
PersonalDataFound = privacy.PersonalDataFound


class Problems:
    """Collects broken rules; `check()` raises them together."""

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(DomainError(message, field=field))

    def check(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)


def clean_line(value: Any) -> str:
    """One line of plain text: trimmed, inner whitespace collapsed."""
    return re.sub(r"\s+", " ", str(value or "")).strip()


def clean_text(value: Any) -> str:
    """Markdown as written, with Windows line ends and trailing space removed."""
    return str(value or "").replace("\r\n", "\n").strip()


def check_title(problems: Problems, title: str) -> None:
    if not title:
        problems.add("title", "Geef je bericht een titel.")
    elif len(title) < TITLE_MIN:
        problems.add("title", f"Maak de titel wat langer: minstens {TITLE_MIN} tekens.")
    elif len(title) > TITLE_MAX:
        problems.add(
            "title", f"Maak de titel korter: hoogstens {TITLE_MAX} tekens (nu {len(title)})."
        )


def check_length(
    problems: Problems, field: str, text: str, limit: int, *, required: str = ""
) -> None:
    if not text and required:
        problems.add(field, required)
    elif len(text) > limit:
        problems.add(
            field,
            f"Deze tekst is te lang: hoogstens {format_number(limit)} tekens "
            f"(nu {format_number(len(text))}).",
        )


def check_url(problems: Problems, field: str, url: str) -> None:
    if not url:
        return
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 (raises on a bracket that opens no IPv6 address)
    except ValueError:
        problems.add(field, "Vul een volledig webadres in dat begint met https:// of http://.")
        return
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or re.search(r"\s", url)
        or len(url) > GROUNDING_MAX
    ):
        problems.add(field, "Vul een volledig webadres in dat begint met https:// of http://.")


def resolve_themes(problems: Problems, values: Iterable[Any] | None) -> list[Theme]:
    """Theme objects for the given themes or ids; 1 to 3 of them, all existing."""
    values = list(values or [])
    if len(values) > THEMES_MAX:  # before any work: 75,000 ids once took 21 s
        problems.add("themes", f"Kies hoogstens {THEMES_MAX} thema's.")
        return []
    ids: list[int] = []
    for value in values:
        theme_id = value.id if isinstance(value, Theme) else to_id(value)
        if theme_id is None:
            problems.add("themes", "Kies thema's uit de lijst.")
            return []
        if theme_id not in ids:
            ids.append(theme_id)
    if len(ids) < THEMES_MIN:
        problems.add("themes", "Kies minstens één thema, zodat anderen je bericht vinden.")
        return []
    if len(ids) > THEMES_MAX:
        problems.add("themes", f"Kies hoogstens {THEMES_MAX} thema's.")
        return []
    themes = list(
        db.session.scalars(sa.select(Theme).where(Theme.id.in_(ids)).order_by(Theme.position))
    )
    if len(themes) != len(ids):
        problems.add("themes", "Een van de gekozen thema's bestaat niet (meer). Kies opnieuw.")
    return themes


def resolve_visibility(problems: Problems, value: Any) -> Visibility:
    if isinstance(value, Visibility):
        return value
    try:
        return Visibility(value or Visibility.PUBLIC.value)
    except ValueError:
        problems.add("visibility", "Kies wie je bericht mag lezen.")
        return Visibility.PUBLIC


def guard_privacy(texts: Mapping[str, str], confirmed: bool) -> bool:
    """Run the privacy guard over every text field and web address of a post.

    Raises PersonalDataFound when something was found and the author did not confirm; answers
    whether the author confirmed a warning (stored as privacy_confirmed).
    """
    return privacy.guard(texts, confirmed, labels=FIELD_LABELS, urls=URL_FIELDS)


def render(text: str) -> str:
    """Markdown to safe HTML, once, when saving; @mentions become links to the member."""
    return sanitize.render_markdown(to_markdown(text)) if text else ""


def slugify(title: str) -> str:
    """'Geïnspireerd: één buddy per starter!' -> 'geinspireerd-een-buddy-per-starter'"""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug or "bericht"


def ensure_loaded(instance: Any, *names: str) -> None:
    """Load relationships a service needs (they are lazy="raise_on_sql" on purpose)."""
    state = sa.inspect(instance)
    missing = [name for name in names if name in state.unloaded]
    if missing and state.persistent:
        db.session.refresh(instance, attribute_names=missing)
