"""Admins manage members: find them, change a role, deactivate and reactivate accounts."""

from __future__ import annotations

import pytest

from community.accounts.models import Role, User
from community.admin import services
from community.errors import DomainError, NotAllowed
from community.extensions import db
from tests.conftest import Browser
from tests.factories import create_organisation, create_user


def names(query) -> list[str]:
    return [user.name for user in db.session.scalars(query)]


# --- Services -----------------------------------------------------------------------------


def test_admin_changes_a_role(app):
    admin, member = create_user(Role.ADMIN), create_user()
    services.change_role(admin, member, Role.AMBASSADOR)
    assert member.role is Role.AMBASSADOR


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.AMBASSADOR, Role.MODERATOR])
def test_only_admins_manage_members(app, role):
    actor, member = create_user(role), create_user()
    for attempt in (
        lambda: services.change_role(actor, member, Role.ADMIN),
        lambda: services.deactivate(actor, member),
        lambda: services.reactivate(actor, member),
        lambda: services.set_organisation(actor, member, None),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    assert member.role is Role.PROFESSIONAL and member.is_active


def test_deactivated_admin_cannot_manage_members(app):
    actor, member = create_user(Role.ADMIN, is_active=False), create_user()
    with pytest.raises(NotAllowed):
        services.change_role(actor, member, Role.ADMIN)


def test_admin_cannot_demote_or_deactivate_themself(app):
    admin = create_user(Role.ADMIN)
    with pytest.raises(DomainError, match="eigen rol"):
        services.change_role(admin, admin, Role.PROFESSIONAL)
    with pytest.raises(DomainError, match="eigen account"):
        services.deactivate(admin, admin)
    assert admin.role is Role.ADMIN and admin.is_active


def test_deactivation_ends_sessions_and_reactivation_lets_them_back(app):
    admin, member = create_user(Role.ADMIN), create_user()
    services.deactivate(admin, member)
    assert not member.is_active and member.session_epoch == 1
    services.reactivate(admin, member)
    assert member.is_active


def test_users_query_searches_and_filters(app):
    molendrift = create_organisation("Molendrift")
    create_user(name="Sanne Bakker", email="sanne@molendrift.nl", organisation=molendrift)
    create_user(Role.AMBASSADOR, name="Joost de Wit", email="joost@raad.nl")
    create_user(name="Fatima 100%_echt", email="fatima@example.nl", is_active=False)
    assert names(services.users_query(search="BAKKER")) == ["Sanne Bakker"]
    assert names(services.users_query(search="@raad.nl")) == ["Joost de Wit"]
    assert names(services.users_query(search="100%_")) == ["Fatima 100%_echt"]
    assert names(services.users_query(search="%")) == ["Fatima 100%_echt"]
    assert names(services.users_query(role=Role.AMBASSADOR)) == ["Joost de Wit"]
    assert names(services.users_query(organisation_id=molendrift.id)) == ["Sanne Bakker"]
    assert names(services.users_query(status="gedeactiveerd")) == ["Fatima 100%_echt"]
    assert len(names(services.users_query(status="actief"))) == 2


def test_member_counts_for_the_dashboard(app):
    create_user(Role.ADMIN)
    create_user(Role.AMBASSADOR)
    create_user(Role.AMBASSADOR, is_active=False)
    counts = services.member_counts()
    assert counts.active == 2 and counts.deactivated == 1
    assert counts.by_role[Role.AMBASSADOR] == 1 and counts.organisations == 3


# --- Pages --------------------------------------------------------------------------------


@pytest.fixture
def admin_browser(app, client):
    admin = create_user(Role.ADMIN, email="beheer@example.nl", name="Anna Beheer")
    db.session.commit()
    browser = Browser(client)
    browser.login(admin.email)
    browser.admin = admin
    return browser


def test_dashboard_links_the_sections_that_exist(app, admin_browser):
    html = admin_browser.get("/beheer/").get_data(as_text=True)
    assert 'href="/beheer/leden"' in html and 'href="/beheer/organisaties"' in html
    sections = html.split("Onderdelen")[1]
    assert 'href="/moderatie"' in sections and 'href="/beheer/nieuwsbrief"' in sections


def test_users_list_is_paginated_and_keeps_filters(app, admin_browser):
    for n in range(30):
        create_user(name=f"Collega {n:02}", email=f"collega{n}@example.nl")
    db.session.commit()
    first = admin_browser.get("/beheer/leden?q=collega").get_data(as_text=True)
    assert "30 leden gevonden" in first and "Pagina 1 van 2" in first
    assert first.count("<tr>") == 26  # header + 25 rows
    assert "page=2" in first and "q=collega" in first
    second = admin_browser.get("/beheer/leden?q=collega&page=2").get_data(as_text=True)
    assert second.count("<tr>") == 6
    beyond = admin_browser.get("/beheer/leden?page=99&role=bestaat-niet&organisation=x")
    assert beyond.status_code == 200


def test_admin_changes_role_through_the_page(app, admin_browser):
    member = create_user(name="Sanne")
    db.session.commit()
    response = admin_browser.submit(
        f"/beheer/leden/{member.id}/rol",
        {"role": "ambassador"},
        form_url=f"/beheer/leden/{member.id}",
    )
    assert response.headers["Location"] == f"/beheer/leden/{member.id}"
    assert member.role is Role.AMBASSADOR
    assert "Sanne heeft nu de rol ambassadeur." in admin_browser.get(
        f"/beheer/leden/{member.id}"
    ).get_data(as_text=True)


def test_unknown_role_is_refused_in_dutch(app, admin_browser):
    member = create_user()
    db.session.commit()
    admin_browser.submit(f"/beheer/leden/{member.id}/rol", {"role": "keizer"}, form_url="/beheer/")
    assert member.role is Role.PROFESSIONAL
    assert "Kies een rol uit de lijst." in admin_browser.get(f"/beheer/leden/{member.id}").get_data(
        as_text=True
    )


def test_admin_cannot_demote_themself_through_the_page(app, admin_browser):
    admin = admin_browser.admin
    page = admin_browser.get(f"/beheer/leden/{admin.id}").get_data(as_text=True)
    assert "Je eigen rol kun je niet veranderen" in page
    admin_browser.submit(
        f"/beheer/leden/{admin.id}/rol", {"role": "professional"}, form_url="/beheer/"
    )
    admin_browser.submit(f"/beheer/leden/{admin.id}/deactiveren", {}, form_url="/beheer/")
    db.session.refresh(admin)
    assert admin.role is Role.ADMIN and admin.is_active


def test_deactivated_member_is_logged_out_at_once(app, admin_browser):
    member = create_user(email="lid@example.nl")
    db.session.commit()
    member_browser = Browser(app.test_client())
    member_browser.login(member.email)
    assert member_browser.get("/instellingen").status_code == 200

    admin_browser.submit(f"/beheer/leden/{member.id}/deactiveren", {}, form_url="/beheer/")
    assert not member.is_active
    assert member_browser.get("/instellingen").status_code == 302

    admin_browser.submit(f"/beheer/leden/{member.id}/heractiveren", {}, form_url="/beheer/")
    assert member.is_active
    member_browser.login(member.email)


def test_admin_moves_a_member_to_another_organisation(app, admin_browser):
    org = create_organisation("Jeugdbescherming west")
    member = create_user()
    db.session.commit()
    admin_browser.submit(
        f"/beheer/leden/{member.id}/organisatie", {"organisation": str(org.id)}, form_url="/beheer/"
    )
    assert member.organisation_id == org.id
    admin_browser.submit(
        f"/beheer/leden/{member.id}/organisatie", {"organisation": "999999"}, form_url="/beheer/"
    )
    assert member.organisation_id == org.id
    admin_browser.submit(
        f"/beheer/leden/{member.id}/organisatie", {"organisation": ""}, form_url="/beheer/"
    )
    assert member.organisation_id is None


def test_moderator_gets_403_and_changes_nothing(app, client):
    moderator = create_user(Role.MODERATOR, email="mod@example.nl")
    member = create_user()
    db.session.commit()
    browser = Browser(client)
    browser.login(moderator.email)
    response = browser.submit(f"/beheer/leden/{member.id}/rol", {"role": "admin"}, form_url="/")
    assert response.status_code == 403
    assert db.session.get(User, member.id).role is Role.PROFESSIONAL
