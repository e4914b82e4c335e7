"""Choosing "direct" for a followed theme with the keyboard only, in a real browser; the next
question in that theme then arrives by mail (real SMTP). axe-core clean at phone and desktop."""

from __future__ import annotations

from playwright.sync_api import expect

from community.extensions import db
from community.follows import services as follows
from community.follows.models import Delivery, Follow
from community.notify import jobs
from community.posts import services as posts
from tests.e2e.axe import blocking, describe, violations
from tests.e2e.conftest import screenshot
from tests.e2e.test_keyboard import (
    assert_focus_visible,
    log_in_with_keyboard,
    skip_to_content,
    tab_to,
)
from tests.e2e.test_layout import MIN_TAP, SMALL_TARGETS
from tests.factories import PASSWORD, create_theme, create_user


def test_member_chooses_direct_for_a_theme_with_the_keyboard(
    app, live_server, page, axe_page, smtp_server
):
    theme = create_theme("Pleegzorg", slug="pleegzorg-e2e")
    member = create_user(email="kees@example.nl", name="Kees Bakker")
    follow_id = follows.follow(member, theme=theme).id
    email = member.email
    db.session.commit()

    log_in_with_keyboard(page, live_server, email)

    page.goto(live_server + "/ik-volg")
    skip_to_content(page)
    # Tab reaches the chosen radio of the group ("nieuwsbrief", today's default); arrows choose.
    assert tab_to(page, "nieuwsbrief", tag="input", limit=60)["type"] == "radio"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.get_by_label("direct", exact=True).is_checked()
    assert_focus_visible(page)
    tab_to(page, "Bewaar", tag="button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ik-volg*")
    expect(
        page.get_by_text("Bewaard: je koos ‘direct’, een e-mail bij elke nieuwe vraag")
    ).to_be_visible()
    expect(page.get_by_label("direct", exact=True)).to_be_checked()
    screenshot(page, "follow-delivery-1280")
    db.session.expire_all()
    assert db.session.get(Follow, follow_id).delivery is Delivery.DIRECT

    # The next question in the theme reaches Kees by mail.
    question = posts.ask_question(
        create_user(),
        {
            "title": "Wie kent een goede pleegzorgtraining?",
            "body": "Graag tips.",
            "themes": [theme.id],
        },
    )
    db.session.commit()
    jobs.fan_out_job(question.id)
    jobs.deliver_due_job()
    [mail] = smtp_server.wait_for(1)
    assert str(mail["To"]) == "kees@example.nl"
    assert "Wie kent een goede pleegzorgtraining?" in mail["Subject"]

    axe_page.goto(live_server + "/inloggen")
    axe_page.get_by_label("E-mailadres").fill(email)
    axe_page.get_by_label("Wachtwoord").fill(PASSWORD)
    axe_page.get_by_role("button", name="Inloggen").click()
    axe_page.wait_for_url(live_server + "/")
    for width in (375, 1280):
        axe_page.set_viewport_size({"width": width, "height": 900})
        for name, path in (("follows", "/ik-volg"), ("settings", "/instellingen")):
            axe_page.goto(live_server + path)
            found = blocking(violations(axe_page))
            assert not found, describe(f"{name} at {width}px", found)
            overflow = axe_page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            assert not overflow, f"{name} scrolls sideways at {width}px"
            small = axe_page.evaluate(SMALL_TARGETS, MIN_TAP) if width == 375 else []
            assert not small, f"{name} at {width}px: tap targets under {MIN_TAP} px: {small}"
            screenshot(axe_page, f"follow-delivery-{name}-{width}")
