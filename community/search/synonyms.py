"""The synonyms a search applies: the shipped base set plus the groups moderators add.

- synonyms.txt is the base set, kept with the code: it is reviewed like code, and an upgrade
  brings its new groups to every site without a data migration.
- search_synonyms holds what the sector adds on /beheer/zoekwoorden ("BOA = buitengewoon
  opsporingsambtenaar"). A moderator can remove those again; the base set is read-only there.

Both are applied when a query is built, so a change needs no reindex. Several web hosts share
one database, and each keeps the groups it compiled in memory: before every search `current()`
reads the one-row search_synonym_version (a primary-key lookup) and compiles again when its
value differs from the one it compiled. Every change writes a new random value in the same
commit, so a host never searches with a copy older than the last committed change, and no
counter can come back to a value a host already saw (a restored or emptied database). While
one request compiles, others keep searching with the copy they have; the new copy replaces it
in one assignment.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from community.accounts.models import Role
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.privacy import guard as privacy_guard
from community.search.analysis import (
    SynonymSet,
    base_synonyms,
    parse_synonyms,
    stems,
    synonym_groups,
)
from community.search.models import SearchSynonym, SearchSynonymVersion

SEPARATOR = re.compile(r"\s*[=|]\s*")  # "=" on the page; "|" as in synonyms.txt
MAX_TERMS = 10
MAX_TERM_CHARS = 80
MAX_CHARS = 500
EXAMPLE = "‘BOA = buitengewoon opsporingsambtenaar’"


@dataclass
class _Loaded:
    version: int | None
    synonyms: SynonymSet


def _holder() -> dict:
    """Per app (and so per database): the compiled copy this process searches with."""
    return current_app.extensions.setdefault("search_synonyms", {})


def current_version() -> int:
    query = sa.select(SearchSynonymVersion.value).where(SearchSynonymVersion.id == 1)
    return db.session.scalar(query) or 0


def current() -> SynonymSet:
    """The base set and the moderators' groups, as committed now (see the module docstring)."""
    holder = _holder()
    version = current_version()  # read before the rows: a change in between costs a reload
    loaded: _Loaded | None = holder.get("loaded")
    if loaded is not None and loaded.version == version:
        return loaded.synonyms
    rows = db.session.scalars(sa.select(SearchSynonym.terms).order_by(SearchSynonym.id)).all()
    added = [group for terms in rows for group in parse_synonyms(_as_line(terms))]
    synonyms = SynonymSet([*synonym_groups(), *added]) if added else base_synonyms()
    holder["loaded"] = _Loaded(version, synonyms)
    return synonyms


def _as_line(terms: str) -> str:
    """A stored group as a line of synonyms.txt ("#" would start a comment there)."""
    return "|".join(SEPARATOR.split(terms.replace("#", " ")))


# --- the admin page ----------------------------------------------------------------------------


def base_groups() -> list[tuple[str, ...]]:
    """The shipped groups, as the page lists them."""
    return [group.labels for group in synonym_groups()]


def additions() -> list[SearchSynonym]:
    return list(db.session.scalars(sa.select(SearchSynonym).order_by(SearchSynonym.id.desc())))


def split_terms(text: str) -> list[str]:
    return [" ".join(t.split()) for t in SEPARATOR.split(text or "") if t.strip()]


def add(actor: Any, text: str, privacy_confirmed: bool = False) -> SearchSynonym:
    """Add a group ("RvdK = Raad voor de Kinderbescherming = kinderbescherming"); it applies
    to the next search on every host."""
    _require_moderator(actor)
    terms = _validate(text)
    # The search page shows these words to every visitor ("ook gezocht op ...").
    privacy_guard(
        {"terms": " = ".join(terms)},
        privacy_confirmed,
        labels={"terms": "Woorden die hetzelfde betekenen"},
    )
    row = SearchSynonym(terms=" = ".join(terms), created_by_id=actor.id)
    db.session.add(row)
    _new_version()
    db.session.flush()
    return row


def remove(actor: Any, synonym_id: int) -> bool:
    """Remove a moderator's group; False when it was already gone (another moderator)."""
    _require_moderator(actor)
    removed = db.session.execute(sa.delete(SearchSynonym).where(SearchSynonym.id == synonym_id))
    if not removed.rowcount:
        return False
    _new_version()
    return True


def _require_moderator(actor: Any) -> None:
    if actor is None or not actor.has_role(Role.MODERATOR):
        raise NotAllowed("Alleen moderatoren en beheerders kunnen zoekwoorden beheren.")


def _new_version() -> None:
    value = secrets.randbits(62)
    changed = db.session.execute(
        sa.update(SearchSynonymVersion).where(SearchSynonymVersion.id == 1).values(value=value)
    )
    if not changed.rowcount:  # a database made without the migration's row
        db.session.add(SearchSynonymVersion(id=1, value=value))


def _validate(text: str) -> list[str]:
    field = "terms"
    if len(text or "") > MAX_CHARS:
        raise DomainError(f"Dat is te lang: hoogstens {MAX_CHARS} tekens.", field=field)
    terms = split_terms(text)
    if not terms:
        raise DomainError(
            f"Vul minstens twee woorden in die hetzelfde betekenen, zoals {EXAMPLE}.", field=field
        )
    if len(terms) < 2:
        raise DomainError(
            f"Zet een =-teken tussen woorden die hetzelfde betekenen, zoals {EXAMPLE}.",
            field=field,
        )
    if len(terms) > MAX_TERMS:
        raise DomainError(
            f"Hoogstens {MAX_TERMS} woorden per groep. Maak er twee groepen van.", field=field
        )
    seen: dict[tuple[str, ...], str] = {}
    for term in terms:
        if len(term) > MAX_TERM_CHARS:
            raise DomainError(
                f"‘{term[:30]}…’ is te lang: één woord of naam heeft hoogstens "
                f"{MAX_TERM_CHARS} tekens.",
                field=field,
            )
        variant = tuple(stems(term))
        if not variant:
            raise DomainError(
                f"Op ‘{term}’ kan de zoekfunctie niet zoeken: het zijn alleen kleine woorden "
                "zoals ‘de’ of ‘van’, of tekens.",
                field=field,
            )
        if variant in seen:
            raise DomainError(
                f"‘{seen[variant]}’ en ‘{term}’ zijn voor de zoekfunctie al hetzelfde woord. "
                "Laat er één van weg.",
                field=field,
            )
        seen[variant] = term
    known = current()
    groups = {id(g): g for g in (known.group_of(v) for v in seen) if g is not None}
    if len(groups) == 1 and all(known.group_of(v) is not None for v in seen):
        raise DomainError("Deze woorden zijn al synoniemen van elkaar.", field=field)
    return terms
