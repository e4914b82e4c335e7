"""Who may see which posts: the one visibility rule every list, feed, count and digest uses.

Visitors see public posts; members also see members-only posts; nobody sees deleted or hidden
posts in lists. On a detail page the author and moderators still see hidden posts (so they know
what happened), and moderators see deleted ones (so they can restore them).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from community.posts.models import Post, PostKind, Reply, Visibility


def is_member(viewer: Any) -> bool:
    """True for a logged-in, active member; False for None and Flask-Login's anonymous user."""
    return bool(
        viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.is_active
    )


def listable_criteria(viewer: Any) -> list[sa.ColumnElement[bool]]:
    """WHERE criteria for posts `viewer` may find in lists, counts, feeds and search."""
    criteria = [Post.deleted_at.is_(None), Post.hidden_at.is_(None)]
    if not is_member(viewer):
        criteria.append(Post.visibility == Visibility.PUBLIC)
    return criteria


def visible_posts(viewer: Any, kind: PostKind | None = None) -> sa.Select:
    """A select() of the posts `viewer` may see in lists; callers add ordering and paging."""
    stmt = sa.select(Post).where(*listable_criteria(viewer))
    if kind is not None:
        stmt = stmt.where(Post.kind == kind)
    return stmt


def visible_replies(viewer: Any, post: Post) -> sa.Select:
    """Replies shown under `post`: hidden ones only to moderators and their author."""
    stmt = sa.select(Reply).where(Reply.post_id == post.id, Reply.deleted_at.is_(None))
    if not (is_member(viewer) and viewer.is_moderator):
        hidden_ok = Reply.hidden_at.is_(None)
        if is_member(viewer):
            hidden_ok = sa.or_(hidden_ok, Reply.author_id == viewer.id)
        stmt = stmt.where(hidden_ok)
    return stmt


def can_view(viewer: Any, post: Post) -> bool:
    """May `viewer` open this post's page?"""
    member = is_member(viewer)
    if post.deleted_at is not None:
        return member and viewer.is_moderator
    if post.hidden_at is not None:
        return member and (viewer.is_moderator or viewer.id == post.author_id)
    return post.visibility is Visibility.PUBLIC or member


def needs_login(viewer: Any, post: Post) -> bool:
    """A visitor asking for a members-only post gets "log in om dit te lezen", not a 404."""
    return not is_member(viewer) and post.visibility is Visibility.MEMBERS and not post.is_removed
