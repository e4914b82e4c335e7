"""What waits to be mailed, which kinds of mail a member turned off, and which posts went out.

A `NoticeItem` is one thing a member will hear about by mail: a new post in a theme they follow
("direct" or "dagelijks"), or an answer, mention or ask that could not be mailed at once because
of the ten-minute gap or the night. `deliver_due` bundles a member's due items into one mail.
The unique (user, kind, item_key) makes fan-out idempotent: a retried job adds no second row.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class MailKind(enum.Enum):
    """Every kind of notification mail a member can turn off on its own (one-click, RFC 8058)."""

    NEW_POST = "new_post"
    DAILY = "daily"
    NEW_ANSWER = "new_answer"
    MENTION = "mention"
    COLLEAGUE_ASKED = "colleague_asked"
    ANSWER_ACCEPTED = "answer_accepted"
    COLLEAGUE_JOINED = "colleague_joined"
    # For whoever decides (ambassadors, moderators); a privacy flag's alert is not a kind one
    # can turn off: acting on it is the moderator's duty.
    ACCESS_REQUESTED = "access_requested"
    REMINDER = "reminder"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    MailKind.NEW_POST: "Een nieuwe vraag of nieuw voorbeeld in wat je volgt (bij ‘direct’)",
    MailKind.DAILY: "De dagelijkse samenvatting (bij ‘dagelijks’)",
    MailKind.NEW_ANSWER: "Een nieuw antwoord of nieuwe reactie op wat je volgt",
    MailKind.MENTION: "Iemand noemt je in een vraag of antwoord",
    MailKind.COLLEAGUE_ASKED: "Een collega vraagt of jij kunt helpen",
    MailKind.ANSWER_ACCEPTED: "Je antwoord is geaccepteerd",
    MailKind.COLLEAGUE_JOINED: "Een collega die je uitnodigde doet mee",
    MailKind.ACCESS_REQUESTED: "Iemand vraagt toegang tot de Community (aan wie daarover beslist)",
    MailKind.REMINDER: "Een herinnering als een verzoek of melding twee dagen op je wacht",
}

# Kinds only those who decide on access requests and reports ever get.
DECIDERS_KINDS = frozenset({MailKind.ACCESS_REQUESTED, MailKind.REMINDER})


class Cadence(enum.Enum):
    DIRECT = "direct"
    DAILY = "daily"


class NoticeItem(db.Model):
    __tablename__ = "notice_items"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "kind", "item_key", name="uq_notice_items_user_kind_item"),
        # deliver_due's scan: what is unsent and due, per cadence.
        sa.Index("ix_notice_items_due", "sent_at", "cadence", "due_at"),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[MailKind] = mapped_column(enum_type(MailKind))
    cadence: Mapped[Cadence] = mapped_column(enum_type(Cadence))
    # "p<post id>" or "r<reply id>": one row per member, kind and thing.
    item_key: Mapped[str] = mapped_column(sa.String(24))
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(sa.ForeignKey("replies.id", ondelete="CASCADE"))
    # None when the actor must stay unnamed (an anonymous asker).
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    post = relationship("Post", lazy="raise_on_sql")
    reply = relationship("Reply", lazy="raise_on_sql")
    actor = relationship("User", foreign_keys=[actor_id], lazy="raise_on_sql")


class MailOptOut(db.Model):
    """A kind of notification mail this member turned off (a row means: off)."""

    __tablename__ = "mail_optouts"
    __table_args__ = {"info": {"shown_on_pages": False}}

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[MailKind] = mapped_column(enum_type(MailKind), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PostFanout(db.Model):
    """The mark that a post's followers were told: fan-out runs once, and the polling safety
    net finds posts without this mark (their after-commit job was lost)."""

    __tablename__ = "post_fanouts"
    __table_args__ = {"info": {"shown_on_pages": False}}

    post_id: Mapped[int] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    done_at: Mapped[datetime] = mapped_column(UTCDateTime())
