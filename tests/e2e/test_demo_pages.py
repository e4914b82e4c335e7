"""The demo Community in a real browser: the home page and a practice page, with screenshots."""

from __future__ import annotations

from playwright.sync_api import expect

from community.demo import content
from community.demo.services import seed_demo
from community.extensions import db
from tests.e2e.conftest import screenshot


def test_home_and_a_practice_page_show_the_demo_content(app, live_server, page):
    seed_demo()
    db.session.commit()
    public = [p for p in content.PRACTICES if p["visibility"] == "public"]
    newest, first = min(public, key=lambda p: p["days_ago"]), public[0]

    page.goto(live_server + "/")
    expect(page.get_by_role("link", name=newest["title"])).to_be_visible()
    assert page.locator(".question-item").count() >= 3
    screenshot(page, "demo-home-1280")

    page.get_by_role("link", name="Alle goede voorbeelden").click()
    page.get_by_role("link", name=first["title"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == first["title"]
    for heading in ("Aanleiding", "Aanpak", "Resultaten", "Tips voor anderen"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert page.locator("main strong").count() > 0  # the Markdown was rendered, not shown raw
    screenshot(page, "demo-practice-1280")
    assert page.dialogs == []
