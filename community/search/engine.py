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
earn a proximity bonus (as a phrase, and within a few words) among the best-scored matches (their
positions are read for those only: a phrase walk over every posting was most of a query's
time at 20,000 posts), and a question gets a mild bonus
for being recent (a tenth at most, halving every half year). Term frequencies are read from the
posting lists once per term and segment, and only the counts above one are kept.
Newest first walks a cached newest-first order of each segment.

A segment's documents never change (deleting one only marks it), so everything cached is
keyed by the segment and stays valid until the segment is merged away (store.py prunes it).
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import reduce

from whoosh import query as wq
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
BITMAPS_PER_SEGMENT = 2000  # cached term/phrase/period bitmaps per segment (LRU)
SCAN_NEWEST_FROM = 500  # above this many matches, walk the newest-first order instead of sorting

_BITS = [tuple(j for j in range(8) if value >> j & 1) for value in range(256)]
_NONZERO = re.compile(rb"[^\x00]")
_BIT = [1 << j for j in range(8)]


def bitmap(docnums) -> int:
    """A bitmap with the given document numbers set."""
    docnums = docnums if isinstance(docnums, list) else list(docnums)
    if not docnums:
        return 0
    buffer = bytearray((max(docnums) >> 3) + 1)
    for d in docnums:
        buffer[d >> 3] |= _BIT[d & 7]
    return int.from_bytes(buffer, "little")


