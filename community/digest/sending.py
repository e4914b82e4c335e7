"""The digest job: every recipient gets this period's digest exactly once, or is skipped.

Exactly once rests on one row per recipient and period (DigestDelivery, unique). Before a message
goes to SMTP its row is claimed (pending/failed -> sending, committed); after SMTP accepted it, the
row is marked sent (committed). A crash in the instant between leaves the row "sending", which no
run ever claims again: that recipient misses one digest, and nobody ever gets two. SMTP failures
are recorded ("failed") and retried by the next run of the same period, at most MAX_ATTEMPTS times.

A follower whose address belongs to an active member is skipped (recorded like any skip, with the
reason in `error`, and counted in `covered_by_member`): the member's own digest reaches them.

Recipients are read in batches; posts are loaded once per audience and "since" and rendered once
per distinct digest (see content.py), so the number of queries grows with the number of batches
and recipients, never with recipients x items.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from community import mail
from community.accounts.models import User
from community.clock import utcnow
from community.digest import links, settings
from community.digest.content import DigestBuilder, DigestContent, MessageFactory, RenderedDigest
from community.digest.models import (
    DeliveryStatus,
    DigestDelivery,
    DigestRun,
    Frequency,
    Subscriber,
)
from community.digest.recipients import (
    BATCH_SIZE,
    Recipient,
    period_key,
    recipient_batches,
    recipient_for_email,
)
from community.extensions import db
from community.mail import MailTransport

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Stop the run (leaving the rest for the next one) after this many connection failures in a row.
MAX_CONNECTION_FAILURES = 5
CLAIMABLE = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)
COVERED_BY_MEMBER = "covered by the digest of {key}"


@dataclass
class DigestSummary:
    period_key: str
    dry_run: bool = False
    sent: int = 0
    skipped: int = 0
    covered_by_member: int = 0  # of `skipped`: followers whose address is an active member's
    failed: int = 0
    done_before: int = 0  # handled by an earlier run of this period
    rendered: int = 0  # distinct digests rendered (each shared by everyone who gets the same)
    stopped: str = ""
    run_id: int | None = None
    errors: list[str] = field(default_factory=list)


def _insert_ignoring_duplicates(rows: list[dict]) -> None:
    if not rows:
        return
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(DigestDelivery).on_conflict_do_nothing(
        index_elements=["recipient_key", "period_key"]
    )
    db.session.execute(stmt, rows)


def _skip_covered(delivery_id: int, run_id: int, member_id: int) -> None:
    """A pending or failed row of a follower who has since become a member: never send it."""
    db.session.execute(
        sa.update(DigestDelivery)
        .where(DigestDelivery.id == delivery_id, DigestDelivery.status.in_(CLAIMABLE))
        .values(
            status=DeliveryStatus.SKIPPED,
            run_id=run_id,
            error=COVERED_BY_MEMBER.format(key=f"{links.MEMBER}:{member_id}"),
        )
    )


def _claim(delivery_id: int, run_id: int, now: datetime) -> bool:
    """pending/failed -> sending; the row count decides, so two runs never both send."""
    result = db.session.execute(
        sa.update(DigestDelivery)
        .where(
            DigestDelivery.id == delivery_id,
            DigestDelivery.status.in_(CLAIMABLE),
            DigestDelivery.attempts < MAX_ATTEMPTS,
        )
        .values(
            status=DeliveryStatus.SENDING,
            attempts=DigestDelivery.attempts + 1,
            claimed_at=now,
            run_id=run_id,
        )
    )
    return result.rowcount == 1


def _finish(recipient: Recipient, delivery_id: int, cutoff: datetime, error: str | None) -> None:
    values = (
        {"status": DeliveryStatus.FAILED, "error": error[:500]}
        if error
        else {
            "status": DeliveryStatus.SENT,
            "sent_at": utcnow(),
            "error": "",
        }
    )
    db.session.execute(
        sa.update(DigestDelivery).where(DigestDelivery.id == delivery_id).values(**values)
    )
    if not error:
        if recipient.kind == links.MEMBER:
            settings.record_sent(recipient.id, cutoff)
        else:
            db.session.execute(
                sa.update(Subscriber)
                .where(Subscriber.id == recipient.id)
                .values(last_digest_at=cutoff)
            )


def _is_connection_failure(error: Exception) -> bool:
    """The server, not this one message: unreachable, gone, or 421 "service not available"."""
    if getattr(error, "smtp_code", None) == 421:  # RFC 5321 4.2.3: it is closing the channel
        return True
    return not isinstance(
        error, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused | smtplib.SMTPDataError
    )


def send_digest(
    period: Frequency,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    only_email: str | None = None,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    after_smtp: Callable[[str], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> DigestSummary:
    """Send this period's digest to everyone due; commits as it goes (a CLI-level unit of work).

    The run's counts are committed with each delivery, so /beheer/nieuwsbrief shows what went out
    even when the process dies midway (runs.run_state tells such a run from a running one).

    `progress(n)` is told after every n recipients handled; `after_smtp(email)` runs after SMTP
    accepted a message and before it is recorded as sent (tests inject a crash there). `limit`
    caps the messages tried in this run; the rest waits for the next run.
    """
    cutoff = now or utcnow()
    key = period_key(period, cutoff)
    started = utcnow()
    run = DigestRun(
        period=period,
        period_key=key,
        started_at=started,
        progress_at=started,
        host=socket.gethostname()[:255],
        pid=os.getpid(),
        dry_run=dry_run,
        only_email=only_email or "",
    )
    db.session.add(run)
    db.session.commit()
    job = _Job(period, cutoff, key, run.id, dry_run, limit, after_smtp)
    # An error or a kill leaves finished_at empty: the admin page then says "afgebroken" (runs.py),
    # with the counts committed so far.
    with MailTransport() as transport:
        job.transport = transport
        for batch in recipient_batches(period, only_email, batch_size):
            job.handle(batch, progress)
            if job.summary.stopped:
                break
    job.summary.rendered = job.builder.rendered_count
    job.save_progress(finished=True, stopped=job.summary.stopped)
    db.session.commit()
    return job.summary


class _Job:
    """One run's state: what it built, what it counted, and the SMTP connection it reuses."""

    def __init__(self, period, cutoff, key, run_id, dry_run, limit, after_smtp):
        self.cutoff, self.key, self.run_id = cutoff, key, run_id
        self.dry_run, self.limit, self.after_smtp = dry_run, limit, after_smtp
        self.summary = DigestSummary(period_key=key, dry_run=dry_run, run_id=run_id)
        self.builder = DigestBuilder(period, cutoff)
        self.factory = MessageFactory(current_app.config)
        self.minimum = current_app.config["DIGEST_MIN_ITEMS"]
        self.transport: MailTransport | None = None
        self.tried = 0
        self.connection_failures = 0

    def save_progress(self, *, finished: bool = False, stopped: str = "") -> None:
        """Write the counts so far onto the run (the caller commits, with the deliveries)."""
        summary = self.summary
        values = {
            "sent_count": summary.sent,
            "skipped_count": summary.skipped,
            "failed_count": summary.failed,
            "progress_at": utcnow(),
        }
        if finished:
            values.update(finished_at=values["progress_at"], stopped_reason=stopped[:200])
        db.session.execute(sa.update(DigestRun).where(DigestRun.id == self.run_id).values(values))

    def handle(self, batch: list[Recipient], progress: Callable[[int], None] | None) -> None:
        existing = _deliveries(self.key, [r.key for r in batch])
        new_rows = [self._new_row(r) for r in batch if r.key not in existing]
        if self.dry_run:
            _count_dry_run(self.summary, batch, new_rows, existing)
            if progress:
                progress(len(batch))
            return
        _insert_ignoring_duplicates(new_rows)
        db.session.commit()
        existing = _deliveries(self.key, [r.key for r in batch])
        for recipient in batch:
            self._handle_one(recipient, *existing[recipient.key])
            if progress:
                progress(1)
            if self.summary.stopped:
                break
        self.save_progress()  # the skips of this batch; sends were written as they went
        db.session.commit()

    def _new_row(self, recipient: Recipient) -> dict:
        """A delivery row for a recipient this period has not seen yet: pending, or skipped."""
        row = {
            "recipient_key": recipient.key,
            "subscriber_id": recipient.id if recipient.kind == links.SUBSCRIBER else None,
            "user_id": recipient.id if recipient.kind == links.MEMBER else None,
            "period_key": self.key,
            "run_id": self.run_id,
            "status": DeliveryStatus.SKIPPED,
            "attempts": 0,
            "error": "",
            "question_count": 0,
            "practice_count": 0,
            "waiting_count": 0,
            "created_at": self.cutoff,
        }
        if recipient.member_id is not None:
            row["error"] = COVERED_BY_MEMBER.format(key=f"{links.MEMBER}:{recipient.member_id}")
            return row
        found = self.builder.content(recipient)
        if found.new_count >= self.minimum:
            row["status"] = DeliveryStatus.PENDING
        row["question_count"] = len(found.questions)
        row["practice_count"] = len(found.practices)
        row["waiting_count"] = len(found.waiting)
        return row

    def _handle_one(self, recipient: Recipient, delivery_id, status, tries, row_run) -> None:
        summary = self.summary
        if recipient.member_id is not None and status in CLAIMABLE:
            _skip_covered(delivery_id, self.run_id, recipient.member_id)
            db.session.commit()
            status, row_run = DeliveryStatus.SKIPPED, self.run_id
        if status is DeliveryStatus.SKIPPED and row_run == self.run_id:
            summary.skipped += 1
            if recipient.member_id is not None:
                summary.covered_by_member += 1
                log.info(
                    "Digest %s: %s skipped, %s:%s has the same address and gets its own digest",
                    self.key,
                    recipient.key,
                    links.MEMBER,
                    recipient.member_id,
                )
            return
        if status not in CLAIMABLE or tries >= MAX_ATTEMPTS:
            summary.done_before += 1
            return
        if self.limit is not None and self.tried >= self.limit:
            summary.stopped = f"limiet van {self.limit} bereikt"
            return
        if self.connection_failures >= MAX_CONNECTION_FAILURES:
            summary.stopped = "de mailserver is niet bereikbaar"
            return
        if not _claim(delivery_id, self.run_id, utcnow()):
            db.session.rollback()  # another run claimed it first
            summary.done_before += 1
            return
        db.session.commit()  # claimed before SMTP: from here on a crash means "skip", never "twice"
        self.tried += 1
        error, unreachable = self._deliver(recipient)
        _finish(recipient, delivery_id, self.cutoff, error)
        if error:
            summary.failed += 1
            summary.errors.append(f"{recipient.email}: {error}")
            self.connection_failures = self.connection_failures + 1 if unreachable else 0
        else:
            summary.sent += 1
            self.connection_failures = 0
        self.save_progress()  # in the same commit as the delivery: the page counts what went out
        db.session.commit()

    def _deliver(self, recipient: Recipient) -> tuple[str | None, bool]:
        """Hand one message to SMTP: (error text or None, whether the server was unreachable)."""
        rendered = self.builder.rendered(recipient)
        message = self.factory.build(rendered, recipient.email, recipient.token)
        try:
            self.transport.send(message)
        except (smtplib.SMTPException, OSError) as error:
            log.warning("Digest to %s failed: %s", recipient.email, error)
            return f"{type(error).__name__}: {error}", _is_connection_failure(error)
        if self.after_smtp:
            self.after_smtp(recipient.email)
        return None, False


