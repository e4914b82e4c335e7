"""Expertise themes members choose, and the colleagues a member asked to answer a question."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime
from community.extensions import db

# The themes a member knows about: what the directory filters on and "vraag een collega" finds.
member_expertise = sa.Table(
    "member_expertise",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
    info={"shown_on_pages": False},
)


class ColleagueAsk(db.Model):
    """A member asked a colleague to answer an open question ("vraag een collega").

    `asker_id` is kept even when the asker stayed anonymous: the limits count it and the asker
    hears when the colleague answers; only `in_own_name` decides whether anyone is told who.
    """

    __tablename__ = "colleague_asks"
    __table_args__ = (
        # A colleague is asked once per question, whoever asks.
        sa.UniqueConstraint("post_id", "colleague_id", name="uq_colleague_asks_post_colleague"),
        sa.Index("ix_colleague_asks_asker_id_created_at", "asker_id", "created_at"),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    asker_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    colleague_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    # False when the anonymous asker of the question asks: then nobody is told who asked.
    in_own_name: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the colleague answered, so the asker hears it once.
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    colleague = relationship("User", foreign_keys=[colleague_id], lazy="raise_on_sql")
    asker = relationship("User", foreign_keys=[asker_id], lazy="raise_on_sql")
