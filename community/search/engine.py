"""The index side of a search: match, filter, count facets, rank — with bitmaps.

Whoosh's matchers walk posting lists one document at a time in Python; at 100,000 posts a
two-word query with its synonyms and compound parts spent most of its time there (measured:
p95 well over 250 ms at 20,000 posts). So a search here reads each posting list once into a
bitmap (a Python int with bit d set for document d of a segment), caches it with the worker's
searcher, and does the rest as big-integer arithmetic in C:

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
(p95 86 ms at 100,000 posts before, 40 ms after, with the same results for 500 searches). A
posting list is read once per term and segment into its bitmap plus the few documents where
the word occurs more than once (docnum and frequency arrays: the dict of them this replaced
was 60 MB of a worker's memory after 300 searches). The cache of a segment is bounded in bytes.

A segment's documents never change (deleting one only marks it), so everything cached is
keyed by the segment and stays valid until the segment is merged away (store.py prunes it).
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import reduce

import numpy as np
from whoosh import query as wq
from whoosh.util.numeric import byte_to_length
from whoosh.util.times import datetime_to_long

from community.clock import utcnow
from community.search.analysis import PART
from community.search.documents import BOOSTS
from community.search.store import segment_id

# facet name (URL parameter) -> index field
FACET_FIELDS = {
    "soort": "kind",
    "thema": "themes",
    "organisatie": "organisation",
    "status": "status",
}
CONTENT = "content"
K1, B = 1.2, 0.75
PART_FACTOR = 0.5  # the typed word inside a compound, in title and summary (query.py's boost)
PROXIMITY_SLOP = 4  # words apart that still count as close together
PHRASE_BONUS, NEAR_BONUS = 0.6, 0.3  # times the words' own weight
PROXIMITY_CANDIDATES = 200  # the best-scored matches that are looked at for the bonus
RECENCY_BONUS = 0.1  # a question of today scores up to 10% more
RECENCY_HALF_LIFE_DAYS = 182
_DAY = 86_400 * 10**6  # whoosh's datetime_to_long counts microseconds
# What a segment may keep of term, phrase and period bitmaps, term frequencies and recency
# factors (least recently used go first), in bytes per document of the segment: at 100,000
# posts about 25 MB, room for a couple of thousand terms.
CACHE_BYTES_PER_DOC = 256
SCAN_NEWEST_FROM = 500  # above this many matches, walk the newest-first order instead of sorting

# W3's length byte -> the field length it stands for (0: no length)
_LENGTHS = np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])


def _flags(value: int, size: int) -> np.ndarray:
    """A bitmap as one bool per document number (0 .. size - 1)."""
    raw = value.to_bytes((size + 7) // 8, "little")
    return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), count=size, bitorder="little").view(
        bool
    )


def _bitmap(flags: np.ndarray) -> int:
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def bitmap(docnums) -> int:
    """A bitmap with the given document numbers set."""
    docnums = np.asarray(docnums, dtype=np.int64)
    if not len(docnums):
        return 0
    flags = np.zeros(int(docnums.max()) + 1, dtype=bool)
    flags[docnums] = True
    return _bitmap(flags)


def bits(value: int) -> np.ndarray:
    """The document numbers set in a bitmap, ascending."""
    if not value:
        return np.empty(0, dtype=np.int64)
    return np.flatnonzero(_flags(value, value.bit_length()))


@dataclass(frozen=True)
class Postings:
    """One term's posting list in a segment, read once: which documents have it, and how often
    where more than once (term frequency; most postings say 1, and those are not kept)."""

    docs: int
    repeated: np.ndarray  # ascending docnums (int32) with a frequency above one
    frequency: np.ndarray  # their frequencies (float32, as Whoosh stores weights)

    @property
    def nbytes(self) -> int:
        return (self.docs.bit_length() + 7) // 8 + self.repeated.nbytes + self.frequency.nbytes


_NO_POSTINGS = Postings(0, np.empty(0, np.int32), np.empty(0, np.float32))


def _read_postings(reader, fieldname: str, text: str) -> Postings:
    """Whoosh 2.7's W3 codec stores a posting list as pickled blocks of delta-coded ids,
    weights and values: each block is unpickled once here and decoded with numpy; any other
    matcher is walked through the public API."""
    if (fieldname, text) not in reader:
        return _NO_POSTINGS
    matcher = reader.postings(fieldname, text)
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    if hasattr(matcher, "_read_data") and not getattr(matcher, "_byteids", True):
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            block = np.cumsum(np.array(raw_ids, dtype=np.int64))
            ids.append(block)
            if raw_weights is None or isinstance(raw_weights, float):
                weights.append(np.full(len(block), raw_weights or 1.0, dtype=np.float32))
            else:
                weights.append(np.array(raw_weights, dtype=np.float32))
            matcher._next_block()
    else:
        found_ids, found_weights = [], []
        while matcher.is_active():
            found_ids.append(matcher.id())
            found_weights.append(matcher.weight())
            matcher.next()
        ids.append(np.array(found_ids, dtype=np.int64))
        weights.append(np.array(found_weights, dtype=np.float32))
    docnums = np.concatenate(ids) if ids else np.empty(0, np.int64)
    frequencies = np.concatenate(weights) if weights else np.empty(0, np.float32)
    many = frequencies > 1
    return Postings(bitmap(docnums), docnums[many].astype(np.int32), frequencies[many])


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


def _nbytes(value) -> int:
    if isinstance(value, int):
        return (value.bit_length() + 7) // 8 + 32
    if isinstance(value, np.ndarray):
        return value.nbytes + 112
    return getattr(value, "nbytes", 0) + 200


class _Recent:
    """A segment's least-recently-used cache, bounded by the bytes its values hold."""

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self.entries: OrderedDict = OrderedDict()

    def get(self, key, build):
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
            return value[0]
        made = build()
        size = _nbytes(made)
        self.entries[key] = (made, size)
        self.used += size
        while self.used > self.budget and len(self.entries) > 1:
            _key, (_value, dropped) = self.entries.popitem(last=False)
            self.used -= dropped
        return made


