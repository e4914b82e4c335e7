"""Following without HTTP: members follow themes, questions (and practices) and organisations.

Exactly one target per follow. `follow` is idempotent: a second call, or two racing requests,
leave one row.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from community.accounts.models import User
from community.database import insert_if_absent
from community.errors import NotAllowed
from community.extensions import db
from community.follows.models import Follow
from community.posts.queries import can_view, is_member


def _target(theme: Any = None, post: Any = None, organisation: Any = None) -> tuple[str, int]:
    given = [
        (column, target.id)
        for column, target in (
            ("theme_id", theme),
            ("post_id", post),
            ("organisation_id", organisation),
        )
        if target is not None
    ]
    if len(given) != 1:
        raise ValueError("give exactly one of theme=, post= or organisation=")
    return given[0]


def _criteria(column: str, target_id: int) -> sa.ColumnElement[bool]:
    return getattr(Follow, column) == target_id


def follow(user: User, *, theme: Any = None, post: Any = None, organisation: Any = None) -> Follow:
    """Start following; following twice changes nothing."""
    column, target_id = _target(theme, post, organisation)
    if not is_member(user):
        raise NotAllowed("Log in om te volgen.")
    if post is not None and not can_view(user, post):
        raise NotAllowed("Dit bericht kun je niet volgen.")
    # Insert-if-absent, not check-then-insert: two racing requests (a double click, two hosts)
    # leave one row and neither fails; no savepoint, so no early "commit" event either.
    insert_if_absent(db.session, Follow, user_id=user.id, **{column: target_id})
    return db.session.scalar(
        sa.select(Follow).where(Follow.user_id == user.id, _criteria(column, target_id))
    )


def unfollow(user: User, *, theme: Any = None, post: Any = None, organisation: Any = None) -> bool:
    """Stop following; answers whether there was something to stop."""
    column, target_id = _target(theme, post, organisation)
    result = db.session.execute(
        sa.delete(Follow).where(Follow.user_id == user.id, _criteria(column, target_id))
    )
    return bool(result.rowcount)


def is_following(
    user: Any, *, theme: Any = None, post: Any = None, organisation: Any = None
) -> bool:
    if not is_member(user):
        return False
    column, target_id = _target(theme, post, organisation)
    return db.session.scalar(
        sa.select(sa.exists().where(Follow.user_id == user.id, _criteria(column, target_id)))
    )


def delivery_of(user: Any, *, theme: Any = None, post: Any = None, organisation: Any = None) -> Any:
    """The follow's delivery choice (community.follows.models.Delivery), None when not following.

    One query, like is_following: the follow button shows the choice beside "Je volgt"."""
    if not is_member(user):
        return None
    column, target_id = _target(theme, post, organisation)
    return db.session.scalar(
        sa.select(Follow.delivery).where(Follow.user_id == user.id, _criteria(column, target_id))
    )


def followers(*, theme: Any = None, post: Any = None, organisation: Any = None) -> sa.Select:
    """A select() of the active members following the target."""
    column, target_id = _target(theme, post, organisation)
    return (
        sa.select(User)
        .join(Follow, Follow.user_id == User.id)
        .where(_criteria(column, target_id), User.is_active.is_(True))
        .order_by(User.id)
    )


def follower_count(*, theme: Any = None, post: Any = None, organisation: Any = None) -> int:
    column, target_id = _target(theme, post, organisation)
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Follow).where(_criteria(column, target_id))
    )


def followed_by(user: User) -> sa.Select:
    """Everything `user` follows, newest first (the "Wat je volgt" page)."""
    return sa.select(Follow).where(Follow.user_id == user.id).order_by(Follow.created_at.desc())
