"""A support request, who it was offered to, who took it, and the short thread between them."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class HelpKind(enum.Enum):
    CONVERSATION = "gesprek"
    GUIDANCE = "begeleiding"
    ADVICE = "advies"

    @property
    def label(self) -> str:
        return HELP_KIND_LABELS[self]


HELP_KIND_LABELS = {
    HelpKind.CONVERSATION: "Een gesprek",
    HelpKind.GUIDANCE: "Begeleiding",
    HelpKind.ADVICE: "Advies",
}


class Urgency(enum.Enum):
    CAN_WAIT = "kan_wachten"
    THIS_MONTH = "deze_maand"
    SOON = "snel"

    @property
    def label(self) -> str:
        return URGENCY_LABELS[self]


URGENCY_LABELS = {
    Urgency.CAN_WAIT: "Het kan wachten",
    Urgency.THIS_MONTH: "Graag binnen een maand",
    Urgency.SOON: "Zo snel mogelijk",
}


class SupportStatus(enum.Enum):
    UNCONFIRMED = "onbevestigd"  # asked without an account; the e-mail link is not clicked yet
    OPEN = "open"
    IN_CONVERSATION = "in_gesprek"
    DONE = "afgerond"
    CLOSED = "gesloten"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    SupportStatus.UNCONFIRMED: "Wacht op bevestiging",
    SupportStatus.OPEN: "Open",
    SupportStatus.IN_CONVERSATION: "In gesprek",
    SupportStatus.DONE: "Afgerond",
    SupportStatus.CLOSED: "Gesloten",
}


class LinkPurpose(enum.Enum):
    CONFIRM = "confirm"  # confirms the address of someone without an account
    ACCESS = "access"  # opens the request page for someone without an account


support_request_themes = sa.Table(
    "support_request_themes",
    db.metadata,
    sa.Column(
        "request_id",
        sa.ForeignKey("support_requests.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

sparring_offer_themes = sa.Table(
    "sparring_offer_themes",
    db.metadata,
    sa.Column(
        "user_id", sa.ForeignKey("sparring_offers.user_id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class SupportRequest(db.Model):
    __tablename__ = "support_requests"
    __table_args__ = (sa.Index("ix_support_requests_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL")
    )
    organisation_name: Mapped[str] = mapped_column(sa.String(150), default="")
    requester_role: Mapped[str] = mapped_column(sa.String(120), default="")
    goal: Mapped[str] = mapped_column(sa.Text)
    tried: Mapped[str] = mapped_column(sa.Text, default="")
    region: Mapped[str] = mapped_column(sa.String(100), default="")
    help_kind: Mapped[HelpKind] = mapped_column(enum_type(HelpKind))
    urgency: Mapped[Urgency] = mapped_column(enum_type(Urgency))
    allow_own_organisation: Mapped[bool] = mapped_column(default=False)
    privacy_confirmed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[SupportStatus] = mapped_column(enum_type(SupportStatus))
    helper_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    assigned_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(sa.Text, default="")
    # Only with this may a practice made from the outcome name the asker's organisation.
    organisation_may_be_named: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    requester = relationship("User", foreign_keys=[requester_id], lazy="raise_on_sql")
    helper = relationship("User", foreign_keys=[helper_id], lazy="raise_on_sql")
    organisation = relationship("Organisation", lazy="raise_on_sql")
    themes = relationship("Theme", secondary=support_request_themes, lazy="raise_on_sql")

    @property
    def organisation_label(self) -> str:
        if self.organisation_name:
            return self.organisation_name
        return self.organisation.name if self.organisation is not None else ""

    def __repr__(self) -> str:
        return f"<SupportRequest {self.id} {self.status.value}>"


class SupportLink(db.Model):
    """A mailed link for someone without an account: random, stored hashed, single use."""

    __tablename__ = "support_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("support_requests.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[LinkPurpose] = mapped_column(enum_type(LinkPurpose))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SparringOffer(db.Model):
    """An ambassador's "ik denk mee": for which themes, in which region, how often a month."""

    __tablename__ = "sparring_offers"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    region: Mapped[str] = mapped_column(sa.String(100), default="")
    per_month: Mapped[int] = mapped_column(default=2)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User", lazy="raise_on_sql")
    themes = relationship("Theme", secondary=sparring_offer_themes, lazy="raise_on_sql")


class SupportOffer(db.Model):
    """A request was put before this ambassador (one row each, so nobody is asked twice)."""

    __tablename__ = "support_offers"
    __table_args__ = (sa.UniqueConstraint("request_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("support_requests.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    request = relationship("SupportRequest", lazy="raise_on_sql")


class SupportMessage(db.Model):
    """A message in a request's thread; author None means the asker without an account."""

    __tablename__ = "support_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("support_requests.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    from_requester: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User", lazy="raise_on_sql")
