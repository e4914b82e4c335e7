"""Searching: `search(viewer, params)` for /zoeken and `similar_questions(viewer, title)`.

The index answers which posts match, how many, and the facet counts, with the visibility rule
inside the index query (visitors: visibility=public; removed posts have no document). The
posts themselves are then loaded from the database by id, in the index's order, with the same
visibility rule applied again as a second wall.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
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
from community.pagecache import current_generation
from community.posts.models import Post, PostKind
from community.posts.queries import is_member, listable_criteria
from community.search import engine, synonyms
from community.search.analysis import fold, is_dutch_word, stems
from community.search.documents import snippet_source
from community.search.indexer import get_indexer
from community.search.query import Clause, ParsedQuery, QueryBuilder, parse, vocabulary
from community.search.snippets import best_snippet
from community.search.store import IndexUnavailable
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
PERIOD_LABELS = {
    "": "Altijd",
    "week": "Afgelopen week",
    "maand": "Afgelopen maand",
    "jaar": "Afgelopen jaar",
}
SORTS = {"relevantie": "Meest passend", "nieuwste": "Nieuwste eerst"}


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
    # False when the index may lag behind the content generation (a busy drain, a stale
    # document): the answer is shown but not remembered, nor the page made of it.
    complete: bool = True

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))


def search(viewer: Any, params: SearchParams, now: datetime | None = None) -> SearchOutcome:
    parsed = parse(params.q)
    outcome = SearchOutcome(params=params, parsed=parsed)
    if parsed.is_empty and not params.has_filters:
        return outcome  # the page explains how to search
    outcome.searched = True
    indexer = get_indexer()
    public_only = not is_member(viewer)
    moment = now or utcnow()
    # Read before the index catches up: what is remembered under this generation was searched
    # in an index that had applied at least every change committed with it.
    key = (
        current_generation(),
        public_only,  # what the index lets this viewer find: the only viewer part of a result
        int(moment.timestamp() // 3600),  # periods and the recency bonus move with time
        params.q,
        params.soort,
        params.thema,
        params.organisatie,
        params.status,
        params.periode,
        params.sorteer,
        params.pagina,
    )
    remembered = indexer.results.get(key)
    fresh = remembered is None
    if fresh:
        remembered = _search_index(indexer, viewer, parsed, params, public_only, moment)
        if remembered is None:
            outcome.unavailable = True
            return outcome
    outcome.complete = remembered.complete
    params.pagina = remembered.page
    outcome.total = remembered.total
    outcome.facets = {
        name: [FacetValue(value, value, count) for value, count in counts]
        for name, counts in remembered.facets.items()
    }
    outcome.suggestion = remembered.suggestion
    outcome.relaxed = remembered.relaxed
    outcome.synonyms = list(remembered.synonyms)
    # The database is the second wall, on every search: a post that is no longer listable for
    # this viewer is not shown, whatever the index or the memo said.
    outcome.results = _load_results(
        viewer, list(remembered.ids), remembered.terms, remembered.snippets
    )
    stale = len(remembered.ids) - len(outcome.results)
    if stale:  # never count what is not shown
        outcome.complete = False
        outcome.total = max(len(outcome.results), outcome.total - stale)
    if fresh and remembered.complete and outcome.complete:
        remembered.snippets.update((r.post.id, (r.label, r.snippet)) for r in outcome.results)
        indexer.results.put(key, remembered)
    _label_facets(outcome, params)
    return outcome


@dataclass(frozen=True)
class Remembered:
    """What the index answered for one search: kept per content generation (ResultMemo)."""

    ids: tuple[int, ...]
    terms: frozenset[str]
    total: int
    page: int
    facets: dict[str, tuple[tuple[str, int], ...]]
    suggestion: str | None
    relaxed: bool
    synonyms: tuple[str, ...]
    complete: bool  # the index had applied every change; else not worth remembering
    # post id -> (label, snippet): cut from the post's text, which the generation fixes too
    snippets: dict[int, tuple[str, Markup]] = field(default_factory=dict)


class ResultMemo:
    """Per-process LRU of search answers, keyed by the content generation (pagecache.py).

    Every commit that changes content raises the generation in the database, so a post, an
    edit, a hidden or deleted post on any host makes every remembered answer unreachable at
    once; they age out of the LRU. Keys hold "visitor or member", never a person: a visitor's
    key can never meet a member's answer. Bounded by SEARCH_RESULT_MEMO_ENTRIES (0: off).
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple, Remembered] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple) -> Remembered | None:
        if self.max_entries <= 0:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple, value: Remembered) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


