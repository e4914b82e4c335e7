"""The content generation: the counter visitors' cached pages (community.pagecache) are keyed on.

A model of its own, beside the other models, so the metadata (Alembic, the tests) does not have
to import the cache to know the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db


class ContentGeneration(db.Model):
    """One row: how many times content changed. Pages are cached per generation."""

    __tablename__ = "content_generation"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)
