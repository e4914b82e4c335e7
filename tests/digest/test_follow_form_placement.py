"""Readers become followers on the spot: the follow form is on the home page, theme pages and
public posts, and following from a shared post subscribes to that post's theme."""

from __future__ import annotations

import re

from sqlalchemy.orm import selectinload

from community.digest.models import Subscriber
from community.extensions import db
from community.posts.models import PostKind, Visibility
from tests.factories import create_post, create_theme, create_user

FORM = 'action="/volgen"'


def test_visitor_finds_the_follow_form_on_home_theme_and_public_post(app, client):
    theme = create_theme("Inwerken", slug="inwerken")
    post = create_post(PostKind.PRACTICE, title="Een eerste maand zonder caseload", themes=[theme])
    db.session.commit()
    post_page = client.get(f"/goede-voorbeelden/{post.id}", follow_redirects=True)
    for page in (client.get("/"), client.get("/themas/inwerken"), post_page):
        assert page.status_code == 200
        assert FORM in page.get_data(as_text=True)


def test_members_and_members_only_posts_get_no_visitor_form(app, browser):
    theme = create_theme("Behouden", slug="behouden")
    hidden_from_visitors = create_post(
        title="Alleen voor leden: ons exitgesprek", visibility=Visibility.MEMBERS, themes=[theme]
    )
    member = create_user()
    db.session.commit()
    page = browser.get(f"/vragen/{hidden_from_visitors.id}", follow_redirects=True).get_data(
        as_text=True
    )
    assert FORM not in page and "Log in" in page
    browser.login(member.email)
    assert FORM not in browser.get("/").get_data(as_text=True)


def test_following_from_a_shared_post_subscribes_to_its_theme(app, client, outbox):
    theme = create_theme("Mentorschap", slug="mentorschap")
    post = create_post(PostKind.PRACTICE, title="Vijf uur mentoring per week werkt", themes=[theme])
    db.session.commit()
    html = client.get(f"/goede-voorbeelden/{post.id}", follow_redirects=True).get_data(as_text=True)
    form = html[html.index(FORM) :]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    theme_id = re.search(r'name="themes" value="(\d+)"', form).group(1)
    response = client.post(
        "/volgen",
        data={
            "csrf_token": token,
            "email": "lezer@example.nl",
            "themes": theme_id,
            "frequency": "weekly",
        },
    )
    assert response.status_code in (200, 302)
    subscriber = db.session.scalar(
        db.select(Subscriber)
        .where(Subscriber.email == "lezer@example.nl")
        .options(selectinload(Subscriber.themes))
    )
    assert subscriber is not None and subscriber.confirmed_at is None  # double opt-in: not yet
    assert [t.id for t in subscriber.themes] == [theme.id]
    assert any("lezer@example.nl" in str(m["To"]) for m in outbox())
