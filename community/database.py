"""Connection settings that make SQLite safe under concurrent web workers.

Measured on this kind of machine (see DESIGN.md): with WAL and a busy timeout, read-then-write
transactions opened with a plain BEGIN still failed with "database is locked"; opened with
BEGIN IMMEDIATE none did. So we take over pysqlite's transaction handling and start write-capable
transactions with BEGIN IMMEDIATE. Requests that only read (GET/HEAD) start a deferred
transaction instead, so readers never queue behind the write lock; such requests must not write.
"""

from __future__ import annotations

import sqlite3
from contextvars import ContextVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine

# Set per request by the app factory; CLI commands and tests default to immediate.
read_only_transactions: ContextVar[bool] = ContextVar("read_only_transactions", default=False)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("BEGIN" if read_only_transactions.get() else "BEGIN IMMEDIATE")


def listen_once(target, hooks: dict) -> None:
    """Connect `hooks` (event name -> function) to `target`, in this order, once per process.

    SQLAlchemy listeners are global while a process makes many apps (the tests make one per
    test), so each feature's `init_app` connects its session hooks through this.
    """
    for identifier, function in hooks.items():
        if not event.contains(target, identifier, function):
            event.listen(target, identifier, function)


def insert_if_absent(session, model, **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; answers whether this call inserted the row.

    The database decides, not a check before the insert: two racing requests (two tabs, two
    hosts) insert one row between them, and the loser learns it from the row count instead of
    an IntegrityError. On PostgreSQL the loser waits for the winner's commit, so it never counts
    a row the winner rolls back.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # RETURNING, not rowcount: an ORM insert reports rowcount -1 on psycopg.
    key = sa_inspect(model).primary_key[0]
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(key)
    return session.execute(statement).first() is not None


# Rows ANALYZE samples per index: enough for the planner to tell a selective index from one
# that matches most rows, and it keeps ANALYZE at ~30 ms on a 100,000-post database.
ANALYSIS_LIMIT = 400


def refresh_statistics(session) -> None:
    """Give SQLite's query planner row-count statistics (sqlite_stat1), in `session`'s transaction.

    Without them SQLite guesses, and for "these ten posts, if listable" (search) it walks every
    visible post along ix_posts_visible instead of looking the ten up by primary key: 7 ms
    instead of 0.2 ms per lookup at 100,000 posts. Nothing else ever runs ANALYZE, so the
    nightly job and the bulk loaders (demo seed, benchmark corpora) call this. `PRAGMA
    optimize` is no substitute on SQLite 3.40: it skips tables never analysed before.
    PostgreSQL needs nothing: autovacuum analyses tables as they change.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(sa.text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
    session.execute(sa.text("ANALYZE"))
