"""The index on disk, and the one cached searcher per worker process.

Layout of SEARCH_INDEX_DIR:

    CURRENT               the name of the generation in use (replaced atomically)
    gen-20261121T0457-ab/ a complete Whoosh index, plus applied.json: the last outbox id it has
                          applied (and ids applied beyond a gap in the log, see indexer.py)
    reindex.lock          held while `flask search reindex` builds a new generation

`reindex` builds a new generation next to the current one and swaps CURRENT while holding the
current generation's write lock, so searches keep working on the old one meanwhile and no drain
writes into a generation that is being replaced.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.util.filelock import try_for

from community.search import whoosh_speedups
from community.search.documents import build_schema

whoosh_speedups.install()

log = logging.getLogger(__name__)

POINTER = "CURRENT"
MARKER = "applied.json"
INDEXER_LOCK = "indexer.lock"
KEEP_GENERATIONS = 2  # the current one and the one before (a worker may still be reading it)

__all__ = ["IndexStore", "IndexUnavailable", "LockError", "Marker"]


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; search says so, `reindex` repairs it."""


@dataclass
class Marker:
    """How far a generation has followed the outbox log."""

    last_applied_id: int = 0
    # Ids above last_applied_id already applied (the log had a gap below them): id -> created
    # time (epoch seconds). Gaps only occur on PostgreSQL, where ids are taken before commit.
    beyond: dict[int, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "last_applied_id": self.last_applied_id,
                "beyond": {str(k): v for k, v in self.beyond.items()},
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Marker:
        data = json.loads(text)
        return cls(
            int(data["last_applied_id"]),
            {int(k): float(v) for k, v in data.get("beyond", {}).items()},
        )


class _Cached:
    def __init__(self, generation: str, ix, searcher):
        self.generation = generation
        self.ix = ix
        self.searcher = searcher
        self.pid = os.getpid()
        # Per-segment data derived from the index (facet posting sets, vocabulary lookups);
        # segments never change, so entries stay valid while their segment exists.
        self.segment_cache: dict = {}


class IndexStore:
    def __init__(self, base_dir: str | os.PathLike, name: str, writer_timeout: float = 2.0):
        self.base = Path(base_dir)
        self.name = name
        self.writer_timeout = writer_timeout
        self._lock = threading.RLock()
        self._cached: _Cached | None = None
        self.schema = build_schema()

    # -- generations ---------------------------------------------------------------------------

    def current_generation(self) -> str | None:
        try:
            name = (self.base / POINTER).read_text().strip()
        except FileNotFoundError:
            return None
        return name or None

    def path(self, generation: str) -> Path:
        return self.base / generation

    def exists(self) -> bool:
        generation = self.current_generation()
        return generation is not None and self.path(generation).is_dir()

    def new_generation(self):
        """A fresh, empty index next to the current one: (name, FileIndex)."""
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        generation = f"gen-{stamp}-{secrets.token_hex(3)}"
        path = self.path(generation)
        path.mkdir(parents=True)
        return generation, whoosh_index.create_in(str(path), self.schema)

    def open(self, generation: str):
        try:
            return whoosh_index.open_dir(str(self.path(generation)), schema=self.schema)
        except Exception as error:
            raise IndexUnavailable(
                f"cannot open search index {self.path(generation)}: {error!r}"
            ) from error

    def open_current(self):
        generation = self.current_generation()
        if generation is None or not self.path(generation).is_dir():
            raise IndexUnavailable(f"no search index in {self.base}")
        return generation, self.open(generation)

    def swap(
        self, generation: str, wait: float = 60.0, then: Callable[[], None] | None = None
    ) -> None:
        """Make `generation` current, holding the old generation's write lock meanwhile.

        `then` runs before the lock is released (the indexer records the new generation's
        progress there, so no drain of the old generation can overwrite it afterwards).
        """
        old = self.current_generation()
        lock = None
        if old and self.path(old).is_dir():
            lock = self.lock(old)
            if not try_for(lock.acquire, timeout=wait, delay=0.1):
                raise LockError(f"search index {old} stayed locked for {wait}s")
        try:
            self._write_atomically(self.base / POINTER, generation)
            if then is not None:
                then()
        finally:
            if lock is not None:
                lock.release()

    def lock(self, generation: str):
        """The lock of everyone who writes a generation (drains, sync, the reindex swap).

        Held around the whole round: Whoosh write, marker, registration. (Whoosh's own write
        lock is released inside writer.commit(), before the marker is written.) A file lock, so
        it works across processes and threads.
        """
        from whoosh.util.filelock import FileLock

        return FileLock(str(self.path(generation) / INDEXER_LOCK))

    def remove_old_generations(self) -> list[str]:
        current = self.current_generation()
        generations = sorted(
            (p for p in self.base.glob("gen-*") if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        keep = {current} | {p.name for p in generations[:KEEP_GENERATIONS]}
        removed = []
        for path in generations:
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return removed

    @contextmanager
    def reindex_lock(self) -> Iterator[bool]:
        """Held by one `reindex` at a time; yields False when another one runs."""
        from whoosh.util.filelock import FileLock

        self.base.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.base / "reindex.lock"))
        acquired = lock.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()

    # -- markers -------------------------------------------------------------------------------

    def read_marker(self, generation: str) -> Marker:
        try:
            return Marker.from_json((self.path(generation) / MARKER).read_text())
        except FileNotFoundError:
            return Marker()

    def write_marker(self, generation: str, marker: Marker) -> None:
        self._write_atomically(self.path(generation) / MARKER, marker.to_json())

    @staticmethod
    def _write_atomically(path: Path, text: str) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    # -- the cached searcher -------------------------------------------------------------------

    @contextmanager
    def searcher(self) -> Iterator:
        """The worker's one searcher, refreshed when the index changed (cheap when it did not).

        Raises IndexUnavailable when the index is missing or unreadable. Used under a lock: a
        threaded worker shares one searcher and searches one at a time.
        """
        with self._lock:
            cached = self._refresh()
            try:
                yield cached.searcher, cached.segment_cache
            except IndexUnavailable:
                raise
            except Exception as error:
                # A damaged segment shows up while reading, not only while opening. Whatever
                # went wrong, the page must still render: log it in full, report unavailable.
                log.exception("reading the search index %s failed", self.base)
                self._drop()
                raise IndexUnavailable(f"search index {self.base} failed: {error!r}") from error

    def _refresh(self) -> _Cached:
        generation = self.current_generation()
        cached = self._cached
        if generation is None or not self.path(generation).is_dir():
            self._drop()
            raise IndexUnavailable(f"no search index in {self.base}")
        try:
            if cached is None or cached.generation != generation or cached.pid != os.getpid():
                self._drop()
                ix = self.open(generation)
                cached = self._cached = _Cached(generation, ix, ix.searcher())
            else:
                fresh = self._refreshed(cached)
                if fresh is not cached.searcher:
                    cached.searcher = fresh
                    live = {segment_id(s) for s, _ in fresh.leaf_searchers()}
                    for key in [k for k in cached.segment_cache if k[0] not in live]:
                        del cached.segment_cache[key]
        except IndexUnavailable:
            self._drop()
            raise
        except Exception as error:
            self._drop()
            raise IndexUnavailable(f"search index {self.base} is damaged: {error!r}") from error
        return cached

    def _refreshed(self, cached: _Cached):
        """The cached searcher if the index did not change, else a newly opened one.

        Not Whoosh's searcher.refresh(): it reuses segment readers it considers unchanged, and a
        segment that only gained deletions counts as unchanged, so deleted documents stayed
        visible (and refreshing a searcher of an empty index raises TypeError). Opening costs a
        few milliseconds, once per index change per worker (measured in the search bench).
        """
        if cached.ix.latest_generation() == cached.searcher.reader().generation():
            return cached.searcher
        fresh = cached.ix.searcher()
        cached.searcher.close()
        return fresh

    def _drop(self) -> None:
        cached, self._cached = self._cached, None
        if cached is not None and cached.pid == os.getpid():
            try:
                cached.searcher.close()
            except Exception:  # closing a broken searcher may fail too; nothing to keep
                log.debug("closing the old searcher failed", exc_info=True)

    def close(self) -> None:
        with self._lock:
            self._drop()


def segment_id(searcher) -> str:
    """A name for a leaf searcher's segment; a segment's documents never change."""
    reader = searcher.reader()
    segment = reader.segment() if callable(getattr(reader, "segment", None)) else None
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"
