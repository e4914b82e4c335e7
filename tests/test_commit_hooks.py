"""Every session listener runs in the order community/commit_hooks.py lists, and a reorder is a
decision: the order is written out here once more, read back from SQLAlchemy's dispatch lists.
"""

from __future__ import annotations

from flask_sqlalchemy.session import Session as AppSession
from sqlalchemy.orm import Session

from community import commit_hooks

# What runs on db.session, per event, in this order (commit_hooks.py says why).
EXPECTED = {
    "after_transaction_create": ["after_commit._mark_savepoint"],
    "before_flush": ["pagecache._before_flush", "search.outbox._before_flush"],
    "after_flush": ["search.outbox._after_flush"],
    "do_orm_execute": ["pagecache._on_execute", "search.outbox._bulk_statement"],
    "before_commit": ["pagecache._before_commit", "search.outbox._before_commit"],
    "after_commit": ["after_commit._run_actions", "search.outbox._after_commit"],
    "after_soft_rollback": ["after_commit._drop_savepoints_actions"],
    "after_rollback": ["search.outbox._after_rollback"],
    "after_transaction_end": [
        "after_commit._drop_leftovers",
        "pagecache._after_transaction_end",
        "search.outbox._after_transaction_end",
    ],
}


def _name(function) -> str:
    return f"{function.__module__.removeprefix('community.')}.{function.__name__}"


def registered(target: type, event: str) -> list[str]:
    """Our listeners on `target` for `event`, in the order SQLAlchemy will call them."""
    listeners = getattr(target.dispatch, event)._clslevel.get(target, ())
    return [_name(f) for f in listeners if f.__module__.startswith("community.")]


def test_the_session_listeners_run_in_the_listed_order(app):
    assert {event: registered(AppSession, event) for event in EXPECTED} == EXPECTED


def test_the_list_is_what_is_connected(app):
    for target in (Session, AppSession):
        events = {hook.event for hook in commit_hooks.HOOKS}
        listed = {
            event: [
                _name(hook.function)
                for hook in commit_hooks.HOOKS
                if hook.event == event and issubclass(target, hook.target)
            ]
            for event in events
        }
        assert {event: registered(target, event) for event in events} == listed


def test_plain_sessions_get_no_search_hooks(app):
    """Sessions of their own (a job's, the mail outbox's) raise the generation and run their
    after-commit actions; only db.session writes the search outbox, as before."""
    assert registered(Session, "before_commit") == ["pagecache._before_commit"]


def test_a_second_app_connects_nothing_twice(app):
    from community import create_app

    before = {event: registered(AppSession, event) for event in EXPECTED}
    create_app(app.config)
    assert {event: registered(AppSession, event) for event in EXPECTED} == before
