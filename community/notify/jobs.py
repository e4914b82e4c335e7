"""The notify jobs on the queue (community.jobs) and their bodies: each body opens its own
transaction, calls the service and commits, so mail leaves after that commit (community.mail).

- `fan_out_job(post_id)`: enqueue after the commit that published a post (never in the request:
  a theme with thousands of followers must not slow down asking a question).
- `deliver_due_job()`: every minute. It also fans out posts whose after-commit job was lost.
Both are idempotent: a retried job finds the fan-out mark and the items marked sent.
"""

from __future__ import annotations

from datetime import datetime

from community import jobs
from community.clock import utcnow
from community.extensions import db
from community.notify import services


def fan_out_job(post_id: int, now: datetime | None = None) -> int:
    try:
        told = services.fan_out(post_id, now or utcnow())
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return told


def deliver_due_job(now: datetime | None = None) -> services.Delivered:
    """Rounds of `services.BATCH` members, one commit (and so one send) per round."""
    now = now or utcnow()
    total = services.Delivered()
    while True:
        try:
            done = services.deliver_due(now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        total.fanned_out += done.fanned_out
        total.direct += done.direct
        total.daily += done.daily
        if not (done.mails or done.fanned_out):
            return total


# On the queue -------------------------------------------------------------------------------------


@jobs.task(retries=3, retry_delay=60)
def fan_out(post_id: int) -> None:
    """Enqueued after the commit that published the post."""
    fan_out_job(post_id)


@jobs.periodic(minute="*")
def deliver_round() -> None:
    """Every minute: what is due (bundles, the morning after the night, daily summaries), and
    the fan-out of any post whose job was lost."""
    deliver_due_job()


def after_publish(session, post_id: int) -> None:
    """Fan out this post once the session's transaction commits (never for a rollback); if that
    job is lost, the every-minute round finds the post without a fan-out mark."""
    jobs.after_commit(session, fan_out, post_id)
