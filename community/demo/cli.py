"""`flask demo seed`: fill an empty Community with demo organisations and people, once."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from community import database
from community.demo.services import SeedReport, seed_demo
from community.errors import DomainError
from community.extensions import db
from community.formatting import plural

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
    # A freshly filled database gets its planner statistics now, not at the first nightly run.
    database.refresh_statistics(db.session)
    db.session.commit()
    click.echo(describe(report, site_url))


def describe(report: SeedReport, site_url: str) -> str:
    if report.added_anything:
        lines = [f"Demodata toegevoegd / demo data added: {added(report)}."]
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


def added(report: SeedReport) -> str:
    """'12 goede voorbeelden, 21 vragen, 32 antwoorden, …': only what was added."""
    counts = [
        (len(report.organisations), "organisatie", "organisaties"),
        (len(report.people), "persoon", "mensen"),
        (report.invitations, "uitnodiging", "uitnodigingen"),
        (report.themes, "thema", "thema's"),
        (report.practices, "goed voorbeeld", "goede voorbeelden"),
        (report.questions, "vraag", "vragen"),
        (report.answers, "antwoord", "antwoorden"),
        (report.accepted, "geaccepteerd antwoord", "geaccepteerde antwoorden"),
        (report.reactions, "reactie op een goed voorbeeld", "reacties op goede voorbeelden"),
        (report.useful_votes, "keer 'nuttig'", "keer 'nuttig'"),
        (report.follows, "keer volgen door leden", "keer volgen door leden"),
        (report.followers, "volger zonder account", "volgers zonder account"),
        (report.sparring_offers, "ambassadeur die meedenkt", "ambassadeurs die meedenken"),
    ]
    return ", ".join(plural(count, one, many) for count, one, many in counts if count)
