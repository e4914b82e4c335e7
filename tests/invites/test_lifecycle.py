"""An invitation's life: accepted once, refused when used, expired or revoked, resent, revoked."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from community import tokens
from community.accounts.models import Role, User
from community.accounts.services import authenticate
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.invites.acceptance import InvitationUnusable, accept_invitation
from community.invites.models import InvitationStatus
from community.invites.services import resend_invitation, revoke_invitation
from tests.factories import create_invitation, create_organisation, create_user
from tests.invites.helpers import link_in, row_counts

NEW_PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def ambassador():
    org = create_organisation("Jeugdbescherming west", email_domains_text="jbwest.nl")
    return create_user(Role.AMBASSADOR, email="sam@jbwest.nl", name="Sam Visser", organisation=org)


def accept(token: str, **kwargs) -> User:
    fields = {"name": "Noor El Amrani", "password": NEW_PASSWORD, "job_title": "Jeugdzorgwerker"}
    return accept_invitation(token, **{**fields, **kwargs})


def test_accepting_creates_the_account_with_role_organisation_and_inviter(app, ambassador):
    invitation, token = create_invitation(ambassador, email="noor@jbwest.nl", role=Role.AMBASSADOR)
    user = accept(token)
    db.session.commit()
    assert (user.email, user.name, user.job_title) == (
        "noor@jbwest.nl",
        "Noor El Amrani",
        "Jeugdzorgwerker",
    )
    assert user.role is Role.AMBASSADOR
    assert user.organisation == ambassador.organisation
    assert user.invited_by_id == ambassador.id
    assert invitation.accepted_at is not None and invitation.accepted_user_id == user.id
    assert invitation.status() is InvitationStatus.ACCEPTED
    assert authenticate("noor@jbwest.nl", NEW_PASSWORD) == user


def test_a_used_invitation_cannot_be_used_again(app, ambassador):
    _, token = create_invitation(ambassador)
    accept(token)
    db.session.commit()
    before = row_counts()
    with pytest.raises(InvitationUnusable) as error:
        accept(token, name="Iemand Anders")
    assert error.value.message == "Deze uitnodiging is al gebruikt. Log in met je account."
    assert error.value.reason == "used"
    db.session.rollback()
    assert row_counts() == before


def test_an_expired_invitation_asks_for_a_new_one(app, ambassador):
    invitation, token = create_invitation(ambassador)
    db.session.commit()
    with pytest.raises(InvitationUnusable) as error:
        accept(token, now=invitation.expires_at + timedelta(seconds=1))
    assert error.value.reason == "expired"
    assert "verlopen" in error.value.message and "Vraag Sam Visser" in error.value.message
    # One second earlier it still works.
    assert accept(token, now=invitation.expires_at - timedelta(seconds=1))


def test_a_revoked_invitation_cannot_be_accepted(app, ambassador):
    invitation, token = create_invitation(ambassador)
    revoke_invitation(ambassador, invitation)
    db.session.commit()
    with pytest.raises(InvitationUnusable) as error:
        accept(token)
    assert error.value.reason == "revoked" and "ingetrokken" in error.value.message
    assert invitation.status() is InvitationStatus.REVOKED


def test_an_unknown_token_is_explained(app):
    with pytest.raises(InvitationUnusable) as error:
        accept("dit-bestaat-niet")
    assert error.value.reason == "unknown"
    assert "link niet helemaal meegekomen" in error.value.message


def test_someone_who_already_has_an_account_is_sent_to_log_in(app, ambassador):
    invitation, token = create_invitation(ambassador, email="dubbel@jbwest.nl")
    create_user(email="dubbel@jbwest.nl", organisation=ambassador.organisation)
    with pytest.raises(InvitationUnusable) as error:
        accept(token)
    assert error.value.reason == "has_account" and "Log in" in error.value.message
    assert invitation.accepted_at is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"password": "kort"}, "password"),
        ({"name": "   "}, "name"),
        ({"name": "N" * 121}, "name"),
        ({"job_title": "J" * 121}, "job_title"),
    ],
)
def test_bad_account_details_leave_the_invitation_open(app, ambassador, fields, field):
    invitation, token = create_invitation(ambassador)
    db.session.commit()
    before = row_counts()
    with pytest.raises(DomainError) as error:
        accept(token, **fields)
    assert error.value.field == field
    db.session.rollback()
    assert row_counts() == before
    assert invitation.status() is InvitationStatus.OPEN


def test_two_clicks_at_the_same_moment_make_exactly_one_account(app, ambassador):
    """Two workers redeem one token at once: the conditional UPDATE lets exactly one win."""
    _, token = create_invitation(ambassador, email="tegelijk@jbwest.nl")
    db.session.commit()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click(name: str) -> None:
        with app.app_context():
            barrier.wait()
            try:
                accept(token, name=name)
                db.session.commit()
                outcomes.append("account")
            except DomainError as error:
                db.session.rollback()
                outcomes.append(error.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click, args=(n,)) for n in ("Eerste klik", "Tweede klik")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted(
        ["account", "Deze uitnodiging is al gebruikt. Log in met je account."]
    )
    users = db.session.scalars(sa.select(User).where(User.email == "tegelijk@jbwest.nl")).all()
    assert len(users) == 1 and users[0].invited_by_id == ambassador.id


def test_the_conditional_update_decides_when_both_clicks_passed_the_checks(app, ambassador):
    """Force the worst interleaving: the other click wins right before our UPDATE runs.

    On SQLite this interleaving cannot happen (BEGIN IMMEDIATE serialises the whole
    transaction), so the test needs PostgreSQL, where both clicks may read concurrently.
    """
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE; needs PostgreSQL")
    _, token = create_invitation(ambassador, email="race@jbwest.nl")
    db.session.commit()
    raced: list[str] = []

    def other_click() -> None:
        with app.app_context():
            accept(token, name="Snelle klik")
            db.session.commit()
            db.session.remove()

    def before_update(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("UPDATE invitations SET accepted_at") and not raced:
            raced.append(statement)
            thread = threading.Thread(target=other_click)
            thread.start()
            thread.join(timeout=30)

    sa.event.listen(db.engine, "before_cursor_execute", before_update)
    try:
        with pytest.raises(InvitationUnusable) as error:
            accept(token, name="Trage klik")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before_update)
    db.session.rollback()
    assert raced and error.value.reason == "used"
    names = db.session.scalars(sa.select(User.name).where(User.email == "race@jbwest.nl")).all()
    assert names == ["Snelle klik"]


def test_resending_gives_a_new_link_and_fourteen_new_days(app, ambassador, outbox):
    sent = utcnow() - timedelta(days=20)
    invitation, old_token = create_invitation(ambassador, now=sent)
    assert invitation.status() is InvitationStatus.EXPIRED
    now = utcnow()
    resend_invitation(ambassador, invitation, now=now)
    db.session.commit()
    assert invitation.status() is InvitationStatus.OPEN
    assert invitation.expires_at == now + timedelta(days=14)
    assert invitation.send_count == 2 and invitation.last_sent_at == now
    (mail,) = outbox()
    new_token = link_in(mail).rsplit("/", 1)[1]
    assert invitation.token_hash == tokens.hash_token(new_token)
    with pytest.raises(InvitationUnusable) as error:
        accept(old_token)
    assert error.value.reason == "unknown", "the old link stops working"
    assert accept(new_token).invited_by_id == ambassador.id


def test_resending_waits_a_day_after_the_last_send(app, ambassador, outbox):
    invitation, _ = create_invitation(ambassador, now=utcnow() - timedelta(hours=23))
    with pytest.raises(DomainError, match="Opnieuw versturen kan vanaf"):
        resend_invitation(ambassador, invitation)
    resend_invitation(ambassador, invitation, now=utcnow() + timedelta(hours=1, minutes=1))


def test_only_the_inviter_or_an_admin_resends_and_revokes(app, ambassador):
    invitation, _ = create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    colleague = create_user(Role.AMBASSADOR, organisation=ambassador.organisation)
    moderator = create_user(Role.MODERATOR, organisation=ambassador.organisation)
    for actor in (colleague, moderator):
        with pytest.raises(NotAllowed):
            resend_invitation(actor, invitation)
        with pytest.raises(NotAllowed):
            revoke_invitation(actor, invitation)
    admin = create_user(Role.ADMIN)
    resend_invitation(admin, invitation)
    revoke_invitation(admin, invitation)
    assert invitation.status() is InvitationStatus.REVOKED


def test_accepted_or_revoked_invitations_are_not_resent(app, ambassador):
    accepted, _ = create_invitation(
        ambassador, accepted_at=utcnow(), now=utcnow() - timedelta(days=2)
    )
    revoked, _ = create_invitation(
        ambassador, revoked_at=utcnow(), now=utcnow() - timedelta(days=2)
    )
    with pytest.raises(DomainError, match="al geaccepteerd"):
        resend_invitation(ambassador, accepted)
    with pytest.raises(DomainError, match="ingetrokken"):
        resend_invitation(ambassador, revoked)
    with pytest.raises(DomainError, match="al geaccepteerd"):
        revoke_invitation(ambassador, accepted)


@pytest.mark.config(INVITES_MAX_OPEN=1)
def test_resending_an_expired_invitation_counts_as_open_again(app, ambassador):
    expired, _ = create_invitation(ambassador, now=utcnow() - timedelta(days=20))
    create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    with pytest.raises(DomainError, match="tegelijk open"):
        resend_invitation(ambassador, expired)


@pytest.mark.config(INVITES_MAX_PER_DAY=1)
def test_resending_counts_toward_the_daily_limit(app, ambassador):
    first, _ = create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    second, _ = create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    resend_invitation(ambassador, first)
    with pytest.raises(DomainError, match="per dag"):
        resend_invitation(ambassador, second)


def test_status_is_derived_from_the_dates(app, ambassador):
    now = utcnow()
    invitation, _ = create_invitation(ambassador, now=now)
    assert invitation.status(now) is InvitationStatus.OPEN
    assert invitation.status(now + timedelta(days=14)) is InvitationStatus.EXPIRED
    assert [s.label for s in InvitationStatus] == [
        "open",
        "geaccepteerd",
        "verlopen",
        "ingetrokken",
    ]
