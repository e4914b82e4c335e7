"""Posts without HTTP: publishing practices, asking questions, editing, deleting, restoring.

Every function takes the acting user, checks who may do it, validates everything before it
changes anything, and flushes; the caller commits. Replies live in `community.posts.replies`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from community.accounts.models import User
from community.clock import utcnow
from community.errors import NotAllowed
from community.extensions import db
from community.posts import content, events, rules
from community.posts.content import contact_candidates  # noqa: F401  (used by the views)
from community.posts.models import PRACTICE_SECTIONS, Post, PostKind, Revision
from community.posts.queries import is_member
from community.posts.replies import (  # noqa: F401  (one import for every post service)
    accept_answer,
    delete_reply,
    edit_reply,
    may_accept,
    may_edit_reply,
    post_reply,
    toggle_useful,
)

# A practice not confirmed as current for this long shows a notice.
STALE_AFTER = timedelta(days=365)


# Who may do what -------------------------------------------------------------------------------


def may_publish_practice(user: Any) -> bool:
    return is_member(user) and user.is_ambassador


def may_edit(user: Any, post: Post) -> bool:
    return is_member(user) and (user.id == post.author_id or user.is_moderator)


def may_delete(user: Any, post: Post) -> bool:
    return may_edit(user, post) and post.deleted_at is None


def may_restore(user: Any, post: Post) -> bool:
    return is_member(user) and user.is_moderator and post.deleted_at is not None


def may_confirm_current(user: Any, post: Post) -> bool:
    return (
        post.is_practice
        and is_member(user)
        and (user.id in (post.author_id, post.contact_id) or user.is_moderator)
    )


def is_stale(post: Post, now: datetime | None = None) -> bool:
    """A practice nobody confirmed as current for over a year."""
    reviewed = post.reviewed_at or post.created_at
    return post.is_practice and (now or utcnow()) - reviewed > STALE_AFTER


# Creating -------------------------------------------------------------------------------------


def publish_practice(actor: User, data: Mapping[str, Any], now: datetime | None = None) -> Post:
    """An ambassador (or admin) shares a good practice of their organisation."""
    if not may_publish_practice(actor):
        raise NotAllowed("Alleen ambassadeurs kunnen een goed voorbeeld delen.")
    now = now or utcnow()
    post = Post(kind=PostKind.PRACTICE, author_id=actor.id, created_at=now, last_activity_at=now)
    content.apply_practice(actor, post, data, now=now, new=True)
    db.session.add(post)
    db.session.flush()
    events.practice_published(post)
    return post


def ask_question(actor: User, data: Mapping[str, Any], now: datetime | None = None) -> Post:
    """Any member asks a question, openly or anonymously."""
    if not is_member(actor):
        raise NotAllowed("Log in om een vraag te stellen.")
    now = now or utcnow()
    anonymous = bool(data.get("is_anonymous"))
    post = Post(
        kind=PostKind.QUESTION,
        author_id=actor.id,
        is_anonymous=anonymous,
        # An anonymous question must not point at the asker's organisation either.
        organisation_id=None if anonymous else actor.organisation_id,
        created_at=now,
        last_activity_at=now,
    )
    content.apply_question(post, data)
    db.session.add(post)
    db.session.flush()
    events.question_asked(post)
    return post


# Editing --------------------------------------------------------------------------------------


def edit_post(
    actor: User, post: Post, data: Mapping[str, Any], now: datetime | None = None
) -> Post:
    """The author (or a moderator) changes a post; the previous text is kept as a revision."""
    if not may_edit(actor, post) or post.deleted_at is not None:
        raise NotAllowed("Je kunt dit bericht niet bewerken.")
    now = now or utcnow()
    rules.ensure_loaded(post, "themes")
    before = snapshot(post)
    if post.is_practice:
        content.apply_practice(actor, post, data, now=now, new=False)
    else:
        content.apply_question(post, data)
    after = snapshot(post)
    if after != before:
        db.session.add(
            Revision(
                post_id=post.id,
                editor_id=actor.id,
                created_at=now,
                title=before["title"],
                content={k: v for k, v in before.items() if k != "title"},
            )
        )
        post.edited_at = now
    db.session.flush()
    events.post_edited(post)
    return post


def snapshot(post: Post) -> dict[str, Any]:
    """Everything an edit may change, as it is now: what a revision keeps."""
    content: dict[str, Any] = {"title": post.title}
    if post.is_practice:
        for field in ("summary", *PRACTICE_SECTIONS, "grounding_url", "grounding_text"):
            content[field] = getattr(post, field)
    else:
        content["body"] = post.body
    content["themes"] = [theme.name for theme in post.themes]
    content["visibility"] = post.visibility.value
    return content


def confirm_practice_current(actor: User, post: Post, now: datetime | None = None) -> Post:
    """ "Bijgewerkt op": the ambassador confirms the practice still describes how they work."""
    if not may_confirm_current(actor, post) or post.is_removed:
        raise NotAllowed(
            "Alleen de auteur of contactpersoon kan dit voorbeeld als actueel bevestigen."
        )
    post.reviewed_at = now or utcnow()
    db.session.flush()
    return post


# Deleting and restoring -------------------------------------------------------------------------


def delete_post(actor: User, post: Post, now: datetime | None = None) -> Post:
    """Soft delete by its author (or a moderator); moderators can restore it."""
    if not may_delete(actor, post):
        raise NotAllowed("Je kunt dit bericht niet verwijderen.")
    post.deleted_at = now or utcnow()
    post.deleted_by_id = actor.id
    db.session.flush()
    return post


def restore_post(actor: User, post: Post) -> Post:
    if not may_restore(actor, post):
        raise NotAllowed("Alleen moderatoren kunnen een verwijderd bericht terugzetten.")
    post.deleted_at = None
    post.deleted_by_id = None
    db.session.flush()
    return post
