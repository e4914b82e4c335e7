"""Input a hostile member or visitor sends: refused with a Dutch answer, never a 500, nothing saved.

Each test sends exactly the input that broke the site (issue "Hardened", items 1, 2 and 4-7);
tests/test_hostile_walker.py sends the same kinds of input to every route and form field.
"""

from __future__ import annotations

import io
import time
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa

from community.accounts.models import Role, User
from community.extensions import db
from community.invites.models import AccessRequest, Invitation
from community.moderation.models import Flag
from community.organisations.models import Organisation
from community.posts.models import Post, Reply
from tests.factories import (
    create_invitation,
    create_organisation,
    create_post,
    create_theme,
    create_user,
)

REFUSED = "stuurtekens"
HUGE = str(2**64)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def member(browser):
    user = create_user(Role.ADMIN, email="lid@example.nl", name="Anna de Vries")
    db.session.commit()
    browser.login(user.email)
    return user


# --- 1. The preview applies the save limits -----------------------------------------------


def test_a_preview_of_a_body_longer_than_saving_allows_is_refused_with_a_dutch_message(
    browser, member
):
    theme = create_theme()
    db.session.commit()
    body = "a\n=\n" * 25_000  # 100,000 characters of setext headings
    response = browser.submit(
        "/vragen/nieuw",
        {
            "title": "Een vraag met een lange tekst",
            "body": body,
            "themes": theme.id,
            "voorbeeld": "1",
        },
    )
    assert response.status_code in (200, 400, 413)
    html = response.get_data(as_text=True)
    assert "Deze tekst is te lang: hoogstens 20.000 tekens" in html
    assert "<h2>a</h2>" not in html  # nothing was rendered


# --- 2. Many theme ids ----------------------------------------------------------------------


def test_75000_theme_ids_are_refused_before_any_work(browser, member):
    theme = create_theme()
    db.session.commit()
    token = browser.token("/vragen/nieuw")
    data = [("csrf_token", token), ("title", "Een vraag over heel veel thema's"), ("body", "Hoi")]
    data += [("themes", str(theme_id)) for theme_id in range(theme.id, theme.id + 75_000)]
    started = time.perf_counter()
    response = browser.client.post(
        "/vragen/nieuw", data=urlencode(data), content_type="application/x-www-form-urlencoded"
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert "Kies hoogstens 3 thema" in response.get_data(as_text=True)
    assert count(Post) == 0
    assert elapsed < 5, f"{elapsed:.1f} s"  # it took 21.6 s


# --- 4. NUL bytes and control characters -----------------------------------------------------


@pytest.fixture
def world(member):
    theme = create_theme(slug="inwerken")
    question = create_post(author=member, themes=[theme])
    db.session.commit()
    return {"theme": theme.id, "question": question.id}


FORMS_WITH_NUL = [
    (
        "/vragen/nieuw",
        {"title": "Een vraag met\x00een NUL erin", "body": "Tekst", "themes": "{theme}"},
    ),
    ("/vragen/nieuw", {"title": "Een gewone vraag hier", "body": "Tek\x00st", "themes": "{theme}"}),
    ("/vragen/{question}/reageren", {"body": "Een antwoord\x00"}),
    ("/profiel/bewerken", {"name": "Anna", "job_title": "", "bio": "Over mij\x00"}),
    (
        "/uitnodigingen/nieuw",
        {
            "emails": "nieuw@example.nl",
            "message": "Hoi\x00",
            "role": "professional",
            "confirm_outside": "y",
        },
    ),
    ("/melden/post/{question}", {"reason": "other", "explanation": "Kijk\x00"}),
    ("/instellingen", {"notify_by_email": "y\x01"}),
]


@pytest.mark.parametrize("path, data", FORMS_WITH_NUL, ids=lambda v: str(v)[:30])
def test_a_nul_or_control_character_in_a_form_is_refused_and_nothing_is_saved(
    browser, world, path, data
):
    before = [count(model) for model in (Post, Reply, Invitation, Flag)]
    url = path.format(**world)
    response = browser.submit(
        url, {key: value.format(**world) for key, value in data.items()}, form_url="/vragen/nieuw"
    )
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert [count(model) for model in (Post, Reply, Invitation, Flag)] == before
    assert db.session.get(User, browser_user_id(world)).bio == ""


def browser_user_id(_world) -> int:
    return db.session.scalar(sa.select(User.id).where(User.email == "lid@example.nl"))


@pytest.mark.parametrize(
    "data",
    [
        {"email": "lid@example.nl\x00", "password": "x"},
        {
            "name": "Bas\x00",
            "email": "bas@example.nl",
            "organisation_name": "X",
            "motivation": "Hoi",
        },
    ],
)
def test_a_visitor_sending_a_nul_to_log_in_or_ask_access_gets_a_dutch_400(browser, data):
    path = "/inloggen" if "password" in data else "/toegang-aanvragen"
    response = browser.submit(path, data)
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert count(AccessRequest) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/themas/inwer%00ken",
        "/organisaties/molen%00drift",
        "/feeds/themas/inwer%00ken.atom",
        "/vragen?thema=inwer%00ken",
        "/goede-voorbeelden?thema=%00",
        "/beheer/leden?q=anna%00",
        "/zoeken?q=buddy%00",
        "/vragen?tab=%1b",
    ],
)
def test_a_nul_in_a_url_part_is_refused_with_a_dutch_400(browser, world, path):
    response = browser.get(path)
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)