def bits(value: int) -> list[int]:
    """The document numbers set in a bitmap, ascending."""
    if not value:
        return []
    raw = value.to_bytes((value.bit_length() + 7) // 8, "little")
    if value.bit_count() * 64 < len(raw) * 8:  # sparse: let the regex engine skip the zeros
        return [m.start() * 8 + j for m in _NONZERO.finditer(raw) for j in _BITS[raw[m.start()]]]
    return [i * 8 + j for i, byte in enumerate(raw) if byte for j in _BITS[byte]]


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

    def _recent(self, key, build) -> int:
        """A bitmap from the segment's bounded cache (least recently used go first)."""
        recent = self._cached(("recent",), OrderedDict)
        value = recent.get(key)
        if value is None:
            value = recent[key] = build()
            if len(recent) > BITMAPS_PER_SEGMENT:
                recent.popitem(last=False)
        else:
            recent.move_to_end(key)
        return value

    def term(self, fieldname: str, text: str) -> int:
        def build():
            if (fieldname, text) not in self.reader:
                return 0
            return bitmap(_posting_ids(self.reader.postings(fieldname, text)))

        return self._recent(("term", fieldname, text), build)

    def phrase(self, q: wq.Query) -> int:
        return self._recent(("phrase", repr(q)), lambda: bitmap(q.docs(self.sub)))

    def live(self) -> int:
        # Deleting documents does not make a new segment, so the live count is in the key.
        return self._cached(
            ("live", self.reader.doc_count()), lambda: bitmap(self.reader.all_doc_ids())
        )

    def values(self, fieldname: str) -> dict[str, int]:
        def build():
            if fieldname not in self.reader.indexed_field_names():
                return {}
            reader = self.reader
            return {
                v: bitmap(_posting_ids(reader.postings(fieldname, v)))
                for v in reader.field_terms(fieldname)
            }

        return self._cached(("values", fieldname), build)

    def timeline(self) -> tuple[list[int], list[int], list[int]]:
        """(time per docnum, times ascending, docnums in that order)."""

        def build():
            reader = self.reader
            times = (
                list(reader.column_reader("created_at", translate=False))
                if reader.has_column("created_at")
                else []
            )
            order = sorted(range(len(times)), key=times.__getitem__)
            return times, [times[d] for d in order], order

        return self._cached(("timeline",), build)

    def since(self, moment: datetime) -> int:
        hour = moment.replace(minute=0, second=0, microsecond=0)  # one bitmap per hour
        _times, ascending, order = self.timeline()
        start = bisect_left(ascending, datetime_to_long(hour))
        return self._recent(("since", hour), lambda: bitmap(order[start:]))

    def norms(self, fieldname: str) -> list[float]:
        """BM25's length normalisation per document (for a term that occurs once)."""

        def build():
            lengths = _field_lengths(self.reader, fieldname, self.size)
            average = (sum(lengths) / len(lengths)) if lengths else 0.0
            average = average or 1.0
            return [(K1 + 1) / (1 + K1 * (1 - B + B * length / average)) for length in lengths]

        return self._cached(("norms", fieldname), build)

    def saturation(self, fieldname: str) -> list[float]:
        """BM25's K per document: the score of a term that occurs tf times is
        (K1 + 1) * tf / (tf + K)."""

        def build():
            lengths = _field_lengths(self.reader, fieldname, self.size)
            average = (sum(lengths) / len(lengths)) if lengths else 0.0
            average = average or 1.0
            return [K1 * (1 - B + B * length / average) for length in lengths]

        return self._cached(("saturation", fieldname), build)

    def frequencies(self, fieldname: str, text: str) -> dict[int, float]:
        """Documents in which a term occurs more than once -> how often."""

        def build():
            if (fieldname, text) not in self.reader:
                return {}
            return _repeated(self.reader.postings(fieldname, text))

        return self._recent(("tf", fieldname, text), build)

    def recency(self, now_long: int) -> list[float]:
        """A factor per document: 1 for practices, up to 1 + RECENCY_BONUS for new questions."""
        day = now_long // _DAY

        def build():
            times, _ascending, _order = self.timeline()
            factors = [1.0] * self.size
            if not times:
                return factors
            for d in bits(self.values("kind").get("question", 0)):
                age_days = max(0, day - times[d] // _DAY)
                factors[d] = 1 + RECENCY_BONUS * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)
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


def _field_lengths(reader, fieldname: str, size: int) -> list[int]:
    """Every document's length in a field: the W3 codec's length column read in one go (the
    public doc_field_length() costs a method chain per document), else one by one."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return [0] * size
        return [byte_to_length(b) if b else 0 for b in column]
    except (AttributeError, ImportError):
        return [reader.doc_field_length(d, fieldname) or 0 for d in range(size)]


def _repeated(matcher) -> dict[int, float]:
    """{docnum: term frequency} for the postings whose frequency is above one."""
    found: dict[int, float] = {}
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_read_weights"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            for d, w in zip(matcher._ids, matcher._weights, strict=False):
                if w > 1:
                    found[d] = w
            matcher._next_block()
    else:
        while matcher.is_active():
            if matcher.weight() > 1:
                found[matcher.id()] = matcher.weight()
            matcher.next()
    return found


def _posting_ids(matcher):
    """A posting list's document numbers, read a block at a time (Whoosh 2.7's W3 codec), or one
    by one through the public API for any other matcher."""
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            yield from matcher._ids
            matcher._next_block()
    else:
        yield from matcher.all_ids()


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


def newest(searcher, cache: dict, found: Found, start: int, stop: int) -> list[int]:
    """Global docnums of results start..stop, newest first."""
    candidates: list[tuple[int, int]] = []
    for sub, offset, matched in found.leaves:
        times, _ascending, order = Segment(sub, cache).timeline()
        if not times:
            continue
        if matched.bit_count() > SCAN_NEWEST_FROM:
            raw = matched.to_bytes((len(times) + 8) // 8, "little")
            picked = []
            for docnum in reversed(order):
                if raw[docnum >> 3] >> (docnum & 7) & 1:
                    picked.append(docnum)
                    if len(picked) >= stop:
                        break
        else:
            picked = bits(matched)
        candidates.extend((times[d], offset + d) for d in picked)
    return [docnum for _, docnum in heapq.nlargest(stop, candidates)][start:stop]


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
    candidates: list[tuple[float, int]] = []
    where: dict[int, tuple[Segment, int, list[float]]] = {}  # global docnum -> its segment
    for sub, offset, matched in found.leaves:
        segment = Segment(sub, cache)
        extra: dict[int, float] = {}
        everywhere: Counter = Counter()  # field -> weight every matched document gets
        matched_docs: list[int] | None = None
        for fieldname, q, weight in weighted:
            is_term = isinstance(q, wq.Term)
            have = matched & (segment.term(fieldname, q.text) if is_term else segment.phrase(q))
            if not have:
                continue
            repeated = segment.frequencies(fieldname, q.text) if is_term else {}
            if have == matched:
                everywhere[fieldname] += weight
                if not repeated:
                    continue
                # Every matched document has it once at least; add what repeats give.
                if matched_docs is None:
                    matched_docs = bits(matched)
                docs = matched_docs
                if len(repeated) < len(docs):
                    in_matched = set(docs)
                    docs = [d for d in repeated if d in in_matched]
                norms, ks = segment.norms(fieldname), segment.saturation(fieldname)
                for d in docs:
                    tf = repeated.get(d)
                    if tf:
                        gain = (K1 + 1) * tf / (tf + ks[d]) - norms[d]
                        extra[d] = extra.get(d, 0.0) + weight * gain
                continue
            norms = segment.norms(fieldname)
            if repeated:
                ks = segment.saturation(fieldname)
                for d in bits(have):
                    tf = repeated.get(d)
                    score = norms[d] if tf is None else (K1 + 1) * tf / (tf + ks[d])
                    extra[d] = extra.get(d, 0.0) + weight * score
            else:
                for d in bits(have):
                    extra[d] = extra.get(d, 0.0) + weight * norms[d]
        norm_lists = {f: segment.norms(f) for f in everywhere}
        recency = segment.recency(now_long)
        for d in matched_docs if matched_docs is not None else bits(matched):
            score = extra.get(d, 0.0)
            for fieldname, weight in everywhere.items():
                score += weight * norm_lists[fieldname][d]
            candidates.append((score * recency[d], offset + d))
        where[offset] = (segment, offset, recency)
    words = proximity_words(typed)
    if not words:
        return [docnum for _, docnum in heapq.nlargest(stop, candidates)][start:stop]
    # The proximity bonus needs positions, which cost a posting walk per word: only the best
    # candidates by the other scores get it (a bonus is at most 0.9 times the words' idf, so
    # a document further down cannot overtake them all).
    best = heapq.nlargest(max(PROXIMITY_CANDIDATES, stop + PROXIMITY_CANDIDATES // 2), candidates)
    phrase_weight = PHRASE_BONUS * sum(idf(CONTENT, w) for w in words)
    near_weight = NEAR_BONUS * sum(idf(CONTENT, w) for w in words)
    offsets = sorted(where)
    by_segment: dict[int, list[int]] = {}
    for _score, docnum in best:
        offset = offsets[bisect_right(offsets, docnum) - 1]
        by_segment.setdefault(offset, []).append(docnum - offset)
    bonus: dict[int, float] = {}
    for offset, docs in by_segment.items():
        segment, _offset, recency = where[offset]
        docs.sort()
        per_word = [_positions(segment, w, docs) for w in words]
        norms = segment.norms(CONTENT)
        for d in docs:
            positions = [found_in.get(d) for found_in in per_word]
            if not all(positions) or not _chained(positions, PROXIMITY_SLOP):
                continue
            gain = near_weight + (phrase_weight if _chained(positions, 1) else 0.0)
            bonus[offset + d] = gain * norms[d] * recency[d]
    rescored = [(score + bonus.get(docnum, 0.0), docnum) for score, docnum in best]
    return [docnum for _, docnum in heapq.nlargest(stop, rescored)][start:stop]


def post_ids(searcher, docnums: list[int]) -> list[int]:
    return [int(searcher.stored_fields(d)["id"]) for d in docnums]
