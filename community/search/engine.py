"""The index side of a search: match, filter, count facets, rank — with bitmaps.

Whoosh's matchers walk posting lists one document at a time in Python; at 100,000 posts a
two-word query with its synonyms and compound parts spent most of its time there (measured:
p95 well over 250 ms at 20,000 posts). So a search here reads each posting list once into a
bitmap per segment (segments.py), and does the rest as big-integer arithmetic in C:

    base    = the words (the query tree evaluated with & | and &~)
            & live documents & visibility=public (for visitors: the visibility rule, inside
              the index) & created since the period's start
    matched = base & the chosen kind / status / theme / organisation
    facets  = per value: (base & the *other* chosen filters & value).bit_count()

Ranking by relevance is BM25 (term frequency with saturation, length normalisation), computed
only for the matched documents, summed over fields: the content terms (typed words, synonyms and
compound parts, each with its boost) and, for the typed words, the title (x2) and a practice's
summary (x1). A word found only inside a compound ("~hulpverlen") shares the idf of the word
itself, so its lower boost always ranks it below the word. Two or more typed words close together
earn a proximity bonus (as a phrase, and within a few words) among the best-scored matches:
positions are read only for those that have every word and could still reach the page with
the largest bonus their length allows (a phrase walk over every posting was most of a query's
time at 20,000 posts). A question gets a mild bonus for being recent (a tenth at most, halving
every half year). Newest first walks a cached newest-first order of each segment.

The scoring is numpy arrays over the matched documents, not a Python loop per document: a
common word matches half of 100,000 posts, and that loop was most of the slowest searches
(p95 86 ms at 100,000 posts before, 40 ms after, with the same results for 500 searches). What
is read and cached per segment (bitmaps, term frequencies, lengths, dates) is segments.py.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import reduce

import numpy as np
from whoosh import query as wq
from whoosh.util.times import datetime_to_long

from community.clock import utcnow
from community.search.analysis import PART
from community.search.documents import BOOSTS
from community.search.segments import K1, Segment, bits, flags

# facet name (URL parameter) -> index field
FACET_FIELDS = {
    "soort": "kind",
    "thema": "themes",
    "organisatie": "organisation",
    "status": "status",
}
CONTENT = "content"
PART_FACTOR = 0.5  # the typed word inside a compound, in title and summary (query.py's boost)
PROXIMITY_SLOP = 4  # words apart that still count as close together
PHRASE_BONUS, NEAR_BONUS = 0.6, 0.3  # times the words' own weight
PROXIMITY_CANDIDATES = 200  # the best-scored matches that are looked at for the bonus
SCAN_NEWEST_FROM = 500  # above this many matches, walk the newest-first order instead of sorting


@dataclass
class Filters:
    public_only: bool = True
    since: datetime | None = None  # naive UTC
    chosen: dict[str, str] = field(default_factory=dict)  # facet name -> index value


@dataclass
class Found:
    total: int = 0
    counts: dict[str, Counter] = field(
        default_factory=lambda: {name: Counter() for name in FACET_FIELDS}
    )
    leaves: list = field(default_factory=list)  # (leaf searcher, docnum offset, matched bitmap)


def find(searcher, cache: dict, match: wq.Query | None, filters: Filters) -> Found:
    found = Found()
    for sub, offset in searcher.leaf_searchers():
        segment = Segment(sub, cache)
        base = segment.live()
        if match is not None:
            base &= segment.evaluate(match)
        if filters.public_only and base:
            base &= segment.values("visibility").get("public", 0)
        if filters.since is not None and base:
            base &= segment.since(filters.since)
        if not base:
            continue
        chosen = {
            name: segment.values(FACET_FIELDS[name]).get(value, 0)
            for name, value in filters.chosen.items()
        }
        matched = reduce(int.__and__, chosen.values(), base)
        found.total += matched.bit_count()
        if matched:
            found.leaves.append((sub, offset, matched))
        for name, fieldname in FACET_FIELDS.items():
            pool = reduce(
                int.__and__, (docs for other, docs in chosen.items() if other != name), base
            )
            if not pool:
                continue
            counts = found.counts[name]
            for value, docs in segment.values(fieldname).items():
                n = (pool & docs).bit_count()
                if n:
                    counts[value] += n
    return found


def _top(scores: np.ndarray, docnums: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The `count` best (score, docnum) pairs, best first; among equal scores the higher
    docnum (the newer document) first."""
    if len(scores) > count:
        cut = len(scores) - count
        kth = np.partition(scores, cut)[cut]
        keep = scores >= kth  # every tie with the last place stays in the running
        scores, docnums = scores[keep], docnums[keep]
    order = np.lexsort((-docnums, -scores))[:count]
    return scores[order], docnums[order]


