"""Posts without HTTP: publishing practices, asking questions, editing, deleting, restoring.

Every function takes the acting user, checks who may do it, validates everything before it
changes anything, and flushes; the caller commits. Replies live in `community.posts.replies`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.organisations.models import Organisation
from community.posts import events, rules
from community.posts.models import PRACTICE_SECTIONS, Post, PostKind, Revision
from community.posts.queries import can_view, is_member
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

PRACTICE_TEXT_FIELDS = ("title", "summary", *PRACTICE_SECTIONS, "grounding_text")
QUESTION_TEXT_FIELDS = ("title", "body")


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
    _apply_practice(actor, post, data, now=now, new=True)
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
    _apply_question(post, data)
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
        _apply_practice(actor, post, data, now=now, new=False)
    else:
        _apply_question(post, data)
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


def _apply_question(post: Post, data: Mapping[str, Any]) -> None:
    problems = rules.Problems()
    title = rules.clean_line(data.get("title"))
    body = rules.clean_text(data.get("body"))
    rules.check_title(problems, title)
    rules.check_length(
        problems, "body", body, rules.BODY_MAX, required="Vertel in een paar zinnen wat er speelt."
    )
    themes = rules.resolve_themes(problems, data.get("themes"))
    visibility = rules.resolve_visibility(problems, data.get("visibility"))
    problems.check()
    confirmed = rules.guard_privacy(
        {"title": title, "body": body}, bool(data.get("privacy_confirmed"))
    )

    if title != post.title:
        post.slug = rules.slugify(title)
    post.title = title
    if body != post.body or not post.body_html:
        post.body = body
        post.body_html = rules.render(body)
    post.themes = themes
    post.visibility = visibility
    post.privacy_confirmed = confirmed


def _apply_practice(
    actor: User, post: Post, data: Mapping[str, Any], *, now: datetime, new: bool
) -> None:
    problems = rules.Problems()
    title = rules.clean_line(data.get("title"))
    summary = rules.clean_line(data.get("summary"))
    sections = {field: rules.clean_text(data.get(field)) for field in PRACTICE_SECTIONS}
    grounding_url = str(data.get("grounding_url") or "").strip()
    grounding_text = rules.clean_line(data.get("grounding_text"))

    rules.check_title(problems, title)
    rules.check_length(
        problems,
        "summary",
        summary,
        rules.SUMMARY_MAX,
        required="Vat je voorbeeld samen in een paar zinnen.",
    )
    for field, text in sections.items():
        required = (
            "Beschrijf jullie aanpak: wat deden jullie precies?" if field == "approach" else ""
        )
        rules.check_length(problems, field, text, rules.BODY_MAX, required=required)
    rules.check_url(problems, "grounding_url", grounding_url)
    rules.check_length(problems, "grounding_text", grounding_text, rules.GROUNDING_MAX)
    themes = rules.resolve_themes(problems, data.get("themes"))
    visibility = rules.resolve_visibility(problems, data.get("visibility"))
    organisation_id = _practice_organisation(problems, actor, post, data.get("organisation_id"))
    contact_id = _practice_contact(problems, actor, post, data.get("contact_id"), organisation_id)
    problems.check()
    texts = {"title": title, "summary": summary, **sections, "grounding_text": grounding_text}
    confirmed = rules.guard_privacy(texts, bool(data.get("privacy_confirmed")))

    if title != post.title:
        post.slug = rules.slugify(title)
    post.title = title
    post.summary = summary
    html = dict(post.sections_html or {})
    for field, text in sections.items():
        if text != getattr(post, field) or field not in html:
            setattr(post, field, text)
            html[field] = rules.render(text)
    post.sections_html = html
    post.grounding_url = grounding_url
    post.grounding_text = grounding_text
    post.themes = themes
    post.visibility = visibility
    post.organisation_id = organisation_id
    post.contact_id = contact_id
    post.privacy_confirmed = confirmed
    if new:
        post.reviewed_at = now


def _practice_organisation(
    problems: rules.Problems, actor: User, post: Post, value: Any
) -> int | None:
    """Ambassadors share for their own organisation; admins for any."""
    current = post.organisation_id if post.id else actor.organisation_id
    if value in (None, ""):
        return current
    try:
        organisation_id = int(value)
    except (TypeError, ValueError):
        problems.add("organisation_id", "Kies een organisatie uit de lijst.")
        return current
    if organisation_id == current:
        return current
    if not actor.is_admin:
        problems.add(
            "organisation_id", "Je kunt alleen voorbeelden van je eigen organisatie delen."
        )
        return current
    if db.session.get(Organisation, organisation_id) is None:
        problems.add("organisation_id", "Die organisatie bestaat niet (meer).")
        return current
    return organisation_id


def _practice_contact(
    problems: rules.Problems, actor: User, post: Post, value: Any, organisation_id: int | None
) -> int:
    """The ambassador readers can contact: the author by default, else an ambassador of the
    practice's organisation."""
    default = post.contact_id or post.author_id or actor.id
    if value in (None, ""):
        return default
    try:
        contact_id = int(value)
    except (TypeError, ValueError):
        problems.add("contact_id", "Kies een contactpersoon uit de lijst.")
        return default
    if contact_id in (default, actor.id):
        return contact_id
    contact = db.session.get(User, contact_id)
    if (
        contact is None
        or not contact.is_ambassador
        or (contact.organisation_id != organisation_id and not actor.is_admin)
    ):
        problems.add("contact_id", "Kies als contactpersoon een ambassadeur van deze organisatie.")
        return default
    return contact_id


def contact_candidates(actor: User, post: Post | None = None) -> sa.Select:
    """Ambassadors who may be named as a practice's contact person."""
    organisation_id = post.organisation_id if post is not None else actor.organisation_id
    return (
        sa.select(User)
        .where(User.is_active.is_(True), User.organisation_id == organisation_id)
        .where(User.role.in_([role for role in Role if role >= Role.AMBASSADOR]))
        .order_by(User.name)
    )


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


def require_viewable(actor: Any, post: Post) -> None:
    if not can_view(actor, post):
        raise DomainError("Dit bericht bestaat niet (meer).")
