"""The organisation and ambassador most invitation tests start from: Anna Bakker at Molendrift."""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from community.extensions import db
from tests.factories import create_organisation, create_user


@pytest.fixture
def org():
    return create_organisation("Molendrift", email_domains_text="molendrift.nl")


@pytest.fixture
def ambassador(org):
    user = create_user(
        Role.AMBASSADOR, email="anna@molendrift.nl", name="Anna Bakker", organisation=org
    )
    db.session.commit()
    return user
