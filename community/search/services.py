"""Searching: `search(viewer, params)` for /zoeken and `similar_questions(viewer, title)`.

The index answers which posts match, how many, and the facet counts, with the visibility rule
inside the index query (visitors: visibility=public; removed posts have no document). The
posts themselves are then loaded from the database by id, in the index's order, with the same
visibility rule applied again as a second wall.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.orm import joinedload, selectinload
from whoosh import query as wq

from community.clock import utcnow
from community.extensions import db
from community.organisations.models import Organisation
from community.posts.models import Post, PostKind
from community.posts.queries import is_member, listable_criteria
from community.search.analysis import fold
from community.search.documents import snippet_source
from community.search.indexer import get_indexer
from community.search.query import Clause, ParsedQuery, QueryBuilder, parse, vocabulary
from community.search.snippets import best_snippet
from community.search.store import IndexUnavailable, segment_id
from community.themes.models import Theme

log = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_PAGE = 100
SIMILAR_MIN_CHARS = 10
SIMILAR_LIMIT = 5

KINDS = {"vraag": PostKind.QUESTION, "goed-voorbeeld": PostKind.PRACTICE}
KIND_LABELS = {"vraag": "Vragen", "goed-voorbeeld": "Goede voorbeelden"}
STATUSES = {"open": "open", "beantwoord": "answered"}
STATUS_LABELS = {"open": "Nog open", "beantwoord": "Beantwoord"}
PERIODS = {"week": 7, "maand": 31, "jaar": 365}
PERIOD_LABELS = {"": "Altijd", "week": "Afgelopen week", "maand": "Afgelopen maand", "jaar": "Afgelopen jaar"}
SORTS = {"relevantie": "Meest passend", "nieuwste": "Nieuwste eerst"}

# facet name -> index field
FACET_FIELDS = {"soort": "kind", "thema": "themes", "organisatie": "organisation", "status": "status"}


@dataclass
class SearchParams:
    q: str = ""
    soort: str = ""
    thema: str = ""
    organisatie: str = ""
    status: str = ""
    periode: str = ""
    sorteer: str = "relevantie"
    pagina: int = 1

    @classmethod
    def from_args(cls, args) -> SearchParams:
        """Read request arguments; anything unknown falls back to the default."""

        def one(name: str, allowed=None, limit: int = 80) -> str:
            value = str(args.get(name, "") or "")[:limit].strip()
            return value if allowed is None or value in allowed else ""

        try:
            page = int(str(args.get("pagina", "1"))[:6])
        except ValueError:
            page = 1
        params = cls(
            q=str(args.get("q", "") or "")[:2000],
            soort=one("soort", KINDS),
            thema=one("thema"),
            organisatie=one("organisatie"),
            status=one("status", STATUSES),
            periode=one("periode", PERIODS),
            sorteer=one("sorteer", SORTS) or "relevantie",
            pagina=min(max(page, 1), MAX_PAGE),
        )
        if params.status and params.soort == "goed-voorbeeld":
            params.status = ""
        return params

    def args(self, **changes: Any) -> dict[str, Any]:
        """URL arguments for this search with `changes`; defaults are left out."""
        values = {
            "q": self.q,
            "soort": self.soort,
            "thema": self.thema,
            "organisatie": self.organisatie,
            "status": self.status,
            "periode": self.periode,
            "sorteer": self.sorteer,
            "pagina": self.pagina,
        }
        if "pagina" not in changes:
            changes["pagina"] = 1
        values.update(changes)
        if values.get("status"):
            if values.get("soort") not in ("", "vraag"):
                values["status"] = ""  # a practice has no open/answered status
            else:
                values["soort"] = "vraag"
        defaults = {"sorteer": "relevantie", "pagina": 1}
        return {k: v for k, v in values.items() if v and defaults.get(k) != v}

    def without(self, name: str) -> dict[str, Any]:
        """URL arguments with filter `name` taken away (a question's status goes with its kind)."""
        changes = {name: ""}
        if name == "soort":
            changes["status"] = ""
        return self.args(**changes)

    @property
    def has_filters(self) -> bool:
        return bool(self.soort or self.thema or self.organisatie or self.status or self.periode)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool = False


@dataclass
class Result:
    post: Post
    label: str
    snippet: Markup


@dataclass
class SearchOutcome:
    params: SearchParams
    parsed: ParsedQuery
    searched: bool = False
    unavailable: bool = False
    results: list[Result] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    relaxed: bool = False
    synonyms: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))


