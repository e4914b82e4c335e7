"""Profiles with expertise and activity, the "Wie weet wat" directory and the first-login step."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role
from community.colleagues import services
from community.digest.models import Frequency
from community.digest.settings import settings_of
from community.extensions import db
from community.posts.models import PostKind
from tests.factories import (
    create_invitation,
    create_organisation,
    create_post,
    create_reply,
    create_theme,
    create_user,
)
from tests.sql import counted_statements


def test_visitors_get_no_directory(app, client):
    response = client.get("/wie-weet-wat")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_directory_filters_by_theme_organisation_and_region(app, browser):
    theme = create_theme("Moreel letsel", slug="moreel-letsel")
    north = create_organisation("Jeugdzorg Groningen", slug="jz-groningen", region="Groningen")
    south = create_organisation("Jeugdzorg Limburg", slug="jz-limburg", region="Limburg")
    expert = create_user(name="Anna Expert", organisation=north)
    other = create_user(name="Bert Anders", organisation=south)
    create_user(name="Carla Weg", organisation=north, is_active=False)
    services.set_expertise(expert, [theme.id])
    viewer = create_user()
    db.session.commit()

    browser.login(viewer.email)
    page = browser.get("/wie-weet-wat").get_data(as_text=True)
    assert "Anna Expert" in page and "Bert Anders" in page and "Carla Weg" not in page
    assert "Moreel letsel" in page
    by_theme = browser.get("/wie-weet-wat?thema=moreel-letsel").get_data(as_text=True)
    assert "Anna Expert" in by_theme and "Bert Anders" not in by_theme
    by_org = browser.get("/wie-weet-wat?organisatie=jz-limburg").get_data(as_text=True)
    assert "Bert Anders" in by_org and "Anna Expert" not in by_org
    by_region = browser.get("/wie-weet-wat?regio=Groningen").get_data(as_text=True)
    assert "Anna Expert" in by_region and "Bert Anders" not in by_region
    assert other.id  # keep the name used


def _statements_for(browser, url) -> int:
    with counted_statements() as statements:
        assert browser.get(url).status_code == 200
    return len(statements)


def test_directory_queries_do_not_grow_with_members(app, browser):
    themes = [create_theme() for _ in range(3)]
    viewer = create_user()
    for _ in range(2):
        services.set_expertise(create_user(), [t.id for t in themes])
    db.session.commit()
    browser.login(viewer.email)
    browser.get("/wie-weet-wat")
    few = _statements_for(browser, "/wie-weet-wat")
    for _ in range(15):
        services.set_expertise(create_user(organisation=create_organisation()), [themes[0].id])
    db.session.commit()
    many = _statements_for(browser, "/wie-weet-wat")
    assert many == few, (few, many)


def _active_member(name="Mira Actief"):
    member = create_user(name=name)
    return member


def test_profile_shows_expertise_activity_and_never_anonymous_questions(app, browser):
    theme = create_theme("Inwerken")
    member = _active_member()
    services.set_expertise(member, [theme.id])
    create_post(author=member, title="Een vraag met naam erbij")
    secret = create_post(author=member, title="Een anonieme vraag", is_anonymous=True)
    # Answering their own anonymous question must not give them away either.
    create_reply(secret, author=member, body="Aanvulling van de vraagsteller")
    other_question = create_post(title="Vraag van iemand anders")
    answer = create_reply(other_question, author=member)
    other_question.accepted_reply_id = answer.id
    create_post(PostKind.PRACTICE, author=member, title="Ons buddy-programma")
    create_user(name="Uitgenodigde Ilse", invited_by_id=member.id)
    viewer = create_user()
    db.session.commit()

    browser.login(viewer.email)
    page = browser.get(f"/leden/{member.id}").get_data(as_text=True)
    assert "Inwerken" in page
    assert "Een vraag met naam erbij" in page
    assert "Een anonieme vraag" not in page
    assert "Vraag van iemand anders" in page
    assert "Ons buddy-programma" in page
    assert "Uitgenodigde Ilse" in page
    assert "1 geaccepteerd antwoord" in page
    # Not on their own profile either: a profile shows what others see.
    browser.logout()
    browser.login(member.email)
    own = browser.get("/profiel").get_data(as_text=True)
    assert "Een anonieme vraag" not in own and "Een vraag met naam erbij" in own


def test_profile_queries_do_not_grow_with_activity(app, browser):
    member = _active_member()
    viewer = create_user()
    create_post(author=member)
    db.session.commit()
    browser.login(viewer.email)
    url = f"/leden/{member.id}"
    browser.get(url)
    few = _statements_for(browser, url)
    for _ in range(8):
        question = create_post(author=member)
        create_reply(question, author=member)
        create_reply(create_post(), author=member)
        create_user(invited_by_id=member.id)
        create_post(PostKind.PRACTICE, author=member)
    services.set_expertise(member, [create_theme().id for _ in range(4)])
    db.session.commit()
    many = _statements_for(browser, url)
    assert many == few, (few, many)


def test_expertise_is_chosen_on_the_profile_edit_page(app, browser):
    theme = create_theme("Behouden")
    member = create_user(name="Tom")
    db.session.commit()
    browser.login(member.email)
    page = browser.get("/profiel/bewerken").get_data(as_text=True)
    assert "Behouden" in page
    response = browser.submit(
        "/profiel/bewerken",
        {"name": "Tom", "job_title": "", "bio": "", "expertise": [str(theme.id)]},
    )
    assert response.status_code == 302
    assert services.expertise_ids(member) == [theme.id]
    assert "Behouden" in browser.get("/profiel").get_data(as_text=True)


def test_first_login_step_after_accepting_an_invitation_shown_once(app, browser):
    theme = create_theme("Mentorschap")
    ambassador = create_user(Role.AMBASSADOR)
    _invitation, token = create_invitation(
        ambassador, email="nieuw@example.nl", role=Role.AMBASSADOR
    )
    db.session.commit()
    response = browser.submit(
        f"/uitnodiging/{token}",
        {
            "name": "Nina Nieuw",
            "password": "een-lang-wachtwoord",
            "password_again": "een-lang-wachtwoord",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/welkom")
    page = browser.get("/welkom").get_data(as_text=True)
    assert "Mentorschap" in page
    assert "dagelijks" in page  # ambassadors are offered the daily summary
    response = browser.submit("/welkom", {"expertise": [str(theme.id)], "daily_summary": "y"})
    assert response.status_code == 302
    from community.accounts.models import User

    user = db.session.scalar(sa.select(User).where(User.email == "nieuw@example.nl"))
    assert services.expertise_ids(user) == [theme.id]
    assert settings_of(user.id).frequency is Frequency.DAILY
    assert user.welcome_pending is False
    # Logging in again goes to the home page, not the step.
    browser.logout()
    response = browser.login("nieuw@example.nl", "een-lang-wachtwoord")
    assert not response.headers["Location"].endswith("/welkom")


def test_first_login_step_is_skippable_and_follows_a_pending_login(app, browser):
    member = create_user(welcome_pending=True)
    db.session.commit()
    response = browser.login(member.email)
    assert response.headers["Location"].startswith("/welkom")
    page = browser.get("/welkom").get_data(as_text=True)
    assert "dagelijks" not in page  # only ambassadors are offered the summary
    response = browser.submit("/welkom", {"skip": "1"})
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.welcome_pending is False
    assert services.expertise_ids(member) == []


def test_deleting_an_account_forgets_expertise_and_asks(app):
    from community.colleagues.models import ColleagueAsk
    from community.mydata import deletion

    member = create_user()
    asker = create_user()
    services.set_expertise(member, [create_theme().id])
    services.ask(asker, create_post(author=asker), [member.id])
    deletion.delete_member_account(member, remove_content=False)
    assert services.expertise_ids(member) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ColleagueAsk)) == 0


def test_the_demo_has_people_who_know_things(app):
    from community.demo.services import seed_demo

    seed_demo(password="demo-wachtwoord-lang")
    experts = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(sa.text("user_id")))).select_from(
            sa.table("member_expertise", sa.column("user_id"))
        )
    )
    assert experts >= 5
