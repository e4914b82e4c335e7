"""The limits that keep inviting personal: open invitations per ambassador, and sends per day.

Moderators and admins are not limited: they onboard whole organisations at once and are trusted
staff. Sends are counted exactly without a log of every send, because an invitation is sent at most
once per day (services.RESEND_AFTER): each invitation whose last send falls within the last 24 hours
accounts for exactly one send in that window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from community.accounts.models import User
from community.errors import DomainError
from community.extensions import db
from community.invites.models import Invitation

WINDOW = timedelta(days=1)


@dataclass
class Allowance:
    open_now: int
    max_open: int
    sent_today: int
    max_per_day: int

    @property
    def sends_left(self) -> int:
        return max(self.max_per_day - self.sent_today, 0)

    @property
    def open_left(self) -> int:
        return max(self.max_open - self.open_now, 0)


def pending_clause() -> sa.ColumnElement[bool]:
    """Neither accepted nor revoked: open, or expired and still renewable (models.Invitation)."""
    return sa.and_(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))


def open_clause(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(pending_clause(), Invitation.expires_at > now)


def is_limited(actor: User) -> bool:
    return not actor.is_moderator


def allowance(actor: User, now: datetime) -> Allowance | None:
    """What the limits still allow `actor`; None when they do not apply."""
    if not is_limited(actor):
        return None
    counts = db.session.execute(
        sa.select(
            sa.func.count().filter(open_clause(now)),
            sa.func.count().filter(Invitation.last_sent_at > now - WINDOW),
        ).where(Invitation.inviter_id == actor.id)
    ).one()
    config = current_app.config
    return Allowance(
        open_now=counts[0],
        max_open=config["INVITES_MAX_OPEN"],
        sent_today=counts[1],
        max_per_day=config["INVITES_MAX_PER_DAY"],
    )


def check_limits(actor: User, *, new_open: int, sends: int, now: datetime) -> None:
    """Refuse the whole submission when it would go over a limit; nothing is sent then."""
    left = allowance(actor, now)
    if left is None or (new_open == 0 and sends == 0):
        return
    if sends > left.sends_left:
        then = (
            "Morgen kun je weer verder."
            if left.sends_left == 0
            else f"Je kunt er vandaag nog {left.sends_left} versturen."
        )
        raise DomainError(
            f"Je kunt hoogstens {left.max_per_day} uitnodigingen per dag versturen, en je hebt er "
            f"in de afgelopen 24 uur al {left.sent_today} verstuurd. Er is niets verstuurd. {then}",
            field="emails",
        )
    if new_open > left.open_left:
        raise DomainError(
            f"Je kunt hoogstens {left.max_open} uitnodigingen tegelijk open hebben staan, en dat "
            f"zijn er nu {left.open_now}. Er is niets verstuurd. Trek uitnodigingen in die niet "
            "meer nodig zijn, of wacht tot collega's hun uitnodiging gebruiken.",
            field="emails",
        )
