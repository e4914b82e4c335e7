"""The privacy guard on every form where a person types free text or a web address.

Each test goes the way a person goes: submit the form over HTTP with identifying data, see the
Dutch warning with the data marked and nothing saved (row counts, no mail), then confirm
explicitly and see it saved. Posts and replies are covered in tests/posts/test_privacy_guard.py.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.accounts.models import Role, User
from community.extensions import db
from community.invites.models import AccessRequest, Invitation
from community.moderation.models import Flag
from community.posts.models import Post
from community.themes.models import Theme
from tests.data.privacy_variants import NBSP, B, g333
from tests.factories import (
    create_access_request,
    create_organisation,
    create_post,
    create_theme,
    create_user,
)

WARNING = "Is hier iemand aan te herkennen?"
CONFIRM = "Ik heb dit gecontroleerd: er is niemand aan te herkennen"
RISKY = f"Bel de moeder van Jesse op +31{NBSP}6{NBSP}12345678, BSN {g333(B[0])}."


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def assert_warned(response, *marked: str) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert WARNING in html and "nog niets opgeslagen" in html and CONFIRM in html
    for text in marked:
        assert f'">{text}</mark>' in html, text
    return html


def test_a_practice_grounding_url_with_a_bsn_in_its_query_string_warns(browser):
    theme = create_theme()
    ambassador = create_user(Role.AMBASSADOR, email="amb@example.nl")
    browser.login(ambassador.email)
    url = f"https://dossier.example.nl/kind?bsn={B[1]}&tel=06%2012345678"
    form = {
        "title": "Vijf uur mentoring per week",
        "summary": "Een mentor met echte tijd.",
        "approach": "Elke starter krijgt een mentor.",
        "grounding_url": url,
        "themes": str(theme.id),
        "visibility": "public",
        "contact_id": str(ambassador.id),
        "organisation_id": str(ambassador.organisation_id),
    }
    html = assert_warned(browser.submit("/goede-voorbeelden/nieuw", form), B[1], "06%2012345678")
    assert "Link naar de onderbouwing" in html
    assert count(Post) == 0

    response = browser.submit("/goede-voorbeelden/nieuw", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post))
    assert post.grounding_url == url and post.privacy_confirmed


def test_profile_bio_warns_and_saves_after_confirmation(browser):
    me = create_user(email="ik@example.nl", bio="oud")
    db.session.commit()
    browser.login(me.email)
    form = {"name": "Sanne Bakker", "job_title": "Jeugdbeschermer", "bio": RISKY}
    html = assert_warned(browser.submit("/profiel/bewerken", form), f"+31{NBSP}6{NBSP}12345678")
    assert "Over jou" in html
    assert db.session.get(User, me.id).bio == "oud"

    response = browser.submit("/profiel/bewerken", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, me.id).bio == RISKY


def test_an_ordinary_bio_saves_without_a_warning(browser):
    me = create_user(email="ik@example.nl")
    db.session.commit()
    browser.login(me.email)
    bio = "Sinds 2015 jeugdbeschermer; 12 jaar ervaring, 80% van mijn tijd in de wijk."
    response = browser.submit("/profiel/bewerken", {"name": "Sanne", "bio": bio})
    assert response.status_code == 302


@pytest.fixture
def ambassador():
    org = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    user = create_user(Role.AMBASSADOR, email="anna@molendrift.nl", organisation=org)
    db.session.commit()
    return user


def test_invitation_message_warns_and_sends_nothing_until_confirmed(browser, ambassador, outbox):
    browser.login(ambassador.email)
    message = "Hoi Bram, het gezin (sanne.devries [at] gmail [dot] com) wacht op je!"
    form = {"emails": "bram@molendrift.nl", "role": "professional", "message": message}
    html = assert_warned(
        browser.submit("/uitnodigingen/nieuw", form), "sanne.devries [at] gmail [dot] com"
    )
    assert "Persoonlijk bericht" in html
    assert count(Invitation) == 0 and outbox() == []

    response = browser.submit("/uitnodigingen/nieuw", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    assert count(Invitation) == 1
    (mail,) = outbox()
    assert "sanne.devries [at] gmail [dot] com" in mail.get_body(("plain",)).get_content()


def test_access_request_motivation_warns_and_saves_after_confirmation(browser, ambassador):
    browser.logout()
    form = {
        "name": "Fatima Yilmaz",
        "email": "fatima@molendrift.nl",
        "organisation": str(ambassador.organisation_id),
        "organisation_name": "",
        "motivation": "Ik begeleid het gezin op de Kerkstraat 14, 1234 AB Utrecht.",
    }
    html = assert_warned(browser.submit("/toegang-aanvragen", form), "Kerkstraat 14, 1234 AB")
    assert "Je motivatie" in html
    assert count(AccessRequest) == 0

    response = browser.submit("/toegang-aanvragen", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    assert count(AccessRequest) == 1


def test_flag_note_warns_and_saves_after_confirmation(app, browser):
    post = create_post()
    reporter = create_user(email="melder@example.nl")
    db.session.commit()
    browser.login(reporter.email)
    note = "Hier staat de geboortedatum: geboren op 3e maart 2015."
    form = {"reason": "privacy", "explanation": note}
    html = assert_warned(browser.submit(f"/melden/post/{post.id}", form), "3e maart 2015")
    assert "Toelichting" in html
    assert count(Flag) == 0

    response = browser.submit(f"/melden/post/{post.id}", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    assert count(Flag) == 1


def test_invitation_keeps_the_privacy_confirmation_through_the_address_warning(
    browser, ambassador, outbox
):
    """Two warnings in a row: the confirmed message is not questioned again after the
    outside-domain warning, and one more yes sends the invitation."""
    browser.login(ambassador.email)
    form = {"emails": "bram@gmail.com", "role": "professional", "message": "Bel 06-12345678."}
    assert_warned(browser.submit("/uitnodigingen/nieuw", form), "06-12345678")

    response = browser.submit("/uitnodigingen/nieuw", {**form, "privacy_confirmed": "y"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Klopt dit adres?" in html and WARNING not in html
    # The page carries the yes along, so the browser sends it with the next submit.
    assert '<input type="hidden" name="privacy_confirmed" value="y">' in html
    assert count(Invitation) == 0 and outbox() == []

    carried = {**form, "privacy_confirmed": "y", "confirm_outside": "y"}
    response = browser.submit(
        "/uitnodigingen/nieuw", {**carried, "confirmed_addresses": "bram@gmail.com"}
    )
    assert response.status_code == 302
    assert count(Invitation) == 1 and len(outbox()) == 1


def test_decline_reason_warns_on_the_requests_page_and_declines_after_confirmation(
    browser, ambassador, outbox
):
    access_request = create_access_request(
        name="Fatima Yilmaz", email="fatima@gmail.com", organisation=ambassador.organisation
    )
    db.session.commit()
    browser.login(ambassador.email)
    prefix = f"afwijzen-{access_request.id}-"
    url = f"/toegangsverzoeken/{access_request.id}/afwijzen"
    form = {f"{prefix}reason": "Bel me even op 06 - 123 456 78, dan leg ik het uit."}
    html = assert_warned(
        browser.submit(url, form, form_url="/toegangsverzoeken"), "06 - 123 456 78"
    )
    assert '<details class="decline" open>' in html
    assert f'name="{prefix}privacy_confirmed"' in html
    db.session.expire_all()
    assert db.session.get(AccessRequest, access_request.id).status.value == "open"
    assert outbox() == []

    confirmed = {**form, f"{prefix}privacy_confirmed": "y"}
    response = browser.submit(url, confirmed, form_url="/toegangsverzoeken")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(AccessRequest, access_request.id).status.value == "declined"
    assert len(outbox()) == 1


def test_theme_description_warns_and_saves_after_confirmation(browser):
    admin = create_user(Role.ADMIN, email="beheer@example.nl")
    db.session.commit()
    browser.login(admin.email)
    form = {"name": "Pleegzorg", "description": "Vragen? Mail pleegzorg(at)gemeente(dot)nl."}
    html = assert_warned(
        browser.submit("/beheer/themas/nieuw", form), "pleegzorg(at)gemeente(dot)nl"
    )
    assert "Beschrijving" in html
    assert count(Theme) == 0

    response = browser.submit("/beheer/themas/nieuw", {**form, "privacy_confirmed": "y"})
    assert response.status_code == 302
    assert count(Theme) == 1
