"""Session hooks that write the search outbox in the same transaction as the change.

No service has to call search: whatever changes a post through the session is recorded.
community.commit_hooks connects these hooks, and says where they run among the others:

    before_flush      posts touched by deleting a theme, organisation or user, and deleted
                      replies (their rows are gone after the flush)
    after_flush       new, changed and deleted posts and replies (ids are known now)
    do_orm_execute    bulk UPDATE/DELETE on posts, replies, post_themes, themes, organisations
                      and users: the affected post ids are selected before the statement runs
    before_commit     flush, then INSERT one outbox row per changed post: committed together
                      with the change, or not at all
    after_commit      apply them to the index (indexer.after_commit never raises); in a web
                      request right after the response is sent (views.py), elsewhere at once
    after_rollback    forget everything recorded: a rolled-back change is never indexed

Savepoints: SQLAlchemy reports releasing a savepoint (`begin_nested()`, e.g. an author who starts
following their own question) as before_commit/after_commit too. Those are not the commit: the
rows are written, and applied, only when the outermost transaction commits (as mail.py and
pagecache.py do). Applying at a savepoint's release read nothing yet committed, and on SQLite
waited on the database lock its own transaction still held. A rolled-back savepoint keeps what
was recorded before and inside it: applying a post that did not change is harmless.

Raw SQL text (session.execute(text(...))) is not seen; run `flask search sync` after it.
(Flask-SQLAlchemy's track_modifications.py records changes with the same events.)
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import current_app, g, has_app_context, has_request_context

from community.accounts.models import User
from community.clock import utcnow
from community.organisations.models import Organisation
from community.posts.models import Post, Reply
from community.search.models import OutboxAction, SearchOutbox
from community.themes.models import Theme, post_themes

PENDING = "search_pending"  # {post_id: OutboxAction}, collected by the flush hooks
TO_DRAIN = "search_to_drain"  # post ids written to the outbox, applied after the commit
DRAIN_AFTER_RESPONSE = "search_drain_after_response"  # in flask.g: post ids of this request

# Attributes that change a post's index document (anything else, like counters, does not).
POST_FIELDS = frozenset(
    {
        "kind",
        "title",
        "body",
        "summary",
        "context",
        "approach",
        "target_group",
        "results",
        "tips",
        "author_id",
        "organisation_id",
        "is_anonymous",
        "visibility",
        "accepted_reply_id",
        "created_at",
        "deleted_at",
        "hidden_at",
        "themes",
    }
)
REPLY_FIELDS = frozenset({"body", "post_id", "deleted_at", "hidden_at"})

posts_table = Post.__table__
replies_table = Reply.__table__


def _enabled(session) -> bool:
    return (
        has_app_context()
        and "search" in current_app.extensions
        and not session.info.get("search_off")
    )


def _record(
    session, post_ids: Iterable[int | None], action: OutboxAction = OutboxAction.UPSERT
) -> None:
    pending = session.info.setdefault(PENDING, {})
    for post_id in post_ids:
        # A delete wins over an upsert recorded for the same post in the same transaction.
        if post_id is not None and (
            action is OutboxAction.DELETE or pending.get(post_id) is not OutboxAction.DELETE
        ):
            pending[post_id] = action


def _changed(obj, names: frozenset[str]) -> bool:
    attrs = sa.inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names if name in attrs)


def _post_ids(session, stmt: sa.Select) -> list[int]:
    return list(session.connection().execute(stmt).scalars())


def _posts_of(obj) -> sa.Select | None:
    """Posts whose document shows something of a related object that is going away/changing."""
    if isinstance(obj, Theme):
        return sa.select(post_themes.c.post_id).where(post_themes.c.theme_id == obj.id)
    if isinstance(obj, Organisation):
        return sa.select(posts_table.c.id).where(posts_table.c.organisation_id == obj.id)
    if isinstance(obj, User):
        return sa.select(posts_table.c.id).where(posts_table.c.author_id == obj.id)
    return None


def _before_flush(session, _flush_context, _instances) -> None:
    if not _enabled(session):
        return
    for obj in session.deleted:
        if isinstance(obj, Reply):
            _record(session, [obj.post_id])
        elif (stmt := _posts_of(obj)) is not None and sa.inspect(obj).has_identity:
            _record(session, _post_ids(session, stmt))
    for obj in session.dirty:
        # Author names are part of the document (unless the post is anonymous).
        if isinstance(obj, User) and _changed(obj, frozenset({"name"})):
            stmt = sa.select(posts_table.c.id).where(
                posts_table.c.author_id == obj.id, posts_table.c.is_anonymous.is_(False)
            )
            _record(session, _post_ids(session, stmt))


def _after_flush(session, _flush_context) -> None:
    if not _enabled(session):
        return
    for obj in session.new:
        if isinstance(obj, Post):
            _record(session, [obj.id])
        elif isinstance(obj, Reply):
            _record(session, [obj.post_id])
    for obj in session.dirty:
        if isinstance(obj, Post) and _changed(obj, POST_FIELDS):
            _record(session, [obj.id])
        elif isinstance(obj, Reply) and _changed(obj, REPLY_FIELDS):
            history = sa.inspect(obj).attrs["post_id"].history
            _record(session, [obj.post_id, *(history.deleted or ())])
    for obj in session.deleted:
        if isinstance(obj, Post):
            _record(session, [sa.inspect(obj).identity[0]], OutboxAction.DELETE)


# Bulk statements bypass the unit of work; find what they touch before they run.
_BULK = {
    "posts": lambda where: sa.select(posts_table.c.id).where(where),
    "replies": lambda where: sa.select(replies_table.c.post_id).where(where),
    "post_themes": lambda where: sa.select(post_themes.c.post_id).where(where),
    "themes": lambda where: sa.select(post_themes.c.post_id).where(
        post_themes.c.theme_id.in_(sa.select(Theme.__table__.c.id).where(where))
    ),
    "organisations": lambda where: sa.select(posts_table.c.id).where(
        posts_table.c.organisation_id.in_(sa.select(Organisation.__table__.c.id).where(where))
    ),
    "users": lambda where: sa.select(posts_table.c.id).where(
        posts_table.c.author_id.in_(sa.select(User.__table__.c.id).where(where))
    ),
}


def _bulk_statement(state) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    session = state.session
    if not _enabled(session):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name not in _BULK:
        return
    if state.is_insert:
        if name == "post_themes":
            _record(session, _inserted_post_ids(state))
        return
    where = state.statement.whereclause
    stmt = _BULK[name](where if where is not None else sa.true())
    action = OutboxAction.DELETE if (state.is_delete and name == "posts") else OutboxAction.UPSERT
    _record(session, _post_ids(session, stmt), action)


def _inserted_post_ids(state) -> list[int]:
    params = state.parameters
    rows = params if isinstance(params, list) else [params] if params else []
    ids = [row.get("post_id") for row in rows if isinstance(row, dict)]
    compiled = state.statement.compile().params
    ids.append(compiled.get("post_id"))
    return [i for i in ids if isinstance(i, int)]


def _before_commit(session) -> None:
    if not _enabled(session) or session.in_nested_transaction():
        return
    session.flush()  # so the flush hooks have seen everything this transaction changes
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    now = utcnow()
    session.execute(
        sa.insert(SearchOutbox.__table__),
        [
            {"post_id": post_id, "action": action, "created_at": now}
            for post_id, action in sorted(pending.items())
        ],
    )
    session.info.setdefault(TO_DRAIN, set()).update(pending)


def _after_commit(session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: wait for the real commit
        return
    post_ids = session.info.pop(TO_DRAIN, None)
    if not post_ids or not _enabled(session):
        return
    from community.search.indexer import get_indexer

    indexer = get_indexer()
    if has_request_context():
        # The person does not wait for the index: it is written once the response is sent, and
        # a search that comes first applies the log itself (Indexer.catch_up).
        g.setdefault(DRAIN_AFTER_RESPONSE, set()).update(post_ids)
        return
    indexer.after_commit(post_ids)


def _forget(session, *_args) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(TO_DRAIN, None)


def _after_rollback(session) -> None:
    if not session.in_nested_transaction():  # a savepoint's rollback keeps the rest
        _forget(session)


def _after_transaction_end(session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended: committed or not
        _forget(session)
