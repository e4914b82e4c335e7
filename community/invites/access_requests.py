"""Access requests: someone without an invitation asks to join, and someone who knows them decides.

A request for a listed organisation is seen by that organisation's ambassadors (they know their
colleagues) and by moderators and admins; a request without a known organisation only by the
latter. Approving sends an ordinary invitation, so joining always goes through the same door.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from community.accounts import services as accounts
from community.accounts.models import Role, User
from community.alerts import services as alerts
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.invites import mails
from community.invites.addresses import normalise_address
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation
from community.invites.services import OFFERED_ROLES, issue_invitations
from community.organisations.models import Organisation
from community.privacy import guard as privacy_guard

ALREADY_REQUESTED = (
    "Je aanvraag met dit e-mailadres hebben we al. Je hoort van ons zodra iemand ernaar heeft "
    "gekeken."
)
APPROVAL_MESSAGE = (
    "Je vroeg toegang aan tot de Jeugdhulp Community, en je aanvraag is goedgekeurd. "
    "Fijn dat je erbij komt!"
)


def _text(value: str, limit: int, field: str, label: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"Vul {label} in.", field=field)
    if len(value) > limit:
        raise DomainError(f"Maak {label} korter: hoogstens {limit} tekens.", field=field)
    return value


def request_access(
    name: str,
    email: str,
    organisation: Organisation | None,
    organisation_name: str,
    motivation: str,
    now: datetime | None = None,
    privacy_confirmed: bool = False,
) -> AccessRequest:
    name = accounts.check_name(_text(name, 120, "name", "je naam"))
    address = normalise_address((email or "").strip())
    if address is None:
        raise DomainError("Dat lijkt geen geldig e-mailadres. Kijk het even na.", field="email")
    organisation_name = _text(
        organisation_name, 150, "organisation_name", "de naam van je organisatie", required=False
    )
    if organisation is None and not organisation_name:
        raise DomainError(
            "Kies je organisatie, of typ de naam als ze er niet bij staat.",
            field="organisation_name",
        )
    motivation = _text(motivation, 2000, "motivation", "je motivatie")
    # Applicants often describe their work with a case; the guard keeps clients out of it.
    privacy_guard(
        {"motivation": motivation}, privacy_confirmed, labels={"motivation": "Je motivatie"}
    )
    if accounts.user_by_email(address) is not None:
        raise DomainError(
            "Met dit e-mailadres heb je al een account. Log in, of vraag een nieuw wachtwoord aan "
            "als je het niet meer weet.",
            field="email",
        )
    if _has_open_request(address):
        raise DomainError(ALREADY_REQUESTED, field="email")
    access_request = AccessRequest(
        name=name,
        email=address,
        organisation=organisation,
        organisation_name="" if organisation else organisation_name,
        motivation=motivation,
        created_at=now or utcnow(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(access_request)
    except IntegrityError:
        # The same request sent twice at once (a double click): the other one got in first.
        if not _has_open_request(address):
            raise
        raise DomainError(ALREADY_REQUESTED, field="email") from None
    alerts.access_requested(access_request)
    return access_request


def _has_open_request(address: str) -> bool:
    return (
        db.session.scalar(
            sa.select(AccessRequest.id).where(
                AccessRequest.email == address, AccessRequest.status == AccessRequestStatus.OPEN
            )
        )
        is not None
    )


def may_decide(actor: User, access_request: AccessRequest) -> bool:
    if actor.is_moderator:
        return True
    return (
        actor.is_ambassador
        and access_request.organisation_id is not None
        and access_request.organisation_id == actor.organisation_id
    )


def _check_open(actor: User, access_request: AccessRequest) -> None:
    # Read the row again, locked: two deciders at the same moment (PostgreSQL) must not both
    # act, or the applicant gets an invitation and a refusal. The second one waits, then sees
    # the decision. (SQLite already serialises writers with BEGIN IMMEDIATE.)
    db.session.execute(
        sa.select(AccessRequest.id).where(AccessRequest.id == access_request.id).with_for_update()
    )
    db.session.refresh(access_request)
    if not may_decide(actor, access_request):
        raise NotAllowed("Over deze aanvraag beslis jij niet.")
    if access_request.status is not AccessRequestStatus.OPEN:
        raise DomainError(f"Over de aanvraag van {access_request.name} is al beslist.")


def approve_access_request(
    actor: User,
    access_request: AccessRequest,
    role: Role = Role.PROFESSIONAL,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Invitation:
    """Approve by inviting: the applicant gets the invitation mail and joins like anyone else.

    Requests without a listed organisation need one chosen (`organisation`) by the moderator.
    The domain warning is skipped: whoever approves has looked at who this is.
    """
    now = now or utcnow()
    _check_open(actor, access_request)
    if role not in OFFERED_ROLES:
        raise DomainError("Je kunt iemand toelaten als lid of als ambassadeur.", field="role")
    organisation = access_request.organisation or organisation
    if organisation is None:
        raise DomainError(
            f"Kies eerst bij welke organisatie {access_request.name} hoort.", field="organisation"
        )
    result = issue_invitations(
        actor,
        organisation,
        [access_request.email],
        role,
        APPROVAL_MESSAGE,
        confirmed=True,
        now=now,
        approved_request=True,
    )
    if result.existing_accounts:
        raise DomainError(
            f"{access_request.name} heeft inmiddels al een account; er is niets verstuurd."
        )
    invitation = (result.mailed or result.recently_sent or result.invited_by_colleague)[0]
    access_request.status = AccessRequestStatus.APPROVED
    access_request.organisation = organisation
    access_request.decided_at = now
    access_request.decided_by_id = actor.id
    access_request.invitation_id = invitation.id
    db.session.flush()
    return invitation


def decline_access_request(
    actor: User,
    access_request: AccessRequest,
    reason: str = "",
    now: datetime | None = None,
    *,
    privacy_confirmed: bool = False,
) -> None:
    """Decline with a polite mail; the reason, if given, is quoted to the applicant (so the
    privacy guard checks it first)."""
    _check_open(actor, access_request)
    reason = _text(reason, 1000, "reason", "de toelichting", required=False)
    privacy_guard({"reason": reason}, privacy_confirmed, labels={"reason": "Je toelichting"})
    access_request.status = AccessRequestStatus.DECLINED
    access_request.decided_at = now or utcnow()
    access_request.decided_by_id = actor.id
    mails.queue_access_declined(access_request, reason)
    db.session.flush()
