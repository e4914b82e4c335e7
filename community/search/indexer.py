"""Keeping the index true: apply the outbox log, rebuild, compare, prune.

One class, `Indexer`, one per app; its jobs live in modules of their own:

    indexer.py    the index and its registration in the database, health and freshness
    drain.py      applying the log (after a commit, before a search, `flask search sync`)
    reindex.py    rebuilding a generation from the database
    check.py      comparing the index with the database
    prune.py      deleting log rows every index has applied

The log (`search_outbox`) holds one row per committed change of a post. An index generation
remembers in its marker the last log id it applied; `apply_pending` continues from there, so a
crash, a busy lock or a failed write only delays a change until the next search (`catch_up`),
drain or `flask search sync`. Applying a row re-reads the post from the database and writes its
current document (or deletes it), so applying a row twice, or rows out of order, is harmless.

Gaps: on SQLite writers are serialised, so committed log ids always form a prefix. On PostgreSQL
a sequence value is taken at insert time, so a transaction that commits later may hold a lower id
than one already applied. Rows above such a gap are applied at once but remembered in the marker
(`beyond`), and the marker only moves past the gap once it has been open for
SEARCH_OUTBOX_SETTLE_SECONDS (a transaction open that long is assumed to have rolled back).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from community import database
from community.clock import utcnow
from community.extensions import db
from community.search.check import Checking
from community.search.documents import count_indexable
from community.search.drain import Draining
from community.search.models import SearchIndexState, SearchOutbox
from community.search.prune import Pruning
from community.search.reindex import Reindexing
from community.search.store import IndexStore, IndexUnavailable, Marker

log = logging.getLogger(__name__)

# /healthz: a change still unapplied this long after its commit means the index lags.
LAG_GRACE_SECONDS = 5.0


def default_index_name(index_dir: str) -> str:
    name = f"{socket.gethostname()}:{os.path.realpath(index_dir)}"
    if len(name) > 255:
        import hashlib

        name = name[:200] + ":" + hashlib.sha1(name.encode()).hexdigest()
    return name


class Indexer(Draining, Reindexing, Checking, Pruning):
    """The app's search index and how it follows the database. One per app (and process)."""

    def __init__(self, app: Flask):
        config = app.config
        index_dir = config["SEARCH_INDEX_DIR"]
        self.store = IndexStore(
            index_dir,
            name=config["SEARCH_INDEX_NAME"] or default_index_name(index_dir),
            writer_timeout=float(config["SEARCH_WRITER_TIMEOUT"]),
        )
        self.retention = timedelta(days=int(config["SEARCH_OUTBOX_RETENTION_DAYS"]))
        self.settle_seconds = float(config["SEARCH_OUTBOX_SETTLE_SECONDS"])
        self.procs = int(config["SEARCH_REINDEX_PROCS"])
        # A fresh install builds its index on the first change; tests build theirs explicitly.
        self.autobuild_limit = 0 if app.testing else int(config["SEARCH_AUTOBUILD_LIMIT"])
        self.prune_interval = float(config["SEARCH_PRUNE_INTERVAL_SECONDS"])
        self._last_prune = time.monotonic()  # the first prune waits one interval
        self._warned: set[str] = set()
        self._prune_lock = threading.Lock()
        # How long a search waits for another worker that is applying the log right now.
        self.catch_up_timeout = float(config["SEARCH_CATCH_UP_TIMEOUT"])
        self.register_interval = float(config["SEARCH_REGISTER_INTERVAL_SECONDS"])
        self._registered_id, self._registered_at = 0, float("-inf")
        # Answers of repeated searches, per content generation (services.ResultMemo).
        from community.search.services import ResultMemo

        self.results = ResultMemo(int(config["SEARCH_RESULT_MEMO_ENTRIES"]))

    # -- database access -----------------------------------------------------------------------

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A short read-only session of its own (on SQLite a deferred BEGIN: no write lock)."""
        token = database.read_only_transactions.set(True)
        session = Session(db.engine)
        try:
            yield session
        finally:
            session.close()
            database.read_only_transactions.reset(token)

    def _settle(self) -> float:
        return 0.0 if db.engine.dialect.name == "sqlite" else self.settle_seconds

    def _pending_rows(self, session: Session, marker: Marker, limit: int) -> list:
        stmt = (
            sa.select(SearchOutbox.id, SearchOutbox.post_id, SearchOutbox.created_at)
            .where(SearchOutbox.id > marker.last_applied_id)
            .order_by(SearchOutbox.id)
            .limit(limit)
        )
        if marker.beyond:
            stmt = stmt.where(SearchOutbox.id.not_in(list(marker.beyond)))
        return session.execute(stmt).all()

    def pending_count(self) -> int | None:
        """Log rows this index has not applied yet; None when there is no index."""
        generation = self.store.current_generation()
        if generation is None:
            return None
        marker = self.store.read_marker(generation)
        with self.read_session() as session:
            stmt = sa.select(sa.func.count()).where(SearchOutbox.id > marker.last_applied_id)
            if marker.beyond:
                stmt = stmt.where(SearchOutbox.id.not_in(list(marker.beyond)))
            return session.scalar(stmt)

    def advance(
        self,
        marker: Marker,
        rows: Iterable,
        now: datetime | None = None,
        settle: float | None = None,
    ) -> Marker:
        """The marker after applying `rows`: past every id below which nothing can still come."""
        beyond = dict(marker.beyond)
        for row in rows:
            beyond[row.id] = row.created_at.timestamp()
        last = marker.last_applied_id
        settled_before = (now or utcnow()).timestamp() - (
            self._settle() if settle is None else settle
        )
        while beyond:
            lowest = min(beyond)
            if lowest == last + 1 or beyond[lowest] <= settled_before:
                last = lowest
                del beyond[lowest]
            else:
                break
        return Marker(last, beyond)

    def registration(self) -> int | None:
        with self.read_session() as session:
            return session.scalar(
                sa.select(SearchIndexState.last_applied_id).where(
                    SearchIndexState.name == self.store.name
                )
            )

    def register(
        self, last_applied_id: int, *, force: bool = True, throttled: bool = False
    ) -> None:
        """Record this index copy's progress in search_index_state.

        `force=False` never moves the registration back; `throttled` (the drains after a commit
        and before a search) also writes at most once per SEARCH_REGISTER_INTERVAL_SECONDS: a
        registration a little behind only makes pruning wait (prune registers exactly first),
        while a write per drain would cost every post on SQLite a second write transaction.
        `reindex` and `sync` register exactly (force).
        """
        now_monotonic = time.monotonic()
        if throttled and (
            last_applied_id <= self._registered_id
            or now_monotonic - self._registered_at < self.register_interval
        ):
            return
        now = utcnow()
        # A bookkeeping write, also from a search (a GET): take the write lock from the start.
        token = database.read_only_transactions.set(False)
        try:
            with db.engine.begin() as connection:
                table = SearchIndexState.__table__
                update = table.update().where(table.c.name == self.store.name)
                if not force:
                    update = update.where(table.c.last_applied_id < last_applied_id)
                updated = connection.execute(
                    update.values(last_applied_id=last_applied_id, updated_at=now)
                )
                if not updated.rowcount and force:
                    connection.execute(
                        table.insert().values(
                            name=self.store.name, last_applied_id=last_applied_id, updated_at=now
                        )
                    )
        finally:
            database.read_only_transactions.reset(token)
        self._registered_id, self._registered_at = last_applied_id, now_monotonic

    def health(self) -> str:
        """ "" when the index can follow the log; otherwise why it needs a reindex."""
        generation = self.store.current_generation()
        if generation is None or not self.store.path(generation).is_dir():
            return "there is no index yet"
        try:
            self.store.open(generation).doc_count()
        except IndexUnavailable as error:
            return f"the index cannot be read ({error.__cause__!r})"
        registered = self.registration()
        marker = self.store.read_marker(generation)
        if registered is None:
            return (
                "the index is not registered "
                "(it fell behind the pruned log, or the database is new)"
            )
        if registered > marker.last_applied_id:
            return "the index is older than its registration (restored from a backup?)"
        return ""

    def freshness(self) -> dict:
        """For /healthz, after catching up as a search would: does the index hold what the
        database lists? {"documents", "pending"} plus "reason" when it lags or misses posts."""
        self.catch_up()
        for attempt in range(2):
            with self.store.searcher() as (searcher, _cache):
                documents = searcher.doc_count()
            with self.read_session() as session:
                expected = count_indexable(session)
                lag_before = utcnow() - timedelta(seconds=LAG_GRACE_SECONDS)
                pending = self._pending_query(session, lag_before)
            if not pending and documents == expected:
                return {"documents": documents, "pending": 0}
            if attempt == 0:
                self.catch_up()  # a commit landed between the counts; look once more
        answer = {"documents": documents, "pending": pending}
        if pending:
            answer["reason"] = (
                f"the index lags the log: {pending} change(s) older than "
                f"{LAG_GRACE_SECONDS:.0f}s not applied"
            )
        elif documents < expected:
            answer["reason"] = f"the index misses {expected - documents} post(s)"
        else:
            answer["reason"] = f"the index holds {documents - expected} post(s) it should not"
        return answer

    def _pending_query(self, session: Session, before: datetime) -> int:
        generation = self.store.current_generation()
        marker = self.store.read_marker(generation) if generation else Marker()
        stmt = sa.select(sa.func.count()).where(
            SearchOutbox.id > marker.last_applied_id, SearchOutbox.created_at < before
        )
        if marker.beyond:
            stmt = stmt.where(SearchOutbox.id.not_in(list(marker.beyond)))
        return session.scalar(stmt) or 0


def get_indexer(app: Flask | None = None) -> Indexer:
    app = app or current_app
    return app.extensions["search"]
