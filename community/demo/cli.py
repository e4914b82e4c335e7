"""`flask demo seed`: fill an empty Community with demo organisations and people, once."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from community.demo.services import SeedReport, seed_demo
from community.errors import DomainError
from community.extensions import db

cli = AppGroup("demo", help="Demo data for trying the site locally.")


@cli.command("seed")
@click.option(
    "--force",
    is_flag=True,
    help="Seed even when SITE_URL is https (demo accounts share one known password).",
)
def seed(force: bool) -> None:
    """Add the demo organisations and people (idempotent) and print the demo logins."""
    site_url = current_app.config["SITE_URL"]
    if site_url.startswith("https://") and not force:
        raise click.ClickException(
            f"SITE_URL is {site_url}: this looks like a public site, and demo accounts share one "
            "known password. Not seeding; use --force if you really mean it."
        )
    try:
        report = seed_demo()
    except DomainError as error:  # e.g. a DEMO_PASSWORD that breaks the password rules
        db.session.rollback()
        raise click.ClickException(f"DEMO_PASSWORD: {error.message}") from error
    db.session.commit()
    click.echo(describe(report, site_url))


def describe(report: SeedReport, site_url: str) -> str:
    if report.added_anything:
        lines = [
            "Demodata toegevoegd / demo data added: "
            f"{len(report.organisations)} organisaties/organisations, "
            f"{len(report.people)} mensen/people, "
            f"{report.invitations} uitnodigingen/invitations."
        ]
    else:
        lines = ["Demodata was er al, niets toegevoegd / demo data already present, nothing added."]
    if report.logins:
        lines += ["", f"Demo-logins / demo logins ({site_url}/inloggen):"]
        width = max(len(login.email) for login in report.logins)
        for login in report.logins:
            label = f"{login.role.label} ({login.role.value})"
            password = (
                f"wachtwoord/password: {login.password}"
                if login.password
                else "demo-wachtwoord werkt niet meer / demo password no longer works"
            )
            lines.append(f"  {label:<26} e-mail: {login.email:<{width}}  {password}")
    return "\n".join(lines)
