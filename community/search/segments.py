"""What a search keeps of one index segment: bitmaps, BM25's per-document figures, and the
newest-first order, read once and cached with the worker's searcher (engine.py uses them).

A bitmap is a Python int with bit d set for document d of the segment, so matching, filters and
facet counts are big-integer arithmetic in C. A posting list is read once per term and segment
into its bitmap plus the few documents where the word occurs more than once (docnum and
frequency arrays: the dict of them this replaced was 60 MB of a worker's memory after 300
searches at 100,000 posts). Per-document figures (norms, saturation, recency) are numpy arrays.

A segment's documents never change (deleting one only marks it), so everything cached is
keyed by the segment and stays valid until the segment is merged away (store.py prunes it).
Terms, phrases and periods go to a least-recently-used cache bounded in bytes per segment.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

import numpy as np
from whoosh import query as wq
from whoosh.util.numeric import byte_to_length
from whoosh.util.times import datetime_to_long

from community.search.store import segment_id

K1, B = 1.2, 0.75  # BM25's term-frequency saturation and length normalisation
RECENCY_BONUS = 0.1  # a question of today scores up to 10% more
RECENCY_HALF_LIFE_DAYS = 182
_DAY = 86_400 * 10**6  # whoosh's datetime_to_long counts microseconds
# What a segment may keep of term, phrase and period bitmaps, term frequencies and recency
# factors (least recently used go first), in bytes per document of the segment: at 100,000
# posts about 25 MB, room for a couple of thousand terms.
CACHE_BYTES_PER_DOC = 256

# W3's length byte -> the field length it stands for (0: no length)
_LENGTHS = np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])


def flags(value: int, size: int) -> np.ndarray:
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
    return np.flatnonzero(flags(value, value.bit_length()))


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
            questions = flags(self.values("kind").get("question", 0), self.size)
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