class Segment:
    """Cached bitmaps and arrays of one segment (one leaf searcher)."""

    def __init__(self, sub, cache: dict):
        self.sub = sub
        self.reader = sub.reader()
        self.id = segment_id(sub)
        self.cache = cache
        self.size = self.reader.doc_count_all()

    def _cached(self, key, build):
        full = (self.id, *key)
        value = self.cache.get(full)
        if value is None:
            value = self.cache[full] = build()
        return value

    def _recent(self, key, build):
        """From the segment's bounded cache."""
        recent = self._cached(
            ("recent",), lambda: _Recent(max(1 << 20, CACHE_BYTES_PER_DOC * self.size))
        )
        return recent.get(key, build)

    def postings(self, fieldname: str, text: str) -> Postings:
        return self._recent(
            ("term", fieldname, text), lambda: _read_postings(self.reader, fieldname, text)
        )

    def term(self, fieldname: str, text: str) -> int:
        return self.postings(fieldname, text).docs

    def phrase(self, q: wq.Query) -> int:
        return self._recent(("phrase", repr(q)), lambda: bitmap(list(q.docs(self.sub))))

    def live(self) -> int:
        # Deleting documents does not make a new segment, so the live count is in the key.
        def build():
            if not self.reader.has_deletions():
                return (1 << self.size) - 1
            return bitmap(list(self.reader.all_doc_ids()))

        return self._cached(("live", self.reader.doc_count()), build)

    def values(self, fieldname: str) -> dict[str, int]:
        def build():
            if fieldname not in self.reader.indexed_field_names():
                return {}
            return {
                v: _read_postings(self.reader, fieldname, v).docs
                for v in self.reader.field_terms(fieldname)
            }

        return self._cached(("values", fieldname), build)

    def timeline(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(time per docnum, times ascending, docnums in that order)."""

        def build():
            reader = self.reader
            times = (
                np.array(list(reader.column_reader("created_at", translate=False)), np.int64)
                if reader.has_column("created_at")
                else np.empty(0, np.int64)
            )
            order = np.argsort(times, kind="stable")
            return times, times[order], order

        return self._cached(("timeline",), build)

    def since(self, moment: datetime) -> int:
        hour = moment.replace(minute=0, second=0, microsecond=0)  # one bitmap per hour
        _times, ascending, order = self.timeline()
        start = int(np.searchsorted(ascending, datetime_to_long(hour), side="left"))
        return self._recent(("since", hour), lambda: bitmap(order[start:]))

    def _lengths(self, fieldname: str) -> np.ndarray:
        lengths = np.zeros(self.size)
        found = _field_lengths(self.reader, fieldname)[: self.size]
        lengths[: len(found)] = found
        return lengths

    def norms(self, fieldname: str) -> np.ndarray:
        """BM25's length normalisation per document (for a term that occurs once)."""
        return self._cached(
            ("norms", fieldname), lambda: (K1 + 1) / (1 + self.saturation(fieldname))
        )

    def saturation(self, fieldname: str) -> np.ndarray:
        """BM25's K per document: the score of a term that occurs tf times is
        (K1 + 1) * tf / (tf + K)."""

        def build():
            lengths = self._lengths(fieldname)
            average = float(lengths.mean()) if len(lengths) else 0.0
            return K1 * (1 - B + B * lengths / (average or 1.0))

        return self._cached(("saturation", fieldname), build)

    def recency(self, now_long: int) -> np.ndarray:
        """A factor per document: 1 for practices, up to 1 + RECENCY_BONUS for new questions."""
        day = now_long // _DAY

        def build():
            times, _ascending, _order = self.timeline()
            factors = np.ones(self.size)
            if not len(times):
                return factors
            questions = _flags(self.values("kind").get("question", 0), self.size)
            age_days = np.maximum(0, day - times[: self.size] // _DAY)
            bonus = 1 + RECENCY_BONUS * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)
            factors[: len(times)] = np.where(questions[: len(times)], bonus, 1.0)
            return factors

        return self._recent(("recency", day), build)

    def evaluate(self, q: wq.Query) -> int:
        """The documents of this segment that match `q`."""
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text)
        if isinstance(q, wq.And):
            parts = sorted((self.evaluate(s) for s in q.subqueries), key=int.bit_length)
            return reduce(int.__and__, parts) if parts else 0
        if isinstance(q, wq.Or):
            return reduce(int.__or__, (self.evaluate(s) for s in q.subqueries), 0)
        if isinstance(q, wq.AndNot):
            return self.evaluate(q.a) & ~self.evaluate(q.b)
        if isinstance(q, wq.AndMaybe):
            return self.evaluate(q.a)
        if isinstance(q, wq.Every):
            return self.live()
        return self.phrase(q)  # phrases (and anything else): Whoosh's own matcher


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's length in a field: the W3 codec's length column read in one go (the
    public doc_field_length() costs a method chain per document), else one by one."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(0)
        return _LENGTHS[np.frombuffer(bytes(column), dtype=np.uint8)]
    except (AttributeError, ImportError):
        size = reader.doc_count_all()
        return np.array([reader.doc_field_length(d, fieldname) or 0 for d in range(size)], float)


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
            picked = newest_first[_flags(matched, segment.size)[newest_first]][:stop]
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
                gain = np.where(_flags(have, segment.size)[docs], gain, 0.0)
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
        worth = _flags(with_words, segment.size)[local] & (best_scores[mine] + room >= last_place)
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
