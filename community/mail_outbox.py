"""The transactional outbox for site mail: written with the change, delivered by a job.

`mail.queue(session, message)` adds an `outgoing_mails` row in the caller's transaction, so the
mail exists exactly when the change does, and enqueues `deliver(id)` after the commit. The job
claims the row with one conditional UPDATE before it talks to the mail server: a duplicated or
retried job finds it claimed (or sent) and does nothing, so nobody is mailed twice. A failed
attempt is tried again later (MAIL_RETRY_DELAYS, seconds); after the last one the row is
`failed` and its failure handler runs (see `mail.failure_handler`).

`sweep()` runs every minute in the worker, and once when a worker starts: it enqueues again rows
that are due but whose job was lost (the queue was emptied, the enqueue failed after the commit)
and frees rows a killed worker left `sending` for longer than MAIL_SENDING_LEASE_SECONDS.
"""

from __future__ import annotations

import enum
import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, Session, mapped_column

from community import jobs
from community.clock import utcnow
from community.db_types import UTCDateTime, enum_type
from community.extensions import db

log = logging.getLogger(__name__)

# Huey's scheduler runs a job scheduled for an instant up to a second early (it reads whole
# seconds); a retry that arrives that early still counts as due.
SCHEDULE_SLACK = timedelta(seconds=2)
SWEEP_GRACE = timedelta(seconds=30)  # a fresh row's own job is still on its way
SWEEP_BATCH = 500


class MailStatus(enum.Enum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutgoingMail(db.Model):
    """One mail the site must send. `raw` is emptied once sent: a reset link never stays."""

    __tablename__ = "outgoing_mails"
    __table_args__ = (
        sa.Index("ix_outgoing_mails_status_due", "status", "next_attempt_at"),
        {"info": {"shown_on_pages": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender: Mapped[str] = mapped_column(sa.String(320))
    recipient: Mapped[str] = mapped_column(sa.Text)
    raw: Mapped[bytes] = mapped_column(sa.LargeBinary)
    status: Mapped[MailStatus] = mapped_column(enum_type(MailStatus), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    failure_handler: Mapped[str] = mapped_column(sa.String(64), default="")
    failure_ref: Mapped[str] = mapped_column(sa.String(64), default="")

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.status.value} to {self.recipient}>"


def wire_bytes(message: EmailMessage) -> bytes:
    """The message as it goes over SMTP: CRLF line ends, headers folded by its own policy."""
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def add(session: Session, message: EmailMessage, *, handler: str = "", ref: str = "") -> None:
    """Write `message` to the outbox in the session's transaction; deliver after the commit.

    Flushes (for the row's id) but never commits: the caller's commit decides whether the mail
    exists at all.
    """
    addresses = [a for _, a in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))]
    row = OutgoingMail(
        sender=parseaddr(str(message["From"] or ""))[1],
        recipient=", ".join(a for a in addresses if a),
        raw=wire_bytes(message),
        status=MailStatus.PENDING,
        attempts=0,
        next_attempt_at=utcnow(),
        last_error="",
        failure_handler=handler,
        failure_ref=ref,
    )
    session.add(row)
    session.flush()
    jobs.after_commit(session, deliver, row.id)


def _retry_delays() -> tuple[int, ...]:
    return tuple(current_app.config["MAIL_RETRY_DELAYS"])


def claim(mail_id: int, now: datetime) -> bool:
    """Take the row for this attempt: one UPDATE whose row count decides, so of two jobs for the
    same mail (a duplicate, a retry racing the sweep) exactly one sends."""
    result = db.session.execute(
        sa.update(OutgoingMail)
        .where(
            OutgoingMail.id == mail_id,
            OutgoingMail.status == MailStatus.PENDING,
            OutgoingMail.next_attempt_at <= now + SCHEDULE_SLACK,
        )
        .values(status=MailStatus.SENDING, attempts=OutgoingMail.attempts + 1, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


@jobs.task()
def deliver(mail_id: int) -> None:
    """Send one outbox row, if it is still due and nobody else took it."""
    from community import mail

    now = utcnow()
    if not claim(mail_id, now):
        db.session.rollback()
        return
    sender, recipient, raw = db.session.execute(
        sa.select(OutgoingMail.sender, OutgoingMail.recipient, OutgoingMail.raw).where(
            OutgoingMail.id == mail_id
        )
    ).one()
    # The claim is visible to every other worker before we send, and no transaction (on SQLite:
    # no write lock) stays open while the mail server takes its time.
    db.session.commit()
    recipients = [a.strip() for a in recipient.split(",") if a.strip()]
    try:
        with mail.MailTransport() as transport:
            transport.send_raw(sender, recipients, raw)
    except (smtplib.SMTPException, OSError) as error:
        _attempt_failed(db.session.get(OutgoingMail, mail_id), f"{type(error).__name__}: {error}")
        return
    row = db.session.get(OutgoingMail, mail_id)
    row.status, row.sent_at, row.raw, row.last_error = MailStatus.SENT, utcnow(), b"", ""
    db.session.commit()


def _attempt_failed(row: OutgoingMail, error: str) -> None:
    from community import mail

    log.warning(
        "Mail %s to %s not taken (attempt %s): %s", row.id, row.recipient, row.attempts, error
    )
    delays = _retry_delays()
    row.last_error = error[:1000]
    if row.attempts <= len(delays):
        row.status = MailStatus.PENDING
        row.next_attempt_at = utcnow() + timedelta(seconds=delays[row.attempts - 1])
        db.session.commit()
        deliver.schedule((row.id,), eta=row.next_attempt_at)
        return
    row.status = MailStatus.FAILED
    db.session.commit()
    if row.failure_handler:
        mail.run_failure_handler(row.failure_handler, row.failure_ref, error)
        db.session.commit()


def sweep(now: datetime | None = None, *, grace: timedelta = SWEEP_GRACE) -> int:
    """Enqueue again every due mail whose job went missing; answers how many.

    Rows a worker claimed more than the lease ago were interrupted (the worker was killed): they
    are due again. Finished rows are deleted by `flask privacy purge` (mydata/retention.py).
    """
    now = now or utcnow()
    lease = timedelta(seconds=current_app.config["MAIL_SENDING_LEASE_SECONDS"])
    db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.status == MailStatus.SENDING, OutgoingMail.claimed_at < now - lease)
        .values(status=MailStatus.PENDING, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    )
    due = list(
        db.session.scalars(
            sa.select(OutgoingMail.id)
            .where(
                OutgoingMail.status == MailStatus.PENDING,
                OutgoingMail.next_attempt_at <= now - grace,
            )
            .order_by(OutgoingMail.next_attempt_at)
            .limit(SWEEP_BATCH)
        )
    )
    for mail_id in due:
        jobs.after_commit(db.session, deliver, mail_id)
    db.session.flush()
    return len(due)


@jobs.periodic(minute="*")
def sweep_outbox() -> None:
    """Every minute: mail whose job was lost still goes out (see `sweep`)."""
    sweep()
