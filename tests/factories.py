"""Plain builders for test data: each returns a flushed model with sensible defaults."""

from __future__ import annotations

import itertools

from community.accounts.models import Role, User
from community.accounts.services import hash_password
from community.extensions import db
from community.organisations.models import Organisation, OrganisationKind

PASSWORD = "wachtwoord-voor-tests"
_seq = itertools.count(1)


def create_organisation(name: str | None = None, **fields) -> Organisation:
    n = next(_seq)
    name = name or f"Jeugdhulp Regio {n}"
    org = Organisation(
        name=name,
        slug=fields.pop("slug", f"org-{n}"),
        kind=fields.pop("kind", OrganisationKind.YOUTH_CARE_PROVIDER),
        region=fields.pop("region", "Utrecht"),
        **fields,
    )
    if "email_domains_text" not in fields:
        org.email_domains = [f"org{n}.example.nl"]
    db.session.add(org)
    db.session.flush()
    return org


def create_user(
    role: Role = Role.PROFESSIONAL,
    *,
    email: str | None = None,
    name: str | None = None,
    organisation: Organisation | None = None,
    password: str = PASSWORD,
    **fields,
) -> User:
    n = next(_seq)
    if organisation is None:
        organisation = create_organisation()
    user = User(
        email=(email or f"{role.value}{n}@{(organisation.email_domains or ['example.nl'])[0]}").lower(),
        name=name or f"{role.label} {n}",
        password_hash=hash_password(password),
        role=role,
        organisation=organisation,
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user
