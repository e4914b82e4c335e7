"""Visitors' pages, rendered once per change of content instead of once per request.

Most readers are visitors who arrive from a search engine or a shared link, and for them the home
page, the lists, a theme and a post's page are the same for everyone. Rendering one costs 5-17 ms
of ORM and Jinja work at 10,000 posts (benchmarks/pages_bench.py); serving it again costs well
under one. So each worker keeps the pages it rendered for visitors in a small LRU, keyed on:

- the content generation: a counter in the database that every transaction changing what pages
  show raises in the same commit. A page is never older than the data: a post a moderator hides,
  or an author makes members-only, is gone from the next visitor's page, in every worker.
- the minute, because pages say "5 minuten geleden";
- host, path and query string.

Members always get a fresh render (their pages show their own votes, follows and forms), and so
does a visitor with a message waiting (a flash). The one per-visitor piece of a visitor's page is
the CSRF token of the "volg per e-mail" form: it is stored as a placeholder and filled in on every
request, so each visitor still gets a token tied to their own session.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from community.clock import utcnow
from community.extensions import db

TOKEN_PLACEHOLDER = "\x00csrf-token\x00"
_CHANGED = "content_changed"

# Tables no cached page shows: writing them leaves the generation alone. Everything else (a new
# table too) counts as content, so forgetting a table here costs a re-render, never a stale page.
PRIVATE_TABLES = frozenset({
    "content_generation",
    "access_requests",
    "digest_deliveries",
    "digest_runs",
    "flags",
    "follows",
    "invitations",
    "notifications",
    "password_reset_tokens",
    "revisions",
    "search_index_state",
    "search_outbox",
    "subscriber_themes",
    "subscribers",
})
# Columns of shown tables that no page shows: a login (last_seen_at, a rehash) is not content.
PRIVATE_COLUMNS = {
    "users": frozenset({
        "last_seen_at", "password_hash", "session_epoch", "notify_by_email", "digest_enabled",
        "digest_frequency", "digest_all_themes", "digest_last_sent_at",
    }),
}


class ContentGeneration(db.Model):
    """One row: how many times content changed. Pages are cached per generation."""

    __tablename__ = "content_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)


# --- the generation ------------------------------------------------------------------------------


def current_generation() -> int:
    query = sa.select(ContentGeneration.value).where(ContentGeneration.id == 1)
    return db.session.scalar(query) or 0


def _changes_content(session: Session) -> bool:
    for obj in (*session.new, *session.deleted):
        if _table_of(obj) not in PRIVATE_TABLES:
            return True
    for obj in session.dirty:
        table = _table_of(obj)
        if table in PRIVATE_TABLES or not session.is_modified(obj):
            continue
        private = PRIVATE_COLUMNS.get(table)
        if private is None:
            return True
        state = sa.inspect(obj)
        if any(
            attr.key not in private and attr.history.has_changes() for attr in state.attrs
        ):
            return True
    return False


def _table_of(obj) -> str | None:
    table = getattr(obj, "__table__", None)
    return table.name if table is not None else None


def _after_flush(session: Session, _context) -> None:
    if not session.info.get(_CHANGED) and _changes_content(session):
        session.info[_CHANGED] = True


def _on_execute(state) -> None:
    """Bulk UPDATE/INSERT/DELETE statements (reply counts, votes) bypass the flush."""
    if state.session.info.get(_CHANGED):
        return
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        changed = getattr(getattr(statement, "table", None), "name", None) not in PRIVATE_TABLES
    elif isinstance(statement, sa.TextClause):
        verb = statement.text.lstrip().split(None, 1)[:1]
        changed = bool(verb) and verb[0].lower() in ("insert", "update", "delete")
    else:
        changed = False
    if changed:
        state.session.info[_CHANGED] = True


def _before_commit(session: Session) -> None:
    """Raise the generation last, in the same transaction: its row lock is the last one taken, so
    two writers cannot deadlock on it, and no reader sees the data without the new generation."""
    session.flush()
    if not session.info.pop(_CHANGED, False):
        return
    table = ContentGeneration.__table__
    connection = session.connection()
    bumped = connection.execute(
        table.update().where(table.c.id == 1).values(value=table.c.value + 1)
    )
    if bumped.rowcount == 0:  # the migration inserts the row; an emptied test database has none
        connection.execute(table.insert().values(id=1, value=1))


def _forget(session: Session, *_args) -> None:
    session.info.pop(_CHANGED, None)


_listening = False


def _listen() -> None:
    global _listening
    if _listening:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _on_execute)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_rollback", _forget)
    _listening = True


# --- the cache -----------------------------------------------------------------------------------


class PageCache:
    """A thread-safe LRU of rendered pages (str), bounded by entry count."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._pages: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return page

    def put(self, key: tuple, page: str) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_entries:
                self._pages.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pages)


def init_app(app) -> None:
    _listen()
    app.extensions["page_cache"] = PageCache(app.config.get("PAGE_CACHE_ENTRIES", 500))


def page_cache() -> PageCache:
    return current_app.extensions["page_cache"]


def for_visitors(render: Callable[[], str]) -> str:
    """The page `render()` makes, from the cache when the viewer is a visitor.

    `render` must only depend on the request's host, path and query string (and on content);
    views call it with what they would have returned. Anything that is not a str (a redirect,
    a response) is passed on uncached.
    """
    cache = page_cache()
    if (
        cache.max_entries <= 0
        or current_user.is_authenticated
        or request.method not in ("GET", "HEAD")
        or session.get("_flashes")
    ):
        return render()
    key = (request.host, request.full_path, current_generation(), int(utcnow().timestamp() // 60))
    page = cache.get(key)
    if page is None:
        page = render()
        if not isinstance(page, str):
            return page
        token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
        cache.put(key, page.replace(token, TOKEN_PLACEHOLDER) if token else page)
        return page
    if TOKEN_PLACEHOLDER in page:
        page = page.replace(TOKEN_PLACEHOLDER, generate_csrf())
    return page
