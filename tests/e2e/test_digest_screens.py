"""The digest's pages in a real browser, at desktop and phone widths (screenshots for review)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from community.accounts.models import Role
from community.digest import links
from community.extensions import db
from community.posts.models import PostKind
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, create_post, create_subscriber, create_theme, create_user

WIDTHS = (1280, 375)


@pytest.fixture
def content(app):
    names = ["Inwerken", "Behouden", "Mentorschap & begeleiding", "Moreel letsel", "Leiderschap"]
    themes = [create_theme(name) for name in names]
    admin = create_user(Role.ADMIN, email="beheer@example.nl", name="Noor Beheer")
    for n, title in enumerate(
        [
            "Hoe geven jullie starters een warme landing in hun eerste week?",
            "Wie heeft ervaring met een mentorpool over teams heen?",
            "Hoe bespreek je moreel letsel in het team zonder dat het zwaar wordt?",
        ]
    ):
        create_post(author=admin, themes=[themes[n]], title=title)
    create_post(
        PostKind.PRACTICE,
        author=admin,
        themes=themes[:2],
        title="Een buddy voor elke starter",
        summary="Uitstroom na één jaar van 17% naar 3%, met een buddy uit een ander team.",
    )
    follower = create_subscriber("lotte@example.nl", themes=themes[:2])
    db.session.commit()
    return follower


def test_digest_pages_at_desktop_and_phone_width(app, live_server, page, content):
    token = links.recipient_token(links.SUBSCRIBER, content.id, content.email)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server + "/volgen")
        screenshot(page, f"digest-follow-{width}")
        page.goto(live_server + f"/nieuwsbrief/{token}")
        screenshot(page, f"digest-preferences-{width}")
        page.goto(live_server + f"/afmelden/{token}")
        screenshot(page, f"digest-unsubscribe-{width}")


def test_follow_form_shows_errors_next_to_the_fields(app, live_server, page, content):
    page.goto(live_server + "/volgen")
    page.get_by_label("Je e-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_text("Dat lijkt geen geldig e-mailadres").first).to_be_visible()
    expect(page.get_by_text("Kies minstens één thema").first).to_be_visible()
    screenshot(page, "digest-follow-errors-1280")


def test_admin_preview_at_desktop_and_phone_width(app, live_server, page, content):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("beheer@example.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")
    for width in WIDTHS:
        # Headless Chromium paints a sandboxed (out-of-process) iframe only where the viewport
        # was: a fresh, tall tab, so the full-page screenshot shows the mail too.
        tab = page.context.new_page()
        tab.set_viewport_size({"width": width, "height": 2400})
        tab.goto(f"{live_server}/beheer/nieuwsbrief/voorbeeld?email={content.email}&period=weekly")
        frame = tab.frame_locator("iframe.digest-preview-frame")
        frame.get_by_text("Een buddy voor elke starter").wait_for(state="visible", timeout=5000)
        screenshot(tab, f"digest-admin-preview-{width}")
        tab.close()
    page.goto(live_server + "/beheer/nieuwsbrief")
    screenshot(page, "digest-admin-runs-1280")