@dataclass
class _Filters:
    theme: Theme | None = None
    organisation: Organisation | None = None
    unknown: bool = False  # a theme or organisation that does not exist: nothing matches


def _resolve_filters(params: SearchParams) -> _Filters:
    found = _Filters()
    if params.thema:
        found.theme = db.session.scalar(sa.select(Theme).where(Theme.slug == params.thema))
        found.unknown |= found.theme is None
    if params.organisatie:
        found.organisation = db.session.scalar(sa.select(Organisation).where(Organisation.slug == params.organisatie))
        found.unknown |= found.organisation is None
    return found


def _visibility_filters(viewer: Any) -> list[wq.Query]:
    """The visibility rule, in the index: removed posts are not indexed at all."""
    return [] if is_member(viewer) else [wq.Term("visibility", "public")]


def search(viewer: Any, params: SearchParams, now: datetime | None = None) -> SearchOutcome:
    parsed = parse(params.q)
    outcome = SearchOutcome(params=params, parsed=parsed)
    if parsed.is_empty and not params.has_filters:
        return outcome  # the page explains how to search
    outcome.searched = True
    filters = _resolve_filters(params)
    if filters.unknown:
        return outcome
    indexer = get_indexer()
    try:
        if indexer is None:
            raise IndexUnavailable("search is not installed")
        with indexer.store.searcher() as (searcher, cache):
            ids, terms = _run(searcher, cache, viewer, parsed, params, filters, outcome, now or utcnow())
    except IndexUnavailable as error:
        log.error("search unavailable: %s", error)
        outcome.unavailable = True
        return outcome
    outcome.results = _load_results(viewer, ids, terms)
    _label_facets(outcome, params, filters)
    return outcome


def _run(searcher, cache, viewer, parsed, params, filters, outcome, now) -> tuple[list[int], set[str]]:
    known = vocabulary(searcher, cache.setdefault(("vocabulary",), {}))
    base_filters = _visibility_filters(viewer)
    if params.periode:
        since = (now - timedelta(days=PERIODS[params.periode])).astimezone(UTC).replace(tzinfo=None)
        base_filters.append(wq.DateRange("created_at", since, None))
    active: dict[str, tuple[str, str]] = {}
    if params.soort:
        active["soort"] = ("kind", KINDS[params.soort].value)
    if params.status:
        active["status"] = ("status", STATUSES[params.status])
    if filters.theme is not None:
        active["thema"] = ("themes", str(filters.theme.id))
    if filters.organisation is not None:
        active["organisatie"] = ("organisation", str(filters.organisation.id))

    builder = QueryBuilder(known)
    user_query = builder.build(parsed)
    total, counts = _count(searcher, cache, _and(user_query, base_filters), active)
    if total == 0 and user_query is not None and not parsed.is_empty:
        relaxed = QueryBuilder(known, relaxed=True)
        relaxed_query = relaxed.build(parsed)
        relaxed_total, relaxed_counts = _count(searcher, cache, _and(relaxed_query, base_filters), active)
        if relaxed_total:
            builder, user_query, total, counts = relaxed, relaxed_query, relaxed_total, relaxed_counts
            outcome.relaxed = True
    outcome.total = total
    outcome.facets = {name: [FacetValue(value, value, n) for value, n in c.most_common()] for name, c in counts.items()}
    outcome.synonyms = list(dict.fromkeys(builder.expansion.synonyms))
    if total <= 2 or any(c.text not in builder.expansion.compounds for c in _unknown_words(searcher, parsed, viewer)):
        outcome.suggestion = _suggest(searcher, parsed, viewer, builder)
    if not total:
        return [], builder.expansion.terms

    query = _and(user_query, base_filters + [wq.Term(f, v) for f, v in active.values()])
    page = min(params.pagina, outcome.pages)
    limit = page * PAGE_SIZE
    if params.sorteer == "nieuwste" or user_query is None or isinstance(user_query, wq.Every):
        results = searcher.search(query, limit=limit, sortedby="created_at", reverse=True)
    else:
        results = searcher.search(query, limit=limit)
    hits = results[(page - 1) * PAGE_SIZE : limit]
    return [int(hit["id"]) for hit in hits], builder.expansion.terms


