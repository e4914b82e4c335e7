"""The way in, in a real browser: an ambassador invites a colleague, who joins from the mail."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import expect

from community.accounts.models import Role, User
from community.extensions import db
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, create_organisation, create_user
from tests.invites.helpers import link_in


def test_ambassador_invites_a_colleague_who_joins_from_the_mail(
    app, live_server, page, chromium, smtp_server
):
    org = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    anna = create_user(
        Role.AMBASSADOR, email="anna@molendrift.nl", name="Anna Bakker", organisation=org
    )
    db.session.commit()

    # Anna logs in and opens the invite form from her account menu.
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("anna@molendrift.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")
    page.get_by_text("Anna Bakker", exact=True).click()
    page.get_by_role("link", name="Mijn uitnodigingen").click()
    page.get_by_role("link", name="Collega's uitnodigen").click()

    # A private address first: the form warns, and nothing is sent until she confirms.
    page.get_by_label("E-mailadressen van je collega's").fill("bram.deboer@gmail.com")
    page.get_by_role("group", name="Uitnodigen als").get_by_label("Ambassadeur").check()
    page.get_by_label("Persoonlijk bericht").fill(
        "Hoi Bram,\nJij vertelde zo mooi over jullie buddysysteem. Deel je het hier?"
    )
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("alert").filter(has_text="Klopt dit adres?")).to_be_visible()
    screenshot(page, "invite-form-domain-warning-1280")
    assert smtp_server.messages == []
    page.get_by_label("Ja, nodig deze adressen toch uit").check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_url(live_server + "/uitnodigingen")
    assert "Je uitnodiging is verstuurd naar bram.deboer@gmail.com" in page.content()
    screenshot(page, "invite-list-1280")

    # Bram reads the mail from the real SMTP server and opens the link in his own browser.
    (mail,) = smtp_server.wait_for(1)
    link = link_in(mail)
    assert link.startswith(live_server + "/uitnodiging/")
    context = chromium.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    try:
        bram = context.new_page()
        bram.goto(link)
        expect(bram.get_by_text("Anna Bakker", exact=True)).to_be_visible()
        expect(bram.get_by_text("Molendrift", exact=True)).to_be_visible()
        screenshot(bram, "invite-accept-390")
        bram.get_by_label("Je naam").fill("Bram de Boer")
        bram.get_by_label("Je functie").fill("Jeugdzorgwerker")
        bram.get_by_label("Kies een wachtwoord").fill("buddy-systeem-werkt")
        bram.get_by_label("Herhaal je wachtwoord").fill("buddy-systeem-werkt")
        bram.get_by_role("button", name="Account maken en meedoen").click()
        # First the short first-login step (expertise themes), which he can skip.
        bram.wait_for_url(live_server + "/welkom")
        assert bram.get_by_text(
            re.compile("Welkom bij de Jeugdhulp Community, Bram de Boer")
        ).is_visible()
        bram.get_by_role("button", name="Overslaan").click()
        bram.wait_for_url(live_server + "/")
        # Logged in: the account menu (folded away on a phone) carries his name.
        assert bram.locator(".dropdown summary").text_content() == "Bram de Boer"
        screenshot(bram, "invite-welcome-390")
    finally:
        context.close()

    db.session.expire_all()
    joined = db.session.scalar(sa.select(User).where(User.email == "bram.deboer@gmail.com"))
    assert joined.invited_by_id == anna.id and joined.role is Role.AMBASSADOR
