"""The job bodies the job queue runs (the lead wires them to Huey): each opens its own
transaction, calls the service and commits, so mail leaves after that commit (community.mail).

- `fan_out_job(post_id)`: enqueue after the commit that published a post (never in the request:
  a theme with thousands of followers must not slow down asking a question).
- `deliver_due_job()`: every minute. It also fans out posts whose after-commit job was lost.
Both are idempotent: a retried job finds the fan-out mark and the items marked sent.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

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


# After the commit ---------------------------------------------------------------------------------

PUBLISHED_KEY = "notify_published_posts"
ENQUEUE = "notify_enqueue_fan_out"


def after_publish(session, post_id: int) -> None:
    """Fan out this post once the session's transaction commits (never for a rollback).

    The request only records the id. After the commit, `app.extensions["notify_enqueue_fan_out"]`
    (set by the job queue: enqueue `fan_out_job(post_id)`) gets it; without one, the every-minute
    `deliver_due` finds the post without a fan-out mark and tells its followers then.
    """
    session.info.setdefault(PUBLISHED_KEY, []).append(post_id)


def _enqueue_published(session) -> None:
    if session.in_nested_transaction():
        return
    post_ids = session.info.pop(PUBLISHED_KEY, [])
    enqueue = current_app.extensions.get(ENQUEUE) if post_ids else None
    for post_id in post_ids if enqueue else ():
        enqueue(post_id)


def _forget_published(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(PUBLISHED_KEY, None)


event.listen(Session, "after_commit", _enqueue_published)
event.listen(Session, "after_transaction_end", _forget_published)
