"""`flask invites retry`: send invitations again whose mail the server did not take (cron)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from community import jobs
from community.extensions import db
from community.invites import services

cli = AppGroup("invites", help="Uitnodigingen.")


@cli.command("retry")
def retry() -> None:
    """Verstuur uitnodigingen opnieuw die de mailserver eerder niet aannam.

    Elke poging krijgt een nieuwe link. De exitcode is 1 als er nog iets niet verstuurd is, zodat
    cron je mailt.
    """
    with jobs.inline():  # deliver here, at the commit, so the counts below are the truth
        unsent = services.retry_unsent()
        db.session.commit()  # the mails leave now; a last failure marks its invitation again
    still = [invitation.email for invitation in unsent if invitation.mail_failed]
    sent = len(unsent) - len(still)
    click.echo(f"Uitnodigingen: opnieuw verstuurd {sent}, nog niet verstuurd {len(still)}.")
    for email in still:
        click.echo(f"  niet verstuurd: {email}", err=True)
    if still:
        raise SystemExit(1)
