"""Organisations without HTTP: creating and editing them, and the counts their pages show.

Counts are computed in SQL, so a page never loads every member of an organisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.organisations.models import Organisation, OrganisationKind

NAME_MAX, REGION_MAX, WEBSITE_MAX, DOMAINS_MAX = 150, 100, 300, 500
# Who counts as an organisation's ambassador: a higher role may do all a lower one may.
AMBASSADOR_ROLES = [role for role in Role if role >= Role.AMBASSADOR]
DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass
class OrganisationData:
    """What an admin fills in; the form hands this to the services."""

    name: str
    kind: OrganisationKind
    region: str = ""
    website: str = ""
    email_domains: str = ""


def slugify(text: str) -> str:
    """'Raad voor de Kinderbescherming' -> 'raad-voor-de-kinderbescherming'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:150] or "organisatie"


def unique_slug(name: str) -> str:
    base = slugify(name)
    taken = set(
        db.session.scalars(
            sa.select(Organisation.slug).where(
                sa.or_(Organisation.slug == base, Organisation.slug.like(f"{base}-%"))
            )
        )
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def clean_website(website: str) -> str:
    """Only http(s) links: a javascript: or data: URL must never become a link on our pages."""
    website = website.strip()
    if not website:
        return ""
    if "://" not in website and not website.lower().startswith(("javascript:", "data:")):
        website = "https://" + website
    try:
        parts = urlsplit(website)
        hostname = parts.hostname  # raises on a bracket that opens no IPv6 address
    except ValueError:
        hostname = None
    if hostname is None or parts.scheme.lower() not in ("http", "https") or " " in website:
        raise DomainError(
            "Vul een webadres in dat begint met http:// of https://.", field="website"
        )
    if len(website) > WEBSITE_MAX:
        raise DomainError(f"Het webadres mag hoogstens {WEBSITE_MAX} tekens zijn.", field="website")
    return website


def parse_domains(text: str) -> list[str]:
    """'molendrift.nl, @jeugdzorg.nl' -> ['jeugdzorg.nl', 'molendrift.nl']."""
    domains = sorted(
        {d.strip().lower().lstrip("@") for d in re.split(r"[\s,;]+", text) if d.strip()}
    )
    for domain in domains:
        if not DOMAIN_RE.match(domain):
            raise DomainError(
                f"'{domain[:60]}' is geen geldig domein. Schrijf het zoals 'molendrift.nl'.",
                field="email_domains",
            )
    if len(" ".join(domains)) > DOMAINS_MAX:
        raise DomainError("Dat zijn te veel domeinen voor één organisatie.", field="email_domains")
    return domains


def _apply(organisation: Organisation, data: OrganisationData) -> None:
    name = " ".join(data.name.split())
    if not name:
        raise DomainError("Vul de naam van de organisatie in.", field="name")
    if len(name) > NAME_MAX:
        raise DomainError(f"De naam mag hoogstens {NAME_MAX} tekens zijn.", field="name")
    same_name = sa.select(Organisation.id).where(sa.func.lower(Organisation.name) == name.lower())
    if organisation.id is not None:
        same_name = same_name.where(Organisation.id != organisation.id)
    if db.session.scalar(same_name) is not None:
        raise DomainError("Er is al een organisatie met deze naam.", field="name")
    region = data.region.strip()
    if len(region) > REGION_MAX:
        raise DomainError(f"De regio mag hoogstens {REGION_MAX} tekens zijn.", field="region")
    website = clean_website(data.website)
    domains = parse_domains(data.email_domains)
    organisation.name = name
    organisation.kind = data.kind
    organisation.region = region
    organisation.website = website
    organisation.email_domains = domains


def _require_admin(actor: User) -> None:
    if not actor.is_admin:
        raise NotAllowed("Alleen beheerders kunnen organisaties aanmaken en aanpassen.")


def create_organisation(actor: User, data: OrganisationData) -> Organisation:
    _require_admin(actor)
    organisation = Organisation()
    _apply(organisation, data)
    organisation.slug = unique_slug(organisation.name)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def update_organisation(actor: User, organisation: Organisation, data: OrganisationData) -> None:
    """The slug stays as it was, so links that were shared keep working after a rename."""
    _require_admin(actor)
    _apply(organisation, data)
    db.session.flush()


# --- Queries for the pages --------------------------------------------------------------------


def _member_count():
    return (
        sa.select(sa.func.count(User.id))
        .where(User.organisation_id == Organisation.id, User.is_active.is_(True))
        .correlate(Organisation)
        .scalar_subquery()
    )


def _ambassador_count():
    return (
        sa.select(sa.func.count(User.id))
        .where(
            User.organisation_id == Organisation.id,
            User.is_active.is_(True),
            User.role.in_(AMBASSADOR_ROLES),
        )
        .correlate(Organisation)
        .scalar_subquery()
    )


def organisations_with_counts() -> sa.Select:
    """Rows of (Organisation, members, ambassadors), by name."""
    return sa.select(
        Organisation,
        _member_count().label("members"),
        _ambassador_count().label("ambassadors"),
    ).order_by(Organisation.name)


def member_count(organisation: Organisation) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(User.id)).where(
            User.organisation_id == organisation.id, User.is_active.is_(True)
        )
    )


def ambassadors_of(organisation: Organisation) -> sa.Select:
    """Active members of the organisation who may invite colleagues, by name."""
    return (
        sa.select(User)
        .where(
            User.organisation_id == organisation.id,
            User.is_active.is_(True),
            User.role.in_(AMBASSADOR_ROLES),
        )
        .order_by(User.name)
    )
