"""Members following a theme, a question or an organisation (followers without an account are
the digest feature's subscribers)."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class Delivery(enum.Enum):
    """How a member hears about new posts in a theme or organisation they follow."""

    DIRECT = "direct"  # a mail per new post (bundled: at most one per 10 minutes)
    DAILY = "daily"  # one summary mail in the morning
    DIGEST = "digest"  # only in the newsletter: what every follow did before choices existed
    SITE = "site"  # an in-site notification, no mail

    @property
    def label(self) -> str:
        return DELIVERY_LABELS[self]


DELIVERY_LABELS = {
    Delivery.DIRECT: "direct",
    Delivery.DAILY: "dagelijks",
    Delivery.DIGEST: "nieuwsbrief",
    Delivery.SITE: "alleen op de site",
}


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
        {"info": {"shown_on_pages": False}},
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
    # Themes and organisations only; a followed question always notifies of new answers.
    delivery: Mapped[Delivery] = mapped_column(
        enum_type(Delivery), default=Delivery.DIGEST, server_default=Delivery.DIGEST.value
    )
