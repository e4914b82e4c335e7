"""`flask privacy purge`: delete what the privacy statement says we no longer keep.

Each rule below is one sentence of the statement (templates/pages/privacy.html), with its period
from `retention`. The purge deletes exactly these rows and files, nothing else; run it daily.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from community.accounts.models import PasswordResetToken
from community.clock import utcnow
from community.digest.models import DigestDelivery, DigestRun, Subscriber, subscriber_themes
from community.digest.services import CONFIRM_VALID_FOR
from community.extensions import db
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation
from community.mail_outbox import MailStatus, OutgoingMail
from community.mydata import retention
from community.submissions import FormSubmission
from community.support.models import (
    SupportLink,
    SupportMessage,
    SupportOffer,
    SupportRequest,
    SupportStatus,
    support_request_themes,
)


def _unconfirmed_follow(now: datetime) -> sa.ColumnElement[bool]:
    """Never confirmed, and requested (or last re-requested) more than UNCONFIRMED_FOLLOW ago.

    The request time is not stored; the link's expiry is (request + CONFIRM_VALID_FOR).
    """
    cutoff = now - retention.UNCONFIRMED_FOLLOW
    return sa.and_(
        Subscriber.confirmed_at.is_(None),
        sa.or_(
            Subscriber.confirm_expires_at < cutoff + CONFIRM_VALID_FOR,
            sa.and_(Subscriber.confirm_expires_at.is_(None), Subscriber.created_at < cutoff),
        ),
    )


def _unsubscribed_follower(now: datetime) -> sa.ColumnElement[bool]:
    """Unsubscribed long enough ago, and not in the middle of following again."""
    return sa.and_(
        Subscriber.unsubscribed_at < now - retention.UNSUBSCRIBED_FOLLOWER,
        sa.or_(Subscriber.confirm_expires_at.is_(None), Subscriber.confirm_expires_at <= now),
    )


def _ended_invitation(now: datetime) -> sa.ColumnElement[bool]:
    """Never accepted, and revoked or expired more than ENDED_INVITATION ago."""
    cutoff = now - retention.ENDED_INVITATION
    return sa.and_(
        Invitation.accepted_at.is_(None),
        sa.or_(
            Invitation.revoked_at < cutoff,
            sa.and_(Invitation.revoked_at.is_(None), Invitation.expires_at < cutoff),
        ),
    )


def _ended_reset_token(now: datetime) -> sa.ColumnElement[bool]:
    """Expired more than ENDED_RESET_TOKEN ago (a token expires an hour after it is made,
    so a used one was used before that)."""
    return PasswordResetToken.expires_at < now - retention.ENDED_RESET_TOKEN


def _decided_access_request(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        AccessRequest.status != AccessRequestStatus.OPEN,
        AccessRequest.decided_at < now - retention.DECIDED_ACCESS_REQUEST,
    )


def _unconfirmed_support_request(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        SupportRequest.status == SupportStatus.UNCONFIRMED,
        SupportRequest.created_at < now - retention.UNCONFIRMED_SUPPORT_REQUEST,
    )


def _ended_support_request(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        SupportRequest.status.in_((SupportStatus.DONE, SupportStatus.CLOSED)),
        SupportRequest.finished_at < now - retention.ENDED_SUPPORT_REQUEST,
    )


def _support_children() -> tuple:
    return (
        (SupportLink.__table__, SupportLink.request_id),
        (SupportMessage.__table__, SupportMessage.request_id),
        (SupportOffer.__table__, SupportOffer.request_id),
        (support_request_themes, support_request_themes.c.request_id),
    )


def _finished_mail(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        OutgoingMail.status.in_([MailStatus.SENT, MailStatus.FAILED]),
        OutgoingMail.created_at < now - retention.OUTGOING_MAIL,
    )


def _old_form_submission(now: datetime) -> sa.ColumnElement[bool]:
    return FormSubmission.created_at < now - retention.FORM_SUBMISSION


def _old_delivery(now: datetime) -> sa.ColumnElement[bool]:
    return DigestDelivery.created_at < now - retention.DIGEST_LOG


def _old_run(now: datetime) -> sa.ColumnElement[bool]:
    return DigestRun.started_at < now - retention.DIGEST_LOG


@dataclass(frozen=True)
class Rule:
    key: str
    label: str  # Dutch, for the progress line and the summary
    model: Any
    criteria: Callable[[datetime], sa.ColumnElement[bool]]
    # Rows that hang off the ones deleted: (table, its column that points at model.id).
    children: tuple = ()


def _subscriber_children() -> tuple:
    return (
        (DigestDelivery.__table__, DigestDelivery.subscriber_id),
        (subscriber_themes, subscriber_themes.c.subscriber_id),
    )


RULES = (
    Rule(
        "unconfirmed_follows",
        "onbevestigde volgverzoeken",
        Subscriber,
        _unconfirmed_follow,
        _subscriber_children(),
    ),
    Rule(
        "unsubscribed_followers",
        "afgemelde volgers",
        Subscriber,
        _unsubscribed_follower,
        _subscriber_children(),
    ),
    Rule("invitations", "verlopen of ingetrokken uitnodigingen", Invitation, _ended_invitation),
    Rule("reset_tokens", "wachtwoordherstel-links", PasswordResetToken, _ended_reset_token),
    Rule(
        "access_requests", "afgehandelde toegangsverzoeken", AccessRequest, _decided_access_request
    ),
    Rule(
        "unconfirmed_support_requests",
        "onbevestigde hulpvragen",
        SupportRequest,
        _unconfirmed_support_request,
        _support_children(),
    ),
    Rule(
        "ended_support_requests",
        "afgeronde of gesloten hulpvragen",
        SupportRequest,
        _ended_support_request,
        _support_children(),
    ),
    Rule("digest_deliveries", "regels uit het nieuwsbrieflogboek", DigestDelivery, _old_delivery),
    Rule("digest_runs", "nieuwsbriefrondes", DigestRun, _old_run),
    Rule("outgoing_mails", "verstuurde of opgegeven mails", OutgoingMail, _finished_mail),
    Rule(
        "form_submissions",
        "sleutels tegen dubbel versturen",
        FormSubmission,
        _old_form_submission,
    ),
)
OUTBOX_KEY, OUTBOX_LABEL = "outbox_mails", "mails in de map outbox"


@dataclass
class PurgeReport:
    now: datetime
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        done = "Zou verwijderen" if self.dry_run else "Verwijderd"
        parts = [f"{self.counts[key]} {self.labels[key]}" for key in self.counts]
        return f"{done}: {', '.join(parts)} (samen {self.total})."


def _outbox_files(now: datetime) -> list[Path]:
    configured = current_app.config.get("MAIL_OUTBOX_DIR")
    if not configured or not Path(configured).is_dir():
        return []
    folder = Path(configured)
    cutoff = (now - retention.OUTBOX_MAIL).timestamp()
    return [path for path in folder.glob("*.eml") if path.stat().st_mtime < cutoff]


def purge_expired(
    now: datetime | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> PurgeReport:
    """Delete (or with dry_run only count) everything past its retention period.

    Flushes (the rows are deleted with one statement per rule); the caller commits. Mails in the
    outbox folder are files and go at once, unless dry_run.
    """
    now = now or utcnow()
    report = PurgeReport(now=now, dry_run=dry_run)
    for rule in RULES:
        where = rule.criteria(now)
        count = db.session.scalar(sa.select(sa.func.count()).select_from(rule.model).where(where))
        if count and not dry_run:
            doomed = sa.select(rule.model.id).where(where)
            for table, column in rule.children:
                db.session.execute(sa.delete(table).where(column.in_(doomed)))
            db.session.execute(
                sa.delete(rule.model).where(where).execution_options(synchronize_session=False)
            )
        report.counts[rule.key], report.labels[rule.key] = count, rule.label
        if progress:
            progress(rule.label, count)
    files = _outbox_files(now)
    if not dry_run:
        for path in files:
            path.unlink(missing_ok=True)
    report.counts[OUTBOX_KEY], report.labels[OUTBOX_KEY] = len(files), OUTBOX_LABEL
    if progress:
        progress(OUTBOX_LABEL, len(files))
    db.session.flush()
    return report
