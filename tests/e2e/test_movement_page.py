"""De beweging in a real browser: it reads well at 1280 and 375 pixels, with no CSP complaints."""

from __future__ import annotations

import random
from datetime import timedelta

from playwright.sync_api import expect

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.posts.models import PostKind, Visibility
from tests.e2e.conftest import screenshot
from tests.factories import create_organisation, create_post, create_user

ORGANISATIONS = [
    "Molendrift",
    "Jeugdbescherming west",
    "Raad voor de Kinderbescherming",
    "Veilig Thuis Utrecht",
    "Gemeente Amersfoort",
    "Stichting Jeugdformaat",
]


def grow_a_community() -> None:
    """Two years of a movement that starts small and picks up, with invitation chains."""
    rng = random.Random(7)
    now = utcnow()
    organisations = [
        create_organisation(name, slug=f"org-{n}") for n, name in enumerate(ORGANISATIONS)
    ]
    people = []
    for day in range(720, 0, -1):
        if rng.random() < 0.03 + 0.12 * (720 - day) / 720:
            inviter = rng.choice(people) if people and rng.random() < 0.85 else None
            organisation = (
                inviter.organisation
                if inviter and rng.random() < 0.8
                else rng.choice(organisations[:-1])
            )
            role = Role.AMBASSADOR if (inviter is None or rng.random() < 0.3) else Role.PROFESSIONAL
            people.append(
                create_user(
                    role,
                    organisation=organisation,
                    invited_by=inviter if inviter and inviter.role is Role.AMBASSADOR else None,
                    created_at=now - timedelta(days=day),
                )
            )
    create_user(Role.AMBASSADOR, organisation=organisations[-1], created_at=now)
    authors = [p for p in people if p.role is Role.AMBASSADOR]
    for day in range(700, 0, -1):
        if rng.random() < 0.04 + 0.1 * (700 - day) / 700:
            create_post(
                PostKind.PRACTICE, author=rng.choice(authors), created_at=now - timedelta(days=day)
            )
        if rng.random() < 0.06 + 0.2 * (700 - day) / 700:
            asked = now - timedelta(days=day)
            wait = (
                timedelta(hours=rng.choice([1, 2, 3, 5, 8, 20, 30, 50, 200]))
                if rng.random() < 0.85
                else None
            )
            create_post(
                PostKind.QUESTION,
                author=rng.choice(people),
                created_at=asked,
                first_reply_at=asked + wait if wait else None,
                visibility=Visibility.MEMBERS if rng.random() < 0.2 else Visibility.PUBLIC,
            )
    db.session.commit()


def test_movement_page_at_desktop_and_phone_width(app, live_server, page):
    grow_a_community()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))

    page.goto(live_server + "/")
    page.get_by_role("link", name="De beweging").click()
    page.wait_for_url(live_server + "/de-beweging")
    assert page.get_by_role("heading", level=1).inner_text() == "De beweging"
    chart = page.get_by_role("img", name="Groei per maand")
    expect(chart).to_be_visible()
    screenshot(page, "beweging-1280")

    page.get_by_text("Bekijk de cijfers per maand in een tabel").click()
    table = page.get_by_role("table", name="Nieuwe leden, goede voorbeelden en vragen per maand")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == 24
    screenshot(page, "beweging-tabel-1280")

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways"
    assert chart.bounding_box()["width"] <= 375
    screenshot(page, "beweging-375")

    page.goto(live_server + "/organisaties/org-0")
    expect(page.get_by_role("heading", name="Molendrift in de beweging")).to_be_visible()
    screenshot(page, "organisatie-cijfers-375")
    assert problems == []
