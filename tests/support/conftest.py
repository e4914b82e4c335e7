"""Fixtures for support requests: themes, an organisation and a few ambassadors who think along."""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from community.extensions import db
from community.support import services
from tests.factories import create_organisation, create_theme, create_user


@pytest.fixture
def themes(app):
    made = {
        slug: create_theme(name, slug=slug)
        for slug, name in (
            ("inwerken", "Inwerken"),
            ("behouden", "Behouden"),
            ("mentorschap", "Mentorschap en begeleiding"),
        )
    }
    db.session.commit()
    return made


@pytest.fixture
def asker_org(app):
    org = create_organisation("Jeugdhulp De Linde", region="Gelderland")
    db.session.commit()
    return org


def make_helper(name, email, themes, region, *, organisation=None, per_month=3):
    user = create_user(
        Role.AMBASSADOR,
        name=name,
        email=email,
        organisation=organisation or create_organisation(f"Organisatie van {name}"),
    )
    services.set_sparring_offer(user, True, [t.id for t in themes], region, per_month)
    db.session.commit()
    return user
