"""Profiles, settings and changing one's password."""

from __future__ import annotations

import pytest

from community.accounts import services
from community.accounts.models import Role
from community.errors import DomainError, NotAllowed
from community.extensions import db
from tests.conftest import Browser
from tests.factories import PASSWORD, create_organisation, create_user

NEW_PASSWORD = "mijn-nieuwe-wachtwoord"


def test_member_profile_shows_name_organisation_role_and_bio(app, browser):
    org = create_organisation("Molendrift", slug="molendrift")
    member = create_user(
        Role.AMBASSADOR,
        name="Sanne Bakker",
        organisation=org,
        job_title="Jeugdbeschermer",
        bio="Ik help nieuwe collega's op weg.",
    )
    viewer = create_user(email="kijker@example.nl")
    db.session.commit()
    browser.login(viewer.email)
    html = browser.get(f"/leden/{member.id}").get_data(as_text=True)
    for text in (
        "Sanne Bakker",
        "Jeugdbeschermer",
        "Ik help nieuwe collega",
        "Ambassadeur",
        'href="/organisaties/molendrift"',
        "Lid sinds",
    ):
        assert text in html


def test_visitors_are_sent_to_log_in_for_profiles(app, client):
    member = create_user()
    db.session.commit()
    response = client.get(f"/leden/{member.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def test_deactivated_member_profile_is_gone_for_members(app, browser):
    gone = create_user(is_active=False)
    viewer = create_user(email="kijker@example.nl")
    db.session.commit()
    browser.login(viewer.email)
    assert browser.get(f"/leden/{gone.id}").status_code == 404
    assert browser.get("/leden/999999").status_code == 404


def test_own_profile_page_offers_editing(app, browser):
    me = create_user(email="ik@example.nl", name="Ik Zelf")
    db.session.commit()
    browser.login(me.email)
    html = browser.get("/profiel").get_data(as_text=True)
    assert "Ik Zelf" in html and 'href="/profiel/bewerken"' in html


def test_member_edits_own_profile(app, browser):
    me = create_user(email="ik@example.nl")
    db.session.commit()
    browser.login(me.email)
    response = browser.submit(
        "/profiel/bewerken",
        {"name": "  Sanne Bakker ", "job_title": "Teamleider", "bio": "Regel een\r\nRegel twee"},
    )
    assert response.status_code == 302
    assert (me.name, me.job_title, me.bio) == (
        "Sanne Bakker",
        "Teamleider",
        "Regel een\nRegel twee",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x" * 121}, "Je naam mag hoogstens 120 tekens zijn."),
        ({"bio": "x" * 1001}, "Over jou mag hoogstens 1000 tekens zijn."),
        ({"job_title": "x" * 121}, "Je functie mag hoogstens 120 tekens zijn."),
        ({"name": "   "}, "Vul je naam in."),
    ],
)
def test_over_long_or_empty_profile_fields_are_refused_and_nothing_changes(
    app, browser, data, message
):
    me = create_user(email="ik@example.nl", name="Oude Naam", bio="oud")
    db.session.commit()
    browser.login(me.email)
    response = browser.submit("/profiel/bewerken", {"name": "Nieuwe Naam", "bio": "nieuw", **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert (me.name, me.bio) == ("Oude Naam", "oud")


def test_profile_service_enforces_lengths_and_ownership(app):
    me, other = create_user(), create_user()
    with pytest.raises(DomainError) as caught:
        services.update_profile(me, me, name="x" * 121, job_title="", bio="")
    assert caught.value.field == "name"
    with pytest.raises(DomainError):
        services.update_profile(me, me, name="Me", job_title="", bio="x" * 1001)
    with pytest.raises(NotAllowed):
        services.update_profile(me, other, name="Overgenomen", job_title="", bio="")
    admin = create_user(Role.ADMIN)
    services.update_profile(admin, other, name="Door beheerder", job_title="", bio="")
    assert other.name == "Door beheerder"


def test_two_megabyte_profile_post_gets_413_and_changes_nothing(app, browser):
    me = create_user(email="ik@example.nl", name="Oude Naam")
    db.session.commit()
    browser.login(me.email)
    response = browser.submit(
        "/profiel/bewerken", {"name": "Nieuw", "bio": "x" * (2 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert "groter dan 1 MB" in response.get_data(as_text=True)
    assert me.name == "Oude Naam"


def test_profile_post_without_csrf_is_refused_and_changes_nothing(app, browser):
    me = create_user(email="ik@example.nl", name="Oude Naam")
    db.session.commit()
    browser.login(me.email)
    response = browser.client.post("/profiel/bewerken", data={"name": "Nieuw"})
    assert response.status_code == 400
    assert "Je formulier is verlopen" in response.get_data(as_text=True)
    assert me.name == "Oude Naam"


def test_settings_toggle_mail_notifications(app, browser):
    me = create_user(email="ik@example.nl")
    db.session.commit()
    browser.login(me.email)
    page = browser.get("/instellingen").get_data(as_text=True)
    assert 'name="notify_by_email"' in page and "checked" in page
    browser.submit("/instellingen", {}, form_url="/instellingen")
    assert me.notify_by_email is False
    browser.submit("/instellingen", {"notify_by_email": "y"})
    assert me.notify_by_email is True


def test_change_password_needs_the_current_one(app, browser):
    me = create_user(email="ik@example.nl")
    db.session.commit()
    old_hash = me.password_hash
    browser.login(me.email)
    response = browser.submit(
        "/instellingen/wachtwoord",
        {
            "current_password": "niet-mijn-wachtwoord",
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Dit is niet je huidige wachtwoord." in response.get_data(as_text=True)
    assert me.password_hash == old_hash


def test_change_password_logs_out_other_devices_but_not_this_one(app, client):
    me = create_user(email="ik@example.nl")
    db.session.commit()
    here, elsewhere = Browser(client), Browser(app.test_client())
    here.login(me.email)
    elsewhere.login(me.email)
    response = here.submit(
        "/instellingen/wachtwoord",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.headers["Location"] == "/instellingen"
    assert here.get("/instellingen").status_code == 200
    assert elsewhere.get("/instellingen").status_code == 302
    assert services.authenticate(me.email, NEW_PASSWORD) is not None


def test_change_password_keeps_the_remember_me_cookie_working(app, client):
    me = create_user(email="ik@example.nl")
    db.session.commit()
    here = Browser(client)
    here.submit("/inloggen", {"email": me.email, "password": PASSWORD, "remember": "y"})
    here.submit(
        "/instellingen/wachtwoord",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    remember = client.get_cookie("remember_token")
    assert remember is not None
    fresh = app.test_client()  # a new browser session with only the remember cookie
    fresh.set_cookie("remember_token", remember.value)
    assert fresh.get("/instellingen").status_code == 200
