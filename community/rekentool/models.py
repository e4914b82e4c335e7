"""A member's saved rekentool scenarios: the filled-in tool under a name of their own."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from community.clock import utcnow
from community.db_types import UTCDateTime
from community.extensions import db


class Scenario(db.Model):
    __tablename__ = "rekentool_scenarios"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "name", name="uq_rekentool_scenarios_name"),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    # services.to_json: lines and settings, every amount a decimal string.
    data: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