def test_the_json_api_refuses_a_nul_in_json(browser):
    response = browser.get("/api/vergelijkbare-vragen?q=inwerken%00")
    assert response.status_code == 400
    assert REFUSED in response.get_json()["error"]


# --- 5. Integers above 2^63 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path, status",
    [
        (f"/vragen?pagina={HUGE}", 200),
        (f"/goede-voorbeelden?pagina={HUGE}", 200),
        (f"/meldingen?pagina={HUGE}", 200),
        (f"/themas/inwerken?pagina={HUGE}", 200),
        (f"/beheer/leden?page={HUGE}", 200),
        (f"/zoeken?q=buddy&pagina={HUGE}", 200),
        (f"/vragen/{HUGE}", 404),
        (f"/vragen/{HUGE}-slug", 404),
        (f"/reacties/{HUGE}/bewerken", 404),
        (f"/beheer/themas/{HUGE}/bewerken", 404),
        (f"/beheer/leden/{HUGE}", 404),
        (f"/leden/{HUGE}", 404),
        (f"/melden/post/{HUGE}", 404),
        (f"/vragen/{'9' * 5000}", 404),
    ],
)
def test_a_huge_number_in_a_url_is_a_normal_page_or_a_404(browser, world, path, status):
    assert browser.get(path).status_code == status


@pytest.mark.parametrize(
    "path, data",
    [
        ("/ik-volg", {"kind": "theme", "id": HUGE}),
        (
            "/vragen/nieuw",
            {"title": "Een vraag met een enorm thema", "body": "Hoi", "themes": HUGE},
        ),
        (f"/meldingen/{HUGE}", {}),
        (f"/reacties/{HUGE}/nuttig", {}),
        (f"/beheer/leden/{HUGE}/rol", {"role": "admin"}),
    ],
)
def test_a_huge_number_in_a_form_is_refused_without_a_500(browser, world, path, data):
    before = count(Post)
    response = browser.submit(path, data, form_url="/vragen/nieuw")
    assert response.status_code in (200, 302, 400, 404)
    assert count(Post) == before


def test_a_huge_contact_id_on_a_practice_is_refused_without_a_500(browser, world):
    response = browser.submit(
        "/goede-voorbeelden/nieuw",
        {
            "title": "Een goed voorbeeld van inwerken",
            "summary": "Kort",
            "context": "Context",
            "approach": "Aanpak",
            "themes": str(world["theme"]),
            "contact_id": HUGE,
            "organisation_id": HUGE,
        },
    )
    assert response.status_code == 200
    assert count(Post) == 1


# --- 6. Names go into mail headers ------------------------------------------------------------


@pytest.mark.parametrize("name", ["Anna\nBcc: iedereen@example.nl", "Anna\rde Vries", "Anna\x1b"])
def test_a_name_with_a_newline_or_control_character_is_refused_on_the_profile(
    browser, member, name
):
    response = browser.submit("/profiel/bewerken", {"name": name, "job_title": "", "bio": ""})
    assert response.status_code in (200, 400)
    assert db.session.get(User, member.id).name == "Anna de Vries"
    if response.status_code == 200:
        assert "Je naam kan geen regelovergang" in response.get_data(as_text=True)


def test_a_name_with_a_newline_is_refused_when_accepting_an_invitation(browser, app):
    admin = create_user(Role.ADMIN)
    _, token = create_invitation(admin, email="nieuw@org.example.nl")
    db.session.commit()
    response = browser.submit(
        f"/uitnodiging/{token}",
        {
            "name": "Nieuw\nBcc: x@example.nl",
            "job_title": "",
            "password": "een-lang-wachtwoord",
            "password_again": "een-lang-wachtwoord",
        },
    )
    assert response.status_code == 200
    assert "Je naam kan geen regelovergang" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.email == "nieuw@org.example.nl")) is None


