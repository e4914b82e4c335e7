"""Helpers for the stats tests: a statement counter on the real engine."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from community.extensions import db


class StatementLog:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def queries(self) -> list[str]:
        """What the page asked the database; not BEGIN/ROLLBACK or SQLite's PRAGMAs."""
        return [s for s in self.statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    def _record(self, _conn, _cursor, statement, *_args):
        self.statements.append(statement)


@pytest.fixture
def count_queries(app):
    @contextmanager
    def counting():
        log = StatementLog()
        event.listen(db.engine, "before_cursor_execute", log._record)
        try:
            yield log
        finally:
            event.remove(db.engine, "before_cursor_execute", log._record)

    return counting
