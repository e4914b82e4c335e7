"""Reports ("Melden") and what moderators do with them: hide, restore, dismiss.

Who may see what stays the one rule in community.posts.queries; this module only asks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from community.alerts import services as alerts
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.formatting import plain_excerpt, shorten
from community.moderation.models import FLAG_REASON_LABELS, Flag, FlagReason, FlagResolution
from community.notifications.models import Notification, NotificationKind
from community.posts.models import Post, Reply
from community.posts.queries import can_view, is_member, visible_replies
from community.privacy import guard as privacy_guard

Target = Post | Reply
KINDS = {"post": Post, "reply": Reply}
EXPLANATION_MAX = 1000
EXCERPT_LENGTH = 280
HIDDEN_LIST_LIMIT = 100


def kind_of(target: Target) -> str:
    return "post" if isinstance(target, Post) else "reply"


def load_target(kind: str, target_id: int) -> Target | None:
    """The post or reply a URL names (the URL converter bounds the id), with what the pages and
    rules need loaded."""
    if kind == "post":
        return db.session.get(Post, target_id)
    if kind == "reply":
        return db.session.get(Reply, target_id, options=[joinedload(Reply.post)])
    return None


def post_of(target: Target) -> Post:
    """The post itself, or the post a reply belongs to (from the session when it is loaded)."""
    return target if isinstance(target, Post) else db.session.get(Post, target.post_id)


def _count_reply(reply: Reply, step: int) -> None:
    """Keep the post's reply counter to what everyone sees ("Onbeantwoord" lists rely on it)."""
    if reply.deleted_at is not None:
        return  # a deleted reply was already taken off the count
    post = post_of(reply)
    if step < 0:
        post.reply_count = sa.case((Post.reply_count > 0, Post.reply_count - 1), else_=0)
        if post.accepted_reply_id == reply.id:
            post.accepted_reply_id = None
    else:
        post.reply_count = Post.reply_count + 1


def may_see(viewer: Any, target: Target) -> bool:
    """May `viewer` see this post or reply? Asks the visibility rule in posts.queries."""
    post = post_of(target)
    if not can_view(viewer, post):
        return False
    if isinstance(target, Post):
        return True
    shown = visible_replies(viewer, post).where(Reply.id == target.id)
    return db.session.scalar(sa.select(shown.exists())) or False


def excerpt(target: Target, length: int = EXCERPT_LENGTH) -> str:
    """A plain-text taste of the item, for the queue and the report form."""
    if isinstance(target, Post) and target.is_practice:
        if target.summary:
            return shorten(target.summary, length)
        return plain_excerpt(" ".join((target.sections_html or {}).values()), length)
    return plain_excerpt(target.body_html, length)


def _flag_filter(target: Target):
    return Flag.post_id == target.id if isinstance(target, Post) else Flag.reply_id == target.id


def open_flag_by(reporter: Any, target: Target) -> Flag | None:
    return db.session.scalar(
        sa.select(Flag).where(
            _flag_filter(target), Flag.reporter_id == reporter.id, Flag.resolved_at.is_(None)
        )
    )


def flag_content(
    reporter: Any,
    target: Target,
    reason: FlagReason | str,
    explanation: str = "",
    *,
    now: datetime | None = None,
    privacy_confirmed: bool = False,
) -> Flag:
    """A member reports a post or reply they can see; one open report per member per item.

    Moderators read the note, and a reporter may quote what they report: the privacy guard
    checks it, and the reporter confirms when quoting is the point.
    """
    if not is_member(reporter):
        raise NotAllowed("Log in om iets te melden.")
    if not may_see(reporter, target):
        raise NotAllowed("Dit bericht bestaat niet (meer) of je mag het niet zien.")
    if target.author_id == reporter.id:
        raise DomainError(
            "Je kunt je eigen bijdrage niet melden. Je kunt hem wel aanpassen of verwijderen."
        )
    if target.hidden_at is not None:
        raise DomainError("Een moderator heeft dit al verborgen.")
    try:
        reason = FlagReason(reason)
    except ValueError:
        raise DomainError("Kies een van de redenen uit de lijst.", field="reason") from None
    explanation = (explanation or "").strip()
    if len(explanation) > EXPLANATION_MAX:
        raise DomainError(
            f"Je toelichting is {len(explanation)} tekens; maak hem korter dan {EXPLANATION_MAX}.",
            field="explanation",
        )
    if reason is FlagReason.OTHER and not explanation:
        raise DomainError("Vertel in een paar woorden wat er niet klopt.", field="explanation")
    privacy_guard(
        {"explanation": explanation}, privacy_confirmed, labels={"explanation": "Toelichting"}
    )
    if open_flag_by(reporter, target) is not None:
        raise DomainError("Je hebt dit al gemeld. Een moderator kijkt ernaar.")

    flag = Flag(
        reporter_id=reporter.id,
        reason=reason,
        explanation=explanation,
        created_at=now or utcnow(),
        **({"post_id": target.id} if isinstance(target, Post) else {"reply_id": target.id}),
    )
    try:
        with db.session.begin_nested():  # two clicks at once: the unique index decides
            db.session.add(flag)
    except IntegrityError:
        raise DomainError("Je hebt dit al gemeld. Een moderator kijkt ernaar.") from None
    alerts.flag_raised(flag, post_of(target))
    return flag


