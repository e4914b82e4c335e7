"""Reports ("Melden") on posts and replies, handled in the moderation queue."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class FlagReason(enum.Enum):
    PRIVACY = "privacy"
    INAPPROPRIATE = "inappropriate"
    SPAM = "spam"
    OTHER = "other"


FLAG_REASON_LABELS = {
    FlagReason.PRIVACY: "Er staan gegevens in waarmee iemand te herkennen is",
    FlagReason.INAPPROPRIATE: "Ongepast of kwetsend",
    FlagReason.SPAM: "Reclame of spam",
    FlagReason.OTHER: "Iets anders",
}


class FlagResolution(enum.Enum):
    HIDDEN = "hidden"
    DISMISSED = "dismissed"


class Flag(db.Model):
    __tablename__ = "flags"
    __table_args__ = (
        sa.CheckConstraint("(post_id IS NULL) <> (reply_id IS NULL)", name="post_or_reply"),
        sa.Index("ix_flags_resolved_at", "resolved_at"),
        # One open report per member per item; a resolved one does not stop a new report.
        sa.Index(
            "uq_flags_open_post_reporter",
            "post_id",
            "reporter_id",
            unique=True,
            sqlite_where=sa.text("resolved_at IS NULL"),
            postgresql_where=sa.text("resolved_at IS NULL"),
        ),
        sa.Index(
            "uq_flags_open_reply_reporter",
            "reply_id",
            "reporter_id",
            unique=True,
            sqlite_where=sa.text("resolved_at IS NULL"),
            postgresql_where=sa.text("resolved_at IS NULL"),
        ),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    reply_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("replies.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[FlagReason] = mapped_column(enum_type(FlagReason))
    explanation: Mapped[str] = mapped_column(sa.String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    resolution: Mapped[FlagResolution | None] = mapped_column(enum_type(FlagResolution))
    # The one 48-hour reminder to the moderators went out (community.alerts).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    post = relationship("Post", lazy="raise_on_sql")
    reply = relationship("Reply", lazy="raise_on_sql")
    reporter = relationship("User", foreign_keys=[reporter_id], lazy="raise_on_sql")
