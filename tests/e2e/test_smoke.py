"""The site opens in a real browser, and a member can log in with the keyboard."""

from __future__ import annotations

from community.extensions import db
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, create_user


def test_member_logs_in_through_the_browser(app, live_server, page):
    user = create_user(email="lotte@example.nl", name="Lotte de Vries")
    db.session.commit()
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("E-mailadres").fill("lotte@example.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")
    assert f"Welkom terug, {user.name}!" in page.content()
    screenshot(page, "home-member-1280")