def newest(searcher, cache: dict, found: Found, start: int, stop: int) -> list[int]:
    """Global docnums of results start..stop, newest first."""
    moments, docnums = [], []
    for sub, offset, matched in found.leaves:
        segment = Segment(sub, cache)
        times, _ascending, order = segment.timeline()
        if not len(times):
            continue
        if matched.bit_count() > SCAN_NEWEST_FROM:
            newest_first = order[::-1]
            picked = newest_first[flags(matched, segment.size)[newest_first]][:stop]
        else:
            picked = bits(matched)
        moments.append(times[picked])
        docnums.append(picked + offset)
    if not moments:
        return []
    _moments, best = _top(np.concatenate(moments), np.concatenate(docnums), stop)
    return [int(d) for d in best[start:stop]]


def features(match: wq.Query, typed: list[str]) -> list[tuple[str, wq.Query, float]]:
    """What scores, with its boost: every positive content term or phrase of the match, and the
    typed words in the title and summary (inside a compound there with PART_FACTOR)."""
    found: list[tuple[str, wq.Query, float]] = []

    def walk(q: wq.Query, boost: float) -> None:
        boost *= getattr(q, "boost", 1.0)
        if isinstance(q, wq.Term | wq.Phrase):
            found.append((CONTENT, q, boost))
        elif isinstance(q, wq.AndNot | wq.AndMaybe):
            walk(q.a, boost)
        elif isinstance(q, wq.And | wq.Or):
            for s in q.subqueries:
                walk(s, boost)

    walk(match, 1.0)
    for text in dict.fromkeys(typed):
        for fieldname, boost in BOOSTS.items():
            found.append((fieldname, wq.Term(fieldname, text), boost))
            found.append((fieldname, wq.Term(fieldname, PART + text), boost * PART_FACTOR))
    return found


def proximity_words(typed: list[str]) -> list[str]:
    """The typed words that earn a bonus for standing close together (two to six of them)."""
    words = list(dict.fromkeys(t for t in typed if " " not in t))
    return words if 2 <= len(words) <= 6 else []


def _chained(positions: list[list[int]], slop: int) -> bool:
    """Do the words occur in this order, each at most `slop` positions after the one before
    (slop 1: side by side)? Whoosh's Phrase(slop=...) semantics, on positions already read."""
    ends = positions[0]
    for following in positions[1:]:
        if not ends:
            return False
        ends_set = ends
        ends = [q for q in following if any(1 <= q - e <= slop for e in ends_set)]
    return bool(ends)


def _positions(segment: Segment, word: str, docs: list[int]) -> dict[int, list[int]]:
    """The positions of `word` in the content of these documents (ascending docnums)."""
    reader = segment.reader
    if (CONTENT, word) not in reader:
        return {}
    matcher = reader.postings(CONTENT, word)
    found: dict[int, list[int]] = {}
    for d in docs:
        if not matcher.is_active():
            break
        if matcher.id() < d:
            matcher.skip_to(d)
            if not matcher.is_active():
                break
        if matcher.id() == d:
            found[d] = matcher.value_as("positions")
    return found