def _require_moderator(actor: Any) -> None:
    if not (is_member(actor) and actor.is_moderator):
        raise NotAllowed("Alleen moderatoren kunnen dit doen.")


def _resolve_flags(actor: Any, target: Target, resolution: FlagResolution, now: datetime) -> int:
    result = db.session.execute(
        sa.update(Flag)
        .where(_flag_filter(target), Flag.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by_id=actor.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def hide(actor: Any, target: Target, *, now: datetime | None = None) -> int:
    """Hide a post or reply, close its open reports, and tell the author why it is gone.

    Returns the number of reports resolved. The author and moderators still see the item.
    """
    _require_moderator(actor)
    if target.hidden_at is not None:
        raise DomainError("Dit is al verborgen.")
    now = now or utcnow()
    target.hidden_at = now
    target.hidden_by_id = actor.id
    if isinstance(target, Reply):
        _count_reply(target, -1)
    resolved = _resolve_flags(actor, target, FlagResolution.HIDDEN, now)
    if target.author_id is not None and target.author_id != actor.id:
        # No actor on the notification: the author hears that moderation acted, not who.
        db.session.add(
            Notification(
                user_id=target.author_id,
                kind=NotificationKind.CONTENT_HIDDEN,
                post_id=target.id if isinstance(target, Post) else target.post_id,
                reply_id=target.id if isinstance(target, Reply) else None,
                created_at=now,
            )
        )
    db.session.flush()
    return resolved


def restore(actor: Any, target: Target) -> None:
    """Undo a hide; for posts also undo a soft delete. The item is back where it was.

    A reply its author deleted stays deleted: that was their choice, not moderation's.
    """
    _require_moderator(actor)
    if isinstance(target, Reply):
        if target.hidden_at is None:
            raise DomainError("Deze reactie is niet verborgen.")
        _count_reply(target, +1)
    elif target.hidden_at is None and target.deleted_at is None:
        raise DomainError("Dit bericht is niet verborgen of verwijderd.")
    else:
        target.deleted_at = None
        target.deleted_by_id = None
    target.hidden_at = None
    target.hidden_by_id = None
    db.session.flush()


def dismiss(actor: Any, target: Target, *, now: datetime | None = None) -> int:
    """The reports were unfounded: close them; the content stays as it is."""
    _require_moderator(actor)
    resolved = _resolve_flags(actor, target, FlagResolution.DISMISSED, now or utcnow())
    if not resolved:
        raise DomainError("Er zijn geen open meldingen over dit bericht.")
    db.session.flush()
    return resolved


# --- the queue --------------------------------------------------------------------------------


@dataclass
class QueueItem:
    """All open reports about one post or reply."""

    target: Target
    flags: list[Flag] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return kind_of(self.target)

    @property
    def post(self) -> Post:
        return post_of(self.target)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(Dutch label, count), most reported first."""
        counts: dict[FlagReason, int] = {}
        for flag in self.flags:
            counts[flag.reason] = counts.get(flag.reason, 0) + 1
        ordered = sorted(
            counts.items(), key=lambda item: (-item[1], list(FlagReason).index(item[0]))
        )
        return [(FLAG_REASON_LABELS[reason], count) for reason, count in ordered]

    @property
    def first_reported_at(self) -> datetime:
        return min(flag.created_at for flag in self.flags)


def open_queue() -> list[QueueItem]:
    """Open reports grouped per item, the item reported most (then longest ago) first."""
    flags = db.session.scalars(
        sa.select(Flag)
        .where(Flag.resolved_at.is_(None))
        .order_by(Flag.created_at, Flag.id)
        .options(
            selectinload(Flag.reporter),
            selectinload(Flag.post).selectinload(Post.author),
            selectinload(Flag.reply).selectinload(Reply.author),
            selectinload(Flag.reply).selectinload(Reply.post),
        )
    ).all()
    items: dict[tuple[str, int], QueueItem] = {}
    for flag in flags:
        target = flag.post if flag.post_id is not None else flag.reply
        key = (kind_of(target), target.id)
        items.setdefault(key, QueueItem(target)).flags.append(flag)
    return sorted(items.values(), key=lambda item: (-len(item.flags), item.first_reported_at))


def removed_items(limit: int = HIDDEN_LIST_LIMIT) -> tuple[list[Post], list[Reply]]:
    """Posts hidden or deleted, and replies hidden, most recent first: what can be restored."""
    posts = db.session.scalars(
        sa.select(Post)
        .where(sa.or_(Post.hidden_at.is_not(None), Post.deleted_at.is_not(None)))
        .order_by(sa.func.coalesce(Post.hidden_at, Post.deleted_at).desc(), Post.id.desc())
        .limit(limit)
        .options(selectinload(Post.author))
    ).all()
    replies = db.session.scalars(
        sa.select(Reply)
        .where(Reply.hidden_at.is_not(None))
        .order_by(Reply.hidden_at.desc(), Reply.id.desc())
        .limit(limit)
        .options(selectinload(Reply.author), selectinload(Reply.post))
    ).all()
    return list(posts), list(replies)