def _search_index(
    indexer, viewer: Any, parsed: ParsedQuery, params: SearchParams, public_only: bool, now
) -> Remembered | None:
    """Ask the index; None when it is unavailable."""
    found = SearchOutcome(params=params, parsed=parsed, searched=True)
    ids: list[int] = []
    terms: set[str] = set()
    complete = True
    chosen = _resolve_filters(params)
    if chosen is not None:  # else a theme or organisation that does not exist: nothing matches
        filters = engine.Filters(public_only=public_only, chosen=chosen)
        if params.periode:
            since = now - timedelta(days=PERIODS[params.periode])
            filters.since = since.astimezone(UTC).replace(tzinfo=None)
        # Changes made on another host, or left by a busy drain.
        complete = indexer.catch_up_complete(indexer.catch_up())
        for attempt in range(2):
            found = SearchOutcome(params=params, parsed=parsed, searched=True)
            try:
                with indexer.store.searcher() as (searcher, cache):
                    ids, terms = _run(searcher, cache, viewer, parsed, params, filters, found)
            except IndexUnavailable as error:
                log.error("search unavailable: %s", error)
                return None
            # A document the database does not list is stale (its change is not applied
            # yet): rewrite those documents and search again, once.
            stale = set(ids) - _listable_ids(viewer, ids)
            if not stale:
                break
            complete = False
            if attempt or not indexer.repair(stale):
                break
            complete = True
    return Remembered(
        ids=tuple(ids),
        terms=frozenset(terms),
        total=found.total,
        page=params.pagina,
        facets={
            name: tuple((f.value, f.count) for f in values) for name, values in found.facets.items()
        },
        suggestion=found.suggestion,
        relaxed=found.relaxed,
        synonyms=tuple(found.synonyms),
        complete=complete,
    )