def most_relevant(
    searcher,
    cache: dict,
    found: Found,
    match: wq.Query,
    typed: list[str],
    start: int,
    stop: int,
    now: datetime | None = None,
) -> list[int]:
    """Global docnums of results start..stop by relevance."""
    total_docs = max(searcher.doc_count_all(), 1)
    segments = [Segment(sub, cache) for sub, _offset in searcher.leaf_searchers()]

    def idf(fieldname: str, text: str) -> float:
        # Document frequency from the cached bitmaps (deleted documents included, as in
        # Whoosh's own statistics): no term-dictionary lookups per query. A word and its
        # compound-part form share one idf: the part must not outweigh the word for being rare.
        word = text.removeprefix(PART)
        df = sum(
            (segment.term(fieldname, word) | segment.term(fieldname, PART + word)).bit_count()
            for segment in segments
        )
        return math.log(1 + (total_docs - df + 0.5) / (df + 0.5))

    weighted = []
    for fieldname, q, boost in features(match, typed):
        if isinstance(q, wq.Term):
            weight = boost * idf(q.fieldname, q.text)
        else:
            weight = boost * sum(idf(CONTENT, t) for t in q.words)
        weighted.append((fieldname, q, weight))

    now_long = datetime_to_long((now or utcnow()).astimezone(UTC).replace(tzinfo=None))
    all_scores, all_docnums = [], []
    where: dict[int, Segment] = {}  # docnum offset -> its segment
    for sub, offset, matched in found.leaves:
        segment = Segment(sub, cache)
        docs = bits(matched)
        scores = np.zeros(len(docs))
        norms_of: dict[str, np.ndarray] = {}  # field -> norms of the matched documents
        for fieldname, q, weight in weighted:
            postings = segment.postings(fieldname, q.text) if isinstance(q, wq.Term) else None
            have = matched & (postings.docs if postings else segment.phrase(q))
            if not have:
                continue
            if fieldname not in norms_of:
                norms_of[fieldname] = segment.norms(fieldname)[docs]
            gain = norms_of[fieldname]  # BM25 of one occurrence
            if have != matched:
                gain = np.where(flags(have, segment.size)[docs], gain, 0.0)
            if postings is not None and len(postings.repeated):
                # Where the word occurs more than once: BM25 with its frequency.
                at = np.searchsorted(docs, postings.repeated)
                inside = at < len(docs)
                inside[inside] = docs[at[inside]] == postings.repeated[inside]
                if inside.any():
                    at, repeated = at[inside], postings.repeated[inside]
                    tf = postings.frequency[inside].astype(np.float64)
                    ks = segment.saturation(fieldname)[repeated]
                    gain = gain.copy() if gain is norms_of[fieldname] else gain
                    gain[at] = (K1 + 1) * tf / (tf + ks)
            scores += weight * gain
        scores *= segment.recency(now_long)[docs]
        all_scores.append(scores)
        all_docnums.append(docs + offset)
        where[offset] = segment
    if not all_scores:
        return []
    scores, docnums = np.concatenate(all_scores), np.concatenate(all_docnums)
    words = proximity_words(typed)
    if not words:
        return [int(d) for d in _top(scores, docnums, stop)[1][start:stop]]
    # The proximity bonus needs positions, which cost a posting walk per word: only the best
    # candidates by the other scores can get it (a bonus is at most 0.9 times the words' idf,
    # so a document further down cannot overtake them all).
    best_scores, best = _top(
        scores, docnums, max(PROXIMITY_CANDIDATES, stop + PROXIMITY_CANDIDATES // 2)
    )
    words_idf = sum(idf(CONTENT, w) for w in words)
    phrase_weight, near_weight = PHRASE_BONUS * words_idf, NEAR_BONUS * words_idf
    # A candidate that lacks one of the words, or that could not reach the last place shown
    # even with the largest bonus its length allows, needs no positions read.
    last_place = best_scores[stop - 1] if len(best_scores) >= stop else -math.inf
    offsets = np.array(sorted(where))
    segment_of = offsets[np.searchsorted(offsets, best, side="right") - 1]
    bonus = np.zeros(len(best))
    for offset in np.unique(segment_of):
        segment = where[int(offset)]
        mine = np.flatnonzero(segment_of == offset)
        local = best[mine] - offset
        norms, recency = segment.norms(CONTENT), segment.recency(now_long)
        with_words = reduce(int.__and__, (segment.term(CONTENT, w) for w in words))
        room = (near_weight + phrase_weight) * norms[local] * recency[local]
        worth = flags(with_words, segment.size)[local] & (best_scores[mine] + room >= last_place)
        mine, local = mine[worth], local[worth]
        if not len(local):
            continue
        order = np.argsort(local)
        mine, local = mine[order], [int(d) for d in local[order]]
        per_word = [_positions(segment, w, local) for w in words]
        for i, d in zip(mine, local, strict=True):
            positions = [found_in.get(d) for found_in in per_word]
            if not all(positions) or not _chained(positions, PROXIMITY_SLOP):
                continue
            gain = near_weight + (phrase_weight if _chained(positions, 1) else 0.0)
            bonus[i] = gain * norms[d] * recency[d]
    return [int(d) for d in _top(best_scores + bonus, best, stop)[1][start:stop]]


def post_ids(searcher, docnums: list[int]) -> list[int]:
    return [int(searcher.stored_fields(d)["id"]) for d in docnums]