def _and(user_query: wq.Query | None, filters: list[wq.Query]) -> wq.Query:
    parts = ([user_query] if user_query is not None else []) + filters
    if not parts:
        return wq.Every()
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _posting_sets(sub, seg: str, fieldname: str, cache: dict) -> dict[str, frozenset[int]]:
    """value -> the segment's documents with that value (cached: segments never change)."""
    key = (seg, "facet", fieldname)
    sets = cache.get(key)
    if sets is None:
        reader = sub.reader()
        sets = {}
        if fieldname in reader.indexed_field_names():
            for value in reader.field_terms(fieldname):
                sets[value] = frozenset(reader.postings(fieldname, value).all_ids())
        cache[key] = sets
    return sets


def _count(searcher, cache, base_query, active) -> tuple[int, dict[str, Counter]]:
    """The number of matches, and per facet the counts under the other active facets."""
    counts = {name: Counter() for name in FACET_FIELDS}
    total = 0
    for sub, _offset in searcher.leaf_searchers():
        base = set(base_query.docs(sub))
        if not base:
            continue
        seg = segment_id(sub)
        chosen = {
            name: _posting_sets(sub, seg, fieldname, cache).get(value, frozenset())
            for name, (fieldname, value) in active.items()
        }
        matched = base
        for docs in chosen.values():
            matched = matched & docs
        total += len(matched)
        for name, fieldname in FACET_FIELDS.items():
            pool = base
            for other, docs in chosen.items():
                if other != name:
                    pool = pool & docs
            if not pool:
                continue
            for value, docs in _posting_sets(sub, seg, fieldname, cache).items():
                n = len(pool & docs) if len(pool) < len(docs) else len(docs & pool)
                if n:
                    counts[name][value] += n
    return total, counts


def _unknown_words(searcher, parsed: ParsedQuery, viewer: Any) -> list[Clause]:
    fields = _spelling_fields(viewer)
    reader = searcher.reader()
    unknown = []
    for clause in parsed.words():
        word = fold(clause.text)
        if word.isalpha() and len(word) >= 3 and not any(reader.doc_frequency(f, word) for f in fields):
            unknown.append(clause)
    return unknown


def _spelling_fields(viewer: Any) -> list[str]:
    return ["spell_public", "spell_members"] if is_member(viewer) else ["spell_public"]


def _suggest(searcher, parsed: ParsedQuery, viewer: Any, builder: QueryBuilder) -> str | None:
    """"Bedoelde je …?": each unknown word replaced by the most frequent known word at edit
    distance 1 (else 2), from words in posts this viewer may see."""
    fields = _spelling_fields(viewer)
    replace: dict[str, str] = {}
    for clause in _unknown_words(searcher, parsed, viewer):
        word = fold(clause.text)
        if len(word) < 4:
            continue
        for distance in (1, 2):
            candidates: Counter = Counter()
            for sub, _ in searcher.leaf_searchers():
                reader = sub.reader()
                for f in fields:
                    for candidate in reader.terms_within(f, word, distance, prefix=1):
                        if candidate != word:
                            candidates[candidate] += reader.doc_frequency(f, candidate)
            if candidates:
                replace[clause.text] = candidates.most_common(1)[0][0]
                break
    if not replace:
        return None
    return parsed.to_string(replace)


