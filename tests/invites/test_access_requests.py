"""Asking for access without an invitation, and deciding on it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.invites.access_requests import (
    approve_access_request,
    decline_access_request,
    request_access,
)
from community.invites.models import AccessRequest, AccessRequestStatus
from community.invites.queries import open_requests_for
from tests.factories import create_access_request, create_organisation, create_user
from tests.invites.helpers import link_in, row_counts, text_of


def ask(org=None, **fields):
    values = {
        "name": "Fatima Yilmaz",
        "email": "Fatima@Molendrift.nl",
        "organisation": org,
        "organisation_name": "",
        "motivation": "Ik ben net begonnen als gezinsvoogd en zoek collega's om van te leren.",
    }
    return request_access(**{**values, **fields})


def test_someone_without_invitation_asks_for_access(app, org):
    access_request = ask(org)
    assert access_request.email == "fatima@molendrift.nl"
    assert access_request.status is AccessRequestStatus.OPEN
    assert access_request.organisation == org


def test_an_unlisted_organisation_may_be_typed(app):
    access_request = ask(None, organisation_name="Stichting Kompas")
    assert access_request.organisation is None
    assert access_request.organisation_name == "Stichting Kompas"
    with pytest.raises(DomainError, match="Kies je organisatie"):
        ask(None, email="ander@example.nl")


def test_someone_with_an_account_is_sent_to_log_in(app, org):
    create_user(email="fatima@molendrift.nl", organisation=org)
    with pytest.raises(DomainError) as error:
        ask(org)
    assert "al een account" in error.value.message and "Log in" in error.value.message
    assert "nieuw wachtwoord" in error.value.message


def test_one_open_request_per_address(app, org):
    ask(org)
    with pytest.raises(DomainError, match="hebben we al"):
        ask(org, email="FATIMA@molendrift.nl")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"email": "geen adres"}, "email"),
        ({"motivation": "m" * 2001}, "motivation"),
        ({"motivation": " "}, "motivation"),
    ],
)
def test_bad_request_fields_are_named(app, org, fields, field):
    with pytest.raises(DomainError) as error:
        ask(org, **fields)
    assert error.value.field == field


def test_requests_are_seen_by_their_organisations_ambassadors_and_by_moderators(app, org):
    mine = create_access_request(organisation=org)
    other = create_access_request(organisation=create_organisation())
    unknown = create_access_request(organisation=None)
    ambassador = create_user(Role.AMBASSADOR, organisation=org)
    moderator = create_user(Role.MODERATOR, organisation=org)
    member = create_user(Role.PROFESSIONAL, organisation=org)

    def visible(user):
        return list(db.session.scalars(open_requests_for(user)))

    assert visible(ambassador) == [mine]
    assert visible(moderator) == [mine, other, unknown]
    assert visible(member) == []


def test_approving_sends_an_invitation_even_outside_the_domains(app, org, outbox):
    ambassador = create_user(Role.AMBASSADOR, name="Anna Bakker", organisation=org)
    access_request = create_access_request(email="fatima@gmail.com", organisation=org)
    invitation = approve_access_request(ambassador, access_request, Role.AMBASSADOR)
    db.session.commit()
    assert access_request.status is AccessRequestStatus.APPROVED
    assert access_request.invitation_id == invitation.id
    assert access_request.decided_by_id == ambassador.id and access_request.decided_at
    assert (invitation.email, invitation.role, invitation.organisation) == (
        "fatima@gmail.com",
        Role.AMBASSADOR,
        org,
    )
    (mail,) = outbox()
    assert mail["To"] == "fatima@gmail.com"
    assert "goedgekeurd" in mail["Subject"] and "goedgekeurd" in text_of(mail)
    assert "/uitnodiging/" in link_in(mail)


def test_a_request_without_organisation_needs_one_chosen(app, org):
    moderator = create_user(Role.MODERATOR)
    access_request = create_access_request(organisation=None, organisation_name="Stichting Kompas")
    with pytest.raises(DomainError) as error:
        approve_access_request(moderator, access_request)
    assert error.value.field == "organisation"
    invitation = approve_access_request(moderator, access_request, organisation=org)
    assert invitation.organisation == org and access_request.organisation == org


def test_declining_sends_a_polite_mail_with_the_reason(app, org, outbox):
    moderator = create_user(Role.MODERATOR)
    access_request = create_access_request(
        name="Piet Jansen", email="piet@example.nl", organisation=org
    )
    decline_access_request(moderator, access_request, "We konden je niet vinden bij Molendrift.")
    db.session.commit()
    assert access_request.status is AccessRequestStatus.DECLINED
    (mail,) = outbox()
    text = text_of(mail)
    assert mail["To"] == "piet@example.nl"
    assert text.startswith("Beste Piet Jansen,")
    assert "helaas" in text and "> We konden je niet vinden bij Molendrift." in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessRequest)) == 1


def test_only_someone_who_sees_a_request_decides_on_it(app, org):
    access_request = create_access_request(organisation=org)
    elsewhere = create_user(Role.AMBASSADOR, organisation=create_organisation())
    with pytest.raises(NotAllowed):
        approve_access_request(elsewhere, access_request)
    with pytest.raises(NotAllowed):
        decline_access_request(elsewhere, access_request)
    unknown = create_access_request(organisation=None)
    with pytest.raises(NotAllowed):
        decline_access_request(create_user(Role.AMBASSADOR, organisation=org), unknown)


def test_a_decided_request_is_not_decided_again(app, org, outbox):
    moderator = create_user(Role.MODERATOR)
    access_request = create_access_request(organisation=org)
    decline_access_request(moderator, access_request)
    db.session.commit()
    before = row_counts()
    with pytest.raises(DomainError, match="al beslist"):
        approve_access_request(moderator, access_request)
    db.session.rollback()
    assert row_counts() == before and len(outbox()) == 1
