"""The periodic chores, run by the worker's scheduler (Amsterdam time) instead of cron lines.

Each calls the same service as its CLI command (which stays for manual runs) and commits through
the job runner. `flask search sync` is not here: each web host keeps its own search index copy,
and a queue job runs on whichever worker takes it, so that safety net stays a per-host cron line.
"""

from __future__ import annotations

import logging

from community import jobs

log = logging.getLogger(__name__)


def _digest(period: str) -> None:
    from community.digest import sending
    from community.digest.models import Frequency

    summary = sending.send_digest(Frequency(period))
    log.info(
        "Digest %s: sent %s, failed %s, done before %s%s",
        summary.period_key,
        summary.sent,
        summary.failed,
        summary.done_before,
        f", stopped: {summary.stopped}" if summary.stopped else "",
    )


# Each period once at 07:00 and twice more that morning: a rerun only retries failed mails and
# never sends anyone a digest twice (docs/digest.md).
@jobs.periodic(minute="0", hour="7", day_of_week="1")
def digest_weekly() -> None:
    _digest("weekly")


@jobs.periodic(minute="30", hour="8,11", day_of_week="1")
def digest_weekly_rerun() -> None:
    _digest("weekly")


@jobs.periodic(minute="0", hour="7")
def digest_daily() -> None:
    _digest("daily")


@jobs.periodic(minute="30", hour="8,11")
def digest_daily_rerun() -> None:
    _digest("daily")


@jobs.periodic(minute="*/15")
def invites_retry() -> None:
    """Invitations whose mail was given up on get a fresh link and go out again."""
    from community.invites import services

    unsent = services.retry_unsent()
    if unsent:
        log.info("Invitations queued again: %s", len(unsent))


@jobs.periodic(minute="45", hour="4")
def privacy_purge() -> None:
    from community.mydata import services

    report = services.purge_expired(dry_run=False, progress=lambda _label, _count: None)
    log.info("Privacy purge: %s", report.summary())


# 03:20 Amsterdam: no other chore runs in that hour and hardly anyone is online (ANALYZE holds the
# write lock for some 30 ms at 100,000 posts).
@jobs.periodic(minute="20", hour="3")
def refresh_statistics() -> None:
    """SQLite's planner statistics follow the content's growth (community/database.py)."""
    from community import database
    from community.extensions import db

    database.refresh_statistics(db.session)


@jobs.periodic(minute="0", hour="8")
def support_sweep() -> None:
    from community.support import services

    result = services.escalate_and_remind()
    log.info("Support sweep: %s escalated, %s reminded", result.escalated, result.reminded)


@jobs.periodic(minute="0", hour="9")
def alerts_remind() -> None:
    from community.alerts import services

    log.info("Alerts: %s reminder(s) sent", services.remind(None))