def test_create_admin_refuses_a_name_with_a_newline(runner):
    result = runner.invoke(
        args=["users", "create-admin", "beheer@example.nl", "--name", "Beheer\nBcc: x"],
        input="een-lang-wachtwoord\neen-lang-wachtwoord\n",
    )
    assert result.exit_code != 0
    assert db.session.scalar(sa.select(User).where(User.email == "beheer@example.nl")) is None


def test_invitations_from_someone_whose_name_holds_a_newline_are_still_sent(browser, smtp_server):
    org = create_organisation("Molendrift", email_domains_text="molendrift.nl")
    inviter = create_user(
        Role.AMBASSADOR,
        email="oud@molendrift.nl",
        name="Oude\r\nBcc: x@example.nl",
        organisation=org,
    )
    db.session.commit()
    browser.login(inviter.email)
    response = browser.submit(
        "/uitnodigingen/nieuw",
        {
            "emails": "collega@molendrift.nl",
            "message": "Welkom!",
            "role": "professional",
        },
    )
    assert response.status_code == 302
    (message,) = smtp_server.wait_for(1)
    assert "\n" not in message["Reply-To"] and "\r" not in message["Reply-To"]
    assert "oud@molendrift.nl" in message["Reply-To"]
    assert message["Bcc"] is None


# --- 7. File parts, odd websites, odd next= ------------------------------------------------


def file_part() -> tuple:
    return (io.BytesIO(b"geen tekst"), "bestand.txt")


@pytest.mark.parametrize(
    "path, field, data",
    [
        ("/inloggen", "email", {"password": "x"}),
        ("/wachtwoord-vergeten", "email", {}),
        ("/toegang-aanvragen", "name", {"email": "a@example.nl", "motivation": "Hoi"}),
    ],
)
def test_a_file_posted_to_a_visitors_text_field_is_a_dutch_400(browser, path, field, data):
    token = browser.token(path)
    response = browser.client.post(
        path,
        data={"csrf_token": token, **data, field: file_part()},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path, field",
    [
        ("/profiel/bewerken", "name"),
        ("/beheer/organisaties/nieuw", "website"),
        ("/beheer/themas/nieuw", "name"),
        ("/vragen/nieuw", "body"),
    ],
)
def test_a_file_posted_to_a_members_text_field_is_a_dutch_400(browser, member, path, field):
    token = browser.token(path)
    response = browser.client.post(
        path, data={"csrf_token": token, field: file_part()}, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)


@pytest.mark.parametrize("website", ["http://[", "https://[::1", "molendrift[.nl", "http://]/"])
def test_a_website_with_a_bracket_is_refused_on_the_organisation_form(browser, member, website):
    response = browser.submit(
        "/beheer/organisaties/nieuw",
        {
            "name": "Molendrift",
            "kind": "jeugdhulpaanbieder",
            "region": "Drenthe",
            "website": website,
        },
    )
    assert response.status_code == 200
    assert "Vul een webadres in" in response.get_data(as_text=True)
    assert count(Organisation) == 1  # the member's own


def test_a_grounding_url_with_a_bracket_is_refused_on_a_practice(browser, world):
    response = browser.submit(
        "/goede-voorbeelden/nieuw",
        {
            "title": "Een goed voorbeeld van inwerken",
            "summary": "Kort",
            "context": "Context",
            "approach": "Aanpak",
            "themes": str(world["theme"]),
            "grounding_url": "http://[",
        },
    )
    assert response.status_code == 200
    assert "Vul een volledig webadres in" in response.get_data(as_text=True)
    assert count(Post) == 1


@pytest.mark.parametrize(
    "next_", ["/%0d%0aSet-Cookie:%20x=1", "/vragen%0a", "%0d%0a//evil.example"]
)
def test_a_next_with_a_line_break_never_gives_a_500(browser, next_):
    user = create_user(email="bas@example.nl")
    db.session.commit()
    token = browser.token("/inloggen")
    response = browser.client.post(
        f"/inloggen?next={next_}",
        data={"csrf_token": token, "email": user.email, "password": "wachtwoord-voor-tests"},
    )
    assert response.status_code in (302, 400)
    assert "\n" not in response.headers.get("Location", "")
    assert "Set-Cookie: x" not in str(response.headers)


def test_safe_next_drops_a_target_with_a_line_break():
    from community.accounts.views import safe_next

    assert safe_next("/vragen\r\nSet-Cookie: x=1", "/") == "/"
    assert safe_next("/vragen?a=[", "/") == "/vragen?a=["
    assert safe_next("/vragen", "/") == "/vragen"
