"""Visitors' pages come from the cache until content changes, and never show stale content.

The whole suite runs with the cache on (so every test that writes and then looks as a visitor
checks the invalidation too); these tests name what a visitor and a member depend on.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from community import pagecache
from community.accounts import services as accounts
from community.accounts.models import Role, User
from community.clock import utcnow
from community.extensions import db
from community.follows.models import Follow
from community.moderation import services as moderation
from community.notifications.models import Notification, NotificationKind
from community.posts import lists, replies, services
from community.posts.models import Post, PostKind, Reply, Visibility
from tests.conftest import Browser, csrf_token_from
from tests.factories import create_post, create_reply, create_theme, create_user
from tests.sql import counted_statements


def url(post: Post) -> str:
    area = "vragen" if post.kind is PostKind.QUESTION else "goede-voorbeelden"
    return f"/{area}/{post.id}-{post.slug}"


def text(response) -> str:
    return response.get_data(as_text=True)


def generation() -> int:
    db.session.commit()
    return pagecache.current_generation()


@pytest.fixture(autouse=True)
def same_minute(monkeypatch):
    """Requests in one test fall in one minute of the cache key, unless a test moves it."""
    now = utcnow().replace(second=30)
    monkeypatch.setattr(pagecache, "utcnow", lambda: now)
    return now


@pytest.fixture
def theme():
    return create_theme("Inwerken", slug="inwerken")


@pytest.fixture
def question(theme):
    post = create_post(title="Hoe geef je starters een warme landing?", themes=[theme])
    create_reply(post, body="Bij ons krijgt elke starter een buddy.")
    create_post(PostKind.PRACTICE, title="Een mentor in het eerste jaar", themes=[theme])
    db.session.commit()
    return post


# --- what visitors see ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "queries"),
    # The generation, nothing else: the view does not run (a theme's or post's row that went
    # away, was renamed or hidden changed the generation, so the page is rendered afresh).
    [("/", 1), ("/vragen", 1), ("/goede-voorbeelden", 1), ("/themas/inwerken", 1), ("post", 1)],
)
def test_second_visitor_gets_the_page_from_the_cache_in_one_query(app, question, path, queries):
    path = url(question) if path == "post" else path
    first = app.test_client().get(path)
    assert first.status_code == 200
    cache = pagecache.page_cache()
    assert (cache.hits, cache.misses) == (0, 1)

    with counted_statements() as statements:
        second = app.test_client().get(path)
    assert second.status_code == 200
    assert (cache.hits, cache.misses) == (1, 1)
    assert len(statements) == queries, statements
    expected = "mentor in het eerste jaar" if "voorbeelden" in path else "warme landing"
    assert expected in text(second)
    assert pagecache.TOKEN_PLACEHOLDER not in text(second)


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(app, question):
    first, second = app.test_client(), app.test_client()
    token_first = csrf_token_from(text(first.get("/")))
    page = text(second.get("/"))  # from the cache
    assert pagecache.page_cache().hits == 1
    token_second = csrf_token_from(page)
    assert token_second != token_first

    response = second.post(
        "/volgen",
        data={
            "csrf_token": token_second,
            "email": "volger@example.nl",
            "all_themes": "y",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/volgen/kijk-in-je-mail")
    # A token from someone else's page does not work for this visitor.
    third = app.test_client()
    third.get("/privacy")
    stolen = third.post("/volgen", data={"csrf_token": token_first, "email": "x@example.nl"})
    assert stolen.status_code == 400


def test_a_new_question_shows_to_visitors_at_once(app, question, theme):
    visitor = app.test_client()
    for path in ("/", "/vragen", "/themas/inwerken"):
        assert "eerste werkdag" not in text(visitor.get(path))

    member = Browser(app.test_client())
    member.login(create_user(email="lid@example.nl").email)
    response = member.submit(
        "/vragen/nieuw",
        {
            "title": "Hoe regelen jullie de eerste werkdag?",
            "body": "Wij zoeken tips.",
            "themes": str(theme.id),
            "visibility": "public",
        },
    )
    assert response.status_code == 302

    for path in ("/", "/vragen", "/themas/inwerken"):
        assert "eerste werkdag" in text(visitor.get(path)), path


def test_a_new_answer_shows_on_the_cached_question_page(app, question):
    visitor = app.test_client()
    assert "1 antwoord" in text(visitor.get(url(question)))
    member = Browser(app.test_client())
    member.login(create_user(email="lid@example.nl").email)
    answered = member.submit(
        f"{url(question)}/reageren".replace(f"-{question.slug}", ""),
        {"body": "Plan de eerste week samen met het team."},
        form_url=url(question),
    )
    assert answered.status_code == 302
    page = text(visitor.get(url(question)))
    assert "Plan de eerste week samen met het team." in page
    assert "2 antwoorden" in page


def test_a_post_a_moderator_hides_is_gone_from_visitors_cached_pages(app, question):
    visitor = app.test_client()
    assert visitor.get(url(question)).status_code == 200
    assert "warme landing" in text(visitor.get("/vragen"))
    assert "warme landing" in text(visitor.get("/"))

    moderator = create_user(Role.MODERATOR)
    moderation.hide(moderator, db.session.get(Post, question.id))
    db.session.commit()

    assert visitor.get(url(question)).status_code == 404
    assert "warme landing" not in text(visitor.get("/vragen"))
    assert "warme landing" not in text(visitor.get("/"))


def test_a_post_made_members_only_is_gone_for_visitors_at_once(app, question, theme):
    visitor = app.test_client()
    assert "warme landing" in text(visitor.get("/themas/inwerken"))
    assert "warme landing" in text(visitor.get(url(question)))

    author = Browser(app.test_client())
    author.login(db.session.get(User, question.author_id).email)
    edited = author.submit(
        f"/vragen/{question.id}/bewerken",
        {
            "title": question.title,
            "body": question.body,
            "themes": str(theme.id),
            "visibility": "members",
        },
    )
    assert edited.status_code == 302
    assert db.session.get(Post, question.id).visibility is Visibility.MEMBERS

    assert "Log in om dit te lezen" in text(visitor.get(url(question)))
    assert "warme landing" not in text(visitor.get("/themas/inwerken"))
    assert "warme landing" not in text(visitor.get("/vragen"))


def test_edits_show_on_the_cached_post_page_at_once(app, question):
    visitor = app.test_client()
    assert "Hoe geef je starters een warme landing?" in text(visitor.get(url(question)))
    author = db.session.get(User, question.author_id)
    post = lists.post_for_page(question.id)
    services.edit_post(
        author,
        post,
        {
            "title": "Hoe geef je starters een zachte landing?",
            "body": post.body,
            "themes": [t.id for t in post.themes],
            "visibility": "public",
        },
    )
    db.session.commit()
    reply = db.session.scalars(sa.select(Reply)).one()
    replies.edit_reply(db.session.get(User, reply.author_id), reply, "Een buddy en een mentor.")
    db.session.commit()

    page = text(visitor.get(url(question)))
    assert "Hoe geef je starters een zachte landing?" in page
    assert "Hoe geef je starters een warme landing?" not in page
    assert "Een buddy en een mentor." in page


def test_renamed_members_and_organisations_show_on_cached_pages(app, question):
    visitor = app.test_client()
    practice = db.session.scalars(sa.select(Post).where(Post.kind == PostKind.PRACTICE)).one()
    author = db.session.get(User, practice.author_id)
    replier = db.session.get(User, db.session.scalars(sa.select(Reply.author_id)).one())
    assert replier.name in text(visitor.get(url(question)))
    assert author.organisation.name in text(visitor.get("/goede-voorbeelden"))

    replier.name = "Noor Jansen"
    author.organisation.name = "Jeugdbescherming west"
    db.session.commit()

    assert "Noor Jansen" in text(visitor.get(url(question)))
    assert "Jeugdbescherming west" in text(visitor.get("/goede-voorbeelden"))


def test_members_get_their_own_page_and_visitors_never_see_it(app, question):
    visitor = app.test_client()
    assert "Inloggen" in text(visitor.get("/"))
    cached = len(pagecache.page_cache())

    member = Browser(app.test_client())
    member.login(create_user(email="lid@example.nl", name="Fatima de Vries").email)
    page = text(member.get("/"))
    assert "Fatima de Vries" in page and "Uitloggen" in page
    assert len(pagecache.page_cache()) == cached  # members' pages are never stored

    again = text(visitor.get("/"))
    assert "Fatima de Vries" not in again and "Uitloggen" not in again


def test_a_visitor_with_a_message_waiting_sees_it(app, question):
    app.test_client().get("/")  # the home page is now in the cache
    member = Browser(app.test_client())
    member.login(create_user(email="lid@example.nl").email)
    response = member.logout()
    assert response.status_code == 302
    assert "Je bent uitgelogd" in text(member.get("/"))
    assert "Je bent uitgelogd" not in text(member.get("/"))  # shown once


def test_the_page_is_rendered_again_each_minute(app, question, monkeypatch, same_minute):
    app.test_client().get("/vragen")
    app.test_client().get("/vragen")
    cache = pagecache.page_cache()
    assert (cache.hits, cache.misses) == (1, 1)
    monkeypatch.setattr(pagecache, "utcnow", lambda: same_minute + timedelta(minutes=1))
    app.test_client().get("/vragen")
    assert (cache.hits, cache.misses) == (1, 2)


def test_the_cache_keeps_the_most_recently_used_pages_within_its_size():
    cache = pagecache.PageCache(max_bytes=10)
    cache.put("a", "aaaa")
    cache.put("b", "bbbb")
    assert cache.get("a") == "aaaa"  # now b is the least recently used
    cache.put("c", "cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("aaaa", None, "cccc")
    cache.put("c", "cc")
    assert cache.size == 6 and len(cache) == 2
    cache.put("d", "d" * 11)  # larger than the whole cache: nothing stays
    assert (cache.size, len(cache)) == (0, 0)


@pytest.mark.config(PAGE_CACHE_MB=0)
def test_with_the_cache_off_every_page_is_rendered(app, question):
    app.test_client().get("/")
    app.test_client().get("/")
    cache = pagecache.page_cache()
    assert (cache.hits, cache.misses, len(cache)) == (0, 0, 0)


# --- the generation ------------------------------------------------------------------------------


def test_content_changes_raise_the_generation_once_per_transaction(app, question):
    before = generation()
    post = db.session.get(Post, question.id)
    post.title = "Hoe geef je nieuwe collega's een warme landing?"
    db.session.flush()
    create_reply(post)
    assert generation() == before + 1


def test_bulk_updates_raise_the_generation(app, question):
    before = generation()
    db.session.execute(sa.update(Post).where(Post.id == question.id).values(reply_count=5))
    assert generation() == before + 1


def test_a_rolled_back_change_leaves_the_generation(app, question):
    before = generation()
    db.session.get(Post, question.id).title = "Een titel die niet blijft"
    db.session.flush()
    db.session.rollback()
    assert generation() == before


def test_logins_follows_and_notifications_leave_the_generation(app, question):
    user = create_user(email="lid@example.nl")
    before = generation()
    assert accounts.authenticate("lid@example.nl", "wachtwoord-voor-tests") is not None
    db.session.add(Follow(user_id=user.id, post_id=question.id))
    db.session.add(
        Notification(user_id=user.id, kind=NotificationKind.NEW_ANSWER, post_id=question.id)
    )
    assert generation() == before
    user.name = "Nieuwe naam"  # names show on pages
    assert generation() == before + 1


def test_a_rolled_back_savepoint_keeps_the_changes_made_before_it(app, question):
    """A double-clicked follow hits the unique index inside a savepoint; the reply stays."""
    before = generation()
    db.session.get(Post, question.id).title = "Een titel die wel blijft"
    db.session.flush()
    user = create_user()
    db.session.add(Follow(user_id=user.id, post_id=question.id))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(Follow(user_id=user.id, post_id=question.id))
    assert generation() == before + 1


def test_a_vote_counted_with_an_sql_expression_raises_the_generation(app, question):
    reply = db.session.scalars(sa.select(Reply)).one()
    before = generation()
    assert replies.toggle_useful(create_user(), reply) is True  # a savepoint and useful_count + 1
    assert generation() == before + 1
    reply.useful_count = Reply.useful_count + 1  # only an expression, nothing else
    assert generation() == before + 2


def test_bulk_updates_of_private_columns_leave_the_generation(app, question):
    user = create_user()
    before = generation()
    db.session.execute(sa.update(User).where(User.id == user.id).values(last_seen_at=utcnow()))
    assert generation() == before
    db.session.execute(sa.update(User).where(User.id == user.id).values(name="Sam de Boer"))
    assert generation() == before + 1


def test_a_visitors_page_without_a_form_gives_them_no_session_cookie(app, question):
    """Taking the page's CSRF token must not make one for a page that has no form."""
    for client in (app.test_client(), app.test_client()):  # rendered, then from the cache
        response = client.get("/goede-voorbeelden")
        assert response.status_code == 200
        assert "csrf_token" not in text(response)
        assert "Set-Cookie" not in response.headers
    assert pagecache.page_cache().hits == 1
