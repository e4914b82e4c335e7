"""`flask alerts remind`: from cron, one reminder about what waits over 48 hours."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from community.alerts import services
from community.extensions import db

cli = click.Group("alerts", help="Meldingen voor wie moet handelen: herinneringen.")


@cli.command("remind")
@click.option("--now", "now_text", help="ISO time to act as now (for tests and catch-up runs).")
@with_appcontext
def remind(now_text: str | None) -> None:
    """Remind deciders once about access requests and reports waiting over 48 hours."""
    now = None
    if now_text:
        now = datetime.fromisoformat(now_text)
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    sent = services.remind(now)
    db.session.commit()
    click.echo(f"{sent} reminder(s) sent")
