"""Melden, the moderation queue, and what hiding, restoring and dismissing do."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from community.accounts.models import Role
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.moderation import services
from community.moderation.models import Flag, FlagReason, FlagResolution
from community.notifications.models import Notification, NotificationKind
from community.posts import queries
from community.posts.models import Post, PostKind, Reply, Visibility
from tests.conftest import Browser
from tests.factories import create_post, create_reply, create_theme, create_user


def as_user(app, user) -> Browser:
    """A second browser, logged in as `user`."""
    browser = Browser(app.test_client())
    browser.login(user.email)
    return browser


def flags() -> list[Flag]:
    return list(db.session.scalars(sa.select(Flag).order_by(Flag.id)))


@pytest.fixture
def story(app):
    """A question in a theme, with a reply; its author, a reporter and a moderator."""
    theme = create_theme("Inwerken", slug="inwerken")
    author = create_user(name="Auteur Anna")
    post = create_post(
        author=author,
        title="Hoe geef je starters een warme landing?",
        themes=[theme],
        body="Wij willen starters de eerste maand zonder caseload laten beginnen.",
    )
    reply = create_reply(post, body="Bij ons heeft iedere starter een buddy.")
    reporter = create_user(name="Melder Mo")
    moderator = create_user(Role.MODERATOR)
    db.session.commit()
    return type(
        "Story",
        (),
        dict(
            theme=theme,
            author=author,
            post=post,
            reply=reply,
            reporter=reporter,
            moderator=moderator,
        ),
    )


def test_member_reports_a_post_and_moderators_see_it_grouped(app, story):
    first = as_user(app, story.reporter)
    form = first.get(f"/melden/post/{story.post.id}").get_data(as_text=True)
    assert "Er staan gegevens in waarmee iemand te herkennen is" in form
    assert "Wij willen starters de eerste maand" in form
    response = first.submit(
        f"/melden/post/{story.post.id}",
        {"reason": "privacy", "explanation": "Er staat een <b>naam</b> in."},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/vragen/{story.post.id}-{story.post.slug}"
    second = as_user(app, create_user())
    second.submit(f"/melden/post/{story.post.id}", {"reason": "spam"})
    third = as_user(app, create_user())
    third.submit(f"/melden/reply/{story.reply.id}", {"reason": "inappropriate"})

    assert [(f.post_id, f.reply_id, f.reason) for f in flags()] == [
        (story.post.id, None, FlagReason.PRIVACY),
        (story.post.id, None, FlagReason.SPAM),
        (None, story.reply.id, FlagReason.INAPPROPRIATE),
    ]
    html = as_user(app, story.moderator).get("/moderatie").get_data(as_text=True)
    assert html.count('class="card queue-item"') == 2
    post_card = html.split('class="card queue-item"')[1]
    assert "2 meldingen" in post_card and "Hoe geef je starters een warme landing?" in post_card
    assert (
        "Er staan gegevens in waarmee iemand te herkennen is" in post_card
        and "Reclame of spam" in post_card
    )
    assert "Er staat een &lt;b&gt;naam&lt;/b&gt; in." in post_card  # escaped, never markup
    assert "Auteur Anna" in post_card and "Melder Mo" in post_card
    assert "Reactie bij" in html.split('class="card queue-item"')[2]


def test_one_open_report_per_member_per_item(app, story):
    reporter = as_user(app, story.reporter)
    reporter.submit(f"/melden/post/{story.post.id}", {"reason": "spam"})
    page = reporter.get(f"/melden/post/{story.post.id}").get_data(as_text=True)
    assert "Je hebt dit al gemeld" in page and "Melding versturen" not in page
    again = reporter.submit(f"/melden/post/{story.post.id}", {"reason": "privacy"}, form_url="/")
    assert again.status_code == 200 and "Je hebt dit al gemeld" in again.get_data(as_text=True)
    assert len(flags()) == 1
    with pytest.raises(DomainError, match="al gemeld"):
        services.flag_content(story.reporter, story.post, FlagReason.PRIVACY)

    services.dismiss(story.moderator, story.post)
    services.flag_content(story.reporter, story.post, FlagReason.PRIVACY)  # a new report may follow
    assert len(flags()) == 2


def test_database_refuses_a_second_open_report(app, story):
    db.session.add(
        Flag(post_id=story.post.id, reporter_id=story.reporter.id, reason=FlagReason.SPAM)
    )
    db.session.flush()
    db.session.add(
        Flag(post_id=story.post.id, reporter_id=story.reporter.id, reason=FlagReason.OTHER)
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_hide_hides_from_everyone_but_author_and_moderators_until_restored(app, story):
    services.flag_content(story.reporter, story.post, FlagReason.PRIVACY)
    services.flag_content(create_user(), story.post, FlagReason.SPAM)
    db.session.commit()
    moderator = as_user(app, story.moderator)
    response = moderator.submit(
        f"/moderatie/post/{story.post.id}/verbergen", {}, form_url="/moderatie"
    )
    assert response.status_code == 302

    post = db.session.get(Post, story.post.id)
    assert post.hidden_at is not None and post.hidden_by_id == story.moderator.id
    assert {(f.resolution, f.resolved_by_id) for f in flags()} == {
        (FlagResolution.HIDDEN, story.moderator.id)
    }
    # (Moderators also got a FLAG_RAISED notification per report; see tests/alerts.)
    notification = db.session.scalar(
        sa.select(Notification).where(Notification.kind == NotificationKind.CONTENT_HIDDEN)
    )
    assert (notification.user_id, notification.kind, notification.post_id) == (
        story.author.id,
        NotificationKind.CONTENT_HIDDEN,
        post.id,
    )
    assert notification.actor_id is None

    # Lists: gone for everyone; the page itself: only author and moderators.
    visitor_page = app.test_client().get("/themas/inwerken").get_data(as_text=True)
    assert "warme landing" not in visitor_page
    for viewer in (story.author, story.reporter, story.moderator):
        assert "warme landing" not in as_user(app, viewer).get("/themas/inwerken").get_data(
            as_text=True
        )
    assert queries.can_view(story.author, post) and queries.can_view(story.moderator, post)
    assert not queries.can_view(story.reporter, post) and not queries.can_view(None, post)
    assert as_user(app, story.reporter).get(f"/melden/post/{post.id}").status_code == 404
    assert "warme landing" not in app.test_client().get("/feeds/recent.atom").get_data(as_text=True)

    queue = moderator.get("/moderatie").get_data(as_text=True)
    assert "Er zijn geen open meldingen" in queue
    assert "Hoe geef je starters een warme landing?" in queue.split('id="verborgen-kop"')[1]

    moderator.submit(f"/moderatie/post/{post.id}/herstellen", {}, form_url="/moderatie")
    post = db.session.get(Post, story.post.id)
    assert post.hidden_at is None and post.hidden_by_id is None
    assert queries.can_view(story.reporter, post)
    assert "warme landing" in app.test_client().get("/themas/inwerken").get_data(as_text=True)


def test_hiding_a_reply_tells_its_author_and_keeps_it_for_them(app, story):
    reply = db.session.get(Reply, story.reply.id)
    services.flag_content(story.reporter, reply, FlagReason.INAPPROPRIATE)
    db.session.commit()
    as_user(app, story.moderator).submit(
        f"/moderatie/reply/{reply.id}/verbergen", {}, form_url="/moderatie"
    )

    reply = db.session.get(Reply, story.reply.id)
    assert reply.hidden_at is not None
    notification = db.session.scalar(
        sa.select(Notification).where(Notification.kind == NotificationKind.CONTENT_HIDDEN)
    )
    assert (notification.user_id, notification.post_id, notification.reply_id) == (
        reply.author_id,
        story.post.id,
        reply.id,
    )

    def shown_to(viewer) -> bool:
        post = db.session.get(Post, story.post.id)
        return reply.id in {r.id for r in db.session.scalars(queries.visible_replies(viewer, post))}

    assert shown_to(db.session.get(type(story.author), reply.author_id))
    assert shown_to(story.moderator)
    assert not shown_to(story.reporter) and not shown_to(None)
    assert as_user(app, story.reporter).get(f"/melden/reply/{reply.id}").status_code == 404
    html = as_user(app, story.moderator).get("/moderatie").get_data(as_text=True)
    assert "Bij ons heeft iedere starter een buddy." in html.split('id="verborgen-kop"')[1]


def test_dismiss_closes_reports_and_leaves_the_content(app, story):
    services.flag_content(story.reporter, story.post, FlagReason.SPAM)
    db.session.commit()
    moderator = as_user(app, story.moderator)
    moderator.submit(f"/moderatie/post/{story.post.id}/afwijzen", {}, form_url="/moderatie")
    flag = flags()[0]
    assert (flag.resolution, flag.resolved_by_id) == (FlagResolution.DISMISSED, story.moderator.id)
    post = db.session.get(Post, story.post.id)
    assert post.hidden_at is None
    # The author hears nothing (moderators had a FLAG_RAISED notification for the report).
    told_author = sa.select(sa.func.count()).where(Notification.user_id == post.author_id)
    assert db.session.scalar(told_author) == 0
    again = moderator.submit(f"/moderatie/post/{post.id}/afwijzen", {}, form_url="/moderatie")
    assert again.status_code == 302
    assert "Er zijn geen open meldingen over dit bericht." in moderator.get("/moderatie").get_data(
        as_text=True
    )


def test_moderator_restores_a_post_its_author_deleted(app, story):
    post = db.session.get(Post, story.post.id)
    post.deleted_at, post.deleted_by_id = utcnow(), story.author.id
    db.session.commit()
    moderator = as_user(app, story.moderator)
    assert (
        "Verwijderd"
        in moderator.get("/moderatie").get_data(as_text=True).split('id="verborgen-kop"')[1]
    )
    moderator.submit(f"/moderatie/post/{post.id}/herstellen", {}, form_url="/moderatie")
    post = db.session.get(Post, story.post.id)
    assert post.deleted_at is None and post.deleted_by_id is None
    assert "warme landing" in app.test_client().get("/themas/inwerken").get_data(as_text=True)


def test_moderation_actions_without_csrf_token_change_nothing(app, story):
    services.flag_content(story.reporter, story.post, FlagReason.SPAM)
    db.session.commit()
    moderator = as_user(app, story.moderator)
    for action in ("verbergen", "afwijzen"):
        response = moderator.client.post(f"/moderatie/post/{story.post.id}/{action}")
        assert response.status_code == 400
        assert "Je formulier is verlopen" in response.get_data(as_text=True)
    reporter = as_user(app, create_user())
    assert (
        reporter.client.post(f"/melden/post/{story.post.id}", data={"reason": "spam"}).status_code
        == 400
    )
    assert db.session.get(Post, story.post.id).hidden_at is None
    assert [f.resolved_at for f in flags()] == [None]


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.AMBASSADOR])
def test_only_moderators_and_admins_moderate(app, story, role):
    services.flag_content(story.reporter, story.post, FlagReason.SPAM)
    db.session.commit()
    member = as_user(app, create_user(role))
    assert member.get("/moderatie").status_code == 403
    token = member.token("/")
    for action in ("verbergen", "herstellen", "afwijzen"):
        response = member.client.post(
            f"/moderatie/post/{story.post.id}/{action}", data={"csrf_token": token}
        )
        assert response.status_code == 403
    assert db.session.get(Post, story.post.id).hidden_at is None
    assert flags()[0].resolved_at is None
    for role_ok in (Role.MODERATOR, Role.ADMIN):
        assert as_user(app, create_user(role_ok)).get("/moderatie").status_code == 200


def test_visitors_are_sent_to_log_in_to_report_or_moderate(app, story, client):
    for url in (f"/melden/post/{story.post.id}", "/moderatie"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    with pytest.raises(NotAllowed):
        services.flag_content(None, story.post, FlagReason.SPAM)
    with pytest.raises(NotAllowed):
        services.hide(story.reporter, story.post)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"reason": "spam", "explanation": "x" * 1001},
            "Je toelichting mag hoogstens 1000 tekens zijn.",
        ),
        ({"reason": "onzin"}, "Kies een van de redenen uit de lijst."),
        ({}, "Kies een reden."),
        (
            {"reason": "other", "explanation": "   "},
            "Vertel in een paar woorden wat er niet klopt.",
        ),
    ],
)
def test_bad_report_input_gets_a_dutch_message(app, story, data, message):
    response = as_user(app, story.reporter).submit(f"/melden/post/{story.post.id}", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert flags() == []


def test_unknown_items_get_404(app, story):
    reporter = as_user(app, story.reporter)
    for url in (
        "/melden/post/999999",
        "/melden/reply/999999",
        "/melden/post/99999999999999999999",
        f"/melden/gebruiker/{story.post.id}",
    ):
        assert reporter.get(url).status_code == 404, url
    moderator = as_user(app, story.moderator)
    token = moderator.token("/moderatie")
    for url in (
        "/moderatie/post/999999/verbergen",
        "/moderatie/reply/999999/herstellen",
        "/moderatie/reply/99999999999999999999/afwijzen",
        "/moderatie/post/1/wissen",
    ):
        assert moderator.client.post(url, data={"csrf_token": token}).status_code == 404, url


def test_members_cannot_report_what_they_may_not_see_or_wrote_themselves(app, story):
    members_only = create_post(visibility=Visibility.MEMBERS)
    deleted = create_post(deleted_at=utcnow())
    db.session.commit()
    reporter = as_user(app, story.reporter)
    assert reporter.get(f"/melden/post/{members_only.id}").status_code == 200
    assert reporter.get(f"/melden/post/{deleted.id}").status_code == 404
    own = as_user(app, story.author).get(f"/melden/post/{story.post.id}").get_data(as_text=True)
    assert "je eigen bijdrage" in own and "Melding versturen" not in own
    with pytest.raises(DomainError, match="eigen bijdrage"):
        services.flag_content(story.author, story.post, FlagReason.SPAM)
    assert flags() == []


def test_anonymous_asker_is_named_to_moderators_only(app, story):
    anonymous = create_post(
        kind=PostKind.QUESTION, is_anonymous=True, author=create_user(name="Stille Sam")
    )
    services.flag_content(story.reporter, anonymous, FlagReason.SPAM)
    db.session.commit()
    html = as_user(app, story.moderator).get("/moderatie").get_data(as_text=True)
    assert "Stille Sam" in html and "Anoniem gesteld" in html


def test_queue_queries_do_not_grow_with_reports(app, story):
    from sqlalchemy import event

    moderator = as_user(app, story.moderator)

    def count() -> int:
        db.session.commit()  # the alert mails the flags queued leave now, not inside the count
        seen: list[str] = []

        def record(*args):
            seen.append(args[2])

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert moderator.get("/moderatie").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        return len(seen)

    services.flag_content(story.reporter, story.post, FlagReason.SPAM)
    services.flag_content(story.reporter, db.session.get(Reply, story.reply.id), FlagReason.SPAM)
    services.hide(story.moderator, create_reply(story.post))
    services.hide(story.moderator, create_post())
    few = count()
    for _ in range(5):
        post = create_post()
        reply = create_reply(post)
        services.flag_content(create_user(), post, FlagReason.OTHER, "Klopt niet")
        services.flag_content(create_user(), reply, FlagReason.PRIVACY)
        services.hide(story.moderator, create_reply(post))
    assert count() == few


def test_hiding_an_answer_puts_the_question_back_among_the_unanswered(app, story):
    moderator = story.moderator
    reply = db.session.get(Reply, story.reply.id)
    post = db.session.get(Post, story.post.id)
    post.accepted_reply_id = reply.id
    db.session.flush()
    assert post.reply_count == 1

    services.hide(moderator, reply)
    db.session.refresh(post)
    assert (post.reply_count, post.accepted_reply_id) == (0, None)
    services.restore(moderator, reply)
    db.session.refresh(post)
    assert post.reply_count == 1
    with pytest.raises(DomainError, match="niet verborgen"):
        services.restore(moderator, reply)


def test_a_reply_its_author_deleted_is_not_restored_by_moderation(app, story):
    reply = db.session.get(Reply, story.reply.id)
    reply.deleted_at = utcnow()
    with pytest.raises(DomainError):
        services.restore(story.moderator, reply)
    assert reply.deleted_at is not None
