"""The privacy rights services, in one import: export, delete, purge (each in its own module)."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import User
from community.extensions import db
from community.mydata.deletion import (  # noqa: F401
    DeletionReport,
    confirm_identity,
    delete_member_account,
    placeholder_email,
)
from community.mydata.export import export_member_data  # noqa: F401
from community.mydata.purge import PurgeReport, purge_expired  # noqa: F401
from community.posts.models import Post, PostKind, Reply


def content_counts(user: User) -> dict[str, int]:
    """What the member wrote that is still on the site, for the delete page (two queries)."""
    by_kind = dict(
        db.session.execute(
            sa.select(Post.kind, sa.func.count(Post.id))
            .where(Post.author_id == user.id, Post.deleted_at.is_(None))
            .group_by(Post.kind)
        ).all()
    )
    replies = db.session.scalar(
        sa.select(sa.func.count(Reply.id)).where(
            Reply.author_id == user.id, Reply.deleted_at.is_(None)
        )
    )
    return {
        "questions": by_kind.get(PostKind.QUESTION, 0),
        "practices": by_kind.get(PostKind.PRACTICE, 0),
        "replies": replies or 0,
    }
