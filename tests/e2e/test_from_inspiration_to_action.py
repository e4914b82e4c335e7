"""Issue "From inspiration to action", the way an organisation goes: a teamleader without an
account takes the readiness check, follows its link to ask for support, confirms the request from
the mail (read at a real SMTP server), and an ambassador who thinks along takes it. The teamleader
then sees who helps, with the same browser, without logging in."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from community.support import services as support
from tests.e2e.conftest import screenshot
from tests.e2e.site_content import log_in
from tests.factories import create_organisation, create_theme, create_user


def test_from_readiness_check_to_support_request_to_helper(
    app, smtp_server, live_server, page, chromium
):
    inwerken = create_theme("Inwerken", slug="inwerken")
    helper = create_user(
        Role.AMBASSADOR,
        email="ahmed@veld.example.nl",
        name="Ahmed el Idrissi",
        organisation=create_organisation("Jeugdbescherming Oost", region="Utrecht"),
    )
    support.set_sparring_offer(helper, True, [inwerken.id], "Utrecht", 2)
    helper_email = helper.email
    db.session.commit()  # touch no model after this: the server needs the SQLite lock

    # The readiness check: mostly "nee", so the result says to work on the conditions first.
    page.goto(live_server + "/klaar-voor-verandering/")
    for index, fieldset in enumerate(page.locator("fieldset.kvv-question").all()):
        fieldset.get_by_label("Ja" if index < 2 else "Nee", exact=True).check()
    page.get_by_role("button", name="Bekijk de uitkomst").click()
    expect(page.get_by_role("heading", name="Volgende stappen")).to_be_visible()
    page.get_by_role("link", name="Vraag hulp aan iemand uit het veld").click()

    # The support request, without an account.
    expect(page.get_by_role("heading", name="Hulp vragen aan iemand uit het veld")).to_be_visible()
    page.get_by_label("Je naam").fill("Sam de Vries")
    page.get_by_label("Je e-mailadres").fill("sam@wijkteam.example.nl")
    page.get_by_label("Staat je organisatie er niet bij? Typ dan hier de naam").fill(
        "Wijkteam Eikenrade"
    )
    page.get_by_label("Je rol of functie").fill("Teamleider")
    page.get_by_label("Wat wil je bereiken?").fill(
        "Nieuwe collega's vertrekken binnen een jaar. We willen een inwerkjaar dat houvast geeft."
    )
    page.get_by_label("Inwerken").check()
    page.get_by_label("Je regio").fill("Utrecht")
    page.get_by_label("Een gesprek").check()
    page.get_by_label("Graag binnen een maand").check()
    page.get_by_role("button", name="Hulpvraag versturen").click()
    expect(page.get_by_role("heading", name="Kijk in je mail")).to_be_visible()

    [confirm] = smtp_server.wait_for(1)
    assert confirm["To"] == "sam@wijkteam.example.nl"
    text = confirm.get_body(("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:\d+/hulp-vragen/link/\S+", text)
    page.goto(link.group(0))
    expect(page.get_by_text("Je hulpvraag is bevestigd")).to_be_visible()
    expect(page.get_by_text("We zoeken nog iemand die helpt.")).to_be_visible()
    request_url = page.url.split("#")[0]

    offered = smtp_server.wait_for(2)[1]
    assert offered["To"] == helper_email
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    helper_page = context.new_page()
    log_in(helper_page, live_server, helper_email)
    helper_page.goto(request_url)
    helper_page.get_by_role("button", name="Ik help").click()
    expect(helper_page.get_by_text("Je helpt deze organisatie")).to_be_visible()
    context.close()

    told = smtp_server.wait_for(3)[2]
    assert told["To"] == "sam@wijkteam.example.nl" and "Ahmed el Idrissi" in told["Subject"]
    page.goto(request_url)
    expect(page.get_by_role("link", name=helper_email)).to_be_visible()
    expect(page.get_by_text("In gesprek")).to_be_visible()
    screenshot(page, "support-request-visitor-sees-helper-1280")
