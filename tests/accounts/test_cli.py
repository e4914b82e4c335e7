"""`flask users create-admin`: the first admin of a fresh install, from the command line."""

from __future__ import annotations

import pytest

from community.accounts import services
from community.accounts.models import Role
from community.errors import DomainError
from community.extensions import db
from tests.factories import PASSWORD, create_user

ADMIN_PASSWORD = "beheer-wachtwoord-123"


def test_create_admin_with_password_option(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "Beheer@Example.nl",
            "--name",
            "Anna",
            "--password",
            ADMIN_PASSWORD,
        ]
    )
    assert result.exit_code == 0, result.output
    assert "aangemaakt" in result.output
    admin = services.authenticate("beheer@example.nl", ADMIN_PASSWORD)
    assert admin is not None and admin.role is Role.ADMIN and admin.name == "Anna"


def test_create_admin_prompts_for_password_twice(app, runner):
    result = runner.invoke(
        args=["users", "create-admin", "beheer@example.nl"],
        input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Nog een keer" in result.output
    assert services.authenticate("beheer@example.nl", ADMIN_PASSWORD).is_admin


def test_create_admin_promotes_an_existing_member_and_keeps_their_password(app, runner):
    member = create_user(email="lid@example.nl", is_active=False)
    db.session.commit()
    result = runner.invoke(args=["users", "create-admin", "lid@example.nl"])
    assert result.exit_code == 0, result.output
    assert "is nu beheerder" in result.output
    assert member.role is Role.ADMIN and member.is_active
    assert services.authenticate("lid@example.nl", PASSWORD) is member


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["geen-adres", "--password", ADMIN_PASSWORD], "geen geldig e-mailadres"),
        (["kort@example.nl", "--password", "kort"], "minstens 10 tekens"),
    ],
)
def test_create_admin_refuses_bad_input_in_dutch_and_creates_nothing(app, runner, args, message):
    result = runner.invoke(args=["users", "create-admin", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert services.user_by_email(args[0]) is None


def test_create_admin_service_creates_then_promotes(app):
    user, created = services.create_admin("nieuw@example.nl", password=ADMIN_PASSWORD)
    assert created and user.role is Role.ADMIN and user.name == "nieuw"
    member = create_user(email="bestaand@example.nl")
    same, created = services.create_admin("BESTAAND@example.nl")
    assert same is member and not created and member.is_admin
    with pytest.raises(DomainError, match="wachtwoord"):
        services.create_admin("zonder@example.nl")
