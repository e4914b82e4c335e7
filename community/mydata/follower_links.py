"""A follower asks for a link to download or delete their data; the link goes to their address.

Like the password reset (accounts.password_reset): `tokens.new_token()`, one hour, and redeemed
with one `UPDATE … WHERE used_at IS NULL AND expires_at > now` whose row count decides, so two
clicks cannot both win. Services: they flush, never commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from community import mail, tokens, urls
from community.clock import utcnow
from community.digest.models import Subscriber
from community.errors import DomainError
from community.extensions import db
from community.mydata.models import FollowerDataLink

log = logging.getLogger(__name__)

EXPORT, DELETE = "export", "delete"
VALID_FOR = timedelta(hours=1)
# More link mails than this per follower per hour are silently skipped: no mail bombing.
MAILS_PER_HOUR = 3

INVALID_LINK = (
    "Deze link werkt niet meer: hij is al gebruikt of ouder dan een uur. Vraag een nieuwe aan "
    "via ‘Je nieuwsbrief’ onderaan een nieuwsbrief van ons."
)
_SUBJECTS = {
    EXPORT: "Je link om je gegevens te downloaden",
    DELETE: "Je link om je gegevens te verwijderen",
}


def request_link(
    subscriber: Subscriber, purpose: str, *, now: datetime | None = None
) -> str | None:
    """Mail a one-hour link for `purpose` to the follower; returns the token (None: not sent).

    The caller answers the same either way ("kijk in je mail").
    """
    if purpose not in _SUBJECTS:
        raise ValueError(purpose)
    now = now or utcnow()
    recent = db.session.scalar(
        sa.select(sa.func.count(FollowerDataLink.id)).where(
            FollowerDataLink.subscriber_id == subscriber.id,
            FollowerDataLink.created_at > now - timedelta(hours=1),
        )
    )
    if recent >= MAILS_PER_HOUR:
        log.info("Data link for subscriber %s skipped: %s in the last hour", subscriber.id, recent)
        return None
    token, token_hash = tokens.new_token()
    db.session.add(
        FollowerDataLink(
            subscriber_id=subscriber.id,
            purpose=purpose,
            token_hash=token_hash,
            created_at=now,
            expires_at=now + VALID_FOR,
        )
    )
    db.session.flush()
    mail.queue(
        db.session,
        mail.build_message(
            subscriber.email,
            _SUBJECTS[purpose],
            "follower_data_link",
            purpose=purpose,
            email=subscriber.email,
            link=urls.absolute_url("mydata.follower_link", token=token),
        ),
    )
    return token


def _is_open(now: datetime):
    return sa.and_(FollowerDataLink.used_at.is_(None), FollowerDataLink.expires_at > now)


def open_link(token: str, *, now: datetime | None = None) -> FollowerDataLink | None:
    """The still-usable link, without using it (for showing its page)."""
    return db.session.scalar(
        sa.select(FollowerDataLink).where(
            FollowerDataLink.token_hash == tokens.hash_token(token), _is_open(now or utcnow())
        )
    )


def redeem(token: str, purpose: str, *, now: datetime | None = None) -> Subscriber:
    """Use the link once; the follower it was made for. Of two clicks, exactly one wins."""
    now = now or utcnow()
    token_hash = tokens.hash_token(token)
    if not tokens.use_once(FollowerDataLink, token, now, FollowerDataLink.purpose == purpose):
        raise DomainError(INVALID_LINK)
    subscriber = db.session.scalar(
        sa.select(Subscriber)
        .options(selectinload(Subscriber.themes))
        .join(FollowerDataLink, FollowerDataLink.subscriber_id == Subscriber.id)
        .where(FollowerDataLink.token_hash == token_hash)
    )
    if subscriber is None:
        raise DomainError(INVALID_LINK)
    return subscriber
