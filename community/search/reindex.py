"""Rebuilding: a fresh generation from the database, swapped in while search keeps working."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from community.clock import utcnow
from community.search.documents import count_indexable, iter_documents
from community.search.models import SearchOutbox
from community.search.outcomes import ReindexBusy, ReindexResult
from community.search.store import Marker

log = logging.getLogger(__name__)

# Below this many posts the multi-process writer costs more than it saves (measured: see
# benchmarks/search_bench.py); above it reindex uses SEARCH_REINDEX_PROCS processes.
MULTIPROCESS_FROM = 5000


class Reindexing:
    """One job of `Indexer` (indexer.py), whose __init__ sets up the state it uses."""

    # -- rebuilding ----------------------------------------------------------------------------

    def _snapshot_mark(self, session: Session) -> Marker:
        """Where a rebuild from the database now stands in the log."""
        now = utcnow()
        settle = self._settle()
        settled_before = now - timedelta(seconds=settle)
        if settle == 0:
            return Marker(session.scalar(sa.select(sa.func.max(SearchOutbox.id))) or 0)
        last = (
            session.scalar(
                sa.select(sa.func.max(SearchOutbox.id)).where(
                    SearchOutbox.created_at < settled_before
                )
            )
            or 0
        )
        recent = session.execute(
            sa.select(SearchOutbox.id, SearchOutbox.created_at).where(SearchOutbox.id > last)
        ).all()
        return self.advance(Marker(last), recent, now)

    def reindex(
        self,
        *,
        procs: int | None = None,
        progress: Callable[[int], None] | None = None,
        on_total: Callable[[int], None] | None = None,
    ) -> ReindexResult:
        """Build a fresh generation from the database and swap it in; search keeps working."""
        with self.store.reindex_lock() as acquired:
            if not acquired:
                raise ReindexBusy("another reindex is running")
            started = time.perf_counter()
            generation, ix = self.store.new_generation()
            with self.read_session() as session:
                marker = self._snapshot_mark(session)
                total = count_indexable(session)
                if on_total:
                    on_total(total)
                procs = procs or (self.procs if total >= MULTIPROCESS_FROM else 1)
                if procs > 1:
                    # Each process writes a segment of its own (multisegment): merging them into
                    # one in the main process made the multi-process writer slower than one.
                    writer = ix.writer(
                        procs=procs, batchsize=250, multisegment=True, limitmb=128, compound=False
                    )
                else:
                    writer = ix.writer(limitmb=128, compound=False)
                # compound=False: Whoosh reads a compound segment by copying each file into
                # memory (76 MB of postings at 100,000 posts); separate files are read in place.
                count = 0
                try:
                    for doc in iter_documents(session):
                        writer.add_document(**doc)
                        count += 1
                        if progress and count % 100 == 0:
                            progress(100)
                    if progress and count % 100:
                        progress(count % 100)
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
            self.store.write_marker(generation, marker)
            self.store.swap(generation, then=lambda: self.register(marker.last_applied_id))
            seconds = time.perf_counter() - started
            self.store.remove_old_generations()
            self._warned.clear()
        result = ReindexResult(documents=count, seconds=seconds, generation=generation, procs=procs)
        # Changes committed while we were building: apply them to the new generation.
        result.caught_up = self.apply_pending(timeout=30.0, check_registration=False)
        log.info("search index rebuilt: %d documents in %.1fs", count, seconds)
        return result
