"""The invitation pages: who may open them, what they show, and bad input answered in Dutch."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.formatting import format_date
from community.invites.models import Invitation, InvitationStatus
from tests.factories import (
    create_invitation,
    create_user,
)
from tests.invites.helpers import row_counts


def all_invitations() -> list[Invitation]:
    return list(db.session.scalars(sa.select(Invitation).order_by(Invitation.id)))


@pytest.mark.parametrize(
    "url",
    ["/uitnodigingen", "/uitnodigingen/nieuw", "/uitnodigingen/netwerk", "/toegangsverzoeken"],
)
def test_invitation_pages_are_for_ambassadors(app, browser, org, url):
    assert browser.get(url).headers["Location"].startswith("/inloggen")
    create_user(Role.PROFESSIONAL, email="lid@molendrift.nl", organisation=org)
    db.session.commit()
    browser.login("lid@molendrift.nl")
    response = browser.get(url)
    assert response.status_code == 403
    assert "Geen toegang" in response.get_data(as_text=True)


def test_professional_posting_the_invite_form_gets_403_and_nothing_is_sent(app, browser, org):
    create_user(Role.PROFESSIONAL, email="lid@molendrift.nl", organisation=org)
    db.session.commit()
    browser.login("lid@molendrift.nl")
    response = browser.submit(
        "/uitnodigingen/nieuw",
        {"emails": "x@molendrift.nl", "role": "professional"},
        form_url="/",
    )
    assert response.status_code == 403
    assert all_invitations() == []


def test_ambassador_invites_through_the_form(app, browser, ambassador, outbox):
    browser.login("anna@molendrift.nl")
    page = browser.get("/uitnodigingen/nieuw").get_data(as_text=True)
    assert "<legend>Uitnodigen als</legend>" in page
    assert 'name="organisation"' not in page, "only admins choose an organisation"
    assert "Ja, nodig deze adressen toch uit" not in page, "no confirmation until it is needed"
    response = browser.submit(
        "/uitnodigingen/nieuw",
        {
            "emails": "bram@molendrift.nl\nchris@molendrift.nl",
            "role": "ambassador",
            "message": "Welkom!",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/uitnodigingen"
    index = browser.get("/uitnodigingen").get_data(as_text=True)
    assert "Je uitnodiging is verstuurd naar bram@molendrift.nl en chris@molendrift.nl" in index
    assert index.count(format_date(utcnow())) >= 2
    assert [(i.email, i.role) for i in all_invitations()] == [
        ("bram@molendrift.nl", Role.AMBASSADOR),
        ("chris@molendrift.nl", Role.AMBASSADOR),
    ]
    assert len(outbox()) == 2


def test_outside_domain_warning_and_confirmation_through_the_form(app, browser, ambassador, outbox):
    browser.login("anna@molendrift.nl")
    data = {"emails": "bram@gmail.com", "role": "professional", "message": ""}
    warned = browser.submit("/uitnodigingen/nieuw", data)
    page = warned.get_data(as_text=True)
    assert warned.status_code == 200
    assert "Klopt dit adres?" in page and "bram@gmail.com" in page
    assert "Ja, nodig deze adressen toch uit" in page
    assert 'name="confirmed_addresses" type="hidden" value="bram@gmail.com"' in page
    assert all_invitations() == [] and outbox() == []

    confirmed = browser.submit(
        "/uitnodigingen/nieuw",
        {**data, "confirm_outside": "y", "confirmed_addresses": "bram@gmail.com"},
    )
    assert confirmed.status_code == 302
    assert [i.email for i in all_invitations()] == ["bram@gmail.com"]


def test_admin_chooses_the_organisation(app, browser, org):
    create_user(Role.ADMIN, email="beheer@example.nl")
    db.session.commit()
    browser.login("beheer@example.nl")
    page = browser.get("/uitnodigingen/nieuw").get_data(as_text=True)
    assert '<option value="' + str(org.id) + '">Molendrift</option>' in page
    missing = browser.submit(
        "/uitnodigingen/nieuw",
        {"emails": "a@molendrift.nl", "role": "professional", "organisation": "0"},
    )
    assert "Kies de organisatie waarvoor je uitnodigt." in missing.get_data(as_text=True)
    done = browser.submit(
        "/uitnodigingen/nieuw",
        {"emails": "a@molendrift.nl", "role": "professional", "organisation": str(org.id)},
    )
    assert done.status_code == 302
    assert all_invitations()[0].organisation_id == org.id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"emails": "bram@molendrift.nl, geen-adres"}, "Dit adres klopt niet: geen-adres."),
        ({"emails": ""}, "Vul minstens één e-mailadres in."),
        ({"emails": "b@molendrift.nl", "message": "x" * 2001}, "hoogstens 2000 tekens"),
        (
            {"emails": "b@molendrift.nl", "role": "admin"},
            "Kies een van de mogelijkheden uit de lijst.",
        ),
        ({"emails": "a@molendrift.nl " * 1400}, "Dat zijn te veel adressen in één keer."),
    ],
)
def test_bad_invite_input_gets_a_dutch_answer_and_changes_nothing(
    app, browser, ambassador, data, message
):
    browser.login("anna@molendrift.nl")
    before = row_counts()
    response = browser.submit("/uitnodigingen/nieuw", {"role": "professional", **data})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page.replace("&#39;", "'")
    assert 'class="error-summary"' in page
    assert row_counts() == before


def test_post_without_csrf_changes_nothing(app, browser, ambassador):
    invitation, _ = create_invitation(ambassador)
    db.session.commit()
    browser.login("anna@molendrift.nl")
    before = row_counts()
    for url in ("/uitnodigingen/nieuw", f"/uitnodigingen/{invitation.id}/intrekken"):
        response = browser.client.post(
            url, data={"emails": "x@molendrift.nl", "role": "professional"}
        )
        assert response.status_code == 400
        assert "Je formulier is verlopen" in response.get_data(as_text=True)
    assert row_counts() == before
    assert invitation.status() is InvitationStatus.OPEN


def test_two_megabyte_body_is_refused_and_changes_nothing(app, browser, ambassador):
    browser.login("anna@molendrift.nl")
    before = row_counts()
    token = browser.token("/uitnodigingen/nieuw")
    response = browser.client.post(
        "/uitnodigingen/nieuw",
        data={"csrf_token": token, "emails": "a@molendrift.nl " * 140_000, "role": "professional"},
    )
    assert response.status_code == 413
    assert "groter dan 1 MB" in response.get_data(as_text=True)
    assert row_counts() == before


def test_my_invitations_show_status_and_dutch_dates(app, browser, ambassador):
    now = utcnow()
    create_invitation(ambassador, email="open@molendrift.nl", now=now - timedelta(days=2))
    create_invitation(ambassador, email="klaar@molendrift.nl", accepted_at=now)
    create_invitation(ambassador, email="weg@molendrift.nl", revoked_at=now)
    old, _ = create_invitation(ambassador, email="oud@molendrift.nl", now=now - timedelta(days=30))
    create_invitation(create_user(Role.AMBASSADOR), email="niet-van-mij@example.nl")
    db.session.commit()
    browser.login("anna@molendrift.nl")
    page = browser.get("/uitnodigingen").get_data(as_text=True)
    for status in ("open", "geaccepteerd", "verlopen", "ingetrokken"):
        assert f">{status}</span>" in page
    assert "niet-van-mij@example.nl" not in page
    assert format_date(old.expires_at) in page
    assert 'Opnieuw versturen<span class="visually-hidden"> naar oud@molendrift.nl' in page
    assert "naar klaar@molendrift.nl" not in page, "accepted ones cannot be resent"


def test_resend_and_revoke_buttons(app, browser, ambassador, outbox):
    invitation, _ = create_invitation(ambassador, now=utcnow() - timedelta(days=2))
    db.session.commit()
    browser.login("anna@molendrift.nl")
    assert (
        browser.client.get(f"/uitnodigingen/{invitation.id}/opnieuw-versturen").status_code == 405
    )
    resent = browser.submit(
        f"/uitnodigingen/{invitation.id}/opnieuw-versturen", {}, form_url="/uitnodigingen"
    )
    assert resent.status_code == 302
    assert invitation.send_count == 2 and len(outbox()) == 1
    again = browser.submit(
        f"/uitnodigingen/{invitation.id}/opnieuw-versturen", {}, form_url="/uitnodigingen"
    )
    assert "Opnieuw versturen kan vanaf" in browser.get(again.headers["Location"]).get_data(
        as_text=True
    )
    assert invitation.send_count == 2
    revoked = browser.submit(
        f"/uitnodigingen/{invitation.id}/intrekken", {}, form_url="/uitnodigingen"
    )
    assert "is ingetrokken" in browser.get(revoked.headers["Location"]).get_data(as_text=True)
    assert invitation.status() is InvitationStatus.REVOKED


def test_another_ambassador_cannot_revoke_my_invitation(app, browser, ambassador, org):
    invitation, _ = create_invitation(ambassador)
    create_user(Role.AMBASSADOR, email="ander@molendrift.nl", organisation=org)
    db.session.commit()
    browser.login("ander@molendrift.nl")
    response = browser.submit(
        f"/uitnodigingen/{invitation.id}/intrekken", {}, form_url="/uitnodigingen"
    )
    assert response.status_code == 403
    assert invitation.status() is InvitationStatus.OPEN
    missing = browser.submit("/uitnodigingen/999999/intrekken", {}, form_url="/uitnodigingen")
    assert missing.status_code == 404


def test_network_page_shows_the_tree_with_counts(app, browser, ambassador, org):
    anna_bram = create_user(
        Role.AMBASSADOR, name="Bram de Boer", organisation=org, invited_by_id=ambassador.id
    )
    create_user(
        name="Chris Dekker", organisation=org, invited_by_id=anna_bram.id, job_title="Gezinsvoogd"
    )
    db.session.commit()
    browser.login("anna@molendrift.nl")
    page = browser.get("/uitnodigingen/netwerk").get_data(as_text=True)
    assert "Bram de Boer" in page and "Chris Dekker" in page and "Gezinsvoogd" in page
    assert "nodigde 1 collega uit" in page
    assert '<ul class="network-tree" aria-labelledby="boom">' in page
    assert (
        page.index("Bram de Boer")
        < page.index("<ul>", page.index("Bram de Boer"))
        < page.index("Chris Dekker")
    )