def _deliveries(key: str, recipient_keys: list[str]) -> dict[str, tuple]:
    rows = db.session.execute(
        sa.select(
            DigestDelivery.recipient_key,
            DigestDelivery.id,
            DigestDelivery.status,
            DigestDelivery.attempts,
            DigestDelivery.run_id,
        ).where(DigestDelivery.period_key == key, DigestDelivery.recipient_key.in_(recipient_keys))
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def _count_dry_run(
    summary: DigestSummary, batch: list[Recipient], new_rows: list[dict], existing: dict
) -> None:
    """What a real run would do now: nothing is written and nothing is sent."""
    covered = {recipient.key for recipient in batch if recipient.member_id is not None}
    for row in new_rows:
        if row["status"] is DeliveryStatus.SKIPPED:
            summary.skipped += 1
            summary.covered_by_member += row["recipient_key"] in covered
        else:
            summary.sent += 1
    for key, (_id, status, tries, _run) in existing.items():
        if status in CLAIMABLE and key in covered:
            summary.skipped += 1
            summary.covered_by_member += 1
        elif status in CLAIMABLE and tries < MAX_ATTEMPTS:
            summary.sent += 1
        else:
            summary.done_before += 1


@dataclass
class Preview:
    """The digest one recipient would get now, for an admin to look at."""

    recipient: Recipient
    period: Frequency
    period_key: str
    since: datetime
    content: DigestContent
    rendered: RenderedDigest
    minimum: int

    @property
    def would_skip(self) -> bool:
        return self.content.new_count < self.minimum


def preview_digest(email: str, period: Frequency, *, now: datetime | None = None) -> Preview | None:
    """Built exactly as the job builds it; the links carry a placeholder instead of a token."""
    recipient = recipient_for_email(email)
    if recipient is None:
        return None
    now = now or utcnow()
    builder = DigestBuilder(period, now)
    return Preview(
        recipient=recipient,
        period=period,
        period_key=period_key(period, now),
        since=recipient.since(period, now),
        content=builder.content(recipient),
        rendered=builder.rendered(recipient),
        minimum=current_app.config["DIGEST_MIN_ITEMS"],
    )


def send_test(actor: User, preview: Preview) -> None:
    """Mail `preview` to the admin themself (after the commit), with the admin's own links."""
    factory = MessageFactory(current_app.config)
    rendered = RenderedDigest(
        subject=f"[Test] {preview.rendered.subject}",
        text=preview.rendered.text,
        html=preview.rendered.html,
    )
    token = links.recipient_token(links.MEMBER, actor.id, actor.email)
    mail.queue(db.session, factory.build(rendered, actor.email, token))
