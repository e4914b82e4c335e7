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
