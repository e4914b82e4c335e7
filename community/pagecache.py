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

The per-theme counts on these pages (community.themes.services.post_counts) are remembered per
generation too, so they are exact as well.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy.orm import Session

from community.clock import utcnow
from community.extensions import db
from community.pagecache_models import ContentGeneration

TOKEN_PLACEHOLDER = "\x00csrf-token\x00"
_CHANGED = "content_changed"

# A table or column no cached page shows carries `info={"shown_on_pages": False}` where its feature
# declares it; writing it leaves the generation alone. Everything else (a new table too) counts
# as content, so a forgotten mark costs a re-render, never a stale page.
SHOWN = "shown_on_pages"


# --- the generation ------------------------------------------------------------------------------


def current_generation() -> int:
    query = sa.select(ContentGeneration.value).where(ContentGeneration.id == 1)
    return db.session.scalar(query) or 0


def _shows(name: str | None, columns: set[str] | None = None) -> bool:
    """Does a write to these columns of table `name` change what pages show? (None: any.)"""
    table = db.metadata.tables.get(name) if name else None
    if table is None:
        return True
    if not table.info.get(SHOWN, True):
        return False
    if columns is None:
        return True
    return any(key not in table.c or table.c[key].info.get(SHOWN, True) for key in columns)


def not_shown_tables() -> set[str]:
    """The tables marked as shown on no page (for the tests and for readers)."""
    return {name for name, table in db.metadata.tables.items() if not table.info.get(SHOWN, True)}


def not_shown_columns() -> dict[str, set[str]]:
    """Per shown table, its columns marked as shown on no page."""
    found = {}
    for name, table in db.metadata.tables.items():
        columns = {column.key for column in table.c if not column.info.get(SHOWN, True)}
        if columns:
            found[name] = columns
    return found


def _changes_content(session: Session) -> bool:
    for obj in (*session.new, *session.deleted):
        if _shows(_table_of(obj)):
            return True
    for obj in session.dirty:
        table = _table_of(obj)
        if not _shows(table):
            continue
        changed = {attr.key for attr in sa.inspect(obj).attrs if attr.history.has_changes()}
        if changed and _shows(table, changed):
            return True
    return False


def _table_of(obj) -> str | None:
    table = getattr(obj, "__table__", None)
    return table.name if table is not None else None


def _before_flush(session: Session, _context, _instances) -> None:
    # Before, not after, the flush: a value set as an SQL expression (useful_count + 1) is
    # still in the history here; after the flush it has been expired.
    if not session.info.get(_CHANGED) and _changes_content(session):
        session.info[_CHANGED] = True


def _on_execute(state) -> None:
    """Bulk UPDATE/INSERT/DELETE statements (reply counts, digest dates) bypass the flush."""
    if state.session.info.get(_CHANGED):
        return
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(getattr(statement, "table", None), "name", None)
        changed = _shows(table, _updated_columns(state) if state.is_update else None)
    elif isinstance(statement, sa.TextClause):
        verb = statement.text.lstrip().split(None, 1)[:1]
        changed = bool(verb) and verb[0].lower() in ("insert", "update", "delete")
    else:
        changed = False
    if changed:
        state.session.info[_CHANGED] = True


def _updated_columns(state) -> set[str] | None:
    """The columns an UPDATE sets, from .values() or the parameter sets; None if unknown."""
    values = getattr(state.statement, "_values", None) or {}
    columns = {getattr(key, "key", key) for key in values}
    parameters = state.parameters
    for row in [parameters] if isinstance(parameters, dict) else (parameters or []):
        columns.update(row)
    return {str(column) for column in columns} or None


def _before_commit(session: Session) -> None:
    """Raise the generation at the end of the outermost transaction, in it: the row lock on the
    counter is the last one a writer takes, so two writers cannot deadlock on it, and no reader
    sees the new data without the new generation."""
    if session.in_nested_transaction():
        return  # a savepoint: its changes are counted when the whole transaction commits
    session.flush()
    if not session.info.pop(_CHANGED, False):
        return
    connection = session.connection()
    table = ContentGeneration.__table__
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # An upsert: the migration inserts the row, but a database emptied by the tests has none.
    connection.execute(
        insert(table)
        .values(id=1, value=1)
        .on_conflict_do_update(index_elements=[table.c.id], set_={"value": table.c.value + 1})
    )


def _after_transaction_end(session: Session, transaction) -> None:
    # Only when the whole transaction ends: a rolled-back savepoint (a double click caught by a
    # unique index) must not drop the changes made before it.
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)


# --- the cache -----------------------------------------------------------------------------------


class PageCache:
    """A thread-safe LRU of rendered pages, bounded by their total size."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
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
            old = self._pages.pop(key, None)
            self.size += len(page) - (len(old) if old is not None else 0)
            self._pages[key] = page
            while self.size > self.max_bytes and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self.size -= len(dropped)

    def __len__(self) -> int:
        return len(self._pages)


def init_app(app) -> None:
    """The worker's cache. The session hooks above are connected by community.commit_hooks."""
    megabytes = app.config["PAGE_CACHE_MB"]
    app.extensions["page_cache"] = PageCache(int(megabytes * 1024 * 1024))


def page_cache() -> PageCache:
    return current_app.extensions["page_cache"]


def for_visitors(view: Callable[..., object]) -> Callable[..., object]:
    """Serve the page `view` returns from the cache when the viewer is a visitor.

    Under the route decorator: `@bp.route(...)` then `@pagecache.for_visitors`. The view must
    only depend on the request's host, path and query string (and on content): on a hit it does
    not run at all. Anything it returns that is not a str (a redirect, a response) is passed on
    uncached, and so is every member's page.
    """

    @functools.wraps(view)
    def cached_for_visitors(*args, **kwargs):
        return _serve(lambda: view(*args, **kwargs))

    return cached_for_visitors


def _serve(render: Callable[[], object]) -> object:
    cache = page_cache()
    if (
        cache.max_bytes <= 0
        or current_user.is_authenticated
        or request.method not in ("GET", "HEAD")
        or session.get("_flashes")
    ):
        return render()
    key = (request.host, request.full_path, current_generation(), int(utcnow().timestamp() // 60))
    page = cache.get(key)
    if page is None:
        # Rows loaded before the generation was read (PostgreSQL reads each statement afresh)
        # may predate it: render from rows read after it.
        db.session.expire_all()
        page = render()
        if not isinstance(page, str):
            return page
        token = _token_on_the_page()
        cache.put(key, page.replace(token, TOKEN_PLACEHOLDER) if token else page)
        return page
    if TOKEN_PLACEHOLDER in page:
        page = page.replace(TOKEN_PLACEHOLDER, generate_csrf())
    return page


def _token_on_the_page() -> str | None:
    """The CSRF token the page was rendered with, if it has one.

    A page with a form called generate_csrf() while rendering, which keeps the visitor's secret
    in the session; asked again in the same request it answers the same token. Without that
    secret the page has no token, and asking would give the visitor a session (a cookie) that
    nothing on the page needs.
    """
    if current_app.config["WTF_CSRF_FIELD_NAME"] not in session:
        return None
    return generate_csrf()
