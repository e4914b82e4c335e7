"""`flask support sweep`: from cron, escalate requests nobody took and nudge quiet ones."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from community.extensions import db
from community.support import services

cli = click.Group("support", help="Hulpvragen: escaleren en herinneren.")


@cli.command("sweep")
@with_appcontext
def sweep() -> None:
    """Alert moderators about requests without a helper after 3 days; remind after 14 quiet days."""
    result = services.escalate_and_remind()
    db.session.commit()
    click.echo(f"{result.escalated} escalated to moderators, {result.reminded} reminded")
