"""The visibility rule shared by lists, feeds, search and the digest."""

from __future__ import annotations

from flask_login import AnonymousUserMixin

from community.accounts.models import Role
from community.clock import utcnow
from community.extensions import db
from community.posts import queries
from community.posts.models import PostKind, Visibility
from tests.factories import create_post, create_reply, create_user


def titles(stmt) -> set[str]:
    return {p.title for p in db.session.scalars(stmt)}


def test_visitor_never_sees_members_only_posts(app):
    create_post(title="Openbare vraag over inwerken")
    create_post(title="Vraag alleen voor leden", visibility=Visibility.MEMBERS)
    assert titles(queries.visible_posts(None)) == {"Openbare vraag over inwerken"}
    assert titles(queries.visible_posts(AnonymousUserMixin())) == {"Openbare vraag over inwerken"}
    member = create_user()
    assert titles(queries.visible_posts(member)) == {
        "Openbare vraag over inwerken",
        "Vraag alleen voor leden",
    }


def test_deleted_and_hidden_posts_are_in_no_list(app):
    create_post(title="Verwijderde vraag", deleted_at=utcnow())
    hidden = create_post(title="Verborgen vraag", hidden_at=utcnow())
    create_post(kind=PostKind.PRACTICE, title="Een goed voorbeeld")
    moderator = create_user(Role.MODERATOR)
    assert titles(queries.visible_posts(moderator)) == {"Een goed voorbeeld"}
    assert titles(queries.visible_posts(moderator, PostKind.QUESTION)) == set()
    assert queries.can_view(moderator, hidden)
    assert queries.can_view(None, hidden) is False


def test_hidden_post_page_is_for_its_author_and_moderators_only(app):
    author = create_user()
    post = create_post(author=author, hidden_at=utcnow())
    assert queries.can_view(author, post)
    assert queries.can_view(create_user(Role.MODERATOR), post)
    assert not queries.can_view(create_user(Role.AMBASSADOR), post)
    assert not queries.can_view(None, post)


def test_members_only_post_asks_visitor_to_log_in(app):
    post = create_post(visibility=Visibility.MEMBERS)
    assert queries.needs_login(None, post)
    assert not queries.can_view(None, post)
    assert not queries.needs_login(create_user(), post)


def test_hidden_reply_is_shown_to_its_author_and_moderators(app):
    post = create_post()
    author = create_user()
    create_reply(post, author=author, body="verborgen", hidden_at=utcnow())
    create_reply(post, body="zichtbaar")

    def bodies(viewer):
        return {r.body for r in db.session.scalars(queries.visible_replies(viewer, post))}

    assert bodies(None) == {"zichtbaar"}
    assert bodies(author) == {"zichtbaar", "verborgen"}
    assert bodies(create_user(Role.MODERATOR)) == {"zichtbaar", "verborgen"}
