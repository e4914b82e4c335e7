"""The access-request pages: the public form, and deciding on requests."""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from community.extensions import db
from community.invites.models import AccessRequestStatus
from tests.factories import create_access_request, create_organisation, create_user
from tests.invites.helpers import row_counts


def test_public_access_request_form(app, browser, org):
    page = browser.get("/toegang-aanvragen").get_data(as_text=True)
    assert "Toegang aanvragen" in page and "Molendrift" in page
    response = browser.submit(
        "/toegang-aanvragen",
        {
            "name": "Fatima Yilmaz",
            "email": "fatima@molendrift.nl",
            "organisation": str(org.id),
            "organisation_name": "",
            "motivation": "Ik wil leren van andere gezinsvoogden.",
        },
    )
    assert response.status_code == 302
    assert "We hebben je aanvraag ontvangen" in browser.get("/").get_data(as_text=True)
    assert row_counts()["access_requests"] == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "geen-adres"}, "Dat lijkt geen geldig e-mailadres."),
        ({"name": "n" * 121}, "Maak je naam korter."),
        ({"motivation": "m" * 2001}, "hoogstens 2000 tekens"),
        ({"organisation": "0", "organisation_name": ""}, "typ de naam als ze er niet bij staat"),
        ({"organisation": "banaan"}, "Kies een van de mogelijkheden uit de lijst."),
    ],
)
def test_bad_access_request_gets_dutch_answer(app, browser, org, data, message):
    base = {
        "name": "Fatima",
        "email": "f@molendrift.nl",
        "organisation": str(org.id),
        "motivation": "Graag.",
    }
    response = browser.submit("/toegang-aanvragen", {**base, **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert row_counts()["access_requests"] == 0


def test_ambassador_approves_a_request_on_the_requests_page(app, browser, ambassador, org, outbox):
    access_request = create_access_request(
        name="Fatima Yilmaz", email="fatima@gmail.com", organisation=org
    )
    create_access_request(name="Iemand Elders", organisation=create_organisation())
    db.session.commit()
    browser.login("anna@molendrift.nl")
    page = browser.get("/toegangsverzoeken").get_data(as_text=True)
    assert "Fatima Yilmaz" in page and "Iemand Elders" not in page
    prefix = f"goedkeuren-{access_request.id}-"
    assert f'id="{prefix}role"' in page
    response = browser.submit(
        f"/toegangsverzoeken/{access_request.id}/goedkeuren",
        {prefix + "role": "professional"},
        form_url="/toegangsverzoeken",
    )
    assert response.status_code == 302
    assert access_request.status is AccessRequestStatus.APPROVED
    assert [m["To"] for m in outbox()] == ["fatima@gmail.com"]


def test_moderator_declines_a_request_without_organisation(app, browser, outbox):
    create_user(Role.MODERATOR, email="mod@example.nl")
    access_request = create_access_request(name="Piet", email="piet@example.nl", organisation=None)
    db.session.commit()
    browser.login("mod@example.nl")
    page = browser.get("/toegangsverzoeken").get_data(as_text=True)
    assert "staat nog niet in de lijst" in page
    response = browser.submit(
        f"/toegangsverzoeken/{access_request.id}/afwijzen",
        {f"afwijzen-{access_request.id}-reason": "Geen jeugdprofessional."},
        form_url="/toegangsverzoeken",
    )
    assert response.status_code == 302
    assert access_request.status is AccessRequestStatus.DECLINED
    assert [m["To"] for m in outbox()] == ["piet@example.nl"]


def test_ambassador_of_another_organisation_gets_403_on_a_request(app, browser, org):
    access_request = create_access_request(organisation=org)
    create_user(Role.AMBASSADOR, email="elders@example.nl", organisation=create_organisation())
    db.session.commit()
    browser.login("elders@example.nl")
    response = browser.submit(
        f"/toegangsverzoeken/{access_request.id}/afwijzen", {}, form_url="/toegangsverzoeken"
    )
    assert response.status_code == 403
    assert access_request.status is AccessRequestStatus.OPEN


@pytest.mark.config(ACCESS_REQUEST_RATE_LIMIT="2 per minute")
def test_access_requests_are_rate_limited_with_a_dutch_page(app, browser, org):
    data = {"name": "Spam", "organisation": "0", "organisation_name": "X", "motivation": "Hoi"}
    for n in range(2):
        browser.submit("/toegang-aanvragen", {**data, "email": f"a{n}@example.nl"})
    response = browser.submit("/toegang-aanvragen", {**data, "email": "a9@example.nl"})
    assert response.status_code == 429
    assert "Even rustig aan" in response.get_data(as_text=True)
    assert row_counts()["access_requests"] == 2
