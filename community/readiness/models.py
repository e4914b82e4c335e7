"""Team rounds of the readiness check: a link colleagues answer without an account.

A response has no user, no address and no time of its own: the round's owner can only ever see
counts per question, never who answered what.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime
from community.extensions import db


class Round(db.Model):
    __tablename__ = "readiness_rounds"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    # SHA-256 of the link's token (community.tokens); a new link replaces it.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    responses = relationship(
        "Response",
        back_populates="round",
        lazy="raise_on_sql",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Response(db.Model):
    __tablename__ = "readiness_responses"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("readiness_rounds.id", ondelete="CASCADE"), index=True
    )
    # One character per question, in services.QUESTIONS order: "j" (ja) or "n" (nee).
    answers: Mapped[str] = mapped_column(sa.String(9))

    round = relationship("Round", back_populates="responses", lazy="raise_on_sql")
