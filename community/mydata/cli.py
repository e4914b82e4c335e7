"""`flask privacy purge` (daily, from cron) and `flask privacy delete-member` (on request)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from community.accounts.services import user_by_email
from community.errors import DomainError
from community.extensions import db
from community.mydata import services
from community.mydata.purge import RULES

cli = AppGroup("privacy", help="Privacy (AVG): bewaartermijnen en verwijderen.")


@cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Alleen tellen: niets verwijderen.")
def purge(dry_run: bool) -> None:
    """Verwijder wat volgens de privacyverklaring niet langer bewaard wordt.

    Veilig om vaker te draaien; bedoeld voor cron, één keer per dag.
    """
    steps = len(RULES) + 1  # and the outbox folder
    seen = [0]

    def progress(label: str, count: int) -> None:
        seen[0] += 1
        click.echo(f"[{seen[0]}/{steps}] {label}: {count}")

    report = services.purge_expired(dry_run=dry_run, progress=progress)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    click.echo(("Proefdraaien, niets verwijderd. " if dry_run else "") + report.summary())


@cli.command("delete-member")
@click.argument("email")
@click.option("--remove-content", is_flag=True, help="Ook hun berichten en reacties verwijderen.")
@click.confirmation_option(prompt="Het account wordt definitief geanonimiseerd. Doorgaan?")
def delete_member(email: str, remove_content: bool) -> None:
    """Verwijder het account van een lid dat daarom vroeg (bijvoorbeeld per mail)."""
    user = user_by_email(email)
    if user is None:
        raise click.ClickException(f"Er is geen lid met het e-mailadres {email}.")
    try:
        report = services.delete_member_account(user, remove_content=remove_content)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(
        f"Account verwijderd. Blijven staan: {report.posts_kept} berichten en "
        f"{report.replies_kept} reacties; verwijderd: {report.posts_removed} berichten en "
        f"{report.replies_removed} reacties."
    )
