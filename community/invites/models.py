"""Invitations and access requests: how the Community grows from the inside out."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import Role
from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class InvitationStatus(enum.Enum):
    OPEN = "open"
    ACCEPTED = "geaccepteerd"
    EXPIRED = "verlopen"
    REVOKED = "ingetrokken"

    @property
    def label(self) -> str:
        return self.value


# Neither accepted nor revoked: open, or expired but still renewable ("Opnieuw versturen" reopens an
# expired invitation). Expiry cannot be part of a partial index (it compares with the clock), so
# the database allows one pending invitation per address per organisation, expired or not; the
# services renew or close an expired one before a new one takes its place.
PENDING_INVITATION = "accepted_at IS NULL AND revoked_at IS NULL"


class Invitation(db.Model):
    __tablename__ = "invitations"
    __table_args__ = (
        # Two ambassadors (or one double click) cannot both invite the same address.
        sa.Index(
            "uq_invitations_pending_organisation_email",
            "organisation_id",
            "email",
            unique=True,
            sqlite_where=sa.text(PENDING_INVITATION),
            postgresql_where=sa.text(PENDING_INVITATION),
        ),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inviter_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role), default=Role.PROFESSIONAL)
    message: Mapped[str] = mapped_column(sa.String(2000), default="")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    send_count: Mapped[int] = mapped_column(default=1)
    # The mail server did not take the last send: the inviter is told, "Opnieuw versturen" is
    # offered at once, and `flask invites retry` sends it again. Cleared by the next send.
    mail_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    mail_error: Mapped[str] = mapped_column(sa.String(500), default="")
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    inviter = relationship("User", foreign_keys=[inviter_id], lazy="joined")
    organisation = relationship("Organisation", lazy="joined")

    def status(self, now: datetime | None = None) -> InvitationStatus:
        """Derived, never stored: an open invitation turns "verlopen" by itself."""
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.expires_at <= (now or utcnow()):
            return InvitationStatus.EXPIRED
        return InvitationStatus.OPEN

    @property
    def mail_failed(self) -> bool:
        return self.mail_failed_at is not None


class AccessRequestStatus(enum.Enum):
    OPEN = "open"
    APPROVED = "approved"
    DECLINED = "declined"


OPEN_ACCESS_REQUEST = f"status = '{AccessRequestStatus.OPEN.value}'"


class AccessRequest(db.Model):
    __tablename__ = "access_requests"
    __table_args__ = (
        # One open request per address, whichever organisation it names.
        sa.Index(
            "uq_access_requests_open_email",
            "email",
            unique=True,
            sqlite_where=sa.text(OPEN_ACCESS_REQUEST),
            postgresql_where=sa.text(OPEN_ACCESS_REQUEST),
        ),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    # When their organisation is not listed yet, they type its name.
    organisation_name: Mapped[str] = mapped_column(sa.String(150), default="")
    motivation: Mapped[str] = mapped_column(sa.String(2000), default="")
    status: Mapped[AccessRequestStatus] = mapped_column(
        enum_type(AccessRequestStatus), default=AccessRequestStatus.OPEN, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="SET NULL")
    )
    # The one 48-hour reminder to whoever decides went out (community.alerts).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation = relationship("Organisation", lazy="joined")
