"""Following themes, questions and organisations: the service, the button and the page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import render_template_string

from community.clock import utcnow
from community.errors import NotAllowed
from community.extensions import db
from community.follows import services
from community.follows.models import Follow
from tests.factories import create_organisation, create_post, create_theme, create_user


def count_follows() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Follow))


def test_follow_is_idempotent_and_unfollow_stops_it(app):
    user, theme = create_user(), create_theme()
    first = services.follow(user, theme=theme)
    assert services.follow(user, theme=theme).id == first.id
    assert count_follows() == 1
    assert services.is_following(user, theme=theme)
    assert services.unfollow(user, theme=theme) is True
    assert services.unfollow(user, theme=theme) is False
    assert not services.is_following(user, theme=theme)


def test_followers_of_each_kind_of_target(app):
    theme, post, organisation = create_theme(), create_post(), create_organisation()
    a, b, inactive = create_user(), create_user(), create_user(is_active=False)
    services.follow(a, theme=theme)
    services.follow(a, post=post)
    services.follow(b, post=post)
    services.follow(b, organisation=organisation)
    db.session.add(Follow(user_id=inactive.id, post_id=post.id))
    assert db.session.scalars(services.followers(post=post)).all() == [a, b]
    assert db.session.scalars(services.followers(theme=theme)).all() == [a]
    assert db.session.scalars(services.followers(organisation=organisation)).all() == [b]
    assert services.follower_count(post=post) == 3


def test_exactly_one_target(app):
    user = create_user()
    with pytest.raises(ValueError):
        services.follow(user)
    with pytest.raises(ValueError):
        services.follow(user, theme=create_theme(), post=create_post())


def test_nobody_follows_what_they_may_not_see(app):
    hidden = create_post(hidden_at=utcnow())
    with pytest.raises(NotAllowed):
        services.follow(create_user(), post=hidden)
    with pytest.raises(NotAllowed):
        services.follow(None, theme=create_theme())


def test_follow_button_posts_and_returns_to_the_page(browser):
    user, theme = create_user(email="lid@example.nl"), create_theme()
    browser.login(user.email)
    response = browser.submit(
        "/ik-volg",
        {"kind": "theme", "id": str(theme.id), "action": "follow", "next": "/vragen?thema=x"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/vragen?thema=x"
    assert services.is_following(user, theme=theme)
    # A double click changes nothing; "unfollow" stops it.
    browser.submit("/ik-volg", {"kind": "theme", "id": str(theme.id), "action": "follow"})
    assert count_follows() == 1
    response = browser.submit(
        "/ik-volg", {"kind": "theme", "id": str(theme.id), "action": "unfollow"}
    )
    assert not services.is_following(user, theme=theme)


def test_follow_button_never_sends_you_off_site(browser):
    user, post = create_user(email="lid@example.nl"), create_post()
    browser.login(user.email)
    response = browser.submit(
        "/ik-volg", {"kind": "post", "id": str(post.id), "next": "//evil.example/x"}
    )
    assert response.headers["Location"] == f"/vragen/{post.id}-{post.slug}"


def test_unknown_or_hidden_targets_are_not_found(browser):
    browser.login(create_user(email="lid@example.nl").email)
    hidden = create_post(hidden_at=utcnow())
    for data in (
        {"kind": "post", "id": str(hidden.id)},
        {"kind": "thema", "id": "1"},
        {"kind": "theme", "id": "999"},
    ):
        assert browser.submit("/ik-volg", data).status_code == 404


def test_follow_button_macro_works_without_template_context(app, client, browser):
    theme = create_theme("Inwerken")
    template = (
        '{% from "follows/_button.html" import follow_button %}{{ follow_button(theme=theme) }}'
    )
    with app.test_request_context("/themas/inwerken"):
        html = render_template_string(template, theme=theme)
    assert "Log in om dit thema te volgen" in html
    assert "/inloggen?next=/themas/inwerken" in html

    user = create_user(email="lid@example.nl")
    services.follow(user, theme=theme)
    db.session.commit()
    browser.login(user.email)
    page = browser.get("/ik-volg").get_data(as_text=True)
    assert "Inwerken" in page and "Je volgt dit thema" in page and "Niet meer volgen" in page


def test_question_page_shows_the_follow_state(browser):
    user, post = create_user(email="lid@example.nl"), create_post()
    browser.login(user.email)
    page = browser.get(f"/vragen/{post.id}-{post.slug}").get_data(as_text=True)
    assert "Volg deze vraag" in page
    browser.submit("/ik-volg", {"kind": "post", "id": str(post.id)})
    page = browser.get(f"/vragen/{post.id}-{post.slug}").get_data(as_text=True)
    assert "Je volgt deze vraag" in page
