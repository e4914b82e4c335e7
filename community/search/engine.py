"""The index side of a search: match, filter, count facets, rank.

Whoosh matches the words (on the `content` field only). Everything else is set arithmetic on
per-segment document sets that are computed once and cached with the worker's searcher
(a segment's documents never change; see store.IndexStore.searcher):

    base    = documents matching the words, in this segment
            ∩ visibility=public (for visitors: the visibility rule, inside the index)
            ∩ created since the period's start
    matched = base ∩ the chosen kind / status / theme / organisation
    facets  = for each facet value: |base ∩ the *other* chosen filters ∩ that value|

Only the page of results is ranked: by relevance (Whoosh's BM25F with title and summary boosts,
restricted to `matched`) or by date (from a cached newest-first order of the segment).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from whoosh import query as wq
from whoosh.util.times import datetime_to_long

from community.search.store import segment_id

EMPTY: frozenset[int] = frozenset()
# facet name (URL parameter) -> index field
FACET_FIELDS = {"soort": "kind", "thema": "themes", "organisatie": "organisation", "status": "status"}
SCAN_NEWEST_FROM = 500  # above this many matches, walk the newest-first order instead of sorting


@dataclass
class Filters:
    public_only: bool = True
    since: datetime | None = None  # naive UTC
    chosen: dict[str, str] = field(default_factory=dict)  # facet name -> index value

    @property
    def restricts(self) -> bool:
        return self.public_only or self.since is not None or bool(self.chosen)


@dataclass
class Found:
    total: int = 0
    counts: dict[str, Counter] = field(default_factory=lambda: {name: Counter() for name in FACET_FIELDS})
    leaves: list = field(default_factory=list)  # (leaf searcher, docnum offset, matched docs)


def _cached(cache: dict, key: tuple, build):
    value = cache.get(key)
    if value is None:
        value = cache[key] = build()
    return value


def postings(sub, cache: dict, fieldname: str) -> dict[str, frozenset[int]]:
    """value -> the segment's documents with that value."""

    def build():
        reader = sub.reader()
        if fieldname not in reader.indexed_field_names():
            return {}
        return {value: frozenset(reader.postings(fieldname, value).all_ids()) for value in reader.field_terms(fieldname)}

    return _cached(cache, (segment_id(sub), "postings", fieldname), build)


def live_documents(sub, cache: dict) -> frozenset[int]:
    reader = sub.reader()
    # Deleting documents does not make a new segment, so the live count is part of the key.
    return _cached(cache, (segment_id(sub), "live", reader.doc_count()), lambda: frozenset(reader.all_doc_ids()))


def _timeline(sub, cache: dict) -> tuple[list[int], list[int], list[int]]:
    """(time per docnum, times ascending, docnums in that order), for periods and newest first."""

    def build():
        reader = sub.reader()
        times = list(reader.column_reader("created_at", translate=False)) if reader.has_column("created_at") else []
        order = sorted(range(len(times)), key=times.__getitem__)
        return times, [times[d] for d in order], order

    return _cached(cache, (segment_id(sub), "timeline"), build)


def created_since(sub, cache: dict, since: datetime) -> set[int]:
    _times, ascending, order = _timeline(sub, cache)
    return set(order[bisect_left(ascending, datetime_to_long(since)) :])


def find(searcher, cache: dict, match: wq.Query | None, filters: Filters) -> Found:
    found = Found()
    for sub, offset in searcher.leaf_searchers():
        base = set(match.docs(sub)) if match is not None else set(live_documents(sub, cache))
        if filters.public_only:
            base &= postings(sub, cache, "visibility").get("public", EMPTY)
        if filters.since is not None and base:
            base &= created_since(sub, cache, filters.since)
        if not base:
            continue
        chosen = {name: postings(sub, cache, FACET_FIELDS[name]).get(value, EMPTY) for name, value in filters.chosen.items()}
        matched = base
        for docs in chosen.values():
            matched = matched & docs
        found.total += len(matched)
        found.leaves.append((sub, offset, matched))
        for name, fieldname in FACET_FIELDS.items():
            pool = base
            for other, docs in chosen.items():
                if other != name:
                    pool = pool & docs
            if not pool:
                continue
            counts = found.counts[name]
            for value, docs in postings(sub, cache, fieldname).items():
                n = len(pool & docs) if len(pool) < len(docs) else len(docs & pool)
                if n:
                    counts[value] += n
    return found


def newest(searcher, cache: dict, found: Found, start: int, stop: int) -> list[int]:
    """Global docnums of results start..stop, newest first."""
    candidates: list[tuple[int, int]] = []
    for sub, offset, matched in found.leaves:
        times, _ascending, order = _timeline(sub, cache)
        if not times:
            continue
        if len(matched) > SCAN_NEWEST_FROM:
            picked = []
            for docnum in reversed(order):
                if docnum in matched:
                    picked.append(docnum)
                    if len(picked) >= stop:
                        break
        else:
            picked = matched
        candidates.extend((times[d], offset + d) for d in picked)
    return [docnum for _, docnum in heapq.nlargest(stop, candidates)][start:stop]


def most_relevant(searcher, found: Found, scoring: wq.Query, filters: Filters, start: int, stop: int) -> list[int]:
    """Global docnums of results start..stop by relevance, among the matched documents."""
    allowed = None
    if filters.restricts:
        allowed = {offset + d for _sub, offset, matched in found.leaves for d in matched}
    results = searcher.search(scoring, limit=stop, filter=allowed)
    return [hit.docnum for hit in results[start:stop]]


def post_ids(searcher, docnums: list[int]) -> list[int]:
    return [int(searcher.stored_fields(d)["id"]) for d in docnums]
