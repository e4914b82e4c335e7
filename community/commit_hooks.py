"""What happens at commit, on one page: every global session listener, in the order it runs.

Three parts of the app follow each session's transaction. The functions live with the part that
needs them; this list says when they run and why in that order, and `init_app` connects them
(once per process: listeners are global, apps are many). For one event SQLAlchemy calls the
listeners in the order they were connected, so the order of HOOKS is the order they run in.
tests/test_commit_hooks.py reads SQLAlchemy's dispatch lists back: reordering is a decision.

    after_commit   community/after_commit.py: actions that follow the real commit (mail queued
                   by community.mail and mail_outbox, jobs enqueued by community.jobs, notify)
    pagecache      community/pagecache.py: the content generation visitors' pages are keyed on
    outbox         community/search/outbox.py: the search outbox, written in the transaction

Savepoints: SQLAlchemy reports a savepoint's release as before_commit/after_commit too; each
listener here waits for the outermost transaction (session.in_nested_transaction()).

The engine-level listeners (SQLite's pragmas and BEGIN IMMEDIATE) are in database.py.
"""

from __future__ import annotations

from typing import NamedTuple

from flask_sqlalchemy.session import Session as AppSession
from sqlalchemy.orm import Session

from community import after_commit, database, pagecache
from community.search import outbox


class Hook(NamedTuple):
    target: type  # Session: every session; AppSession: Flask-SQLAlchemy's (db.session) only
    event: str
    function: object
    why: str


# fmt: off
HOOKS: tuple[Hook, ...] = (
    # A transaction begins
    Hook(Session, "after_transaction_create", after_commit._mark_savepoint,
         "a savepoint remembers how many after-commit actions wait, to drop only its own"),

    # Before each flush (history is still there; a flush expires SQL-expression values)
    Hook(Session, "before_flush", pagecache._before_flush,
         "does this flush change what visitors' pages show? (marks the session)"),
    Hook(AppSession, "before_flush", outbox._before_flush,
         "posts touched by rows about to be deleted (gone after the flush)"),

    # After each flush (new ids are known)
    Hook(AppSession, "after_flush", outbox._after_flush,
         "new, changed and deleted posts and replies for the search outbox"),

    # Each ORM statement (bulk UPDATE/INSERT/DELETE bypass the flush)
    Hook(Session, "do_orm_execute", pagecache._on_execute,
         "a bulk write to a shown table changes content; only marks, runs no SQL"),
    Hook(AppSession, "do_orm_execute", outbox._bulk_statement,
         "selects the post ids a bulk statement touches before it runs"),

    # The outermost transaction is about to commit: the last writes, in it
    Hook(Session, "before_commit", pagecache._before_commit,
         "flush (running the flush hooks above), then raise the content generation: the "
         "last row lock a writer takes, so writers cannot deadlock on it"),
    Hook(AppSession, "before_commit", outbox._before_commit,
         "INSERT the outbox rows (new rows wait on no one's lock), committed with the change"),

    # Committed
    Hook(Session, "after_commit", after_commit._run_actions,
         "send the queued mail and enqueue the jobs: first, they are quick and must not wait "
         "on the index"),
    Hook(AppSession, "after_commit", outbox._after_commit,
         "apply the outbox to the index (in a request: after the response is sent)"),

    # Rolled back
    Hook(Session, "after_soft_rollback", after_commit._drop_savepoints_actions,
         "a rolled-back savepoint drops the actions added inside it"),
    Hook(AppSession, "after_rollback", outbox._after_rollback,
         "a rolled-back outermost transaction indexes nothing"),

    # The transaction ended, committed or not: forget what the outermost one recorded
    Hook(Session, "after_transaction_end", after_commit._drop_leftovers,
         "actions ran on commit or must never run"),
    Hook(Session, "after_transaction_end", pagecache._after_transaction_end,
         "the 'content changed' mark"),
    Hook(AppSession, "after_transaction_end", outbox._after_transaction_end,
         "the posts recorded for the outbox"),
)
# fmt: on


def init_app(app) -> None:
    """Connect HOOKS in their order, once per process."""
    for hook in HOOKS:
        database.listen_once(hook.target, {hook.event: hook.function})