def _load_results(viewer: Any, ids: list[int], terms: set[str]) -> list[Result]:
    if not ids:
        return []
    rank = sa.case({post_id: i for i, post_id in enumerate(ids)}, value=Post.id)
    stmt = (
        sa.select(Post)
        .where(Post.id.in_(ids), *listable_criteria(viewer))
        .options(
            joinedload(Post.author),
            joinedload(Post.organisation),
            selectinload(Post.themes),
            selectinload(Post.replies),
        )
        .order_by(rank)
    )
    results = []
    for post in db.session.scalars(stmt).unique():
        label, snippet = best_snippet(snippet_source(post), terms)
        results.append(Result(post=post, label=label, snippet=snippet))
    return results


def _label_facets(outcome: SearchOutcome, params: SearchParams, filters: _Filters) -> None:
    """Facet values as the page shows them: Dutch labels, names from the database, slugs."""
    facets = outcome.facets
    kind_by_value = {kind.value: key for key, kind in KINDS.items()}
    facets["soort"] = [
        FacetValue(kind_by_value[f.value], KIND_LABELS[kind_by_value[f.value]], f.count, params.soort == kind_by_value[f.value])
        for f in facets.get("soort", [])
        if f.value in kind_by_value
    ]
    status_by_value = {v: k for k, v in STATUSES.items()}
    facets["status"] = [
        FacetValue(status_by_value[f.value], STATUS_LABELS[status_by_value[f.value]], f.count, params.status == status_by_value[f.value])
        for f in facets.get("status", [])
        if f.value in status_by_value
    ]
    theme_ids = [int(f.value) for f in facets.get("thema", []) if f.value.isdigit()]
    themes = {t.id: t for t in db.session.scalars(sa.select(Theme).where(Theme.id.in_(theme_ids)))} if theme_ids else {}
    facets["thema"] = [
        FacetValue(themes[int(f.value)].slug, themes[int(f.value)].name, f.count, params.thema == themes[int(f.value)].slug)
        for f in facets.get("thema", [])
        if f.value.isdigit() and int(f.value) in themes
    ]
    org_ids = [int(f.value) for f in facets.get("organisatie", []) if f.value.isdigit()]
    orgs = (
        {o.id: o for o in db.session.scalars(sa.select(Organisation).where(Organisation.id.in_(org_ids)))}
        if org_ids
        else {}
    )
    facets["organisatie"] = [
        FacetValue(orgs[int(f.value)].slug, orgs[int(f.value)].name, f.count, params.organisatie == orgs[int(f.value)].slug)
        for f in facets.get("organisatie", [])
        if f.value.isdigit() and int(f.value) in orgs
    ][:15]


def similar_questions(viewer: Any, title: str, limit: int = SIMILAR_LIMIT) -> list[Post]:
    """Up to `limit` visible questions that resemble a title being typed (any of its words)."""
    title = (title or "")[:300]
    if len(title.strip()) < SIMILAR_MIN_CHARS:
        return []
    parsed = parse(title.replace('"', " ").replace(" OR ", " ").replace("-", " "))
    indexer = get_indexer()
    if indexer is None or parsed.is_empty:
        return []
    try:
        with indexer.store.searcher() as (searcher, cache):
            builder = QueryBuilder(vocabulary(searcher, cache.setdefault(("vocabulary",), {})), relaxed=True)
            user_query = builder.build(parsed)
            if user_query is None:
                return []
            query = _and(user_query, _visibility_filters(viewer) + [wq.Term("kind", PostKind.QUESTION.value)])
            ids = [int(hit["id"]) for hit in searcher.search(query, limit=limit)]
    except IndexUnavailable as error:
        log.error("similar questions unavailable: %s", error)
        return []
    if not ids:
        return []
    rank = sa.case({post_id: i for i, post_id in enumerate(ids)}, value=Post.id)
    stmt = sa.select(Post).where(Post.id.in_(ids), *listable_criteria(viewer)).order_by(rank)
    return list(db.session.scalars(stmt))
