"""Themes: the curated subjects from the report that posts are filed under and people follow."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from community.clock import utcnow
from community.db_types import UTCDateTime
from community.extensions import db

post_themes = sa.Table(
    "post_themes",
    db.metadata,
    sa.Column("post_id", sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Theme(db.Model):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    description: Mapped[str] = mapped_column(sa.String(500), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<Theme {self.slug}>"


class ThemeRedirect(db.Model):
    """A slug a theme no longer has (renamed, or merged into another): its pages answer 301.

    Links to theme pages travel on social media and into feed readers; they keep working.
    """

    __tablename__ = "theme_redirects"

    slug: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
