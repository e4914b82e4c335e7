"""Counting the SQL a request runs, for the "queries do not grow with items" tests."""

from __future__ import annotations

import contextlib

from sqlalchemy import event

from community.extensions import db


@contextlib.contextmanager
def counted_statements():
    """SQL statements run on the app's engine (BEGIN, SAVEPOINT and PRAGMA left out)."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _executemany):
        if statement.split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
