"""`flask users ...`: account chores for whoever runs the server."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from community.accounts import services
from community.errors import DomainError
from community.extensions import db

cli = AppGroup("users", help="Accounts beheren.")


@cli.command("create-admin")
@click.argument("email")
@click.option("--name", help="Naam van de beheerder (bij een nieuw account).")
@click.option(
    "--password",
    help="Wachtwoord; zonder deze optie wordt ernaar gevraagd. "
    "Bij een bestaand account blijft het wachtwoord dan ongewijzigd.",
)
def create_admin(email: str, name: str | None, password: str | None) -> None:
    """Maak een beheerder aan, of maak een bestaand lid beheerder."""
    exists = services.user_by_email(email) is not None
    if password is None and not exists:
        password = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Nog een keer")
    try:
        user, created = services.create_admin(email, name=name, password=password)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    if created:
        click.echo(f"Beheerder {user.email} aangemaakt.")
    else:
        click.echo(f"{user.email} is nu beheerder.")
