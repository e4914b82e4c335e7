"""Mentioning a colleague in an answer, with the keyboard only: type @ and part of a name, pick
from the list with the arrow keys and Enter, post; the answer links to the colleague's profile.
The open list passes axe-core and is looked at (screenshots) at phone and desktop width."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from community.posts import services
from tests.e2e import axe
from tests.e2e.conftest import screenshot
from tests.e2e.site_content import log_in
from tests.e2e.test_keyboard import tab_to
from tests.factories import create_organisation, create_theme, create_user


def test_mention_a_colleague_in_an_answer_by_keyboard(app, live_server, axe_page):
    asker = create_user(name="Sanne de Vries")
    kees = create_user(
        Role.AMBASSADOR, name="Kees Bakker", organisation=create_organisation("Jeugdzorg Oost")
    )
    create_user(name="Keesje Anders")
    answerer = create_user(name="Marieke Jansen")
    question = services.ask_question(
        asker,
        {
            "title": "Wie heeft een goed inwerkprogramma?",
            "body": "We zoeken ideeën voor de eerste maand.",
            "themes": [create_theme("Inwerken", slug="inwerken").id],
        },
    )
    path = f"/vragen/{question.id}-{question.slug}"
    kees_id, answerer_email = kees.id, answerer.email
    db.session.commit()  # touch no model after this: the server needs the database

    page = axe_page
    log_in(page, live_server, answerer_email)
    page.goto(live_server + path)
    # Start where the answer form begins, as a screen-reader user jumping to its heading would.
    page.locator("#reageren h2").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    tab_to(page, "Je antwoord", tag="textarea", limit=10)
    page.keyboard.type("Vraag het eens aan @kees b")
    listbox = page.get_by_role("listbox", name="Collega's om te noemen")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="1 collega gevonden")).to_have_count(1)

    page.keyboard.press("ArrowDown")
    option = listbox.get_by_role("option", name="Kees Bakker")
    expect(option).to_have_attribute("aria-selected", "true")
    textarea = page.locator("textarea[name=body]")
    expect(textarea).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    found = axe.blocking(axe.violations(page))
    assert not found, axe.describe("mention autocomplete open", found)
    textarea.scroll_into_view_if_needed()
    screenshot(page, "mention-autocomplete-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    textarea.scroll_into_view_if_needed()
    screenshot(page, "mention-autocomplete-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.keyboard.press("Enter")
    expect(listbox).to_be_hidden()
    expect(textarea).to_have_value(f"Vraag het eens aan @[Kees Bakker](lid:{kees_id}) ")
    page.keyboard.type("hij weet er alles van.")
    # Escape closes a list without choosing; the text stays as typed.
    page.keyboard.type(" En @kees")
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(textarea).to_have_value(
        f"Vraag het eens aan @[Kees Bakker](lid:{kees_id}) hij weet er alles van. En @kees"
    )

    tab_to(page, "Antwoord plaatsen", tag="button", limit=20)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    link = page.locator(f"#inhoud .reply-body a[href='/leden/{kees_id}']")
    expect(link).to_have_text("@Kees Bakker")
    found = axe.blocking(axe.violations(page))
    assert not found, axe.describe("answer with a mention", found)


def test_the_autocomplete_works_under_the_sites_csp(app, live_server, page):
    """The page fixture keeps the Content-Security-Policy on: no inline script or style used."""
    create_user(name="Kees Bakker")
    asker = create_user(name="Sanne de Vries")
    question = services.ask_question(
        asker,
        {
            "title": "Wie heeft een goed inwerkprogramma?",
            "body": "We zoeken ideeën.",
            "themes": [create_theme().id],
        },
    )
    path = f"/vragen/{question.id}-{question.slug}"
    email = create_user(name="Marieke Jansen").email
    db.session.commit()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    log_in(page, live_server, email)
    page.goto(live_server + path)
    page.locator("#reageren h2").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    tab_to(page, "Je antwoord", tag="textarea", limit=10)
    page.keyboard.type("Vraag @Kees")
    listbox = page.get_by_role("listbox", name="Collega's om te noemen")
    expect(listbox.get_by_role("option", name="Kees Bakker")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(page.locator("textarea[name=body]")).to_have_value(
        re.compile(r"^Vraag @\[Kees Bakker\]\(lid:\d+\) $")
    )
    assert violations == []
