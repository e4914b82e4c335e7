"""Notifications without HTTP: "Meldingen" in the site, and the mails that go with them.

Mails are queued on the session (community.mail) and leave only after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from community import sanitize
from community.accounts.models import User
from community.clock import utcnow
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from community.notify import mails as notify_mails
from community.notify import services as notify_services
from community.notify.models import MailKind
from community.posts.models import Post, Reply
from community.support.models import SupportRequest
from community.urls import absolute_post_url, absolute_url


def notify(
    users: Iterable[User],
    kind: NotificationKind,
    *,
    post: Post,
    reply: Reply | None = None,
    actor: User | None = None,
    now: datetime | None = None,
) -> list[Notification]:
    now = now or utcnow()
    rows = [
        Notification(
            user_id=user.id,
            kind=kind,
            post_id=post.id,
            reply_id=reply.id if reply is not None else None,
            actor_id=actor.id if actor is not None else None,
            created_at=now,
        )
        for user in users
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def help_request(
    users: Iterable[User],
    kind: NotificationKind,
    support_request_id: int,
    *,
    now: datetime | None = None,
) -> list[Notification]:
    """A help request waits for these people (SUPPORT_OFFERED, SUPPORT_ESCALATED): in the site
    too, for whoever reads it and not their mail. No actor: the page names nobody, so it tells
    no more about the asker than the mail does."""
    now = now or utcnow()
    rows = [
        Notification(
            user_id=user.id, kind=kind, support_request_id=support_request_id, created_at=now
        )
        for user in users
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def new_reply(reply: Reply, post: Post, recipients: list[User]) -> None:
    """Tell the followers of `post` about a new answer (question) or reaction (practice)."""
    author = db.session.get(User, reply.author_id)
    kind = NotificationKind.NEW_ANSWER if post.is_question else NotificationKind.NEW_REACTION
    notify(recipients, kind, post=post, reply=reply, actor=author, now=reply.created_at)
    context = {
        "post": post,
        "reply_author": _display_name(author, post),
        "excerpt": sanitize.plain_text(reply.body, 400),
        "link": absolute_post_url(post, reply),
        "post_link": absolute_post_url(post),
        "settings_link": absolute_url("notifications.index"),
    }
    thing = "deze vraag" if post.is_question else "dit goede voorbeeld"
    # The replier's id only when the mail may name them (an anonymous asker stays unnamed).
    actor_id = None if author is None or context["reply_author"] != author.name else author.id
    for user in recipients:
        own = user.id == post.author_id
        if post.is_question:
            subject = f"Nieuw antwoord op {'je vraag' if own else 'de vraag'}: {post.title}"
            reason = f"Je krijgt deze e-mail omdat je {thing} {'stelde' if own else 'volgt'}."
        else:
            whose = "je" if own else "het"
            subject = f"Nieuwe reactie op {whose} goede voorbeeld: {post.title}"
            reason = f"Je krijgt deze e-mail omdat je {thing} {'deelde' if own else 'volgt'}."
        # At once, or bundled into the next mail when the member just had one (or it is night).
        notify_services.send_or_hold(
            user,
            MailKind.NEW_ANSWER,
            partial(
                notify_mails.build,
                user,
                MailKind.NEW_ANSWER,
                subject,
                "new_answer",
                reason=reason,
                **context,
            ),
            post=post,
            reply=reply,
            actor_id=actor_id,
            now=reply.created_at,
        )


def _display_name(author: User | None, post: Post) -> str:
    """The replier's name, except for an anonymous asker answering their own question."""
    if author is None:
        return "Een oud-lid"
    if post.is_anonymous and author.id == post.author_id:
        return "De vraagsteller"
    return author.name


def answer_accepted(reply: Reply, post: Post) -> None:
    """Tell the answerer their answer helped (never naming an anonymous asker)."""
    answerer = db.session.get(User, reply.author_id) if reply.author_id else None
    if answerer is None or not answerer.is_active or answerer.id == post.author_id:
        return
    asker = db.session.get(User, post.author_id) if post.author_id else None
    notify([answerer], NotificationKind.ANSWER_ACCEPTED, post=post, reply=reply, actor=asker)
    notify_services.send_or_hold(
        answerer,
        MailKind.ANSWER_ACCEPTED,
        partial(
            notify_mails.build,
            answerer,
            MailKind.ANSWER_ACCEPTED,
            f"Je antwoord is geaccepteerd: {post.title}",
            "answer_accepted",
            post=post,
            link=absolute_post_url(post, reply),
        ),
        post=post,
        reply=reply,
        actor_id=None if post.is_anonymous or asker is None else asker.id,
    )


# The "Meldingen" page -------------------------------------------------------------------------


def for_user(user: User) -> sa.Select:
    """The user's notifications, newest first, with what the page shows loaded up front."""
    return (
        sa.select(Notification)
        .where(Notification.user_id == user.id)
        .options(
            joinedload(Notification.post),
            joinedload(Notification.actor),
            joinedload(Notification.access_request),
            joinedload(Notification.support_request).selectinload(SupportRequest.themes),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def unread_count(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def mark_all_read(user: User, now: datetime | None = None) -> int:
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now or utcnow())
    )
    return result.rowcount


def mark_read(user: User, notification_id: int, now: datetime | None = None) -> Notification | None:
    """The user's own notification, marked read; None when it is not theirs."""
    notification = db.session.scalar(
        sa.select(Notification).where(
            Notification.id == notification_id, Notification.user_id == user.id
        )
    )
    if notification is not None and notification.read_at is None:
        notification.read_at = now or utcnow()
        db.session.flush()
    return notification


def set_email_preference(user: User, enabled: bool) -> None:
    user.notify_by_email = enabled
    db.session.flush()
