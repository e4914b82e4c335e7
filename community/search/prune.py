"""Pruning the outbox log: rows every registered index applied, and rows past the retention."""

from __future__ import annotations

import time
from datetime import datetime

import sqlalchemy as sa

from community.clock import utcnow
from community.extensions import db
from community.search.models import SearchIndexState, SearchOutbox


class Pruning:
    """One job of `Indexer` (indexer.py), whose __init__ sets up the state it uses."""

    # -- pruning -------------------------------------------------------------------------------

    def maybe_prune(self) -> None:
        if time.monotonic() - self._last_prune >= self.prune_interval:
            self.prune()

    def prune(self, now: datetime | None = None) -> int:
        """Delete log rows every registered index has applied, and rows past the retention.

        An index copy that had not applied rows that are pruned for age loses its registration:
        it can no longer catch up from the log and rebuilds on its next `sync`.
        """
        with self._prune_lock:
            self._last_prune = time.monotonic()
            generation = self.store.current_generation()
            if generation is not None and self.registration() is not None:
                # Drains register lazily; what this copy has applied counts now.
                self.register(self.store.read_marker(generation).last_applied_id, force=False)
            cutoff = (now or utcnow()) - self.retention
            outbox, state = SearchOutbox.__table__, SearchIndexState.__table__
            with db.engine.begin() as connection:
                applied_by_all = connection.scalar(sa.select(sa.func.min(state.c.last_applied_id)))
                expired_through = connection.scalar(
                    sa.select(sa.func.max(outbox.c.id)).where(outbox.c.created_at < cutoff)
                )
                deleted = 0
                if applied_by_all:
                    deleted += connection.execute(
                        outbox.delete().where(outbox.c.id <= applied_by_all)
                    ).rowcount
                if expired_through:
                    deleted += connection.execute(
                        outbox.delete().where(outbox.c.id <= expired_through)
                    ).rowcount
                    connection.execute(
                        state.delete().where(state.c.last_applied_id < expired_through)
                    )
            return deleted
