"""Log-in limits count failed attempts, per account and per address apart: a team behind one
office address logs in freely, while guessing one account's password from many addresses locks
that account's log-in for a while and tells its owner by mail.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from community.accounts import login_limits
from community.clock import utcnow
from community.extensions import db
from tests.conftest import Browser
from tests.factories import PASSWORD, create_user

pytestmark = pytest.mark.config(TRUSTED_PROXIES=1)

OFFICE = "203.0.113.7"
LOCKED = "Er is te vaak een verkeerd wachtwoord geprobeerd voor dit account"


def from_address(app, address: str) -> Browser:
    """A browser on its own device, whose requests come (through our proxy) from `address`."""
    client = app.test_client()
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    return Browser(client)


def attempt(browser: Browser, email: str, password: str):
    return browser.submit("/inloggen", {"email": email, "password": password})


def test_thirty_colleagues_behind_one_office_address_all_log_in(app):
    emails = [create_user(email=f"collega{i}@example.nl").email for i in range(30)]
    db.session.commit()
    for i, email in enumerate(emails):
        browser = from_address(app, OFFICE)
        if i % 5 == 0:  # some mistype first, as people do
            assert attempt(browser, email, "typfout-typfout").status_code == 200
        response = attempt(browser, email, PASSWORD)
        assert response.status_code == 302, f"colleague {i + 1} was refused"


def test_twenty_failures_from_twenty_addresses_lock_the_account_and_mail_its_owner(
    app, smtp_server
):
    create_user(email="doelwit@example.nl", name="Sanne de Vries")
    db.session.commit()
    answers = [
        attempt(from_address(app, f"198.51.100.{n}"), "doelwit@example.nl", f"gok-{n}-gok-gok")
        for n in range(1, 21)
    ]
    assert all(a.status_code in (200, 429) for a in answers)
    assert answers[-1].status_code == 429
    assert LOCKED in answers[-1].get_data(as_text=True)

    # Now even the right password, from a fresh address, is refused for a while, in Dutch.
    owner = attempt(from_address(app, "192.0.2.50"), "doelwit@example.nl", PASSWORD)
    assert owner.status_code == 429
    page = owner.get_data(as_text=True)
    assert LOCKED in page and "Wachtwoord vergeten" in page

    smtp_server.wait_for(1)
    [mail] = smtp_server.to("doelwit@example.nl")
    assert "inloggen" in mail["Subject"].lower()
    text = mail.get_body(("plain",)).get_content()
    assert "Sanne de Vries" in text and "verkeerd wachtwoord" in text
    assert "http://localhost/wachtwoord-vergeten" in text
    assert len(smtp_server.messages) == 1  # one mail per lock, not one per attempt

    # Other accounts from those same addresses are untouched.
    create_user(email="buur@example.nl")
    db.session.commit()
    assert (
        attempt(from_address(app, "198.51.100.1"), "buur@example.nl", PASSWORD).status_code == 302
    )


def test_lock_ends_after_the_window_and_a_password_reset_ends_it_at_once(app):
    user = create_user(email="slot@example.nl")
    db.session.commit()
    then = utcnow() - timedelta(minutes=16)
    for n in range(login_limits.per_account()):
        login_limits.record_failure("slot@example.nl", f"10.0.0.{n}", now=then)
    assert login_limits.refusal("slot@example.nl", "10.9.9.9", now=then) is not None
    assert login_limits.refusal("slot@example.nl", "10.9.9.9") is None  # 16 minutes later

    for n in range(login_limits.per_account()):
        login_limits.record_failure("slot@example.nl", f"10.0.0.{n}")
    assert login_limits.refusal("slot@example.nl", "10.9.9.9") is not None
    from community.accounts import password_reset

    token = password_reset.request_password_reset(user.email)
    password_reset.reset_password(token, "een-nieuw-wachtwoord")
    db.session.commit()
    assert login_limits.refusal("slot@example.nl", "10.9.9.9") is None


@pytest.mark.config(LOGIN_FAILURES_PER_ADDRESS=5)
def test_one_address_trying_many_accounts_is_stopped_others_are_not(app):
    create_user(email="echt@example.nl")
    db.session.commit()
    for n in range(5):
        attempt(from_address(app, "198.51.100.66"), f"iemand{n}@example.nl", "raden-raden")
    refused = attempt(from_address(app, "198.51.100.66"), "echt@example.nl", PASSWORD)
    assert refused.status_code == 429
    assert "Vanaf jouw internetverbinding is te vaak" in refused.get_data(as_text=True)
    assert (
        attempt(from_address(app, "198.51.100.67"), "echt@example.nl", PASSWORD).status_code == 302
    )


def test_failures_are_counted_in_the_database_so_every_worker_sees_them(app):
    """Two app instances (two workers, or two hosts) share one count."""
    create_user(email="gedeeld@example.nl")
    db.session.commit()
    for n in range(login_limits.per_account()):
        attempt(from_address(app, f"198.51.100.{n}"), "gedeeld@example.nl", "fout-fout-fout")
    from community import create_app

    other_worker = create_app({**app.config, "INSTANCE_PATH": app.instance_path})
    client = other_worker.test_client()
    with other_worker.app_context():
        token_page = client.get("/inloggen").get_data(as_text=True)
    from tests.conftest import csrf_token_from

    with other_worker.app_context():
        response = client.post(
            "/inloggen",
            data={
                "csrf_token": csrf_token_from(token_page),
                "email": "gedeeld@example.nl",
                "password": PASSWORD,
            },
        )
        db.session.remove()
        db.engine.dispose()
    assert response.status_code == 429
