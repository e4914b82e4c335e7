"""The privacy statement says what the code does: its periods are the purge's constants."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta
from pathlib import Path

from flask import render_template

from community.mydata import purge, retention
from community.mydata.retention import PERIODS, Periods
from tests.factories import PASSWORD, create_user

README = Path(__file__).resolve().parents[2] / "README.md"
RETENTION_RE = re.compile(r'data-retention="(\w+)">(\d+) (?:dag|dagen|uur)<')


def shown_periods(html: str) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for key, number in RETENTION_RE.findall(html):
        found.setdefault(key, set()).add(int(number))
    return found


def test_every_period_on_the_privacy_page_is_the_constant_the_code_uses(client):
    html = client.get("/privacy").get_data(as_text=True)
    shown = shown_periods(html)
    expected = dataclasses.asdict(PERIODS)
    assert set(shown) == set(expected)  # every period is on the page, and nothing else
    for key, value in expected.items():
        assert shown[key] == {value}, key
    # The purge's own periods, spelled out: what the statement promises is what it deletes.
    assert PERIODS.unconfirmed_follow == retention.UNCONFIRMED_FOLLOW.days == 7
    assert PERIODS.ended_invitation == retention.ENDED_INVITATION.days == 30
    assert PERIODS.ended_reset_token == retention.ENDED_RESET_TOKEN.days == 30
    assert "na <strong" in html and "7 dagen</strong>" in html


def test_the_statement_renders_the_constants_instead_of_fixed_numbers(app):
    with app.test_request_context():
        html = render_template(
            "pages/privacy.html", periods=Periods(unconfirmed_follow=11, backups=23)
        )
    shown = shown_periods(html)
    assert shown["unconfirmed_follow"] == {11} and shown["backups"] == {23}


def test_every_purge_rule_has_its_sentence_in_the_statement(client):
    html = client.get("/privacy").get_data(as_text=True)
    wording = {
        "unconfirmed_follows": "bevestig je niet",
        "unsubscribed_followers": "Meld je je af",
        "invitations": "Verloopt ze ongebruikt, of trek je haar in",
        "reset_tokens": "nadat de link verliep",
        "access_requests": "tot er beslist is",
        "unconfirmed_support_requests": "bevestig je een hulpvraag zonder account niet",
        "ended_support_requests": "Een afgeronde of gesloten hulpvraag verwijderen we",
        "digest_deliveries": "Nieuwsbrieflogboek",
        "digest_runs": "Nieuwsbrieflogboek",
        "outgoing_mails": "Mail in de wachtrij",
        "form_submissions": "Dubbel versturen",
    }
    assert {rule.key for rule in purge.RULES} == set(wording)
    for sentence in wording.values():
        assert sentence in html
    assert "map op de server" in html  # the outbox folder


def test_the_worker_runs_the_purge_daily_and_the_readme_keeps_the_servers_promises(app):
    from community.jobs import schedule

    # The job worker's scheduler (Huey: naive UTC minutes) starts the purge once each day.
    day = datetime(2026, 12, 7)
    minutes = (day + timedelta(minutes=i) for i in range(24 * 60))
    assert len([m for m in minutes if schedule.privacy_purge.schedule_check(m)]) == 1
    text = README.read_text()
    assert "`privacy purge` at" in text
    cron = text.split("```cron", 1)[1].split("```", 1)[0]
    assert f"-mmin +{retention.BACKUPS.days * 24 * 60} -delete" in cron
    assert f"MaxRetentionSec={retention.SERVER_LOGS.days}day" in text
    assert f"rotate {retention.SERVER_LOGS.days}" in text


def test_the_remember_cookie_lasts_as_long_as_the_statement_says(app):
    assert app.config["REMEMBER_COOKIE_DURATION"].days == PERIODS.remember_cookie


def test_only_the_session_and_remember_cookies_are_ever_set(browser):
    create_user(email="lotte@example.nl")
    names = set()
    responses = [
        browser.get("/"),
        browser.get("/privacy"),
        browser.submit(
            "/inloggen", {"email": "lotte@example.nl", "password": PASSWORD, "remember": "y"}
        ),
        browser.get("/instellingen"),
        browser.logout(),
    ]
    for response in responses:
        for header in response.headers.getlist("Set-Cookie"):
            names.add(header.split("=", 1)[0])
    assert names == {"session", "remember_token"}


def test_no_third_party_scripts_styles_or_fonts_are_allowed(client):
    response = client.get("/privacy")
    policy = response.headers["Content-Security-Policy"]
    assert "http" not in policy and "*" not in policy
    html = response.get_data(as_text=True)
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', html)
