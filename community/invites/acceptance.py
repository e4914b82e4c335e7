"""Accepting an invitation: from the link in the mail to a new account, exactly once.

The link's token is looked up by its hash. One conditional UPDATE claims the invitation and its row
count decides, so two clicks (or two browser tabs) can never create two accounts.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from community import tokens
from community.accounts import services as accounts
from community.accounts.models import User
from community.alerts import services as alerts
from community.clock import utcnow
from community.errors import DomainError
from community.extensions import db
from community.formatting import format_date
from community.invites.models import Invitation, InvitationStatus


class InvitationUnusable(DomainError):
    """The link cannot be used (any more); `reason` lets the page explain what to do next."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def _unusable(invitation: Invitation | None, now: datetime) -> InvitationUnusable:
    if invitation is None:
        return InvitationUnusable(
            "Misschien is de link niet helemaal meegekomen, of is er intussen een nieuwere "
            "uitnodiging verstuurd. Gebruik de link uit de nieuwste e-mail en kopieer hem "
            "helemaal. Werkt het dan nog niet? Vraag degene die je uitnodigde om een nieuwe "
            "uitnodiging.",
            "unknown",
        )
    inviter = invitation.inviter.name if invitation.inviter else "degene die je uitnodigde"
    status = invitation.status(now)
    if status is InvitationStatus.ACCEPTED:
        return InvitationUnusable("Deze uitnodiging is al gebruikt. Log in met je account.", "used")
    if status is InvitationStatus.REVOKED:
        return InvitationUnusable(
            f"Deze uitnodiging is ingetrokken. Wil je toch meedoen? Neem contact op met {inviter}, "
            "of vraag zelf toegang aan.",
            "revoked",
        )
    return InvitationUnusable(
        f"Deze uitnodiging is verlopen op {format_date(invitation.expires_at)}. "
        f"Vraag {inviter} om je een nieuwe uitnodiging te sturen.",
        "expired",
    )


def usable_invitation(token: str, now: datetime | None = None) -> Invitation:
    """The open invitation behind a link, or InvitationUnusable saying why not."""
    now = now or utcnow()
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.token_hash == tokens.hash_token(token))
    )
    if invitation is None or invitation.status(now) is not InvitationStatus.OPEN:
        raise _unusable(invitation, now)
    if accounts.user_by_email(invitation.email) is not None:
        # The account may have just been made with this very invitation (a second click).
        db.session.refresh(invitation)
        if invitation.status(now) is not InvitationStatus.OPEN:
            raise _unusable(invitation, now)
        raise InvitationUnusable(
            f"Er is al een account met {invitation.email}. Log in met dat account.", "has_account"
        )
    return invitation


def accept_invitation(
    token: str, name: str, password: str, job_title: str, now: datetime | None = None
) -> User:
    """Create the account; one conditional UPDATE decides, so two clicks cannot both win."""
    now = now or utcnow()
    invitation = usable_invitation(token, now)
    name, job_title = name.strip(), job_title.strip()
    if not name:
        raise DomainError("Vul je naam in.", field="name")
    accounts.check_name(name)
    if len(name) > 120:
        raise DomainError("Je naam mag hoogstens 120 tekens lang zijn.", field="name")
    if len(job_title) > 120:
        raise DomainError("Je functie mag hoogstens 120 tekens lang zijn.", field="job_title")
    accounts.check_password_rules(password)
    claimed = db.session.execute(
        sa.update(Invitation)
        .where(
            Invitation.token_hash == tokens.hash_token(token),
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(accepted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.refresh(invitation)
        raise _unusable(invitation, now)
    user = accounts.create_user(
        email=invitation.email,
        name=name,
        password=password,
        role=invitation.role,
        organisation=invitation.organisation,
        invited_by=invitation.inviter,
        job_title=job_title,
    )
    invitation.accepted_at = now
    invitation.accepted_user_id = user.id
    # A new member first sees the short welcome step (community.colleagues: expertise themes).
    user.welcome_pending = True
    db.session.flush()
    alerts.colleague_joined(invitation, user)
    return user
