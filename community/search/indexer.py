"""Keeping the index true: apply the outbox log, rebuild, compare, prune.

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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session
from whoosh.util.filelock import try_for

from community import database
from community.clock import utcnow
from community.extensions import db
from community.search.documents import count_indexable, iter_documents, load_documents
from community.search.models import SearchIndexState, SearchOutbox
from community.search.store import IndexStore, IndexUnavailable, LockError, Marker

log = logging.getLogger(__name__)

BATCH = 500
# Below this many posts the multi-process writer costs more than it saves (measured: see
# benchmarks/search_bench.py); above it reindex uses SEARCH_REINDEX_PROCS processes.
MULTIPROCESS_FROM = 5000
# /healthz: a change still unapplied this long after its commit means the index lags.
LAG_GRACE_SECONDS = 5.0


class ReindexBusy(Exception):
    """Another `reindex` is building a generation right now."""


@dataclass
class ApplyResult:
    rows: int = 0
    posts: int = 0
    busy: bool = False
    skipped: str = ""


@dataclass
class ReindexResult:
    documents: int
    seconds: float
    generation: str
    procs: int
    caught_up: ApplyResult | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float(self.documents)


@dataclass
class CheckReport:
    expected: int = 0
    indexed: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    pending: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def default_index_name(index_dir: str) -> str:
    name = f"{socket.gethostname()}:{os.path.realpath(index_dir)}"
    if len(name) > 255:
        import hashlib

        name = name[:200] + ":" + hashlib.sha1(name.encode()).hexdigest()
    return name


class Indexer:
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

        self.results = ResultMemo(int(config.get("SEARCH_RESULT_MEMO_ENTRIES", 2000)))

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

    # -- applying the log ----------------------------------------------------------------------

    def after_commit(self, post_ids: Iterable[int]) -> None:
        """Called after a commit that changed posts: apply them, never raise."""
        post_ids = set(post_ids)
        try:
            result = self.apply_pending(post_ids, max_rounds=4, exact_registration=False)
            if result.busy:
                log.info(
                    "search index busy; %d post(s) left for the next search, drain or sync",
                    len(post_ids),
                )
            self.maybe_prune()
        except Exception:
            log.exception("updating the search index failed; `flask search sync` will catch up")

    def catch_up(self) -> ApplyResult | None:
        """Before a search: apply what the log holds beyond this index. Never raises.

        Cheap when there is nothing to do (one indexed query: is there a row above the marker?).
        Otherwise one bounded round (BATCH rows) under the index lock, waiting at most
        SEARCH_CATCH_UP_TIMEOUT for a worker that is applying right now (it applies the same
        rows; we then find nothing left). This is how a host follows changes made on another
        host without cron, and how a change whose drain found the lock busy still shows up.
        """
        try:
            generation = self.store.current_generation()
            if generation is not None and self.store.path(generation).is_dir():
                marker = self.store.read_marker(generation)
                with self.read_session() as session:
                    if not self._has_pending(session, marker):
                        return None
            return self.apply_pending(
                timeout=self.catch_up_timeout, max_rounds=1, exact_registration=False
            )
        except Exception:
            log.exception("catching up with the search log failed; searching the index as it is")
            return ApplyResult(skipped="failed")

    @staticmethod
    def catch_up_complete(result: ApplyResult | None) -> bool:
        """Did catch_up() leave the index with every change committed before it? (None: there
        was nothing to apply.) Only then may a search's answer be remembered."""
        return result is None or not (result.busy or result.skipped or result.rows >= BATCH)

    def repair(self, post_ids: Iterable[int]) -> bool:
        """Rewrite these posts' documents now (a search found documents the database no longer
        lists). Never raises; False when the index could not be written."""
        try:
            result = self.apply_pending(
                post_ids, timeout=self.catch_up_timeout, max_rounds=1, exact_registration=False
            )
            return not (result.busy or result.skipped)
        except Exception:
            log.exception("repairing search documents failed")
            return False

    @staticmethod
    def _has_pending(session: Session, marker: Marker) -> bool:
        stmt = sa.select(SearchOutbox.id).where(SearchOutbox.id > marker.last_applied_id)
        if marker.beyond:
            stmt = stmt.where(SearchOutbox.id.not_in(list(marker.beyond)))
        return session.execute(stmt.limit(1)).first() is not None

    def apply_pending(
        self,
        post_ids: Iterable[int] = (),
        *,
        timeout: float | None = None,
        max_rounds: int | None = None,
        check_registration: bool = True,
        exact_registration: bool = True,
    ) -> ApplyResult:
        """Apply unapplied log rows (and `post_ids`) in rounds of BATCH rows.

        Returns busy=True when another process held the index lock for longer than `timeout`:
        nothing is lost, the rows stay in the log. The Whoosh writer is opened only when there is
        something to write, so a worker that waited for another one's drain costs nothing more.
        """
        result = ApplyResult()
        if not self.store.exists():
            if self._autobuild():
                return result
            self._warn_once(
                "missing", "no search index in %s; run `flask search sync`", self.store.base
            )
            result.skipped = "missing"
            return result
        extra = set(post_ids)
        rounds = 0
        while max_rounds is None or rounds < max_rounds:
            rounds += 1
            with self._locked(timeout) as handle:
                if handle is None:
                    result.busy = True
                    return result
                generation, ix = handle
                marker = self.store.read_marker(generation)
                if check_registration and rounds == 1:
                    registered = self.registration()
                    if registered is None or registered > marker.last_applied_id:
                        self._warn_once(
                            "unregistered",
                            "search index %s cannot follow the log any more; "
                            "run `flask search sync`",
                            self.store.base,
                        )
                        result.skipped = "unregistered"
                        return result
                with self.read_session() as session:
                    rows = self._pending_rows(session, marker, BATCH)
                    ids = {row.post_id for row in rows} | extra
                    extra = set()
                    if not ids:
                        return result
                    documents = load_documents(session, ids)
                try:
                    writer = ix.writer(timeout=timeout or 0.0, delay=0.05, compound=False)
                except LockError:  # Whoosh's own lock, held by something outside this protocol
                    result.busy = True
                    return result
                try:
                    for post_id in sorted(ids):
                        writer.delete_by_term("id", str(post_id))
                        if post_id in documents:
                            writer.add_document(**documents[post_id])
                    writer.commit()
                except BaseException:
                    if not writer.is_closed:
                        writer.cancel()
                    raise
                marker = self.advance(marker, rows)
                self.store.write_marker(generation, marker)
                self.register(
                    marker.last_applied_id,
                    force=exact_registration,
                    throttled=not exact_registration,
                )
                result.rows += len(rows)
                result.posts += len(ids)
            if len(rows) < BATCH:
                break
        return result

    @contextmanager
    def _locked(self, timeout: float | None):
        """(generation, index) of the current generation under its indexer lock, or None when
        another process held the lock for longer than `timeout`."""
        timeout = self.store.writer_timeout if timeout is None else timeout
        for _attempt in range(3):
            generation, ix = self.store.open_current()
            lock = self.store.lock(generation)
            if not try_for(lock.acquire, timeout=timeout, delay=0.02):
                yield None
                return
            if self.store.current_generation() == generation:
                break
            lock.release()  # reindex swapped generations while we waited for the lock
        else:
            yield None
            return
        try:
            yield generation, ix
        finally:
            lock.release()

    def sync(
        self, *, timeout: float = 30.0, echo: Callable[[str], None] = log.info
    ) -> ApplyResult | ReindexResult:
        """Catch up with the log; rebuild when the index is missing, unreadable or fell behind."""
        problem = self.health()
        if problem:
            echo(f"Rebuilding the search index: {problem}.")
            outcome: ApplyResult | ReindexResult = self.reindex()
        else:
            outcome = self.apply_pending(timeout=timeout)
        self.prune()
        return outcome

    def _autobuild(self) -> bool:
        """A site without an index yet (a fresh install) builds one on its first change."""
        if not self.autobuild_limit:
            return False
        with self.read_session() as session:
            if count_indexable(session) > self.autobuild_limit:
                return False
        try:
            self.reindex(procs=1)
        except ReindexBusy:
            return True
        return True

    def _warn_once(self, key: str, message: str, *args) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)

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

    # -- comparing -----------------------------------------------------------------------------

    def check(self) -> CheckReport:
        """Compare the index with the database: missing, stale and superfluous documents."""
        report = CheckReport()
        expected: dict[int, str] = {}
        with self.read_session() as session:
            for doc in iter_documents(session):
                expected[int(doc["id"])] = doc["fingerprint"]
        indexed: dict[int, str] = {}
        with self.store.searcher() as (searcher, _cache):
            for stored in searcher.all_stored_fields():
                indexed[int(stored["id"])] = stored.get("fingerprint", "")
        report.expected, report.indexed = len(expected), len(indexed)
        report.missing = sorted(set(expected) - set(indexed))
        report.extra = sorted(set(indexed) - set(expected))
        report.stale = sorted(i for i in set(expected) & set(indexed) if expected[i] != indexed[i])
        report.pending = self.pending_count() or 0
        return report

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


def get_indexer(app: Flask | None = None) -> Indexer:
    app = app or current_app
    return app.extensions["search"]
