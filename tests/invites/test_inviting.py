"""Inviting colleagues through the service: who may, which addresses, warnings and limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from community import tokens
from community.accounts.models import Role
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.invites.models import Invitation, InvitationStatus
from community.invites.services import invite_colleagues
from tests.factories import create_invitation, create_organisation, create_user
from tests.invites.helpers import link_in, row_counts, text_of


def invitations() -> list[Invitation]:
    return list(db.session.scalars(sa.select(Invitation).order_by(Invitation.id)))


def test_ambassador_invites_several_colleagues_at_once(app, ambassador, org, outbox):
    now = utcnow()
    result = invite_colleagues(
        ambassador,
        ["Bram@Molendrift.nl, chris@molendrift.nl;\n  dina@molendrift.nl  bram@molendrift.nl"],
        Role.PROFESSIONAL,
        "Dit is precies wat we zochten!",
        now=now,
    )
    assert [i.email for i in result.sent] == [
        "bram@molendrift.nl",
        "chris@molendrift.nl",
        "dina@molendrift.nl",
    ]
    assert outbox() == [], "mail leaves only after the commit"
    db.session.commit()
    mails = outbox()
    assert sorted(m["To"] for m in mails) == [i.email for i in result.sent]
    for invitation in invitations():
        assert invitation.organisation_id == org.id and invitation.inviter_id == ambassador.id
        assert invitation.expires_at == now + timedelta(days=14)
        assert len(invitation.token_hash) == 64
    # Only the hash is stored: the token in the mail hashes to it, and appears nowhere in the row.
    link = link_in(mails[0])
    token = link.rsplit("/", 1)[1]
    assert link == f"http://localhost/uitnodiging/{token}"
    stored = {i.token_hash for i in invitations()}
    assert tokens.hash_token(token) in stored and token not in stored


def test_mail_names_the_inviter_and_quotes_the_message(app, ambassador, outbox):
    invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.AMBASSADOR, "Hoi Bram,\ndoe je mee?")
    db.session.commit()
    (mail,) = outbox()
    assert mail["Subject"] == "Anna Bakker nodigt je uit voor de Jeugdhulp Community"
    assert "anna@molendrift.nl" in mail["Reply-To"]
    text = text_of(mail)
    assert "Anna Bakker van Molendrift nodigt je uit" in text and "als ambassadeur" in text
    assert "> Hoi Bram,\n> doe je mee?" in text


@pytest.mark.parametrize(
    "entered",
    [
        "bram@molendrift.nl, geen-adres, chris@",
        "bram@molendrift.nl\njan..jansen@molendrift.nl",
        "bram@molendrift.nl, josé@molendrift.nl",  # needs SMTPUTF8: would never arrive
    ],
)
def test_malformed_addresses_are_named_and_nothing_is_sent(app, ambassador, entered, outbox):
    db.session.commit()
    before = row_counts()
    with pytest.raises(DomainError) as error:
        invite_colleagues(ambassador, [entered], Role.PROFESSIONAL, "")
    bad = [a for a in entered.replace("\n", ",").split(",")[1:]]
    for address in bad:
        assert address.strip() in error.value.message
    assert "er is nog niets verstuurd" in error.value.message
    assert error.value.field == "emails"
    db.session.rollback()
    assert row_counts() == before and outbox() == []


def test_address_list_may_come_from_a_mail_client(app, ambassador):
    result = invite_colleagues(
        ambassador,
        ['"Bakker, Bram" <bram@molendrift.nl>; Chris de Wit <CHRIS@molendrift.nl>'],
        Role.PROFESSIONAL,
        "",
    )
    assert [i.email for i in result.sent] == ["bram@molendrift.nl", "chris@molendrift.nl"]


def test_empty_list_is_refused(app, ambassador):
    with pytest.raises(DomainError, match="minstens één e-mailadres"):
        invite_colleagues(ambassador, [" ,; \n"], Role.PROFESSIONAL, "")


def test_address_with_an_account_is_told_and_not_invited(app, ambassador, org, outbox):
    create_user(email="bestaand@molendrift.nl", organisation=org)
    result = invite_colleagues(
        ambassador, ["BESTAAND@molendrift.nl, nieuw@molendrift.nl"], Role.PROFESSIONAL, ""
    )
    db.session.commit()
    assert result.existing_accounts == ["bestaand@molendrift.nl"]
    assert [i.email for i in invitations()] == ["nieuw@molendrift.nl"]
    assert [m["To"] for m in outbox()] == ["nieuw@molendrift.nl"]


def test_open_invitation_is_resent_instead_of_duplicated(app, ambassador, outbox):
    earlier = utcnow() - timedelta(days=3)
    first, old_token = create_invitation(ambassador, email="bram@molendrift.nl", now=earlier)
    now = utcnow()
    result = invite_colleagues(
        ambassador, ["bram@molendrift.nl"], Role.AMBASSADOR, "Nog een keer!", now=now
    )
    db.session.commit()
    assert result.resent == [first] and result.sent == []
    assert len(invitations()) == 1
    assert first.send_count == 2 and first.expires_at == now + timedelta(days=14)
    assert first.role is Role.AMBASSADOR and first.message == "Nog een keer!"
    assert first.token_hash != tokens.hash_token(old_token)
    assert len(outbox()) == 1


def test_invitation_sent_in_the_last_day_is_not_mailed_again(app, ambassador, outbox):
    create_invitation(ambassador, email="bram@molendrift.nl", now=utcnow() - timedelta(hours=2))
    result = invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.PROFESSIONAL, "")
    db.session.commit()
    assert [i.email for i in result.recently_sent] == ["bram@molendrift.nl"]
    assert result.mailed == [] and outbox() == []


def test_a_colleagues_open_invitation_is_not_duplicated(app, ambassador, org, outbox):
    other = create_user(Role.AMBASSADOR, organisation=org)
    theirs, _ = create_invitation(
        other, email="bram@molendrift.nl", now=utcnow() - timedelta(days=3)
    )
    result = invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.PROFESSIONAL, "")
    db.session.commit()
    assert result.invited_by_colleague == [theirs]
    assert invitations() == [theirs] and outbox() == []


def test_own_expired_invitation_is_renewed_instead_of_duplicated(app, ambassador, outbox):
    expired, old_token = create_invitation(
        ambassador, email="bram@molendrift.nl", now=utcnow() - timedelta(days=20)
    )
    now = utcnow()
    result = invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.AMBASSADOR, "", now=now)
    db.session.commit()
    assert result.resent == [expired] and result.sent == []
    assert invitations() == [expired]
    assert expired.status(now) is InvitationStatus.OPEN and expired.role is Role.AMBASSADOR
    assert expired.expires_at == now + timedelta(days=14) and expired.send_count == 2
    assert expired.token_hash != tokens.hash_token(old_token)
    assert [m["To"] for m in outbox()] == ["bram@molendrift.nl"]


def test_a_colleagues_expired_invitation_is_closed_and_replaced(app, ambassador, org, outbox):
    other = create_user(Role.AMBASSADOR, organisation=org)
    theirs, their_token = create_invitation(
        other, email="bram@molendrift.nl", now=utcnow() - timedelta(days=20)
    )
    now = utcnow()
    result = invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.PROFESSIONAL, "", now=now)
    db.session.commit()
    (mine,) = result.sent
    assert invitations() == [theirs, mine]
    assert mine.inviter == ambassador and mine.status(now) is InvitationStatus.OPEN
    assert theirs.revoked_at == now, "the expired link is closed, not left to be reopened"
    assert [m["To"] for m in outbox()] == ["bram@molendrift.nl"]
    assert tokens.hash_token(their_token) != mine.token_hash


def test_address_outside_the_domains_needs_confirmation_first(app, ambassador, outbox):
    entered = ["bram@molendrift.nl, prive.adres@gmail.com"]
    result = invite_colleagues(ambassador, entered, Role.PROFESSIONAL, "")
    assert result.needs_confirmation and result.outside_domain == ["prive.adres@gmail.com"]
    assert result.sent == []
    db.session.commit()
    assert invitations() == [] and outbox() == [], "nothing sent until confirmed"

    confirmed = invite_colleagues(
        ambassador, entered, Role.PROFESSIONAL, "", confirm_outside_domain=result.outside_domain
    )
    db.session.commit()
    assert [i.email for i in confirmed.sent] == ["bram@molendrift.nl", "prive.adres@gmail.com"]
    assert len(outbox()) == 2


def test_confirmation_covers_only_the_addresses_that_were_shown(app, ambassador):
    result = invite_colleagues(
        ambassador,
        ["a@gmail.com, b@hotmail.com"],
        Role.PROFESSIONAL,
        "",
        confirm_outside_domain=["a@gmail.com"],
    )
    assert result.needs_confirmation and result.sent == []


def test_admin_invites_into_any_organisation(app, org):
    admin = create_user(Role.ADMIN)
    elsewhere = create_organisation("Raad voor de Kinderbescherming", email_domains_text="rvdk.nl")
    result = invite_colleagues(admin, ["eva@rvdk.nl"], Role.AMBASSADOR, "", organisation=elsewhere)
    assert result.sent[0].organisation == elsewhere and result.sent[0].inviter == admin
    with pytest.raises(DomainError, match="Kies de organisatie"):
        invite_colleagues(admin, ["eva@rvdk.nl"], Role.AMBASSADOR, "")


def test_ambassador_and_moderator_invite_only_into_their_own_organisation(app, ambassador):
    elsewhere = create_organisation()
    moderator = create_user(Role.MODERATOR, organisation=ambassador.organisation)
    for actor in (ambassador, moderator):
        with pytest.raises(NotAllowed):
            invite_colleagues(
                actor, ["x@example.nl"], Role.PROFESSIONAL, "", organisation=elsewhere
            )
    result = invite_colleagues(moderator, ["bram@molendrift.nl"], Role.PROFESSIONAL, "")
    assert result.sent[0].organisation == ambassador.organisation


def test_professional_may_not_invite(app, org):
    member = create_user(Role.PROFESSIONAL, organisation=org)
    with pytest.raises(NotAllowed):
        invite_colleagues(member, ["bram@molendrift.nl"], Role.PROFESSIONAL, "")


def test_only_member_or_ambassador_can_be_offered(app, ambassador):
    with pytest.raises(DomainError, match="als lid of als ambassadeur"):
        invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.ADMIN, "")


def test_personal_message_has_a_length_limit(app, ambassador):
    with pytest.raises(DomainError) as error:
        invite_colleagues(ambassador, ["bram@molendrift.nl"], Role.PROFESSIONAL, "x" * 2001)
    assert error.value.field == "message"


@pytest.mark.config(INVITES_MAX_OPEN=3)
def test_open_limit_refuses_the_whole_submission(app, ambassador, outbox):
    create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    # Accepted, revoked and expired invitations are not open any more.
    create_invitation(ambassador, accepted_at=utcnow())
    create_invitation(ambassador, revoked_at=utcnow())
    create_invitation(ambassador, now=utcnow() - timedelta(days=20))
    db.session.commit()
    before = row_counts()
    with pytest.raises(DomainError) as error:
        invite_colleagues(ambassador, ["a@molendrift.nl b@molendrift.nl"], Role.PROFESSIONAL, "")
    assert "hoogstens 3 uitnodigingen tegelijk open" in error.value.message
    assert "Er is niets verstuurd" in error.value.message
    db.session.rollback()
    assert row_counts() == before and outbox() == []
    assert len(invite_colleagues(ambassador, ["a@molendrift.nl"], Role.PROFESSIONAL, "").sent) == 1


@pytest.mark.config(INVITES_MAX_PER_DAY=3)
def test_daily_limit_counts_resends_and_refuses_the_whole_submission(app, ambassador, outbox):
    now = utcnow()
    old, _ = create_invitation(ambassador, email="oud@molendrift.nl", now=now - timedelta(days=3))
    create_invitation(ambassador, now=now - timedelta(hours=3))
    create_invitation(ambassador, now=now - timedelta(hours=25))  # yesterday: does not count
    # Re-inviting an open invitation resends it, and that send counts: 1 + 1 = 2 of 3 today.
    invite_colleagues(ambassador, ["oud@molendrift.nl"], Role.PROFESSIONAL, "", now=now)
    db.session.commit()
    assert old.send_count == 2
    db.session.commit()
    before = row_counts()
    two = ["a@molendrift.nl, b@molendrift.nl"]
    with pytest.raises(DomainError) as error:
        invite_colleagues(ambassador, two, Role.PROFESSIONAL, "", now=now)
    assert "hoogstens 3 uitnodigingen per dag" in error.value.message
    assert "al 2 verstuurd" in error.value.message
    assert "Je kunt er vandaag nog 1 versturen" in error.value.message
    db.session.rollback()
    assert row_counts() == before and len(outbox()) == 1
    # A day later the window has moved on.
    later = now + timedelta(days=1, minutes=1)
    assert len(invite_colleagues(ambassador, two, Role.PROFESSIONAL, "", now=later).sent) == 2


@pytest.mark.config(INVITES_MAX_PER_DAY=1, INVITES_MAX_OPEN=1)
def test_staff_are_not_limited(app, org):
    admin = create_user(Role.ADMIN)
    result = invite_colleagues(
        admin,
        ["a@molendrift.nl b@molendrift.nl c@molendrift.nl"],
        Role.PROFESSIONAL,
        "",
        organisation=org,
    )
    assert len(result.sent) == 3
