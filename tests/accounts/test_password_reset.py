"""Password reset by e-mail: a one-hour, single-use link, and the same answer for every address."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts import password_reset, services
from community.accounts.models import PasswordResetToken
from community.clock import utcnow
from community.errors import DomainError
from community.extensions import db
from community.tokens import hash_token
from tests.conftest import Browser
from tests.factories import PASSWORD, create_user

NEW_PASSWORD = "een-heel-nieuw-wachtwoord"
LINK_RE = re.compile(r"http://localhost/wachtwoord-herstellen/[A-Za-z0-9_-]+")


def reset_link(message) -> str:
    text = message.get_body(("plain",)).get_content()
    match = LINK_RE.search(text)
    assert match, text
    return match.group(0)


# --- The service, step by step ---------------------------------------------------------------


def test_reset_lifecycle_request_redeem_and_second_use_refused(app, outbox):
    user = create_user(email="sanne@example.nl")
    db.session.commit()
    token = password_reset.request_password_reset("Sanne@Example.nl ")
    db.session.commit()

    stored = db.session.scalars(sa.select(PasswordResetToken)).one()
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    assert stored.expires_at - stored.created_at == timedelta(hours=1)
    [mail] = outbox()
    assert mail["To"] == "sanne@example.nl"
    assert reset_link(mail).endswith("/" + token)

    epoch = user.session_epoch
    assert password_reset.reset_password(token, NEW_PASSWORD) is user
    db.session.commit()
    assert services.authenticate("sanne@example.nl", NEW_PASSWORD) is user
    assert user.session_epoch == epoch + 1  # every other device is logged out

    with pytest.raises(DomainError, match="werkt niet meer"):
        password_reset.reset_password(token, "nog-een-ander-wachtwoord")
    db.session.rollback()
    assert services.authenticate("sanne@example.nl", NEW_PASSWORD) is user


def test_expired_token_is_refused(app):
    create_user(email="laat@example.nl")
    start = utcnow()
    token = password_reset.request_password_reset("laat@example.nl", now=start)
    assert password_reset.user_for_reset_token(token, now=start + timedelta(minutes=59))
    later = start + timedelta(hours=1, seconds=1)
    assert password_reset.user_for_reset_token(token, now=later) is None
    with pytest.raises(DomainError, match="werkt niet meer"):
        password_reset.reset_password(token, NEW_PASSWORD, now=later)
    assert db.session.scalars(sa.select(PasswordResetToken.used_at)).one() is None


def test_unknown_token_is_refused(app):
    create_user(email="iemand@example.nl")
    password_reset.request_password_reset("iemand@example.nl")
    with pytest.raises(DomainError, match="werkt niet meer"):
        password_reset.reset_password("verzonnen-token", NEW_PASSWORD)


def test_weak_new_password_does_not_use_up_the_token(app):
    create_user(email="zwak@example.nl")
    token = password_reset.request_password_reset("zwak@example.nl")
    with pytest.raises(DomainError) as caught:
        password_reset.reset_password(token, "kort")
    assert caught.value.field == "new_password"
    assert password_reset.user_for_reset_token(token) is not None


def test_using_one_link_retires_the_older_links_too(app):
    user = create_user(email="twee@example.nl")
    first = password_reset.request_password_reset("twee@example.nl")
    second = password_reset.request_password_reset("twee@example.nl")
    password_reset.reset_password(second, NEW_PASSWORD)
    assert password_reset.user_for_reset_token(first) is None
    assert user.session_epoch == 1


def test_unknown_and_deactivated_addresses_get_no_token_and_no_mail(app, outbox):
    create_user(email="weg@example.nl", is_active=False)
    assert password_reset.request_password_reset("onbekend@example.nl") is None
    assert password_reset.request_password_reset("weg@example.nl") is None
    db.session.commit()
    assert outbox() == []
    assert db.session.scalar(sa.select(sa.func.count(PasswordResetToken.id))) == 0


def test_deactivated_member_cannot_use_an_earlier_link(app):
    user = create_user(email="later-weg@example.nl")
    token = password_reset.request_password_reset("later-weg@example.nl")
    user.is_active = False
    assert password_reset.user_for_reset_token(token) is None
    with pytest.raises(DomainError):
        password_reset.reset_password(token, NEW_PASSWORD)


def test_at_most_three_reset_mails_per_hour_per_account(app, outbox):
    create_user(email="bom@example.nl")
    start = utcnow()
    tokens = [
        password_reset.request_password_reset("bom@example.nl", now=start + timedelta(minutes=i))
        for i in range(4)
    ]
    assert all(tokens[:3]) and tokens[3] is None
    assert password_reset.request_password_reset("bom@example.nl", now=start + timedelta(hours=2))
    db.session.commit()
    assert len(outbox()) == 4


def test_password_rules(app):
    services.check_password_rules("precies10!")
    with pytest.raises(DomainError, match="minstens 10 tekens"):
        services.check_password_rules("negen9999")
    with pytest.raises(DomainError, match="te lang"):
        services.check_password_rules("x" * 201)


# --- Through the site -------------------------------------------------------------------------


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(app, browser, outbox):
    create_user(email="bekend@example.nl")
    db.session.commit()
    known = browser.submit("/wachtwoord-vergeten", {"email": "bekend@example.nl"})
    unknown = browser.submit("/wachtwoord-vergeten", {"email": "onbekend@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/inloggen"
    page = browser.get("/inloggen").get_data(as_text=True)
    assert "Als er een account bij dit e-mailadres hoort" in page
    assert [m["To"] for m in outbox()] == ["bekend@example.nl"]


@pytest.mark.parametrize(
    "email", ["geen-adres", "a@b", "twee@@example.nl", "x" * 250 + "@example.nl"]
)
def test_forgot_password_refuses_malformed_addresses_in_dutch(app, browser, outbox, email):
    response = browser.submit("/wachtwoord-vergeten", {"email": email})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "geen geldig e-mailadres" in html or "te lang" in html
    assert outbox() == []


def test_reset_mail_over_real_smtp_lets_the_member_log_in_with_new_password(
    app, client, smtp_server
):
    create_user(email="lotte@example.nl", name="Lotte de Vries")
    db.session.commit()
    browser = Browser(client)
    browser.submit("/wachtwoord-vergeten", {"email": "lotte@example.nl"})

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "lotte@example.nl"
    assert "wachtwoord" in message["Subject"].lower()
    assert message.get_body(("html",)) is not None
    link = reset_link(message)
    assert link in message.get_body(("html",)).get_content()

    path = link.removeprefix("http://localhost")
    form = client.get(path)
    assert form.status_code == 200 and "Kies een nieuw wachtwoord" in form.get_data(as_text=True)
    assert form.headers["Referrer-Policy"] == "no-referrer"
    done = browser.submit(path, {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert done.headers["Location"] == "/inloggen"

    refused = browser.submit("/inloggen", {"email": "lotte@example.nl", "password": PASSWORD})
    assert refused.status_code == 200  # the old password no longer works
    browser.login("lotte@example.nl", NEW_PASSWORD)
    assert "Lotte de Vries" in client.get("/").get_data(as_text=True)

    again = client.get(path)
    assert again.status_code == 404
    assert "Deze link werkt niet meer" in again.get_data(as_text=True)


def test_reset_form_needs_matching_passwords(app, browser):
    user = create_user(email="typo@example.nl")
    token = password_reset.request_password_reset("typo@example.nl")
    db.session.commit()
    old_hash = user.password_hash
    response = browser.submit(
        f"/wachtwoord-herstellen/{token}",
        {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert "niet hetzelfde" in response.get_data(as_text=True)
    assert user.password_hash == old_hash
    assert password_reset.user_for_reset_token(token) is not None


def test_unknown_reset_link_gets_a_dutch_page(app, client):
    response = client.get("/wachtwoord-herstellen/bestaat-niet")
    assert response.status_code == 404
    assert "Vraag een nieuwe link aan" in response.get_data(as_text=True)


def test_reset_mail_escapes_the_members_name_in_html(app, outbox):
    create_user(email="html@example.nl", name='Sanne <img src=x onerror="alert(1)">')
    password_reset.request_password_reset("html@example.nl")
    db.session.commit()
    [mail] = outbox()
    html = mail.get_body(("html",)).get_content()
    assert "<img src=x" not in html and "Sanne &lt;img" in html
    assert "Sanne <img" in mail.get_body(("plain",)).get_content()  # text stays text
