""" "Mijn gegevens" and deleting an account in a real browser, at desktop and phone widths."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from community.accounts.models import User
from community.digest import links
from community.extensions import db
from tests.e2e.conftest import screenshot
from tests.factories import (
    PASSWORD,
    create_post,
    create_reply,
    create_subscriber,
    create_theme,
    create_user,
)

EMAIL = "lotte@example.nl"


def log_in(page, live_server):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")


@pytest.fixture
def member(app):
    theme = create_theme("Inwerken")
    member = create_user(email=EMAIL, name="Lotte de Vries", job_title="Jeugdzorgwerker")
    question = create_post(
        author=member, themes=[theme], title="Hoe geven jullie starters een warme landing?"
    )
    other = create_user(name="Sanne Bakker")
    create_reply(question, author=other, body="Met een buddy uit een ander team.")
    theirs = create_post(author=other, themes=[theme], title="Wie werkt met een mentorpool?")
    create_reply(theirs, author=member, body="Wij wel: elke starter kiest zelf een mentor.")
    db.session.commit()
    return member


def test_member_downloads_their_data_and_deletes_their_account(app, live_server, page, member):
    log_in(page, live_server)
    page.goto(live_server + "/instellingen")
    page.get_by_role("link", name="Mijn gegevens").click()
    page.wait_for_url(live_server + "/instellingen/mijn-gegevens")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"my-data-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as info:
        page.get_by_role("link", name="Download mijn gegevens").click()
    download = info.value
    assert download.suggested_filename.startswith("mijn-gegevens-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["profiel"]["email"] == EMAIL
    assert [p["title"] for p in data["berichten"]] == [
        "Hoe geven jullie starters een warme landing?"
    ]

    page.get_by_role("link", name="Account verwijderen…").click()
    page.wait_for_url(live_server + "/instellingen/account-verwijderen")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"delete-account-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Je wachtwoord").fill("niet-mijn-wachtwoord")
    page.get_by_role("button", name="Verwijder mijn account").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert "Vink aan dat je je account echt wilt verwijderen." in page.content()
    assert "Dit is niet je wachtwoord" not in page.content()  # the form stops before the password
    screenshot(page, "delete-account-errors-1280")

    page.get_by_label("Je wachtwoord").fill(PASSWORD)
    page.get_by_label("Ik begrijp dat mijn account definitief verdwijnt").check()
    page.get_by_role("button", name="Verwijder mijn account").click()
    page.wait_for_url(live_server + "/")
    assert "Je account is verwijderd en je bent uitgelogd." in page.content()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()
    page.goto(live_server + "/vragen")
    assert "Lotte de Vries" not in page.content()
    assert "voormalig lid" in page.content()
    db.session.expire_all()
    assert db.session.get(User, member.id).deleted_at is not None


def test_follower_asks_for_a_link_by_mail_and_deletes_everything(app, live_server, page, outbox):
    subscriber = create_subscriber("volger@example.nl", themes=[create_theme("Inwerken")])
    token = links.recipient_token(links.SUBSCRIBER, subscriber.id, subscriber.email)
    db.session.commit()  # the browser's requests need the database free
    page.goto(f"{live_server}/nieuwsbrief/{token}")
    expect(page.get_by_role("button", name="Mail me een downloadlink")).to_be_visible()
    screenshot(page, "follower-preferences-with-data-1280")
    page.get_by_role("button", name="Mail me een link om te verwijderen").click()
    expect(page.get_by_role("heading", name="Kijk in je mail")).to_be_visible()
    screenshot(page, "follower-link-sent-1280")

    [mail] = outbox()
    text = mail.get_body(("plain",)).get_content()
    path = re.search(r"/nieuwsbrief/gegevens/[A-Za-z0-9_-]+", text).group(0)
    page.goto(live_server + path)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        screenshot(page, f"follower-delete-{width}")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Verwijder mijn gegevens").click()
    expect(page.get_by_role("heading", name="Je gegevens zijn verwijderd")).to_be_visible()
    screenshot(page, "follower-deleted-1280")


def test_privacy_statement_at_both_widths(app, live_server, page):
    page.goto(live_server + "/privacy")
    expect(page.get_by_role("heading", name="Privacyverklaring")).to_be_visible()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"privacy-statement-{width}")
