""" "Vraag een collega" from a question page, with the keyboard only, in a real browser against
a real SMTP server; axe-core clean, screenshots at phone and desktop width."""

from __future__ import annotations

from playwright.sync_api import expect

from community.colleagues import services as colleagues
from community.extensions import db
from tests.e2e.axe import blocking, describe, violations
from tests.e2e.conftest import screenshot
from tests.e2e.test_keyboard import (
    assert_focus_visible,
    focused,
    log_in_with_keyboard,
    skip_to_content,
    tab_to,
    wait_for_path,
)
from tests.factories import PASSWORD, create_organisation, create_post, create_theme, create_user


def test_member_asks_a_colleague_with_the_keyboard_only(
    app, live_server, page, axe_page, smtp_server
):
    theme = create_theme("Moreel letsel", slug="moreel-letsel-e2e")
    asker = create_user(email="sanne@example.nl", name="Sanne Bakker")
    karin = create_user(
        email="karin@example.nl",
        name="Karin Mulder",
        job_title="Gedragswetenschapper",
        organisation=create_organisation("Jeugdbescherming Gelderland", region="Gelderland"),
    )
    colleagues.set_expertise(karin, [theme.id])
    for n in range(3):
        create_user(name=f"Andere collega {n}")
    question = create_post(
        author=asker, title="Hoe praten jullie over moreel letsel in het team?", themes=[theme]
    )
    question_path = f"/vragen/{question.id}-{question.slug}"
    ask_path = f"/vragen/{question.id}/vraag-een-collega"
    email = asker.email
    db.session.commit()

    log_in_with_keyboard(page, live_server, email)

    # From the question page to "Vraag een collega".
    page.goto(live_server + question_path)
    skip_to_content(page)
    tab_to(page, "Vraag een collega", tag="a", limit=60)
    page.keyboard.press("Enter")
    wait_for_path(page, live_server, ask_path)

    # Search by theme: type in the search box, Enter submits the GET form.
    skip_to_content(page)
    tab_to(page, "Naam, organisatie of thema", tag="input", limit=60)
    page.keyboard.type("moreel")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{ask_path}?q=moreel*")
    expect(page.get_by_text("Karin Mulder")).to_be_visible()
    expect(page.get_by_text("Andere collega 0")).to_have_count(0)
    screenshot(page, "ask-colleague-search-1280")

    # Tick Karin with Space, write why, send with Enter on the button.
    skip_to_content(page)
    assert tab_to(page, "Karin Mulder", tag="input", limit=60)["type"] == "checkbox"
    page.keyboard.press("Space")
    assert page.get_by_label("Karin Mulder").is_checked()
    # With JavaScript the count keeps up (ask-colleague.js); without it the server decides.
    expect(page.locator("[data-ask-left]")).to_have_text("(nog 4 te kiezen)")
    tab_to(page, "Waarom vraag je juist hen?", tag="textarea")
    page.keyboard.type("Jij hebt hier bij jullie team intervisie over opgezet.")
    tab_to(page, "Vraag om te antwoorden", tag="button")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{question_path}*")
    expect(page.get_by_text("Gevraagd aan")).to_be_visible()
    expect(page.locator(".ask-colleague-card").get_by_text("Karin Mulder")).to_be_visible()
    screenshot(page, "ask-colleague-done-1280")
    assert focused(page)  # the page is usable after the redirect

    [mail] = smtp_server.wait_for(1)
    assert str(mail["To"]) == "karin@example.nl"
    assert "Sanne Bakker" in mail["Subject"]
    assert "intervisie over opgezet" in mail.get_body(("plain",)).get_content()

    # The ask page and the question page pass axe, logged in, at phone and desktop width.
    axe_page.goto(live_server + "/inloggen")
    axe_page.get_by_label("E-mailadres").fill(email)
    axe_page.get_by_label("Wachtwoord").fill(PASSWORD)
    axe_page.get_by_role("button", name="Inloggen").click()
    axe_page.wait_for_url(live_server + "/")
    for width in (375, 1280):
        axe_page.set_viewport_size({"width": width, "height": 900})
        for name, path in (("ask", ask_path + "?q=a"), ("question", question_path)):
            axe_page.goto(live_server + path)
            found = blocking(violations(axe_page))
            assert not found, describe(f"{name} at {width}px", found)
            overflow = axe_page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            assert not overflow, f"{name} scrolls sideways at {width}px"
            screenshot(axe_page, f"ask-colleague-{name}-{width}")
