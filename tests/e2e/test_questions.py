"""A question asked, answered, mailed and accepted, in a real browser against a real SMTP server;
and screenshots of the main pages at desktop and phone widths."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from community.posts import services
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, create_organisation, create_theme, create_user


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base + "/")


def test_asker_gets_mail_and_accepts_the_answer(app, live_server, page, chromium, smtp_server):
    create_theme("Inwerken", slug="inwerken-e2e")
    create_user(email="sanne@example.nl", name="Sanne Bakker")
    create_user(
        Role.AMBASSADOR,
        email="ahmed@example.nl",
        name="Ahmed el Idrissi",
        organisation=create_organisation("Jeugdbescherming west"),
    )
    db.session.commit()

    # A professional asks a question.
    log_in(page, live_server, "sanne@example.nl")
    page.get_by_role("link", name="Vragen", exact=True).click()
    page.get_by_role("link", name="Stel een vraag").click()
    page.get_by_label("Titel").fill("Hoe geven jullie starters een eerste maand zonder caseload?")
    page.get_by_label("Je vraag").fill(
        "Wij willen nieuwe collega's de eerste maand laten meelopen.\n\n"
        "Hoe regelen jullie de **planning**?"
    )
    page.get_by_label("Inwerken").check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    assert page.locator(".preview strong").inner_text() == "planning"
    page.get_by_role("button", name="Vraag plaatsen").click()
    page.wait_for_url(re.compile(r".*/vragen/\d+-hoe-geven-jullie-starters.*"))
    question_url = page.url

    # An ambassador answers, in a browser of their own.
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    other = context.new_page()
    log_in(other, live_server, "ahmed@example.nl")
    other.goto(question_url)
    other.get_by_label("Je antwoord").fill(
        "Bij ons krijgt elke starter een **mentor** en vijf uur begeleiding per week."
    )
    other.get_by_role("button", name="Antwoord plaatsen").click()
    other.wait_for_selector(".reply")
    assert "Dank je wel voor je antwoord!" in other.content()
    context.close()

    # The asker gets the mail on the real SMTP server, with an absolute link to the answer.
    smtp_server.wait_for(1)
    [mail] = smtp_server.to("sanne@example.nl")
    assert mail["Subject"] == (
        "Nieuw antwoord op je vraag: Hoe geven jullie starters een eerste maand zonder caseload?"
    )
    text = mail.get_body(("plain",)).get_content()
    link = re.search(r"(http://\S+#reactie-\d+)", text).group(1)
    assert link.startswith(live_server + "/vragen/")
    assert "omdat je deze vraag stelde" in text

    # She opens the link from her mail (a new tab) and accepts the answer.
    page = page.context.new_page()
    page.goto(link)
    expect(page.locator(f"#{link.rsplit('#', 1)[1]}")).to_be_visible()
    page.get_by_role("button", name="Accepteer dit antwoord").click()
    page.wait_for_selector(".reply-accepted")
    assert page.locator(".accepted-label").inner_text().strip().endswith("Geaccepteerd antwoord")
    assert "Beantwoord" in page.locator(".post-header").inner_text()
    # The answerer hears it helped.
    smtp_server.wait_for(2)
    assert smtp_server.to("ahmed@example.nl")[0]["Subject"].startswith(
        "Je antwoord is geaccepteerd"
    )

    page.reload()
    screenshot(page, "question-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "question-375")


def seed_content():
    inwerken = create_theme("Inwerken", slug="inwerken-s")
    behouden = create_theme("Behouden", slug="behouden-s")
    mentor = create_theme("Mentorschap & begeleiding", slug="mentor-s")
    raad = create_organisation("Raad voor de Kinderbescherming")
    ambassador = create_user(
        Role.AMBASSADOR, name="Marieke Jansen", organisation=raad, job_title="Teamleider"
    )
    asker = create_user(name="Sanne Bakker")
    helper = create_user(Role.AMBASSADOR, name="Ahmed el Idrissi")
    practice = services.publish_practice(
        ambassador,
        {
            "title": "Werven, selecteren en landen: na 90 dagen vragen hoe het gaat",
            "summary": (
                "Nieuwe collega's vullen na 90 dagen een korte vragenlijst in. Wat schuurt,"
                " pakken we meteen op. De uitstroom in het eerste jaar daalde van 17% naar 3%."
            ),
            "context": "Te veel nieuwe collega's vertrokken binnen een jaar. Niemand wist waarom.",
            "approach": (
                "- Een eerlijk beeld van het werk al in de vacature\n"
                "- Een vaste begeleider vanaf dag één\n"
                "- Na **90 dagen** een vragenlijst en een gesprek"
            ),
            "target_group": "Nieuwe raadsonderzoekers en hun teamleiders.",
            "results": "Uitstroom na één jaar: van **17%** naar **3%**.",
            "tips": "Begin klein: één team, één vragenlijst. Deel wat je leert.",
            "grounding_text": "Databank Effectieve Jeugdinterventies (NJi)",
            "grounding_url": "https://www.nji.nl/interventies",
            "themes": [inwerken.id, behouden.id],
        },
    )
    titles = [
        "Hoe houden jullie het mentorschap vol als het druk wordt?",
        "Wat doen jullie in de eerste week voor een nieuwe gezinsvoogd?",
        "Hebben jullie ervaring met een buddy uit een ander team?",
        "Hoe bespreek je moreel letsel in het team zonder dat het zwaar wordt?",
        "Werkt een vaste inwerkdag per maand beter dan losse afspraken?",
    ]
    questions = [
        services.ask_question(
            asker,
            {
                "title": title,
                "body": "Wij lopen hier tegenaan en zijn benieuwd hoe anderen het doen.",
                "themes": [mentor.id if i % 2 else inwerken.id],
                "is_anonymous": i == 3,
            },
        )
        for i, title in enumerate(titles)
    ]
    services.post_reply(
        helper, questions[0], "Bij ons plannen we de mentoruren vooraf in, net als cliëntafspraken."
    )
    reply = services.post_reply(
        ambassador, questions[0], "Wij geven mentoren een **vast uur** per week."
    )
    services.accept_answer(asker, reply)
    services.post_reply(asker, practice, "Mooi voorbeeld! Hoe lang is de vragenlijst?")
    db.session.commit()
    return practice


def test_pages_look_calm_at_desktop_and_phone_width(app, live_server, page):
    practice = seed_content()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server + "/")
        screenshot(page, f"home-{width}")
        page.goto(live_server + f"/goede-voorbeelden/{practice.id}-{practice.slug}")
        assert page.locator("h2", has_text="Resultaten").count() == 1
        screenshot(page, f"practice-{width}")
        page.goto(live_server + "/vragen")
        screenshot(page, f"questions-{width}")
    assert page.dialogs == []


def test_privacy_warning_on_the_practice_form(app, live_server, page):
    create_theme("Inwerken", slug="inwerken-p")
    create_user(Role.AMBASSADOR, email="amb@example.nl", name="Marieke Jansen")
    db.session.commit()
    log_in(page, live_server, "amb@example.nl")
    page.goto(live_server + "/goede-voorbeelden/nieuw")
    page.get_by_label("Titel").fill("Een buddy uit een ander team voor elke starter")
    page.get_by_label("Samenvatting").fill("Starters krijgen een buddy buiten hun eigen team.")
    page.get_by_label("Aanpak").fill("Bel de buddy op 06-12345678 als er iets is.")
    page.get_by_label("Inwerken").check()
    page.get_by_role("button", name="Voorbeeld delen").click()
    warning = page.locator(".privacy-warning")
    expect(warning).to_be_visible()
    assert warning.locator("mark").first.inner_text() == "06-12345678"
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"practice-form-privacy-{width}")
    page.get_by_label("Ik heb dit gecontroleerd: er is niemand aan te herkennen").check()
    page.get_by_role("button", name="Voorbeeld delen").click()
    page.wait_for_url(re.compile(r".*/goede-voorbeelden/\d+-een-buddy.*"))
    assert "Dank je wel! Je goede voorbeeld staat online." in page.content()
