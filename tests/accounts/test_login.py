"""Logging in and out, and what a session survives."""

from __future__ import annotations

import pytest

from community.accounts import services
from community.accounts.models import Role
from community.extensions import db
from tests.factories import PASSWORD, create_user

WRONG = "Dit e-mailadres en wachtwoord horen niet bij elkaar"


def test_member_logs_in_with_email_in_any_case(app, browser):
    user = create_user(email="Sanne@Molendrift.example.nl")
    db.session.commit()
    response = browser.submit(
        "/inloggen", {"email": "  SANNE@molendrift.example.nl", "password": PASSWORD}
    )
    assert response.status_code == 302
    home = browser.get("/").get_data(as_text=True)
    assert user.name in home and "Uitloggen" in home


def test_wrong_password_and_unknown_email_get_the_same_answer(app, browser):
    create_user(email="bekend@example.nl")
    db.session.commit()
    wrong = browser.submit(
        "/inloggen", {"email": "bekend@example.nl", "password": "fout-wachtwoord"}
    )
    unknown = browser.submit(
        "/inloggen", {"email": "onbekend@example.nl", "password": "fout-wachtwoord"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert WRONG in wrong.get_data(as_text=True)
    assert WRONG in unknown.get_data(as_text=True)


def test_deactivated_member_cannot_log_in(app, browser):
    create_user(email="weg@example.nl", is_active=False)
    db.session.commit()
    response = browser.submit("/inloggen", {"email": "weg@example.nl", "password": PASSWORD})
    assert WRONG in response.get_data(as_text=True)


def test_login_redirects_only_to_local_next(app, browser):
    create_user(email="next@example.nl")
    db.session.commit()
    response = browser.submit(
        "/inloggen?next=https://evil.example.com/",
        {"email": "next@example.nl", "password": PASSWORD},
        form_url="/inloggen",
    )
    assert response.headers["Location"] == "/"


def test_logout_needs_post_with_csrf(app, browser):
    create_user(email="uit@example.nl")
    db.session.commit()
    browser.login("uit@example.nl")
    assert browser.client.get("/uitloggen").status_code == 405
    assert browser.logout().status_code == 302
    assert "Inloggen" in browser.get("/").get_data(as_text=True)


@pytest.mark.config(LOGIN_FAILURES_PER_ADDRESS=3)
def test_failed_login_attempts_are_limited_with_dutch_message(app, browser):
    for n in range(3):
        browser.submit("/inloggen", {"email": f"x{n}@example.nl", "password": "nope-nope-nope"})
    response = browser.submit("/inloggen", {"email": "y@example.nl", "password": "nope-nope-nope"})
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord geprobeerd" in response.get_data(as_text=True)


def test_password_change_logs_out_other_sessions(app, client):
    user = create_user(email="epoch@example.nl")
    db.session.commit()
    other_device = app.test_client()
    from tests.conftest import Browser

    Browser(other_device).login("epoch@example.nl")
    assert "Uitloggen" in other_device.get("/").get_data(as_text=True)
    services.set_password(user, "een-nieuw-wachtwoord")
    db.session.commit()
    assert "Uitloggen" not in other_device.get("/").get_data(as_text=True)


def test_passwords_are_argon2id_and_rehashed_when_parameters_change(app):
    user = create_user(email="hash@example.nl")
    assert user.password_hash.startswith("$argon2id$")
    app.config["ARGON2_TIME_COST"] = 2
    assert services.authenticate("hash@example.nl", PASSWORD) is user
    assert "t=2" in user.password_hash


def test_roles_are_ordered():
    assert Role.ADMIN > Role.MODERATOR > Role.AMBASSADOR > Role.PROFESSIONAL
    assert Role.AMBASSADOR >= Role.AMBASSADOR
