"""The mails of this feature: an invitation, and a polite answer to a declined access request."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr

import sqlalchemy as sa

from community import mail, urls
from community.clock import utcnow
from community.extensions import db
from community.formatting import format_datetime
from community.invites.models import AccessRequest, Invitation


def accept_url(token: str) -> str:
    """Absolute, because it is opened from a mail client, never relative to a page."""
    return urls.absolute_url("invites.accept", token=token)


def queue_invitation(invitation: Invitation, token: str, *, approved_request: bool = False) -> None:
    """Queue the invitation mail; it leaves only when the transaction commits."""
    inviter = invitation.inviter
    inviter_name = inviter.name if inviter else "Het team van de Jeugdhulp Community"
    headers = {}
    if inviter is not None:
        # A reply reaches the colleague who invited them, not a no-reply box.
        headers["Reply-To"] = formataddr((inviter.name, inviter.email))
    subject = (
        "Je aanvraag is goedgekeurd: welkom bij de Jeugdhulp Community"
        if approved_request
        else f"{inviter_name} nodigt je uit voor de Jeugdhulp Community"
    )
    message = mail.build_message(
        invitation.email,
        subject,
        "invitation",
        headers=headers,
        invitation=invitation,
        inviter_name=inviter_name,
        organisation_name=invitation.organisation.name,
        role_label=invitation.role.label.lower(),
        personal_message=invitation.message.strip(),
        link=accept_url(token),
        expires=format_datetime(invitation.expires_at),
        approved_request=approved_request,
    )
    invitation.mail_failed_at, invitation.mail_error = None, ""
    mail.queue(db.session, message, on_failure=record_failure.ref(invitation.id))


@mail.failure_handler("invitation")
def record_failure(invitation_id: str, error: str) -> None:
    """Mark the invitation unsent (the list shows it, `flask invites retry` resends it).

    Runs in the mail worker after the last attempt failed; the job commits.
    """
    db.session.execute(
        sa.update(Invitation)
        .where(Invitation.id == int(invitation_id))
        .values(mail_failed_at=utcnow(), mail_error=error[:500])
        .execution_options(synchronize_session=False)
    )


def queue_access_declined(access_request: AccessRequest, reason: str) -> EmailMessage:
    message = mail.build_message(
        access_request.email,
        "Je aanvraag voor de Jeugdhulp Community",
        "access_declined",
        name=access_request.name,
        reason=reason.strip(),
    )
    mail.queue(db.session, message)
    return message