def _listable_ids(viewer: Any, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    stmt = sa.select(Post.id).where(Post.id.in_(ids), *listable_criteria(viewer))
    return set(db.session.scalars(stmt))


def _resolve_filters(params: SearchParams) -> dict[str, str] | None:
    """The chosen facets as index values; None when one names nothing that exists."""
    chosen: dict[str, str] = {}
    if params.soort:
        chosen["soort"] = KINDS[params.soort].value
    if params.status:
        chosen["status"] = STATUSES[params.status]
    if params.thema:
        theme_id = db.session.scalar(sa.select(Theme.id).where(Theme.slug == params.thema))
        if theme_id is None:
            return None
        chosen["thema"] = str(theme_id)
    if params.organisatie:
        org_id = db.session.scalar(
            sa.select(Organisation.id).where(Organisation.slug == params.organisatie)
        )
        if org_id is None:
            return None
        chosen["organisatie"] = str(org_id)
    return chosen


def _run(searcher, cache, viewer, parsed, params, filters, outcome) -> tuple[list[int], set[str]]:
    known = vocabulary(searcher, cache.setdefault(("vocabulary",), {}))
    current_synonyms = synonyms.current()
    builder = QueryBuilder(known, synonyms=current_synonyms)
    match = builder.build(parsed)
    found = engine.find(searcher, cache, match, filters)
    if found.total == 0 and match is not None:
        # Nothing has all the words: show what has most of them, and say so.
        loose = QueryBuilder(known, mode="most", synonyms=current_synonyms)
        loose_match = loose.build(parsed)
        loose_found = engine.find(searcher, cache, loose_match, filters)
        if loose_found.total:
            builder, match, found = loose, loose_match, loose_found
            outcome.relaxed = True
    outcome.total = found.total
    outcome.facets = {
        name: [FacetValue(v, v, n) for v, n in c.most_common()] for name, c in found.counts.items()
    }
    typed = {tuple(stems(c.text)) for group in parsed.groups for c in group}
    outcome.synonyms = [
        label
        for label in dict.fromkeys(builder.expansion.synonyms)
        if tuple(stems(label)) not in typed
    ]
    unknown = _unknown_words(searcher, parsed, viewer)
    if found.total <= 2 or any(c.text not in builder.expansion.compounds for c in unknown):
        outcome.suggestion = _suggest(searcher, parsed, viewer, unknown)
    if not found.total:
        return [], builder.expansion.terms

    page = params.pagina = min(params.pagina, outcome.pages)  # page 999 of 3 shows page 3
    start, stop = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
    if params.sorteer == "nieuwste" or match is None or isinstance(match, wq.Every):
        docnums = engine.newest(searcher, cache, found, start, stop)
    else:
        docnums = engine.most_relevant(
            searcher, cache, found, match, builder.expansion.boosts, start, stop
        )
    return engine.post_ids(searcher, docnums), builder.expansion.terms


def _unknown_words(searcher, parsed: ParsedQuery, viewer: Any) -> list[Clause]:
    """Words that may be misspelled: in no title or summary and not a word of the Dutch lexicon
    (nor a compound of its words), so a correctly spelled word is never "corrected" into
    another form of itself ("begeleidingen" -> "begeleiding")."""
    fields = _spelling_fields(viewer)
    reader = searcher.reader()
    unknown = []
    for clause in parsed.words():
        word = fold(clause.text)
        if (
            word.isalpha()
            and len(word) >= 3
            and not any(reader.doc_frequency(f, word) for f in fields)
            and not is_dutch_word(word)
        ):
            unknown.append(clause)
    return unknown


def _spelling_fields(viewer: Any) -> list[str]:
    return ["spell_public", "spell_members"] if is_member(viewer) else ["spell_public"]


def _suggest(searcher, parsed: ParsedQuery, viewer: Any, unknown: list[Clause]) -> str | None:
    """ "Bedoelde je …?": each unknown word replaced by the most frequent known word at edit
    distance 1 (else 2), from words in posts this viewer may see."""
    fields = _spelling_fields(viewer)
    replace: dict[str, str] = {}
    for clause in unknown:
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


def _load_results(
    viewer: Any, ids: list[int], terms: set[str], snippets: dict | None = None
) -> list[Result]:
    """The posts in the index's order, with their snippets (`snippets`: remembered ones; then
    the replies the snippets are cut from need not be loaded)."""
    if not ids:
        return []
    remembered = snippets is not None and all(post_id in snippets for post_id in ids)
    rank = sa.case({post_id: i for i, post_id in enumerate(ids)}, value=Post.id)
    options = [joinedload(Post.author), joinedload(Post.organisation)]
    if not remembered:
        options.append(selectinload(Post.replies))  # the snippet may come from an answer
    stmt = (
        sa.select(Post)
        .where(Post.id.in_(ids), *listable_criteria(viewer))
        .options(*options)
        .order_by(rank)
    )
    results = []
    seen: dict[str, bool] = {}  # words judged against these terms, for every post's snippet
    for post in db.session.scalars(stmt).unique():
        if remembered:
            label, snippet = snippets[post.id]
        else:
            label, snippet = best_snippet(snippet_source(post), terms, seen)
        results.append(Result(post=post, label=label, snippet=snippet))
    return results


def _label_facets(outcome: SearchOutcome, params: SearchParams) -> None:
    """Facet values as the page shows them: Dutch labels, names from the database, slugs."""
    facets = outcome.facets
    kind_by_value = {kind.value: key for key, kind in KINDS.items()}
    facets["soort"] = [
        FacetValue(
            kind_by_value[f.value],
            KIND_LABELS[kind_by_value[f.value]],
            f.count,
            params.soort == kind_by_value[f.value],
        )
        for f in facets.get("soort", [])
        if f.value in kind_by_value
    ]
    status_by_value = {v: k for k, v in STATUSES.items()}
    facets["status"] = [
        FacetValue(
            status_by_value[f.value],
            STATUS_LABELS[status_by_value[f.value]],
            f.count,
            params.status == status_by_value[f.value],
        )
        for f in facets.get("status", [])
        if f.value in status_by_value
    ]
    theme_ids = [int(f.value) for f in facets.get("thema", []) if f.value.isdigit()]
    themes = (
        {t.id: t for t in db.session.scalars(sa.select(Theme).where(Theme.id.in_(theme_ids)))}
        if theme_ids
        else {}
    )
    facets["thema"] = [
        FacetValue(
            themes[int(f.value)].slug,
            themes[int(f.value)].name,
            f.count,
            params.thema == themes[int(f.value)].slug,
        )
        for f in facets.get("thema", [])
        if f.value.isdigit() and int(f.value) in themes
    ]
    org_ids = [int(f.value) for f in facets.get("organisatie", []) if f.value.isdigit()]
    orgs = (
        {
            o.id: o
            for o in db.session.scalars(sa.select(Organisation).where(Organisation.id.in_(org_ids)))
        }
        if org_ids
        else {}
    )
    facets["organisatie"] = [
        FacetValue(
            orgs[int(f.value)].slug,
            orgs[int(f.value)].name,
            f.count,
            params.organisatie == orgs[int(f.value)].slug,
        )
        for f in facets.get("organisatie", [])
        if f.value.isdigit() and int(f.value) in orgs
    ][:15]


def similar_questions(viewer: Any, title: str, limit: int = SIMILAR_LIMIT) -> list[Post]:
    """Up to `limit` visible questions that resemble a title being typed (any of its words)."""
    title = (title or "")[:300]
    if len(title.strip()) < SIMILAR_MIN_CHARS:
        return []
    parsed = parse(title.replace('"', " ").replace(" OR ", " ").replace("-", " "))
    if parsed.is_empty:
        return []
    indexer = get_indexer()
    indexer.catch_up()
    filters = engine.Filters(
        public_only=not is_member(viewer), chosen={"soort": PostKind.QUESTION.value}
    )
    try:
        with indexer.store.searcher() as (searcher, cache):
            builder = QueryBuilder(
                vocabulary(searcher, cache.setdefault(("vocabulary",), {})),
                mode="any",
                synonyms=synonyms.current(),
            )
            match = builder.build(parsed)
            if match is None:
                return []
            found = engine.find(searcher, cache, match, filters)
            if not found.total:
                return []
            docnums = engine.most_relevant(
                searcher, cache, found, match, builder.expansion.boosts, 0, limit
            )
            ids = engine.post_ids(searcher, docnums)
    except IndexUnavailable as error:
        log.error("similar questions unavailable: %s", error)
        return []
    if not ids:
        return []
    rank = sa.case({post_id: i for i, post_id in enumerate(ids)}, value=Post.id)
    stmt = sa.select(Post).where(Post.id.in_(ids), *listable_criteria(viewer)).order_by(rank)
    return list(db.session.scalars(stmt))
