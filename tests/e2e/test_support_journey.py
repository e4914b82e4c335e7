"""From a support request to a helper, with the keyboard only: a member asks, an ambassador who
thinks along says "Ik help", and the asker sees who helps. Every page on the way passes axe-core
and is looked at (screenshots) at phone and desktop width."""

from __future__ import annotations

from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from community.support import services
from tests.e2e import axe
from tests.e2e.conftest import screenshot
from tests.e2e.site_content import log_in
from tests.e2e.test_keyboard import assert_focus_visible, tab_to
from tests.factories import create_organisation, create_theme, create_user


def _no_blocking_violations(page, name: str) -> None:
    found = axe.blocking(axe.violations(page))
    assert not found, axe.describe(name, found)


def test_member_asks_and_an_ambassador_helps_by_keyboard(app, live_server, axe_page, chromium):
    inwerken = create_theme("Inwerken", slug="inwerken")
    create_theme("Behouden", slug="behouden")
    asker_org = create_organisation("Jeugdhulp De Linde", region="Gelderland")
    asker = create_user(
        Role.PROFESSIONAL,
        email="sanne@linde.example.nl",
        name="Sanne de Vries",
        organisation=asker_org,
    )
    helper = create_user(
        Role.AMBASSADOR,
        email="ahmed@veld.example.nl",
        name="Ahmed el Idrissi",
        organisation=create_organisation("Jeugdbescherming Oost"),
    )
    services.set_sparring_offer(helper, True, [inwerken.id], "Gelderland", 2)
    asker_email, helper_email = asker.email, helper.email
    # Touch no model after this commit: an open SQLite transaction would block the server.
    db.session.commit()

    page = axe_page
    log_in(page, live_server, asker_email)
    page.goto(live_server + "/hulp-vragen")
    _no_blocking_violations(page, "ask for support (member)")
    screenshot(page, "support-ask-1280")
    page.set_viewport_size({"width": 375, "height": 900})
    screenshot(page, "support-ask-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator("body").focus()
    tab_to(page, "Wat wil je bereiken?", tag="textarea")
    page.keyboard.type(
        "Starters blijven te kort. We willen een inwerkjaar met een vaste begeleider."
    )
    tab_to(page, "Inwerken", tag="input")
    page.keyboard.press("Space")
    tab_to(page, "Je regio", tag="input")
    page.keyboard.press("Control+A")
    page.keyboard.type("Gelderland")
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, "Een gesprek", tag="input")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Het kan wachten", tag="input")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Begeleiding")).to_be_checked()
    expect(page.get_by_label("Zo snel mogelijk")).to_be_checked()
    tab_to(page, "Hulpvraag versturen", tag="button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Je hulpvraag is verstuurd")).to_be_visible()
    expect(page.get_by_text("We zoeken nog iemand die helpt.")).to_be_visible()
    request_url = page.url.split("#")[0]
    _no_blocking_violations(page, "a support request (asker)")

    context = chromium.new_context(
        locale="nl-NL", viewport={"width": 375, "height": 900}, bypass_csp=True
    )
    helper_page = context.new_page()
    helper_page.axe_script = page.axe_script
    log_in(helper_page, live_server, helper_email)
    helper_page.goto(request_url)
    _no_blocking_violations(helper_page, "a support request (ambassador it was offered to)")
    screenshot(helper_page, "support-request-offered-375")
    helper_page.locator("body").focus()
    tab_to(helper_page, "Ik help", tag="button", limit=80)
    assert_focus_visible(helper_page)
    helper_page.keyboard.press("Enter")
    expect(helper_page.get_by_text("Je helpt deze organisatie")).to_be_visible()
    screenshot(helper_page, "support-request-helping-375")
    context.close()

    page.goto(request_url)
    expect(page.get_by_role("link", name="ahmed@veld.example.nl")).to_be_visible()
    screenshot(page, "support-request-asker-1280")
