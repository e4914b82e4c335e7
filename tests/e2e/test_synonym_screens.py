"""A moderator adds a synonym group on /beheer/zoekwoorden with the keyboard only, corrects a
mistake the page points out, and the search finds the abbreviation's post at once; axe finds
nothing serious on the page, with an error and with a group listed."""

from __future__ import annotations

from community.accounts.models import Role
from community.extensions import db
from community.search.indexer import get_indexer
from tests.e2e import axe
from tests.e2e.conftest import screenshot
from tests.e2e.test_keyboard import focused, skip_to_content, tab_to, wait_for_path
from tests.factories import PASSWORD, create_user
from tests.search.conftest import post

FIELD = "Woorden die hetzelfde betekenen"
EMAIL = "mo@jeugdhulp.example.nl"


def assert_axe_clean(page, name: str) -> None:
    found = axe.blocking(axe.violations(page))
    assert not found, axe.describe(name, found)


def test_a_moderator_adds_a_synonym_with_the_keyboard(app, live_server, axe_page):
    page = axe_page  # the site's CSP is bypassed only so that axe can be injected
    get_indexer(app).reindex()
    post("Na het multidisciplinair overleg", body="Wat we afspraken met school en ouders.")
    create_user(Role.MODERATOR, name="Mo de Moderator", email=EMAIL)
    db.session.commit()

    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_for_path(page, live_server, "/")

    # The account menu leads there, by keyboard.
    tab_to(page, "Mo de Moderator", tag="summary")
    page.keyboard.press("Enter")
    tab_to(page, "Zoekwoorden", tag="a")
    page.keyboard.press("Enter")
    wait_for_path(page, live_server, "/beheer/zoekwoorden")
    assert_axe_clean(page, "zoekwoorden")

    # One word only: the page says what is missing, in Dutch, and keeps what was typed.
    skip_to_content(page)
    assert tab_to(page, FIELD)["tag"] == "input"
    page.keyboard.type("MDO")
    tab_to(page, "Toevoegen", tag="button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Zet een =-teken tussen woorden" in page.locator(".error-message").inner_text()
    assert page.get_by_label(FIELD).input_value() == "MDO"
    screenshot(page, "synonyms-error-1280")
    assert_axe_clean(page, "zoekwoorden, with an error")

    # The summary of errors has the focus; its link leads to the field.
    tab_to(page, FIELD, tag="a")
    page.keyboard.press("Enter")
    if focused(page)["tag"] != "input":
        tab_to(page, FIELD, tag="input")
    page.keyboard.press("End")
    page.keyboard.type(" = multidisciplinair overleg")
    tab_to(page, "Toevoegen", tag="button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert "Toegevoegd: MDO = multidisciplinair overleg" in page.locator(".flash").inner_text()
    assert page.locator(".admin-table").get_by_text("MDO = multidisciplinair overleg").count()
    screenshot(page, "synonyms-added-1280")
    assert_axe_clean(page, "zoekwoorden, with a group")

    # No reindex: the next search uses it.
    page.goto(live_server + "/zoeken?q=MDO")
    assert page.locator(".hit-title").all_inner_texts() == ["Na het multidisciplinair overleg"]

    # Removing it is one button per group, reached with Tab.
    page.goto(live_server + "/beheer/zoekwoorden")
    skip_to_content(page)
    tab_to(page, "Verwijderen MDO = multidisciplinair overleg", tag="button")
    assert focused(page)["tag"] == "button"
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert "Verwijderd" in page.locator(".flash").inner_text()
    page.goto(live_server + "/zoeken?q=MDO")
    assert page.locator(".hit-title").count() == 0
