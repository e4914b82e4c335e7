"""The number of SQL statements a page issues does not grow with the number of items it shows.

Counted with SQLAlchemy's before_cursor_execute event on the app's engine, for the page request
only (BEGIN, SAVEPOINT and PRAGMA are left out: they say nothing about N+1 loads). The visitors'
page cache is off here, so visitors' pages are really rendered; tests/test_pagecache.py counts
the queries of a page served from the cache.
"""

from __future__ import annotations

import itertools

import pytest

from community.accounts.models import Role
from community.extensions import db
from community.posts.models import PostKind, UsefulVote
from tests.factories import (
    create_organisation,
    create_post,
    create_reply,
    create_theme,
    create_user,
)
from tests.sql import counted_statements

_seq = itertools.count()
pytestmark = pytest.mark.config(PAGE_CACHE_MB=0)


def queries_for(client, url: str) -> int:
    db.session.commit()
    client.get(url)  # warm up: the login's session and any first-request work
    with counted_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def someone(role=Role.PROFESSIONAL):
    """A user of their own organisation, so every author brings a new organisation to load."""
    return create_user(role, organisation=create_organisation(f"Organisatie {next(_seq)}"))


def add_content(n: int, themes) -> None:
    for i in range(n):
        create_post(
            PostKind.PRACTICE,
            author=someone(Role.AMBASSADOR),
            summary="Kort",
            themes=themes[: 1 + i % 3],
        )
        question = create_post(
            author=someone(), themes=themes[: 1 + i % 3], is_anonymous=i % 4 == 0
        )
        if i % 2:
            create_reply(question, author=someone())


@pytest.fixture
def member(browser):
    user = create_user(email="lezer@example.nl")
    db.session.commit()
    browser.login(user.email)
    return user


def measure(app, client, url: str, build) -> tuple[int, int]:
    """Queries for `url` with 5 items, then with 50."""
    themes = [create_theme() for _ in range(3)]
    build(5, themes)
    few = queries_for(client, url)
    build(45, themes)
    many = queries_for(client, url)
    return few, many


@pytest.mark.config(POSTS_PER_PAGE=100)
@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
def test_home_page_queries_do_not_grow(app, client, browser, logged_in):
    if logged_in:
        browser.login(create_user(email="lezer@example.nl").email)
    few, many = measure(app, client, "/", add_content)
    assert few == many, f"home: {few} queries with 5 items, {many} with 50"


@pytest.mark.config(POSTS_PER_PAGE=100)
@pytest.mark.parametrize("url", ["/vragen", "/vragen?tab=onbeantwoord", "/goede-voorbeelden"])
def test_lists_issue_the_same_queries_for_5_and_50_items(app, client, member, url):
    few, many = measure(app, client, url, add_content)
    assert few == many, f"{url}: {few} queries with 5 items, {many} with 50"


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
def test_question_with_50_answers_issues_the_same_queries_as_with_5(
    app, client, browser, logged_in
):
    viewer = create_user(email="lezer@example.nl")
    if logged_in:
        browser.login(viewer.email)
    question = create_post(author=someone(), themes=[create_theme(), create_theme()])

    def answers(n, _themes):
        for _ in range(n):
            reply = create_reply(question, author=someone(Role.AMBASSADOR))
            db.session.add(UsefulVote(reply_id=reply.id, user_id=viewer.id))
            reply.useful_count = 1

    few, many = measure(app, client, f"/vragen/{question.id}-{question.slug}", answers)
    assert few == many, f"question: {few} queries with 5 answers, {many} with 50"


def test_notifications_page_queries_do_not_grow(app, client, member):
    from community.notifications.models import Notification, NotificationKind

    def notifications(n, themes):
        for _ in range(n):
            post = create_post(author=someone(), themes=themes[:1])
            reply = create_reply(post, author=someone())
            db.session.add(
                Notification(
                    user_id=member.id,
                    kind=NotificationKind.NEW_ANSWER,
                    post_id=post.id,
                    reply_id=reply.id,
                    actor_id=reply.author_id,
                )
            )

    few, many = measure(app, client, "/meldingen", notifications)
    assert few == many, f"notifications: {few} queries with 5, {many} with 50"
