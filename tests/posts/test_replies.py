"""Answers and reactions: counters, accepting, "nuttig" votes, editing and deleting."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role, User
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.follows import services as follows
from community.posts import rules, services
from community.posts.models import PostKind, Reply, Revision, UsefulVote, Visibility
from tests.factories import create_post, create_theme, create_user


@pytest.fixture
def question(app):
    theme = create_theme()
    return services.ask_question(
        create_user(name="Vraagsteller"),
        {
            "title": "Hoe houden jullie mentoring vol?",
            "body": "Het schiet er vaak bij in.",
            "themes": [theme.id],
        },
    )


def asker_of(post):
    return db.session.get(User, post.author_id)


def test_answer_updates_the_counters(question):
    first_at = utcnow() + timedelta(minutes=1)
    services.post_reply(
        create_user(), question, "Plan het in als een cliëntafspraak.", now=first_at
    )
    second_at = first_at + timedelta(hours=2)
    services.post_reply(create_user(), question, "Wij koppelen mentoren per twee.", now=second_at)
    db.session.refresh(question)
    assert question.reply_count == 2
    assert question.first_reply_at == first_at
    assert question.last_activity_at == second_at


def test_answerer_follows_the_question_they_answered(question):
    answerer = create_user()
    services.post_reply(answerer, question, "Een buddy helpt.")
    assert follows.is_following(answerer, post=question)


def test_reply_body_is_required_and_limited(question):
    for body, message in [("   ", "Schrijf eerst"), ("a" * 20_001, "te lang")]:
        with pytest.raises(rules.InvalidInput) as error:
            services.post_reply(create_user(), question, body)
        assert message in error.value.message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reply)) == 0


def test_no_replies_on_removed_posts_or_by_visitors(question):
    with pytest.raises(NotAllowed):
        services.post_reply(None, question, "Hallo")
    question.hidden_at = utcnow()
    with pytest.raises(NotAllowed):
        services.post_reply(create_user(), question, "Hallo")


def test_members_may_answer_members_only_questions(app):
    post = create_post(visibility=Visibility.MEMBERS)
    assert services.post_reply(create_user(), post, "Graag gedaan").id


def test_only_the_asker_accepts_and_may_change_their_mind(question):
    first = services.post_reply(create_user(), question, "Eerste antwoord")
    second = services.post_reply(create_user(), question, "Tweede antwoord")
    for outsider in (
        create_user(),
        create_user(Role.MODERATOR),
        db.session.get(User, first.author_id),
    ):
        with pytest.raises(NotAllowed):
            services.accept_answer(outsider, first)
    services.accept_answer(asker_of(question), first)
    assert question.accepted_reply_id == first.id and question.is_answered
    services.accept_answer(asker_of(question), second)
    assert question.accepted_reply_id == second.id


def test_answers_to_practices_cannot_be_accepted(app):
    author = create_user(Role.AMBASSADOR)
    practice = create_post(PostKind.PRACTICE, author=author)
    reaction = services.post_reply(create_user(), practice, "Mooi voorbeeld")
    with pytest.raises(DomainError):
        services.accept_answer(author, reaction)


def test_useful_vote_once_per_member_toggles_and_never_on_own_reply(question):
    answerer = create_user()
    reply = services.post_reply(answerer, question, "Een buddy helpt.")
    voter, other = create_user(), create_user()

    assert services.toggle_useful(voter, reply) is True
    assert services.toggle_useful(other, reply) is True
    db.session.refresh(reply)
    assert reply.useful_count == 2

    assert services.toggle_useful(voter, reply) is False
    db.session.refresh(reply)
    assert reply.useful_count == 1
    votes = db.session.scalars(
        sa.select(UsefulVote.user_id).where(UsefulVote.reply_id == reply.id)
    ).all()
    assert votes == [other.id]

    with pytest.raises(DomainError):
        services.toggle_useful(answerer, reply)
    with pytest.raises(NotAllowed):
        services.toggle_useful(None, reply)
    db.session.refresh(reply)
    assert reply.useful_count == 1


def test_deleting_a_reply_updates_the_count_and_the_accepted_answer(question):
    answerer = create_user()
    reply = services.post_reply(answerer, question, "Een buddy helpt.")
    services.accept_answer(asker_of(question), reply)
    with pytest.raises(NotAllowed):
        services.delete_reply(create_user(), reply)
    services.delete_reply(answerer, reply)
    db.session.refresh(question)
    assert question.reply_count == 0
    assert question.accepted_reply_id is None
    assert reply.deleted_at is not None


def test_editing_a_reply_keeps_a_revision(question):
    answerer = create_user()
    reply = services.post_reply(answerer, question, "Een **buddy** helpt.")
    services.edit_reply(answerer, reply, "Een buddy en een mentor helpen.")
    assert reply.body_html == "<p>Een buddy en een mentor helpen.</p>"
    assert reply.edited_at is not None
    revision = db.session.scalar(sa.select(Revision))
    assert revision.reply_id == reply.id and revision.content == {"body": "Een **buddy** helpt."}
    with pytest.raises(NotAllowed):
        services.edit_reply(create_user(), reply, "Niet van mij")
    services.edit_reply(create_user(Role.MODERATOR), reply, "Door de moderator ingekort.")
