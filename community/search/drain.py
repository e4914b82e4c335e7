"""Applying the outbox log to the index: after a commit, before a search, in `flask search sync`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.orm import Session
from whoosh.util.filelock import try_for

from community.search.documents import count_indexable, load_documents
from community.search.models import SearchOutbox
from community.search.outcomes import ApplyResult, ReindexBusy, ReindexResult
from community.search.store import LockError, Marker

log = logging.getLogger(__name__)

BATCH = 500


class Draining:
    """One job of `Indexer` (indexer.py), whose __init__ sets up the state it uses."""

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
