"""Invitations without HTTP: who may invite whom, sending, resending and revoking.

Services flush but never commit; the view commits once, and the mails queued here leave only then.
One submission is all or nothing: every rule is checked before the first invitation is added.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from community import tokens
from community.accounts import services as accounts
from community.accounts.models import Role, User
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.formatting import format_datetime
from community.invites import mails
from community.invites.addresses import parse_addresses
from community.invites.limits import WINDOW, check_limits, open_clause, pending_clause
from community.invites.models import AccessRequest, Invitation, InvitationStatus
from community.organisations.models import Organisation
from community.privacy import guard as privacy_guard

VALID_FOR = timedelta(days=14)
# At most one send per invitation per day: it spares the invitee a stream of mails, and it is what
# lets limits.py count sends exactly without a log of every send.
RESEND_AFTER = timedelta(days=1)
OFFERED_ROLES = (Role.PROFESSIONAL, Role.AMBASSADOR)
MAX_MESSAGE = 2000
MAX_ADDRESSES = 100


@dataclass
class InviteResult:
    """What happened to each address of one submission, so the inviter can be told precisely."""

    organisation: Organisation
    sent: list[Invitation] = field(default_factory=list)
    resent: list[Invitation] = field(default_factory=list)
    existing_accounts: list[str] = field(default_factory=list)
    recently_sent: list[Invitation] = field(default_factory=list)
    invited_by_colleague: list[Invitation] = field(default_factory=list)
    outside_domain: list[str] = field(default_factory=list)
    needs_confirmation: bool = False

    @property
    def mailed(self) -> list[Invitation]:
        return [*self.sent, *self.resent]


def invitable_organisation(actor: User, organisation: Organisation | None = None) -> Organisation:
    """The organisation `actor` invites into: admins choose any, everyone else their own."""
    if not actor.has_role(Role.AMBASSADOR):
        raise NotAllowed("Alleen ambassadeurs kunnen collega's uitnodigen.")
    if actor.is_admin:
        if organisation is None:
            raise DomainError("Kies de organisatie waarvoor je uitnodigt.", field="organisation")
        return organisation
    if actor.organisation is None:
        raise DomainError(
            "Je bent nog niet aan een organisatie gekoppeld. Vraag een beheerder om dat te doen; "
            "daarna kun je collega's uitnodigen."
        )
    if organisation is not None and organisation.id != actor.organisation_id:
        raise NotAllowed("Je kunt alleen collega's van je eigen organisatie uitnodigen.")
    return actor.organisation


def may_manage(actor: User, invitation: Invitation) -> bool:
    """Resending and revoking is for the one who sent it, and for admins."""
    return actor.is_admin or (actor.is_ambassador and invitation.inviter_id == actor.id)


def invitations_sent_by(user: User) -> sa.Select:
    return (
        sa.select(Invitation)
        .where(Invitation.inviter_id == user.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )


def _parse(emails: list[str]) -> list[str]:
    parsed = parse_addresses("\n".join(emails))
    if parsed.invalid:
        raise DomainError(
            f"{'Dit adres klopt' if len(parsed.invalid) == 1 else 'Deze adressen kloppen'} niet: "
            f"{', '.join(parsed.invalid)}. Verbeter of verwijder "
            f"{'het' if len(parsed.invalid) == 1 else 'ze'}; er is nog niets verstuurd.",
            field="emails",
        )
    if not parsed.valid:
        raise DomainError("Vul minstens één e-mailadres in.", field="emails")
    if len(parsed.valid) > MAX_ADDRESSES:
        raise DomainError(
            f"Je kunt hoogstens {MAX_ADDRESSES} adressen tegelijk invoeren.", field="emails"
        )
    return parsed.valid


def invite_colleagues(
    actor: User,
    emails: list[str],
    role: Role,
    message: str,
    organisation: Organisation | None = None,
    confirm_outside_domain: bool | Collection[str] = False,
    now: datetime | None = None,
    privacy_confirmed: bool = False,
) -> InviteResult:
    """Invite colleagues into an organisation; nothing is sent while a warning waits for a yes.

    `confirm_outside_domain` is True, or the addresses the inviter saw in the warning and
    confirmed: an address added to the list afterwards needs its own confirmation. The message
    goes out in a mail, so the privacy guard checks it (PersonalDataFound until confirmed).
    """
    now = now or utcnow()
    organisation = invitable_organisation(actor, organisation)
    if role not in OFFERED_ROLES:
        raise DomainError("Je kunt iemand uitnodigen als lid of als ambassadeur.", field="role")
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise DomainError(
            f"Je persoonlijke bericht mag hoogstens {MAX_MESSAGE} tekens lang zijn.",
            field="message",
        )
    privacy_guard(
        {"message": message}, privacy_confirmed, labels={"message": "Persoonlijk bericht"}
    )
    return issue_invitations(
        actor,
        organisation,
        _parse(emails),
        role,
        message,
        confirmed=confirm_outside_domain,
        now=now,
    )


def issue_invitations(
    actor: User,
    organisation: Organisation,
    addresses: list[str],
    role: Role,
    message: str,
    *,
    confirmed: bool | Collection[str],
    now: datetime,
    approved_request: bool = False,
) -> InviteResult:
    """The shared core of inviting; callers have checked that `actor` may invite here.

    Per address and organisation there is at most one pending invitation (neither accepted nor
    revoked; the database holds to that). An open one is resent or reported; an expired one is
    renewed when it is the actor's own, and otherwise closed and replaced by the actor's.
    """
    result = InviteResult(organisation=organisation)
    existing = set(db.session.scalars(sa.select(User.email).where(User.email.in_(addresses))))
    pending = _pending(organisation, addresses)

    to_create: list[str] = []
    to_resend: list[Invitation] = []
    to_reopen: list[Invitation] = []
    to_supersede: list[Invitation] = []
    for address in addresses:
        invitation = pending.get(address)
        if address in existing:
            result.existing_accounts.append(address)
        elif invitation is None:
            to_create.append(address)
        elif invitation.expires_at <= now:
            if invitation.inviter_id == actor.id:
                to_reopen.append(invitation)
            else:
                to_supersede.append(invitation)
                to_create.append(address)
        elif not _report_open(result, invitation, actor, now):
            to_resend.append(invitation)

    if confirmed is not True and organisation.email_domains:
        seen = {a.strip().lower() for a in confirmed} if confirmed else set()
        outside = [a for a in to_create if not organisation.owns_address(a)]
        if any(a not in seen for a in outside):
            result.outside_domain = outside
            result.needs_confirmation = True
            return result

    check_limits(
        actor,
        new_open=len(to_create) + len(to_reopen),
        sends=len(to_create) + len(to_resend) + len(to_reopen),
        now=now,
    )
    for invitation in to_supersede:
        invitation.revoked_at = now  # its link stops working; the new invitation takes its place
    for address in to_create:
        token, token_hash = tokens.new_token()
        invitation = Invitation(
            inviter=actor,
            organisation=organisation,
            email=address,
            role=role,
            message=message,
            token_hash=token_hash,
            created_at=now,
            last_sent_at=now,
            send_count=1,
            expires_at=now + VALID_FOR,
        )
        try:
            with db.session.begin_nested():
                db.session.add(invitation)
        except IntegrityError:
            # Another request invited this address after we looked (two ambassadors at once, or
            # a double click): nothing of ours was written or queued. Theirs was sent just now;
            # report it as if it had been there when we looked.
            theirs = _pending(organisation, [address]).get(address)
            if theirs is None:
                raise
            if theirs.inviter_id == actor.id:
                result.recently_sent.append(theirs)
            else:
                result.invited_by_colleague.append(theirs)
            continue
        mails.queue_invitation(invitation, token, approved_request=approved_request)
        result.sent.append(invitation)
    for invitation in [*to_resend, *to_reopen]:
        invitation.role, invitation.message = role, message
        token = _renew(invitation, now)
        mails.queue_invitation(invitation, token, approved_request=approved_request)
        result.resent.append(invitation)
    db.session.flush()
    return result


def _pending(organisation: Organisation, addresses: list[str]) -> dict[str, Invitation]:
    """Per address, its pending invitation into `organisation`: open, or expired but renewable."""
    return {
        invitation.email: invitation
        for invitation in db.session.scalars(
            sa.select(Invitation).where(
                Invitation.organisation_id == organisation.id,
                Invitation.email.in_(addresses),
                pending_clause(),
            )
        )
    }


def _report_open(result: InviteResult, invitation: Invitation, actor: User, now: datetime) -> bool:
    """Put an open invitation that is not to be sent again in the report; False: resend it."""
    if invitation.inviter_id != actor.id:
        result.invited_by_colleague.append(invitation)
    elif invitation.last_sent_at > now - RESEND_AFTER and not invitation.mail_failed:
        result.recently_sent.append(invitation)
    else:
        return False
    return True


def _renew(invitation: Invitation, now: datetime) -> str:
    """A fresh token and a fresh 14 days: the old link stops working."""
    token, invitation.token_hash = tokens.new_token()
    invitation.expires_at = now + VALID_FOR
    invitation.last_sent_at = now
    if not invitation.mail_failed:  # a send that never left is not one the colleague got
        invitation.send_count += 1
    return token


def resend_invitation(
    actor: User, invitation: Invitation, now: datetime | None = None
) -> Invitation:
    now = now or utcnow()
    if not may_manage(actor, invitation):
        raise NotAllowed("Alleen wie de uitnodiging verstuurde kan haar opnieuw versturen.")
    status = invitation.status(now)
    if status is InvitationStatus.ACCEPTED:
        raise DomainError(f"{invitation.email} heeft de uitnodiging al geaccepteerd.")
    if status is InvitationStatus.REVOKED:
        raise DomainError(
            "Deze uitnodiging is ingetrokken. Wil je deze collega toch uitnodigen? "
            "Stuur dan een nieuwe uitnodiging."
        )
    if invitation.last_sent_at > now - RESEND_AFTER and not invitation.mail_failed:
        again = invitation.last_sent_at + RESEND_AFTER
        raise DomainError(
            f"Deze uitnodiging is op {format_datetime(invitation.last_sent_at)} al verstuurd. "
            f"Opnieuw versturen kan vanaf {format_datetime(again)}. "
            "Vraag je collega ook even te kijken in de map met ongewenste e-mail."
        )
    if accounts.user_by_email(invitation.email) is not None:
        raise DomainError(f"{invitation.email} heeft inmiddels al een account.")
    reopens = status is InvitationStatus.EXPIRED
    # A failed send within the window is already counted (limits.py counts by last_sent_at).
    counted = invitation.mail_failed and invitation.last_sent_at > now - WINDOW
    check_limits(actor, new_open=1 if reopens else 0, sends=0 if counted else 1, now=now)
    # The first mail never arrived: the resend is that first mail, approval wording and all.
    approved = invitation.mail_failed and _from_access_request(invitation)
    mails.queue_invitation(invitation, _renew(invitation, now), approved_request=approved)
    db.session.flush()
    return invitation


def _from_access_request(invitation: Invitation) -> bool:
    """Whether the invitation approves an access request (its first mail says so)."""
    return (
        db.session.scalar(
            sa.select(sa.func.count()).where(AccessRequest.invitation_id == invitation.id)
        )
        > 0
    )


def retry_unsent(now: datetime | None = None) -> list[Invitation]:
    """Queue again every open invitation whose last mail the server did not take.

    With a fresh link, as a resend would (only the token's hash is stored). The caller commits;
    the mails leave then, and any that fail again are marked again. Until a job queue exists,
    `flask invites retry` from cron is the "later" in "we try again later".
    """
    now = now or utcnow()
    unsent = list(
        db.session.scalars(
            sa.select(Invitation)
            .where(
                Invitation.mail_failed_at.is_not(None),
                open_clause(now),
                Invitation.email.not_in(sa.select(User.email)),
            )
            .order_by(Invitation.id)
        )
    )
    for invitation in unsent:
        mails.queue_invitation(
            invitation, _renew(invitation, now), approved_request=_from_access_request(invitation)
        )
    db.session.flush()
    return unsent


def revoke_invitation(actor: User, invitation: Invitation, now: datetime | None = None) -> None:
    if not may_manage(actor, invitation):
        raise NotAllowed("Alleen wie de uitnodiging verstuurde kan haar intrekken.")
    if invitation.accepted_at is not None:
        raise DomainError(f"{invitation.email} heeft de uitnodiging al geaccepteerd.")
    if invitation.revoked_at is None:
        invitation.revoked_at = now or utcnow()
        db.session.flush()
