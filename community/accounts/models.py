"""Members of the Community and their roles."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db


class Role(enum.Enum):
    """Ordered from least to most trusted; a higher role may do all a lower one may."""

    PROFESSIONAL = "professional"
    AMBASSADOR = "ambassador"
    MODERATOR = "moderator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    def __ge__(self, other: Role) -> bool:  # type: ignore[override]
        return self.rank >= other.rank

    def __gt__(self, other: Role) -> bool:  # type: ignore[override]
        return self.rank > other.rank

    def __le__(self, other: Role) -> bool:  # type: ignore[override]
        return self.rank <= other.rank

    def __lt__(self, other: Role) -> bool:  # type: ignore[override]
        return self.rank < other.rank


ROLE_LABELS = {
    Role.PROFESSIONAL: "Lid",
    Role.AMBASSADOR: "Ambassadeur",
    Role.MODERATOR: "Moderator",
    Role.ADMIN: "Beheerder",
}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Always stored lower-cased (see accounts.services.normalise_email), so unique is case-blind.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255), info={"shown_on_pages": False})
    role: Mapped[Role] = mapped_column(enum_type(Role), default=Role.PROFESSIONAL)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    job_title: Mapped[str] = mapped_column(sa.String(120), default="")
    bio: Mapped[str] = mapped_column(sa.String(1000), default="")
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    # Bumped on password change: sessions carry it, so every other device is logged out.
    session_epoch: Mapped[int] = mapped_column(default=0, info={"shown_on_pages": False})
    notify_by_email: Mapped[bool] = mapped_column(default=True, info={"shown_on_pages": False})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), info={"shown_on_pages": False}
    )
    # Set when the member deleted their account (community.mydata): the row stays, without any
    # personal data, so posts keep an author ("voormalig lid") and the invitation tree its edges.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "Vraag een collega" (community.colleagues): off, and nobody finds or asks this member.
    accepts_asks: Mapped[bool] = mapped_column(
        default=True, server_default=sa.true(), info={"shown_on_pages": False}
    )
    # Set when an invitation is accepted: the next page is the short first-login step (expertise
    # themes); saving or skipping it clears the flag, so it is shown once.
    welcome_pending: Mapped[bool] = mapped_column(
        default=False, server_default=sa.false(), info={"shown_on_pages": False}
    )
    # When the last direct notification mail went out (community.notify): the next one waits
    # ten minutes and bundles what came in between.
    notice_mail_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), info={"shown_on_pages": False}
    )

    organisation = relationship("Organisation", back_populates="members", lazy="joined")
    invited_by = relationship("User", remote_side=[id], lazy="raise_on_sql")
    expertise = relationship(
        "Theme", secondary="member_expertise", lazy="raise_on_sql", order_by="Theme.position"
    )

    # The key of the log-in this object was loaded for or logged in with (not a column): the
    # session and remember cookies carry it through get_id(), so log-out ends exactly that one.
    session_key = None  # str while logged in: set by accounts.sessions

    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}:{self.session_key or ''}"

    def has_role(self, minimum: Role) -> bool:
        return self.is_active and self.role >= minimum

    @property
    def is_former_member(self) -> bool:
        """The account was deleted: show "voormalig lid", never a name, profile or address."""
        return self.deleted_at is not None

    @property
    def is_ambassador(self) -> bool:
        return self.has_role(Role.AMBASSADOR)

    @property
    def is_moderator(self) -> bool:
        return self.has_role(Role.MODERATOR)

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"


class PasswordResetToken(db.Model):
    __tablename__ = "password_reset_tokens"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", lazy="joined")


class LoginSession(db.Model):
    """One log-in on one device. Its key is in that device's session and remember cookies (only
    the SHA-256 is stored); deleting the row ends that log-in everywhere a copy of a cookie went.
    """

    __tablename__ = "login_sessions"
    __table_args__ = {"info": {"shown_on_pages": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoginFailure(db.Model):
    """One failed log-in, counted twice: once under the account, once under the address it came
    from (`key_hash` is the SHA-256 of "account:<e-mail>" or "address:<ip>", so the table holds
    neither). Rows older than the counting window are deleted as new ones come in.
    """

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    __table_args__ = (
        sa.Index("ix_login_failures_key_hash_created_at", "key_hash", "created_at"),
        {"info": {"shown_on_pages": False}},
    )
