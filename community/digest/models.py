"""Members' newsletter settings, followers without an account (subscribers), and the record of
every digest run and delivery.

Members' settings live in `member_digests` (the digest's own table: the accounts know nothing of
the newsletter); the themes of a member's digest are the themes they follow (Follow rows), so
following a theme on the site and choosing it for the digest are one and the same choice.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class Frequency(enum.Enum):
    WEEKLY = "weekly"
    DAILY = "daily"

    @property
    def label(self) -> str:
        return {"weekly": "wekelijks", "daily": "dagelijks"}[self.value]


class DeliveryStatus(enum.Enum):
    PENDING = "pending"  # known for this period, not yet tried
    SENDING = "sending"  # claimed: handed to SMTP now, or the run died in between (never retried)
    SENT = "sent"
    SKIPPED = "skipped"  # too little new this period, or a follower who is also a member (error)
    FAILED = "failed"  # SMTP refused; retried on the next run until MAX_ATTEMPTS


class MemberDigest(db.Model):
    """A member's newsletter settings. A member without a row has the defaults (`for_member`):
    the digest on, weekly, every theme. Rows are written when a setting first changes."""

    __tablename__ = "member_digests"
    __table_args__ = {"info": {"shown_on_pages": False}}

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    frequency: Mapped[Frequency] = mapped_column(
        enum_type(Frequency), default=Frequency.WEEKLY, server_default=Frequency.WEEKLY.value
    )
    # On: every theme; off: the themes the member follows.
    all_themes: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # The cut-off of the last digest sent: the next one shows what is newer.
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @classmethod
    def defaults(cls, user_id: int) -> MemberDigest:
        """The settings of a member who never changed them (not added to any session)."""
        return cls(
            user_id=user_id,
            enabled=True,
            frequency=Frequency.WEEKLY,
            all_themes=True,
            last_sent_at=None,
        )


subscriber_themes = sa.Table(
    "subscriber_themes",
    db.metadata,
    sa.Column(
        "subscriber_id", sa.ForeignKey("subscribers.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
    info={"shown_on_pages": False},
)


class Subscriber(db.Model):
    """A follower: someone who gets the digest by e-mail, without an account (double opt-in)."""

    __tablename__ = "subscribers"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased (services.normalise_email), so unique is case-blind.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency), default=Frequency.WEEKLY)
    all_themes: Mapped[bool] = mapped_column(default=False)
    # The version of the consent text shown on the form they sent (services.CONSENT_TEXT_VERSION).
    consent_text_version: Mapped[str] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Only the SHA-256 of the confirmation token. Kept after the click until it expires, so a
    # second click is recognised (services.already_following); cleared on unsubscribing.
    confirm_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    confirm_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The cut-off of the last digest sent: the next one shows what is newer.
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    themes = relationship(
        "Theme", secondary=subscriber_themes, lazy="raise_on_sql", order_by="Theme.position"
    )

    @hybrid_property
    def is_active(self) -> bool:
        """Confirmed and not unsubscribed: the followers who receive the digest."""
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @is_active.inplace.expression
    @classmethod
    def _is_active_expression(cls) -> sa.ColumnElement[bool]:
        return sa.and_(cls.confirmed_at.is_not(None), cls.unsubscribed_at.is_(None))

    def __repr__(self) -> str:
        return f"<Subscriber {self.id}>"


class DigestRun(db.Model):
    """One `flask digest send`: when, for which period, and what came of it."""

    __tablename__ = "digest_runs"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[Frequency] = mapped_column(enum_type(Frequency))
    period_key: Mapped[str] = mapped_column(sa.String(32), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The counts are committed as the run goes (with each delivery), so a run that dies midway
    # still shows what it sent; `progress_at` is when they were last written.
    sent_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    failed_count: Mapped[int] = mapped_column(default=0)
    progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Why the run ended early ("" when it went through everyone), in Dutch for the admin page.
    stopped_reason: Mapped[str] = mapped_column(sa.String(200), default="")
    # The process that runs it, so the admin page can tell a running run from a killed one.
    host: Mapped[str] = mapped_column(sa.String(255), default="")
    pid: Mapped[int | None] = mapped_column()
    dry_run: Mapped[bool] = mapped_column(default=False)
    only_email: Mapped[str] = mapped_column(sa.String(254), default="")


class DigestDelivery(db.Model):
    """One recipient's digest for one period: unique, so nobody gets the same digest twice."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        sa.UniqueConstraint(
            "recipient_key", "period_key", name="uq_digest_deliveries_recipient_period"
        ),
        sa.Index("ix_digest_deliveries_period_key_status", "period_key", "status"),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "subscriber:12" or "member:7": one key space for both kinds of recipient.
    recipient_key: Mapped[str] = mapped_column(sa.String(40))
    subscriber_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("subscribers.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # "weekly:2026-W47" or "daily:2026-11-21" (Amsterdam calendar).
    period_key: Mapped[str] = mapped_column(sa.String(32))
    run_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("digest_runs.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[DeliveryStatus] = mapped_column(
        enum_type(DeliveryStatus), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(sa.String(500), default="")
    question_count: Mapped[int] = mapped_column(default=0)
    practice_count: Mapped[int] = mapped_column(default=0)
    waiting_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    subscriber = relationship("Subscriber", lazy="raise_on_sql")
    user = relationship("User", lazy="raise_on_sql")
