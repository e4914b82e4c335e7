"""The privacy guard on the fields it newly reads, in a real browser: the profile bio, a
practice's link and the invitation message. A person pastes text with a non-breaking space or
an obfuscated address, sees it marked in the warning, ticks the box and saves."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from tests.e2e.conftest import screenshot
from tests.e2e.test_questions import log_in
from tests.factories import create_organisation, create_theme, create_user

CONFIRM = "Ik heb dit gecontroleerd: er is niemand aan te herkennen"


def test_bio_with_a_pasted_phone_number_warns_and_saves_after_ticking(app, live_server, page):
    create_user(email="sanne@example.nl", name="Sanne Bakker")
    db.session.commit()
    log_in(page, live_server, "sanne@example.nl")
    page.goto(live_server + "/profiel/bewerken")
    number = "+31\u00a06\u00a012345678"
    page.get_by_label("Over jou").fill(f"Jeugdbeschermer. Bel me gerust op {number}.")
    page.get_by_role("button", name="Opslaan").click()
    warning = page.locator(".privacy-warning")
    expect(warning).to_be_visible()
    assert warning.locator(".privacy-highlight mark").inner_text() == number
    screenshot(page, "profile-privacy-warning")
    page.get_by_label(CONFIRM).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(live_server + "/profiel")
    assert "Je profiel is bijgewerkt." in page.content()


def test_practice_link_with_data_in_its_query_string_warns(app, live_server, page):
    create_theme("Inwerken", slug="inwerken-link")
    create_user(Role.AMBASSADOR, email="amb@example.nl", name="Marieke Jansen")
    db.session.commit()
    log_in(page, live_server, "amb@example.nl")
    page.goto(live_server + "/goede-voorbeelden/nieuw")
    page.get_by_label("Titel").fill("Een buddy uit een ander team voor elke starter")
    page.get_by_label("Samenvatting").fill("Starters krijgen een buddy buiten hun eigen team.")
    page.get_by_label("Aanpak").fill("Elke starter krijgt een buddy.")
    link = "https://formulier.example.nl/aanmelden?email=moeder%40example.nl"
    page.get_by_label("Link naar de onderbouwing").fill(link)
    page.get_by_label("Inwerken").check()
    page.get_by_role("button", name="Voorbeeld delen").click()
    warning = page.locator(".privacy-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Link naar de onderbouwing")
    assert warning.locator(".privacy-highlight mark").inner_text() == "moeder%40example.nl"
    page.get_by_label(CONFIRM).check()
    page.get_by_role("button", name="Voorbeeld delen").click()
    page.wait_for_url(re.compile(r".*/goede-voorbeelden/\d+-een-buddy.*"))


def test_invitation_message_with_an_obfuscated_address_warns(app, live_server, page, outbox):
    org = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    create_user(Role.AMBASSADOR, email="anna@molendrift.nl", organisation=org)
    db.session.commit()
    log_in(page, live_server, "anna@molendrift.nl")
    page.goto(live_server + "/uitnodigingen/nieuw")
    page.get_by_label("E-mailadressen van je collega's").fill("bram@molendrift.nl")
    page.get_by_label("Persoonlijk bericht").fill("Het gezin: jansen [at] ziggo [dot] nl")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    warning = page.locator(".privacy-warning")
    expect(warning).to_be_visible()
    assert warning.locator(".privacy-highlight mark").inner_text() == "jansen [at] ziggo [dot] nl"
    assert outbox() == []
    page.get_by_label(CONFIRM).check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_url(live_server + "/uitnodigingen")
    assert len(outbox()) == 1
