"""`flask digest send`: the newsletter job for cron or a systemd timer (see docs/digest.md)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from community.digest import recipients, sending
from community.digest.models import Frequency

cli = AppGroup("digest", help="De nieuwsbrief versturen.")


@cli.command("send")
@click.option(
    "--period",
    type=click.Choice([f.value for f in Frequency]),
    required=True,
    help="Welke nieuwsbrief: weekly (wekelijks) of daily (dagelijks).",
)
@click.option("--dry-run", is_flag=True, help="Alleen tellen: niets versturen, niets vastleggen.")
@click.option("--to", "only_email", metavar="EMAIL", help="Alleen voor deze ontvanger.")
@click.option("--limit", type=click.IntRange(min=1), help="Hoogstens zoveel mails in deze run.")
def send(period: str, dry_run: bool, only_email: str | None, limit: int | None) -> None:
    """Verstuur de nieuwsbrief aan iedereen die hem deze periode nog niet kreeg.

    Veilig om vaker te draaien: niemand krijgt dezelfde nieuwsbrief twee keer, en mails die
    mislukten worden opnieuw geprobeerd (hoogstens 5 keer).
    """
    frequency = Frequency(period)
    total = recipients.count_recipients(frequency, only_email)
    with click.progressbar(length=total, label="Nieuwsbrief", show_pos=True) as bar:
        summary = sending.send_digest(
            frequency, dry_run=dry_run, only_email=only_email, limit=limit, progress=bar.update
        )
    prefix = "Proefdraaien (niets verstuurd): " if dry_run else ""
    skipped = f"overgeslagen {summary.skipped}"
    if summary.covered_by_member:
        # Followers whose address is also a member's: the member's digest reaches them.
        n = summary.covered_by_member
        who = "volger die ook lid is" if n == 1 else "volgers die ook lid zijn"
        skipped += f" (waarvan {n} {who})"
    click.echo(
        f"{prefix}{summary.period_key}: verstuurd {summary.sent}, {skipped}, "
        f"mislukt {summary.failed}, al eerder gedaan {summary.done_before}."
    )
    for error in summary.errors[:20]:
        click.echo(f"  mislukt: {error}", err=True)
    if summary.stopped:
        click.echo(f"Gestopt: {summary.stopped}. De volgende run gaat verder.", err=True)
    if summary.failed or summary.stopped:
        raise SystemExit(1)
