"""Members following a theme, a question or an organisation (followers without an account are
the digest feature's subscribers)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from community.clock import utcnow
from community.db_types import UTCDateTime
from community.extensions import db


class Follow(db.Model):
    __tablename__ = "follows"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "theme_id", name="uq_follows_user_theme"),
        sa.UniqueConstraint("user_id", "post_id", name="uq_follows_user_post"),
        sa.UniqueConstraint("user_id", "organisation_id", name="uq_follows_user_organisation"),
        sa.CheckConstraint(
            "(CASE WHEN theme_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN post_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
