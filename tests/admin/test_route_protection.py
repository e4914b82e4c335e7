"""Every route of accounts, organisations and admin says who may use it, and every POST needs CSRF.

These tests walk the URL map, so a route added later is checked without anyone listing it here.
"""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from community.extensions import db
from tests.conftest import Browser
from tests.factories import create_organisation, create_user

BLUEPRINTS = ("accounts", "organisations", "admin")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Open to visitors on purpose; every other route must carry role_required.
PUBLIC = {
    "accounts.login",
    "accounts.logout",
    "accounts.forgot_password",
    "accounts.reset_password",
    "organisations.index",
    "organisations.detail",
}


def our_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in BLUEPRINTS]


def url(rule, values) -> str:
    return rule.build({name: values[name] for name in rule.arguments})[1]


@pytest.fixture
def values(app):
    """Real objects for the URL arguments, so a check never passes just because of a 404."""
    organisation = create_organisation("Molendrift", slug="molendrift")
    member = create_user(organisation=organisation)
    db.session.commit()
    return {"user_id": member.id, "slug": organisation.slug, "token": "geen-echte-token"}


def login_as(app, role: Role) -> Browser:
    user = create_user(role, email=f"{role.value}@example.nl")
    db.session.commit()
    browser = Browser(app.test_client())
    browser.login(user.email)
    return browser


def test_every_route_is_public_on_purpose_or_requires_a_role(app):
    unprotected = [
        rule.endpoint
        for rule in our_rules(app)
        if rule.endpoint not in PUBLIC
        and not hasattr(app.view_functions[rule.endpoint], "required_role")
    ]
    assert unprotected == []


def test_every_admin_route_requires_the_admin_role(app):
    for rule in our_rules(app):
        if rule.endpoint.startswith("admin.") or "beheer" in rule.rule:
            assert app.view_functions[rule.endpoint].required_role is Role.ADMIN, rule.endpoint


def test_every_state_changing_route_refuses_a_post_without_csrf_token(app, values):
    admin = login_as(app, Role.ADMIN)
    posting = [rule for rule in our_rules(app) if rule.methods - SAFE_METHODS]
    assert len(posting) >= 10
    for rule in posting:
        response = admin.client.post(url(rule, values), data={"name": "Zonder token"})
        assert response.status_code == 400, rule.endpoint
        assert "Je formulier is verlopen" in response.get_data(as_text=True)


def admin_rules(app):
    return [
        rule
        for rule in our_rules(app)
        if getattr(app.view_functions[rule.endpoint], "required_role", None) is Role.ADMIN
    ]


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.AMBASSADOR, Role.MODERATOR])
def test_admin_routes_are_forbidden_to_everyone_below_admin(app, values, role):
    browser = login_as(app, role)
    token = browser.token("/instellingen")
    for rule in admin_rules(app):
        path = url(rule, values)
        if "GET" in rule.methods:
            response = browser.get(path)
        else:
            response = browser.client.post(path, data={"csrf_token": token, "role": "admin"})
        assert response.status_code == 403, (rule.endpoint, response.status_code)
        assert "Geen toegang" in response.get_data(as_text=True)


def test_admin_routes_send_visitors_to_log_in(app, values, client):
    token = Browser(client).token("/inloggen")
    for rule in admin_rules(app):
        path = url(rule, values)
        if "GET" in rule.methods:
            response = client.get(path)
        else:
            response = client.post(path, data={"csrf_token": token})
        assert response.status_code == 302, rule.endpoint
        assert response.headers["Location"].startswith("/inloggen?next="), rule.endpoint


def test_admin_routes_open_for_an_admin(app, values):
    admin = login_as(app, Role.ADMIN)
    for rule in admin_rules(app):
        if "GET" in rule.methods:
            assert admin.get(url(rule, values)).status_code == 200, rule.endpoint
