"""`flask notify deliver`: the every-minute run without a job queue (cron), and a manual fan-out."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from community.extensions import db
from community.notify import jobs

cli = click.Group("notify", help="Meldingen over wat je volgt: verspreiden en versturen.")


def _now(text: str | None) -> datetime | None:
    if not text:
        return None
    now = datetime.fromisoformat(text)
    return now if now.tzinfo else now.replace(tzinfo=UTC)


@cli.command("deliver")
@click.option("--now", "now_text", help="ISO time to act as now (for tests and catch-up runs).")
@with_appcontext
def deliver(now_text: str | None) -> None:
    """Fan out posts whose job was lost, then send every mail that is due."""
    total = jobs.deliver_due_job(_now(now_text))
    click.echo(
        f"{total.fanned_out} post(s) fanned out, {total.direct} direct and "
        f"{total.daily} daily mail(s) sent"
    )


@cli.command("fan-out")
@click.argument("post_id", type=int)
@click.option("--now", "now_text", help="ISO time to act as now.")
@with_appcontext
def fan_out(post_id: int, now_text: str | None) -> None:
    """Tell the followers of one post (does nothing when they were told already)."""
    told = jobs.fan_out_job(post_id, _now(now_text))
    db.session.remove()
    click.echo(f"{told} member(s) told")
