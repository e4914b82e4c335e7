"""In-site notifications ("Meldingen"): a new answer to a question you follow, and the like."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class NotificationKind(enum.Enum):
    NEW_ANSWER = "new_answer"
    NEW_REACTION = "new_reaction"
    ANSWER_ACCEPTED = "answer_accepted"
    CONTENT_HIDDEN = "content_hidden"
    # Mentions and alerts for whoever must act (community.alerts).
    MENTION = "mention"
    FLAG_RAISED = "flag_raised"
    ACCESS_REQUESTED = "access_requested"
    COLLEAGUE_JOINED = "colleague_joined"
    # "Vraag een collega" (community.colleagues): you were asked; the colleague you asked answered.
    COLLEAGUE_ASKED = "colleague_asked"
    ASKED_ANSWERED = "asked_answered"
    # A new post in a theme or organisation you follow (community.notify).
    NEW_QUESTION = "new_question"
    NEW_PRACTICE = "new_practice"
    # A help request (community.support): put before you as an ambassador who thinks along;
    # nobody took it, so a moderator finds a helper. Both lead to the request's page.
    SUPPORT_OFFERED = "support_offered"
    SUPPORT_ESCALATED = "support_escalated"


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        sa.Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(enum_type(NotificationKind))
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(sa.ForeignKey("replies.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # ACCESS_REQUESTED: the request to decide on (it has no post).
    access_request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("access_requests.id", ondelete="CASCADE")
    )
    # SUPPORT_*: the help request to open (it has no post).
    support_request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("support_requests.id", ondelete="CASCADE")
    )

    post = relationship("Post", lazy="raise_on_sql")
    actor = relationship("User", foreign_keys=[actor_id], lazy="raise_on_sql")
    access_request = relationship("AccessRequest", lazy="raise_on_sql")
    support_request = relationship("SupportRequest", lazy="raise_on_sql")
