"""The rekentool and the readiness check in a real browser: keyboard only, with and without
JavaScript, axe-core clean, and laid out at 375 and 1280 px (screenshots under
test-artifacts/screenshots/tools-*.png)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from community.readiness.models import Response
from tests.e2e import axe
from tests.e2e.conftest import screenshot
from tests.e2e.site_content import AMBASSADOR, MEMBER, PAGES, VISITOR, log_in, path_of, seed_site
from tests.e2e.test_keyboard import assert_focus_visible, focused, skip_to_content, tab_to
from tests.e2e.test_layout import MIN_TAP, SMALL_TARGETS
from tests.factories import create_user

TOOL_PAGES = [p for p in PAGES if p.endpoint.startswith(("rekentool.", "readiness."))]


def test_tool_pages_are_axe_clean_and_fit_phone_and_desktop(app, live_server, axe_page):
    site = seed_site()
    page = axe_page
    problems = []
    for audience in (VISITOR, MEMBER, AMBASSADOR):
        if audience != VISITOR:
            page.context.clear_cookies()
            log_in(page, live_server, site.emails[audience])
        for spec in [p for p in TOOL_PAGES if p.audiences[0] == audience]:
            for width in (1280, 375):
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(live_server + path_of(site, spec))
                assert response.status == spec.status, spec.name
                if spec.submit:
                    page.get_by_role("button", name=spec.submit, exact=True).click()
                    page.wait_for_load_state()
                    assert page.locator(".error-summary").count(), spec.name
                found = axe.blocking(axe.violations(page))
                if found:
                    problems.append(axe.describe(f"{spec.name} at {width} px", found))
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    problems.append(f"{spec.name} at {width} px: {overflow} px too wide")
                if width == 375:
                    problems += [f"{spec.name}: {t}" for t in page.evaluate(SMALL_TARGETS, MIN_TAP)]
                slug = re.sub(r"[^a-z0-9]+", "-", spec.name.lower()).strip("-")
                screenshot(page, f"tools-{slug}-{width}")
    assert not problems, "\n".join(problems)


def test_rekentool_by_keyboard_recalculates_as_you_type(app, live_server, page):
    page.goto(live_server + "/rekentool/")
    skip_to_content(page)
    # The first line of the first block: past its name to the hours, rate and expenses.
    tab_to(page, "Omschrijving", tag="input")
    tab_to(page, "Uren", tag="input")
    page.keyboard.type("12,5")
    tab_to(page, "Uurtarief", tag="input")
    page.keyboard.type("48,40")
    tab_to(page, "Uitgaven", tag="input")
    page.keyboard.type("150")
    first_total = page.locator("[data-line-total]").first
    expect(first_total).to_have_text("€\u00a0755")  # JavaScript counted while typing
    expect(page.locator('[data-result="per-hire"]')).to_have_text("€\u00a0755")

    # Add a line to "Uitstroom" with the keyboard; the new line's name gets the focus.
    page.locator("#add-uitstroom").focus()
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page)["tag"] == "input"
    page.keyboard.type("Overdracht van cliënten")
    tab_to(page, "Uren", tag="input")
    page.keyboard.type("6")
    tab_to(page, "Uurtarief", tag="input")
    page.keyboard.type("1.000")
    expect(page.locator('[data-result="per-hire"]')).to_have_text("€\u00a06.755")

    page.locator("#staff").focus()
    page.keyboard.type("200")
    tab_to(page, "Uitstroom per jaar", tag="input")
    page.keyboard.type("18")
    expect(page.locator('[data-result="turnover"]')).to_have_text("€\u00a0243.180")
    # Enter counts on the server too, and lands on the result.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator('[data-result="turnover"]')).to_have_text("€\u00a0243.180")
    assert page.evaluate("document.activeElement.id") == "uitkomst"
    assert page.dialogs == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"tools-rekentool-filled-{width}")


@pytest.fixture
def no_js_page(chromium):
    context = chromium.new_context(
        locale="nl-NL", viewport={"width": 375, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def test_rekentool_works_without_javascript(app, live_server, no_js_page):
    page = no_js_page
    page.goto(live_server + "/rekentool/")
    page.get_by_label("Uren (Profielbepaling en beschrijven)").fill("4")
    page.get_by_label("Uurtarief € (Profielbepaling en beschrijven)").fill("1.528,50")
    # Without JavaScript nothing is counted until the form is sent.
    expect(page.locator('[data-result="per-hire"]')).to_have_text("€\u00a00")
    with page.expect_navigation():
        page.get_by_label("Uren (Profielbepaling en beschrijven)").press("Enter")
    expect(page.locator('[data-result="per-hire"]')).to_have_text("€\u00a06.114")

    page.get_by_role("button", name="Regel toevoegen aan Indirecte kosten").click()
    page.wait_for_load_state()
    labels = page.locator('input[name$="-label"]')
    assert labels.count() == 22
    new = page.locator("input[autofocus]")
    new.fill("Inhuur via bureau")
    name = new.get_attribute("id").removesuffix("-label")
    page.locator(f"#{name}-oop").fill("2500")
    page.get_by_role("button", name=re.compile(r"^Weg\s*:\s*Exitgesprek$")).click()
    page.wait_for_load_state()
    assert labels.count() == 21
    assert page.locator('input[value="Inhuur via bureau"]').count() == 1
    page.get_by_role("button", name="Bereken", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator('[data-result="per-hire"]')).to_have_text("€\u00a08.614")

    page.locator("#l0-hours").fill("-2")
    page.get_by_role("button", name="Bereken", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("negatief bedrag")
    screenshot(page, "tools-rekentool-nojs-errors-375")


def test_readiness_check_by_keyboard(app, live_server, page):
    page.goto(live_server + "/klaar-voor-verandering/")
    skip_to_content(page)
    # Nine radio groups: Tab enters each group on "Ja"; Space says ja, Right arrow says nee.
    for index in range(9):
        now = tab_to(page, "Ja", tag="input")
        assert now["type"] == "radio"
        page.keyboard.press("Space" if index < 7 else "ArrowRight")
        assert_focus_visible(page)
    tab_to(page, "Bekijk de uitkomst", tag="button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Goede basis om te starten")
    expect(page.get_by_text("7 van de 9")).to_be_visible()
    # The next steps go on into the Community.
    tab_to(page, "De rekentool", tag="a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/rekentool/$"))
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 0


def test_team_round_from_start_to_spread(app, live_server, page, chromium):
    create_user(Role.AMBASSADOR, email="anna@example.nl", name="Anna Bakker")
    db.session.commit()
    log_in(page, live_server, "anna@example.nl")
    page.goto(live_server + "/klaar-voor-verandering/teamrondes")
    skip_to_content(page)
    tab_to(page, "Naam van de ronde", tag="input")
    page.keyboard.type("Team Noord")
    tab_to(page, "Ronde starten", tag="button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/teamrondes/\d+$"))
    link = page.locator("#ronde-link").input_value()
    assert "/klaar-voor-verandering/t/" in link
    expect(page.get_by_text("nog 3 te gaan")).to_be_visible()

    for yes in (9, 6, 1):
        context = chromium.new_context(locale="nl-NL", viewport={"width": 375, "height": 800})
        try:
            colleague = context.new_page()
            colleague.goto(link)
            expect(colleague.get_by_text("Je antwoorden zijn anoniem")).to_be_visible()
            skip_to_content(colleague)
            for index in range(9):
                tab_to(colleague, "Ja", tag="input")
                colleague.keyboard.press("Space" if index < yes else "ArrowRight")
            tab_to(colleague, "Bekijk de uitkomst", tag="button")
            with colleague.expect_navigation():
                colleague.keyboard.press("Enter")
            expect(colleague.get_by_text("anoniem bewaard")).to_be_visible()
            colleague.goto(link)
            expect(colleague.get_by_role("heading", name="Je deed al mee")).to_be_visible()
        finally:
            context.close()

    page.reload()
    expect(page.get_by_role("cell", name="3", exact=True).first).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Is er een trekker"))
    expect(row).to_contain_text("12")  # one ja, two nee
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"tools-team-round-results-{width}")


def test_the_printable_page_prints_without_the_site_around_it(app, live_server, page):
    page.goto(live_server + "/rekentool/")
    page.locator("#l0-oop").fill("1.528")
    page.locator("#hires").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Afdrukbare versie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat verloop ons kost")
    expect(page.locator(".site-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_text("€\u00a018.336").first).to_be_visible()  # 1.528 × 12
    expect(page.get_by_text("Molendrift", exact=True)).to_be_visible()
    screenshot(page, "tools-rekentool-print-1280")


def test_member_saves_two_scenarios_and_compares_them_by_keyboard(app, live_server, page):
    create_user(email="sanne@example.nl", name="Sanne de Vries")
    db.session.commit()
    log_in(page, live_server, "sanne@example.nl")
    page.goto(live_server + "/rekentool/")
    skip_to_content(page)
    tab_to(page, "Uren", tag="input")
    page.keyboard.type("10")
    tab_to(page, "Uurtarief", tag="input")
    page.keyboard.type("50")
    tab_to(page, "Naam van je scenario", tag="input", limit=200)
    page.keyboard.type("Zoals het nu gaat")
    tab_to(page, "Scenario bewaren", tag="button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Je scenario ‘Zoals het nu gaat’ is bewaard.")).to_be_visible()

    # From the open scenario: change an amount and keep it as a second one.
    page.locator("#l0-rate").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("75")
    name = page.get_by_label("Naam van je scenario")
    name.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Met een buddy")
    tab_to(page, "Bewaar als nieuw scenario", tag="button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Je scenario ‘Met een buddy’ is bewaard.")).to_be_visible()

    page.goto(live_server + "/rekentool/scenarios")
    skip_to_content(page)
    tab_to(page, "Vergelijken", tag="button", limit=60)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Twee scenario's naast elkaar")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("^Per nieuwe collega"))
    expect(row).to_contain_text("€\u00a0750")
    expect(row).to_contain_text("€\u00a0500")
    expect(row).to_contain_text("€\u00a0-250")  # "Met een buddy" sorts first: 500 − 750
    screenshot(page, "tools-compare-by-keyboard-1280")
