"""Things that must follow the real commit of a session's transaction, and never a rollback.

Mail delivery and background jobs both need this: a job enqueued before the commit could run
before the data it needs is visible, and one enqueued for a rolled-back action would act on
something that never happened. `add(session, action)` keeps `action` on the session and runs it
once the OUTERMOST transaction commits.

Savepoints (`session.begin_nested()`) keep to that: SQLAlchemy reports a savepoint's release as a
commit, so a release runs nothing yet; rolling one back drops only the actions added inside it.
Each savepoint remembers how many actions were waiting when it began.

The session hooks below are connected by community.commit_hooks, beside every other one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger(__name__)

ACTIONS_KEY = "after_commit_actions"
MARKS_KEY = "after_commit_savepoints"


def add(session: Session, action: Callable[[], None]) -> None:
    """Run `action()` once the session's outermost transaction commits; forget it on rollback.

    It runs after the commit, outside the session's transaction: an action that writes does so
    in a session or connection of its own. An action that raises is logged, never re-raised:
    the change is committed and the request must not turn into a 500 over it.
    """
    session.info.setdefault(ACTIONS_KEY, []).append(action)


def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks = session.info.setdefault(MARKS_KEY, {})
        marks[transaction] = len(session.info.get(ACTIONS_KEY, ()))


def _run_actions(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: wait for the real commit
        session.info.get(MARKS_KEY, {}).pop(session.get_nested_transaction(), None)
        return
    actions = session.info.pop(ACTIONS_KEY, [])
    for action in actions:
        try:
            action()
        except Exception:
            log.exception("An action after the commit failed")


def _drop_savepoints_actions(session: Session, transaction: SessionTransaction) -> None:
    mark = session.info.get(MARKS_KEY, {}).pop(transaction, None)
    if mark is not None:
        del session.info.get(ACTIONS_KEY, [])[mark:]


def _drop_leftovers(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction is over: its actions ran on commit, or must not run at all."""
    if transaction.parent is None:
        session.info.pop(ACTIONS_KEY, None)
        session.info.pop(MARKS_KEY, None)
