"""A follower's own data: what we hold about them (for a download), and deleting all of it.

Followers have no account; their signed digest link (links.recipient_token) is what proves the
address is theirs, as it does for their preferences. Services flush; the view commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from community.clock import utcnow
from community.digest import services
from community.digest.models import DigestDelivery, Subscriber, subscriber_themes
from community.extensions import db


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def export_follower_data(subscriber: Subscriber, *, now: datetime | None = None) -> dict[str, Any]:
    """The follower's address, choices, consent and delivery log (themes must be loaded)."""
    deliveries = db.session.scalars(
        sa.select(DigestDelivery)
        .where(DigestDelivery.subscriber_id == subscriber.id)
        .order_by(DigestDelivery.created_at, DigestDelivery.id)
    )
    consent_text = (
        services.CONSENT_TEXT
        if subscriber.consent_text_version == services.CONSENT_TEXT_VERSION
        else None
    )
    return {
        "over_dit_bestand": {
            "gemaakt_op": _iso(now or utcnow()),
            "tijden": "Alle tijden zijn in UTC (ISO 8601).",
            "uitleg": "Alles wat de Jeugdhulp Community over je bewaart als volger (zonder "
            "account): je e-mailadres, je keuzes, je toestemming en welke nieuwsbrieven we je "
            "stuurden.",
        },
        "email": subscriber.email,
        "frequency": subscriber.frequency.value,
        "all_themes": subscriber.all_themes,
        "themes": [theme.name for theme in subscriber.themes],
        "consent": {
            "text_version": subscriber.consent_text_version,
            "text": consent_text,
            "requested_at": _iso(subscriber.created_at),
            "confirmed_at": _iso(subscriber.confirmed_at),
        },
        "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        "last_digest_at": _iso(subscriber.last_digest_at),
        "deliveries": [
            {
                "period": delivery.period_key,
                "status": delivery.status.value,
                "attempts": delivery.attempts,
                "error": delivery.error,
                "questions": delivery.question_count,
                "practices": delivery.practice_count,
                "waiting": delivery.waiting_count,
                "created_at": _iso(delivery.created_at),
                "sent_at": _iso(delivery.sent_at),
            }
            for delivery in deliveries
        ],
    }


def delete_follower(subscriber: Subscriber) -> None:
    """Everything goes: the follower, their themes and their delivery log. Nothing is mailed."""
    db.session.execute(
        sa.delete(DigestDelivery).where(DigestDelivery.subscriber_id == subscriber.id)
    )
    db.session.execute(
        sa.delete(subscriber_themes).where(subscriber_themes.c.subscriber_id == subscriber.id)
    )
    db.session.execute(
        sa.delete(Subscriber)
        .where(Subscriber.id == subscriber.id)
        .execution_options(synchronize_session=False)
    )
    db.session.expunge(subscriber)
    db.session.flush()
