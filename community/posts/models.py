"""Posts (good practices and questions), their replies, edit history and "nuttig" votes.

Markdown is kept as written and rendered once, on save, to sanitised HTML (community.sanitize);
templates show the stored HTML. Deleting is soft; moderators hide and restore.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db
from community.themes.models import post_themes


class PostKind(enum.Enum):
    PRACTICE = "practice"
    QUESTION = "question"


class Visibility(enum.Enum):
    PUBLIC = "public"
    MEMBERS = "members"


# The sections of a good practice, in reading order, with their Dutch headings.
PRACTICE_SECTIONS = {
    "context": "Aanleiding",
    "approach": "Aanpak",
    "target_group": "Doelgroep",
    "results": "Resultaten",
    "tips": "Tips voor anderen",
}


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (
        sa.Index("ix_posts_kind_created_at", "kind", "created_at"),
        sa.Index("ix_posts_kind_last_activity_at", "kind", "last_activity_at"),
        # Covering indexes for lists, counts and per-theme counts: the visibility filter is
        # answered from the index, without reading the wide post rows (benchmarks/pages_bench).
        sa.Index(
            "ix_posts_listing", "kind", "visibility", "deleted_at", "hidden_at", "created_at", "id"
        ),
        sa.Index("ix_posts_visible", "deleted_at", "hidden_at", "visibility", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PostKind] = mapped_column(enum_type(PostKind))
    title: Mapped[str] = mapped_column(sa.String(150))
    slug: Mapped[str] = mapped_column(sa.String(160))
    # Question: the question itself. Practice: unused ("") — its text lives in the sections.
    body: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    # Practice only: a short plain-text summary, and markdown sections (see PRACTICE_SECTIONS)
    # with their rendered HTML in `sections_html`.
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    context: Mapped[str] = mapped_column(sa.Text, default="")
    approach: Mapped[str] = mapped_column(sa.Text, default="")
    target_group: Mapped[str] = mapped_column(sa.Text, default="")
    results: Mapped[str] = mapped_column(sa.Text, default="")
    tips: Mapped[str] = mapped_column(sa.Text, default="")
    sections_html: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    grounding_url: Mapped[str] = mapped_column(sa.String(500), default="")
    grounding_text: Mapped[str] = mapped_column(sa.String(500), default="")
    # The date the ambassador last confirmed the practice is still current ("bijgewerkt op").
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    visibility: Mapped[Visibility] = mapped_column(enum_type(Visibility), default=Visibility.PUBLIC)
    # The author saw the privacy guard's warning and confirmed the text identifies nobody.
    privacy_confirmed: Mapped[bool] = mapped_column(default=False)

    accepted_reply_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("replies.id", ondelete="SET NULL", use_alter=True)
    )
    reply_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    first_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    author = relationship("User", foreign_keys=[author_id], lazy="raise_on_sql")
    contact = relationship("User", foreign_keys=[contact_id], lazy="raise_on_sql")
    organisation = relationship("Organisation", lazy="raise_on_sql")
    themes = relationship(
        "Theme", secondary=post_themes, lazy="raise_on_sql", order_by="Theme.position"
    )
    replies = relationship(
        "Reply",
        back_populates="post",
        foreign_keys="Reply.post_id",
        lazy="raise_on_sql",
        order_by="Reply.created_at",
    )
    accepted_reply = relationship(
        "Reply", foreign_keys=[accepted_reply_id], lazy="raise_on_sql", post_update=True
    )

    @property
    def is_question(self) -> bool:
        return self.kind is PostKind.QUESTION

    @property
    def is_practice(self) -> bool:
        return self.kind is PostKind.PRACTICE

    @property
    def is_public(self) -> bool:
        return self.visibility is Visibility.PUBLIC

    @property
    def is_answered(self) -> bool:
        return self.accepted_reply_id is not None

    @property
    def is_removed(self) -> bool:
        """Deleted by its author or hidden by a moderator."""
        return self.deleted_at is not None or self.hidden_at is not None

    def __repr__(self) -> str:
        return f"<Post {self.id} {self.kind.value}>"


class Reply(db.Model):
    """An answer to a question, or a reaction to a practice."""

    __tablename__ = "replies"
    __table_args__ = (sa.Index("ix_replies_post_id_created_at", "post_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    useful_count: Mapped[int] = mapped_column(default=0)
    privacy_confirmed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    post = relationship(
        "Post", back_populates="replies", foreign_keys=[post_id], lazy="raise_on_sql"
    )
    author = relationship("User", foreign_keys=[author_id], lazy="raise_on_sql")

    @property
    def is_removed(self) -> bool:
        return self.deleted_at is not None or self.hidden_at is not None


class Revision(db.Model):
    """The text of a post or reply as it was before an edit: the "bewerkt" history."""

    __tablename__ = "revisions"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    reply_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("replies.id", ondelete="CASCADE"), index=True
    )
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    title: Mapped[str] = mapped_column(sa.String(150), default="")
    # Every markdown field as it was: {"body": ..., "context": ..., "themes": [...]}.
    content: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    editor = relationship("User", lazy="raise_on_sql")


class UsefulVote(db.Model):
    """A member marked a reply "nuttig": once per member, toggled, never on their own reply."""

    __tablename__ = "useful_votes"

    reply_id: Mapped[int] = mapped_column(
        sa.ForeignKey("replies.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
