"""From the mail to an account: the real SMTP path, the accept page, and links that do not work."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from community.accounts.models import Role, User
from community.clock import utcnow
from community.extensions import db
from community.formatting import format_datetime
from community.invites.models import Invitation, InvitationStatus
from tests.conftest import Browser
from tests.factories import create_invitation, create_organisation, create_user
from tests.invites.helpers import html_of, link_in, row_counts, text_of

NEW_PASSWORD = "zon-over-de-polder"


@pytest.fixture
def ambassador():
    org = create_organisation("Jeugdbescherming Gelderland", email_domains_text="jbgelderland.nl")
    user = create_user(
        Role.AMBASSADOR, email="karin@jbgelderland.nl", name="Karin Mulder", organisation=org
    )
    db.session.commit()
    return user


def accept_data(**overrides) -> dict:
    return {
        "name": "Joris Smit",
        "job_title": "Gezinsmanager",
        "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
        **overrides,
    }


def test_invitation_mail_arrives_and_its_link_makes_a_logged_in_account(
    app, browser, ambassador, smtp_server
):
    browser.login("karin@jbgelderland.nl")
    response = browser.submit(
        "/uitnodigingen/nieuw",
        {
            "emails": "Joris@jbgelderland.nl",
            "role": "professional",
            "message": "Joris, jij moet hier echt bij!",
        },
    )
    assert response.status_code == 302
    (mail,) = smtp_server.wait_for(1)
    assert smtp_server.envelopes[0].rcpt_tos == ["joris@jbgelderland.nl"]
    assert mail["Subject"] == "Karin Mulder nodigt je uit voor de Jeugdhulp Community"
    link = link_in(mail)
    assert link.startswith(app.config["SITE_URL"] + "/uitnodiging/")
    assert f'href="{link}"' in html_of(mail)
    text = text_of(mail)
    assert "> Joris, jij moet hier echt bij!" in text
    assert "Karin Mulder van Jeugdbescherming Gelderland" in text
    invitation = db.session.scalar(sa.select(Invitation))
    assert f"De link werkt tot {format_datetime(invitation.expires_at)} " in text

    # The colleague opens the link in their own browser.
    colleague = Browser(app.test_client())
    path = urlsplit(link).path
    page = colleague.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Karin Mulder" in html and "Jeugdbescherming Gelderland" in html
    assert page.headers["Referrer-Policy"] == "no-referrer"
    done = colleague.submit(path, accept_data())
    assert done.status_code == 302 and done.headers["Location"] == "/welkom"  # first-login step
    home = colleague.get("/").get_data(as_text=True)
    assert "Welkom bij de Jeugdhulp Community, Joris Smit!" in home
    assert "Uitloggen" in home, "logged in straight away"

    user = db.session.scalar(sa.select(User).where(User.email == "joris@jbgelderland.nl"))
    assert user.invited_by_id == ambassador.id
    assert (user.role, user.organisation_id, user.job_title) == (
        Role.PROFESSIONAL,
        ambassador.organisation_id,
        "Gezinsmanager",
    )


def test_accept_page_shows_who_invites_and_where(app, client, ambassador):
    _, token = create_invitation(
        ambassador, email="joris@jbgelderland.nl", role=Role.AMBASSADOR, message="Tot snel!"
    )
    db.session.commit()
    html = client.get(f"/uitnodiging/{token}").get_data(as_text=True)
    assert "Karin Mulder" in html and "Jeugdbescherming Gelderland" in html
    assert "<strong>ambassadeur</strong>" in html and "Tot snel!" in html
    # The address is shown as text; a hidden username field serves password managers.
    assert '<p class="account-email">joris@jbgelderland.nl</p>' in html
    assert 'value="joris@jbgelderland.nl" autocomplete="username" readonly hidden' in html
    assert 'autocomplete="new-password"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password_again": "iets-anders-dan-dat"}, "De twee wachtwoorden zijn niet hetzelfde."),
        ({"password": "kort", "password_again": "kort"}, "minstens 10 tekens"),
        ({"name": ""}, "Vul je naam in."),
        ({"name": "n" * 121}, "Je naam mag hoogstens 120 tekens lang zijn."),
        ({"job_title": "j" * 121}, "Je functie mag hoogstens 120 tekens lang zijn."),
    ],
)
def test_bad_account_details_get_a_dutch_answer_and_change_nothing(
    app, browser, ambassador, overrides, message
):
    invitation, token = create_invitation(ambassador)
    db.session.commit()
    before = row_counts()
    response = browser.submit(f"/uitnodiging/{token}", accept_data(**overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert row_counts() == before
    assert invitation.status() is InvitationStatus.OPEN


def test_accept_without_csrf_changes_nothing(app, client, ambassador):
    invitation, token = create_invitation(ambassador)
    db.session.commit()
    before = row_counts()
    response = client.post(f"/uitnodiging/{token}", data=accept_data())
    assert response.status_code == 400
    assert "Je formulier is verlopen" in response.get_data(as_text=True)
    assert row_counts() == before and invitation.status() is InvitationStatus.OPEN


def test_two_megabyte_accept_is_refused(app, client, ambassador):
    _, token = create_invitation(ambassador)
    db.session.commit()
    before = row_counts()
    response = client.post(f"/uitnodiging/{token}", data=accept_data(name="x" * 2_000_000))
    assert response.status_code == 413
    assert row_counts() == before


def test_unknown_used_expired_and_revoked_links_get_their_own_dutch_answer(
    app, browser, ambassador
):
    now = utcnow()
    used, used_token = create_invitation(ambassador)
    _, expired_token = create_invitation(ambassador, now=now - timedelta(days=15))
    _, revoked_token = create_invitation(ambassador, revoked_at=now)
    db.session.commit()
    assert browser.submit(f"/uitnodiging/{used_token}", accept_data()).status_code == 302
    browser.logout()
    before = row_counts()
    cases = [
        ("onbekend-token", 404, "Deze link kennen we niet", "link niet helemaal meegekomen"),
        (used_token, 410, "Deze uitnodiging is al gebruikt", "Log in met je account."),
        (expired_token, 410, "Deze uitnodiging is verlopen", "Vraag Karin Mulder om je een nieuwe"),
        (revoked_token, 410, "Deze uitnodiging is ingetrokken", "Neem contact op met Karin Mulder"),
    ]
    for token, code, heading, explanation in cases:
        for response in (
            browser.get(f"/uitnodiging/{token}"),
            browser.client.post(
                f"/uitnodiging/{token}",
                data={"csrf_token": browser.token("/toegang-aanvragen"), **accept_data(name="X")},
            ),
        ):
            html = response.get_data(as_text=True)
            assert response.status_code == code, token
            assert f"<h1>{heading}</h1>" in html and explanation in html
    assert row_counts() == before
    assert used.accepted_user_id is not None


def test_logged_in_member_opening_a_link_is_asked_to_log_out_first(app, browser, ambassador):
    invitation, token = create_invitation(ambassador)
    db.session.commit()
    browser.login("karin@jbgelderland.nl")
    html = browser.get(f"/uitnodiging/{token}").get_data(as_text=True)
    assert "Log dan eerst uit" in html and 'name="password"' not in html
    response = browser.submit(f"/uitnodiging/{token}", accept_data())
    assert response.status_code == 200
    assert invitation.status() is InvitationStatus.OPEN
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
