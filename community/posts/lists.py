"""The lists pages show, built on the one visibility rule (queries.visible_posts).

Each answers a select() so callers paginate and tests inspect it; each loads what list items
show (author, organisation, themes) up front, so the number of queries never grows with the
number of items.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from community.extensions import db
from community.posts.models import Post, PostKind, Reply
from community.posts.queries import visible_posts, visible_replies
from community.themes.models import Theme

# The tabs on the question list: (slug, label).
QUESTION_TABS = {
    "nieuw": "Nieuw",
    "onbeantwoord": "Onbeantwoord",
    "beantwoord": "Beantwoord",
}


def with_list_data(stmt: sa.Select) -> sa.Select:
    return stmt.options(
        joinedload(Post.author), joinedload(Post.organisation), selectinload(Post.themes)
    )


def in_theme(stmt: sa.Select, theme: Theme | None) -> sa.Select:
    if theme is None:
        return stmt
    return stmt.where(Post.themes.any(Theme.id == theme.id))


def practices(viewer: Any, theme: Theme | None = None) -> sa.Select:
    """Good practices, newest first."""
    stmt = in_theme(visible_posts(viewer, PostKind.PRACTICE), theme)
    return with_list_data(stmt).order_by(Post.created_at.desc(), Post.id.desc())


def questions(viewer: Any, tab: str = "nieuw", theme: Theme | None = None) -> sa.Select:
    """Questions for a tab: Nieuw (all, newest first), Onbeantwoord (no answer yet),
    Beantwoord (an accepted answer, most recently active first)."""
    stmt = in_theme(visible_posts(viewer, PostKind.QUESTION), theme)
    if tab == "onbeantwoord":
        stmt = stmt.where(Post.reply_count == 0).order_by(Post.created_at.desc(), Post.id.desc())
    elif tab == "beantwoord":
        stmt = stmt.where(Post.accepted_reply_id.is_not(None)).order_by(
            Post.last_activity_at.desc(), Post.id.desc()
        )
    else:
        stmt = stmt.order_by(Post.created_at.desc(), Post.id.desc())
    return with_list_data(stmt)


def unanswered_questions(viewer: Any) -> sa.Select:
    """Questions still waiting for a first answer, the longest-waiting first."""
    stmt = visible_posts(viewer, PostKind.QUESTION).where(Post.reply_count == 0)
    return with_list_data(stmt).order_by(Post.created_at.asc(), Post.id.asc())


def all_themes() -> sa.Select:
    return sa.select(Theme).order_by(Theme.position, Theme.name)


def theme_by_slug(slug: str | None) -> Theme | None:
    if not slug:
        return None
    return db.session.scalar(sa.select(Theme).where(Theme.slug == slug))


def post_for_page(post_id: int) -> Post | None:
    """One post with everything its page shows."""
    return db.session.scalar(
        sa.select(Post)
        .where(Post.id == post_id)
        .options(
            joinedload(Post.author),
            joinedload(Post.organisation),
            joinedload(Post.contact),
            selectinload(Post.themes),
        )
    )


def replies_for_page(viewer: Any, post: Post) -> sa.Select:
    """Replies under a post. Questions: the accepted answer first, then by "nuttig" votes, then
    oldest first. Practices: reactions in the order they came."""
    stmt = visible_replies(viewer, post).options(joinedload(Reply.author))
    if post.is_question:
        accepted_first = sa.case((Reply.id == post.accepted_reply_id, 0), else_=1)
        return stmt.order_by(accepted_first, Reply.useful_count.desc(), Reply.created_at, Reply.id)
    return stmt.order_by(Reply.created_at, Reply.id)
