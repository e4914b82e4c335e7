"""The mails of support requests. Each is queued on the session and leaves after the commit."""

from __future__ import annotations

from email.utils import formataddr

from community import mail, urls
from community.accounts.models import User
from community.extensions import db
from community.support.models import SupportMessage, SupportRequest


def _page(request: SupportRequest) -> str:
    return urls.absolute_url("support.detail", request_id=request.id)


def _link(token: str | None, request: SupportRequest) -> str:
    """Someone without an account opens the request through a fresh single-use link."""
    if token is None:
        return _page(request)
    return urls.absolute_url("support.redeem", token=token)


def _send(to: str, subject: str, template: str, headers=None, **context) -> None:
    mail.queue(db.session, mail.build_message(to, subject, template, headers=headers, **context))


def queue_confirm(request: SupportRequest, token: str) -> None:
    _send(
        request.email,
        "Bevestig je hulpvraag aan de Jeugdhulp Community",
        "support_confirm",
        request=request,
        link=urls.absolute_url("support.redeem", token=token),
    )


def queue_access(request: SupportRequest, token: str) -> None:
    _send(
        request.email,
        "Je link naar je hulpvraag",
        "support_access",
        request=request,
        link=_link(token, request),
    )


def queue_offered(request: SupportRequest, ambassador: User) -> None:
    _send(
        ambassador.email,
        "Een organisatie vraagt om hulp: denk je mee?",
        "support_offered",
        request=request,
        ambassador=ambassador,
        link=_page(request),
    )


def queue_taken(request: SupportRequest, helper: User, token: str | None) -> None:
    """Tell the asker who will help and how to reach them."""
    _send(
        request.email,
        f"{helper.name} helpt je met je hulpvraag",
        "support_taken",
        headers={"Reply-To": formataddr((helper.name, helper.email))},
        request=request,
        helper=helper,
        link=_link(token, request),
    )


def queue_assigned(request: SupportRequest, helper: User, moderator: User) -> None:
    _send(
        helper.email,
        "Er is een hulpvraag aan je toegewezen",
        "support_assigned",
        request=request,
        helper=helper,
        moderator=moderator,
        link=_page(request),
    )


def queue_escalated(request: SupportRequest, moderator: User, *, no_match: bool) -> None:
    _send(
        moderator.email,
        "Een hulpvraag wacht op een helper",
        "support_escalated",
        request=request,
        moderator=moderator,
        no_match=no_match,
        link=_page(request),
    )


def queue_message_to_helper(request: SupportRequest, helper: User, message: SupportMessage):
    _send(
        helper.email,
        f"Nieuw bericht van {request.name} over de hulpvraag",
        "support_message",
        request=request,
        sender_name=request.name,
        recipient_name=helper.name,
        message=message,
        link=_page(request),
    )


def queue_message_to_requester(
    request: SupportRequest, helper: User, message: SupportMessage, token: str | None
) -> None:
    _send(
        request.email,
        f"Nieuw bericht van {helper.name} over je hulpvraag",
        "support_message",
        request=request,
        sender_name=helper.name,
        recipient_name=request.name,
        message=message,
        link=_link(token, request),
    )


def queue_reminder(request: SupportRequest, token: str | None) -> None:
    helper = request.helper
    for to, name, link in (
        (helper.email, helper.name, _page(request)),
        (request.email, request.name, _link(token, request)),
    ):
        _send(
            to,
            "Hoe staat het met de hulpvraag?",
            "support_reminder",
            request=request,
            recipient_name=name,
            helper=helper,
            link=link,
        )
