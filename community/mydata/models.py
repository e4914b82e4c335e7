"""Links that let a follower (no account) download or delete their data.

The preferences link in every digest never expires (an old mail's unsubscribe link must keep
working), and newsletters get forwarded. So that link only *asks* for one of these: mailed to the
follower's own address, valid for an hour, used once, only its SHA-256 stored.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime
from community.extensions import db


class FollowerDataLink(db.Model):
    __tablename__ = "follower_data_links"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(
        sa.ForeignKey("subscribers.id", ondelete="CASCADE"), index=True
    )
    # "export" or "delete": a link does only what it was asked for.
    purpose: Mapped[str] = mapped_column(sa.String(10))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    subscriber = relationship("Subscriber", lazy="joined")
