"""Accounts, organisations and admin pages in a real browser: they work and look right."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community.accounts.models import Role
from community.extensions import db
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, create_organisation, create_user

NEW_PASSWORD = "een-zin-als-wachtwoord"


def log_in(page, live_server, email, password=PASSWORD):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server + "/")


def test_member_resets_forgotten_password_from_the_mail(app, live_server, page, outbox):
    create_user(email="lotte@example.nl", name="Lotte de Vries")
    db.session.commit()
    page.goto(live_server + "/inloggen")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.get_by_label("E-mailadres").fill("lotte@example.nl")
    page.get_by_role("button", name="Stuur me een link").click()
    assert "Als er een account bij dit e-mailadres hoort" in page.content()

    [mail] = outbox()
    link = re.search(
        r"http://127\.0\.0\.1:\d+/wachtwoord-herstellen/\S+",
        mail.get_body(("plain",)).get_content(),
    )
    page.goto(link.group(0))
    page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Herhaal je nieuwe wachtwoord").fill(NEW_PASSWORD + "?")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    screenshot(page, "reset-password-error-1280")
    page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Herhaal je nieuwe wachtwoord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_url(live_server + "/inloggen")
    log_in(page, live_server, "lotte@example.nl", NEW_PASSWORD)
    assert "Welkom terug, Lotte de Vries!" in page.content()
    page.locator("summary", has_text="Lotte de Vries").click()
    page.get_by_role("link", name="Instellingen").click()
    page.get_by_label("Stuur me een e-mail").uncheck()
    page.get_by_role("button", name="Bewaren", exact=True).click()
    assert "Je instellingen zijn bewaard." in page.content()
    assert not page.get_by_label("Stuur me een e-mail").is_checked()
    screenshot(page, "settings-1280")
    page.goto(live_server + "/profiel/bewerken")
    page.get_by_label("Over jou").fill("x" * 1001)  # maxlength stops the browser at 1000
    assert len(page.get_by_label("Over jou").input_value()) == 1000
    page.get_by_label("Functie").fill("Jeugdbeschermer")
    page.get_by_role("button", name="Opslaan").click()
    assert "Jeugdbeschermer" in page.content()
    screenshot(page, "own-profile-1280")


def test_admin_pages_and_public_organisation_page(app, live_server, page):
    molendrift = create_organisation(
        "Molendrift", slug="molendrift", region="Groningen", website="https://molendrift.nl"
    )
    create_user(Role.ADMIN, email="anna@example.nl", name="Anna Smit", organisation=molendrift)
    create_user(
        Role.AMBASSADOR,
        name="Bram Visser",
        job_title="Gedragswetenschapper",
        organisation=molendrift,
        bio="Ik begeleid nieuwe jeugdbeschermers in hun eerste jaar.\n"
        "Vraag me gerust iets over inwerken.",
    )
    create_user(
        Role.AMBASSADOR, name="Fatima el Idrissi", job_title="Teamleider", organisation=molendrift
    )
    for n in range(30):
        create_user(name=f"Collega {n:02}", organisation=molendrift if n % 2 else None)
    db.session.commit()

    page.goto(live_server + "/organisaties/molendrift")
    assert "Bram Visser" in page.content()
    screenshot(page, "organisation-detail-visitor-1280")

    log_in(page, live_server, "anna@example.nl")
    page.locator("summary", has_text="Anna Smit").click()
    page.get_by_role("link", name="Beheer").click()
    screenshot(page, "admin-dashboard-1280")
    page.get_by_role("link", name="Leden").first.click()
    page.get_by_label("Zoek op naam of e-mailadres").fill("collega")
    page.get_by_role("button", name="Zoeken").click()
    assert "30 leden gevonden" in page.content()
    screenshot(page, "admin-users-1280")
    page.get_by_role("link", name="Collega 29").click()
    page.get_by_role("combobox", name="Rol").select_option("ambassador")
    page.get_by_role("button", name="Rol opslaan").click()
    assert "heeft nu de rol ambassadeur" in page.content()
    screenshot(page, "admin-user-1280")

    bram = page.goto(live_server + "/organisaties/molendrift")
    assert bram.ok
    page.get_by_role("link", name="Bram Visser").click()
    screenshot(page, "member-profile-1280")
    page.goto(live_server + "/beheer/organisaties/molendrift/bewerken")
    screenshot(page, "organisation-edit-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server + "/beheer/leden")
    screenshot(page, "admin-users-390")
