"""Replies without HTTP: answering, reacting, editing, deleting, accepting and "nuttig" votes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from community.accounts.models import User
from community.clock import utcnow
from community.database import insert_if_absent
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.posts import events, rules
from community.posts.models import Post, Reply, Revision, UsefulVote
from community.posts.queries import can_view, is_member


def may_edit_reply(user: Any, reply: Reply) -> bool:
    return is_member(user) and (user.id == reply.author_id or user.is_moderator)


def may_accept(user: Any, post: Post) -> bool:
    return is_member(user) and post.is_question and user.id == post.author_id


def _post_of(reply: Reply) -> Post:
    return db.session.get(Post, reply.post_id)


def _checked_body(body: Any, privacy_confirmed: bool) -> tuple[str, bool]:
    body = rules.clean_text(body)
    problems = rules.Problems()
    rules.check_length(problems, "body", body, rules.BODY_MAX, required="Schrijf eerst je reactie.")
    problems.check()
    return body, rules.guard_privacy({"body": body}, privacy_confirmed)


def post_reply(
    actor: User,
    post: Post,
    body: str,
    *,
    privacy_confirmed: bool = False,
    now: datetime | None = None,
) -> Reply:
    """A member answers a question or reacts to a practice."""
    if not is_member(actor):
        raise NotAllowed("Log in om te reageren.")
    if not can_view(actor, post) or post.is_removed:
        raise NotAllowed("Op dit bericht kun je niet (meer) reageren.")
    body, confirmed = _checked_body(body, privacy_confirmed)
    reply = Reply(
        post_id=post.id,
        author_id=actor.id,
        body=body,
        body_html=rules.render(body),
        privacy_confirmed=confirmed,
        created_at=now or utcnow(),
    )
    db.session.add(reply)
    db.session.flush()
    events.reply_posted(reply)
    return reply


def edit_reply(
    actor: User,
    reply: Reply,
    body: str,
    *,
    privacy_confirmed: bool = False,
    now: datetime | None = None,
) -> Reply:
    """The author (or a moderator) changes a reply; the previous text is kept as a revision."""
    if not may_edit_reply(actor, reply) or reply.deleted_at is not None:
        raise NotAllowed("Je kunt deze reactie niet bewerken.")
    body, confirmed = _checked_body(body, privacy_confirmed)
    if body != reply.body:
        now = now or utcnow()
        db.session.add(
            Revision(
                reply_id=reply.id, editor_id=actor.id, created_at=now, content={"body": reply.body}
            )
        )
        reply.body = body
        reply.body_html = rules.render(body)
        reply.edited_at = now
    reply.privacy_confirmed = confirmed
    db.session.flush()
    events.reply_edited(reply)
    return reply


def delete_reply(actor: User, reply: Reply, now: datetime | None = None) -> Reply:
    """Soft delete; the question's counters and accepted answer follow."""
    if not may_edit_reply(actor, reply) or reply.deleted_at is not None:
        raise NotAllowed("Je kunt deze reactie niet verwijderen.")
    reply.deleted_at = now or utcnow()
    reply.deleted_by_id = actor.id
    post = _post_of(reply)
    post.reply_count = sa.case((Post.reply_count > 0, Post.reply_count - 1), else_=0)
    if post.accepted_reply_id == reply.id:
        post.accepted_reply_id = None
    db.session.flush()
    return reply


def accept_answer(actor: User, reply: Reply) -> Reply:
    """The asker marks the answer that helped; they may later choose another one."""
    post = _post_of(reply)
    if not post.is_question:
        raise DomainError("Alleen bij een vraag kun je een antwoord accepteren.")
    if not may_accept(actor, post):
        raise NotAllowed("Alleen wie de vraag stelde, kan een antwoord accepteren.")
    if reply.is_removed or post.is_removed:
        raise DomainError("Dit antwoord kun je niet (meer) accepteren.")
    if post.accepted_reply_id == reply.id:
        return reply
    post.accepted_reply_id = reply.id
    db.session.flush()
    events.answer_accepted(reply)
    return reply


def toggle_useful(actor: User, reply: Reply) -> bool:
    """Mark a reply "nuttig", or take that back; answers whether it is marked now."""
    if not is_member(actor):
        raise NotAllowed("Log in om een antwoord als nuttig te markeren.")
    if reply.author_id == actor.id:
        raise DomainError("Je eigen antwoord kun je niet als nuttig markeren.")
    post = _post_of(reply)
    if reply.is_removed or post.is_removed or not can_view(actor, post):
        raise DomainError("Dit antwoord kun je niet (meer) als nuttig markeren.")
    # The vote row's DELETE or INSERT decides, by its row count, and the count moves in the
    # same transaction by exactly that row: two tabs clicking at once can no longer both take
    # back (or both add) one vote. A read-then-write drove counts below zero on PostgreSQL.
    mine = (UsefulVote.reply_id == reply.id, UsefulVote.user_id == actor.id)
    if db.session.execute(sa.delete(UsefulVote).where(*mine)).rowcount:
        _count_vote(reply, -1)
        return False
    if insert_if_absent(db.session, UsefulVote, reply_id=reply.id, user_id=actor.id):
        _count_vote(reply, +1)
    return True  # inserted now, or by a click that raced this one: marked either way


def _count_vote(reply: Reply, delta: int) -> None:
    db.session.execute(
        sa.update(Reply)
        .where(Reply.id == reply.id)
        .values(useful_count=Reply.useful_count + delta)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(reply, ["useful_count"])
