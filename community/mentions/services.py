"""Mentions without HTTP: find them in markdown, turn them into profile links, tell the member.

The syntax is `@[Naam](lid:123)`. A bare `@Voornaam Achternaam` is ambiguous (two colleagues
share a name, names hold spaces) and `@jan@example.nl` is an address, so only the member number
counts; the autocomplete (static/js/mentions.js) writes it for you, and without JavaScript the
text stays as typed. The link shows the member's name as it is in their profile, never the typed
one, so nobody can dress a mention up as someone else. A number that names no active member is
left as plain text (`@Naam`).

Rendering: `to_markdown` rewrites mentions into ordinary markdown links to `/leden/<id>` before
`sanitize.render_markdown`, so the link goes through the same markdown and bleach allow-list as
everything else. (A mention inside a code span or block is rewritten too; that is rare and
harmless: the link text is still the member's name.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

import sqlalchemy as sa

from community import sanitize, urls
from community.accounts.models import User
from community.extensions import db
from community.notifications.models import Notification, NotificationKind
from community.notifications.services import notify
from community.notify import mails as notify_mails
from community.notify import services as notify_services
from community.notify.models import MailKind
from community.posts.models import PRACTICE_SECTIONS, Post, Reply
from community.posts.queries import can_view

MENTION = re.compile(r"@\[([^\[\]\n]{1,120})\]\(lid:(\d{1,9})\)")
ANONYMOUS = "Een lid van de Community"
MAX_MATCHES = 8
MIN_QUERY = 2
# What markdown could read as markup inside a link text (its backslash-escapable characters);
# "<" and "&" need nothing: the pipeline shows raw HTML as text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def mentioned_ids(*texts: str | None) -> list[int]:
    """The member numbers mentioned in these texts, first mention first, each once."""
    seen: dict[int, None] = {}
    for text in texts:
        for match in MENTION.finditer(text or ""):
            seen.setdefault(int(match.group(2)), None)
    return list(seen)


def _reachable(ids: Iterable[int]) -> dict[int, User]:
    """Active members who still have an account, by id: the only ones a mention names."""
    ids = list(ids)
    if not ids:
        return {}
    users = db.session.scalars(
        sa.select(User).where(User.id.in_(ids), User.is_active.is_(True), User.deleted_at.is_(None))
    )
    return {user.id: user for user in users}


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _profile_path(user_id: int) -> str:
    return urls.site_path("accounts.member", user_id=user_id)


def to_markdown(text: str) -> str:
    """Mentions as markdown links to the member's profile, with the member's own name."""
    if not text or "@[" not in text:
        return text
    users = _reachable(mentioned_ids(text))

    def link(match: re.Match) -> str:
        user = users.get(int(match.group(2)))
        if user is None:
            return "@" + _escape(match.group(1))
        return f"[@{_escape(user.name)}]({_profile_path(user.id)})"

    return MENTION.sub(link, text)


def search(query: str, limit: int = MAX_MATCHES) -> list[User]:
    """Active members whose name contains `query` (case-blind), names starting with it first."""
    query = " ".join((query or "").split())[:60]
    if len(query) < MIN_QUERY:
        return []
    escaped = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    name = sa.func.lower(User.name)
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                User.is_active.is_(True),
                User.deleted_at.is_(None),
                name.like(f"%{escaped}%", escape="\\"),
            )
            .order_by(sa.case((name.like(f"{escaped}%", escape="\\"), 0), else_=1), User.name)
            .limit(min(limit, MAX_MATCHES))
        )
    )


# Telling the mentioned member ------------------------------------------------------------------


def post_texts(post: Post) -> list[str]:
    if post.is_practice:  # the summary is plain text, not markdown: no mentions there
        return [getattr(post, field) or "" for field in PRACTICE_SECTIONS]
    return [post.body or ""]


def notify_post(post: Post) -> set[int]:
    """Tell members mentioned in a post who have not been told about this post yet."""
    author = db.session.get(User, post.author_id) if post.author_id else None
    excerpt_source = post.summary if post.is_practice else post.body_html
    return _notify(post, None, author, post_texts(post), excerpt_source, post.created_at)


def notify_reply(reply: Reply, post: Post) -> set[int]:
    """Tell members mentioned in a reply who have not been told about this reply yet."""
    author = db.session.get(User, reply.author_id) if reply.author_id else None
    return _notify(post, reply, author, [reply.body], reply.body_html, reply.created_at)


def _notify(post, reply, author, texts, excerpt_source, now) -> set[int]:
    """Returns the ids told now; callers leave them out of other mails about the same reply."""
    users = _reachable(mentioned_ids(*texts))
    users.pop(author.id if author else None, None)
    if not users:
        return set()
    same_place = Notification.reply_id == reply.id if reply else Notification.reply_id.is_(None)
    told_before = set(
        db.session.scalars(
            sa.select(Notification.user_id).where(
                Notification.kind == NotificationKind.MENTION,
                Notification.post_id == post.id,
                same_place,
                Notification.user_id.in_(list(users)),
            )
        )
    )
    # Members only, and only who may read it: a hidden or deleted post tells nobody.
    recipients = [
        user
        for user in users.values()
        if user.id not in told_before and can_view(user, post) and not _hidden(reply)
    ]
    if not recipients:
        return set()
    anonymous = author is None or (post.is_anonymous and author.id == post.author_id)
    who = ANONYMOUS if anonymous else author.name
    notify(
        recipients,
        NotificationKind.MENTION,
        post=post,
        reply=reply,
        actor=None if anonymous else author,
        now=now,
    )
    subject = f"{who} noemde je bij “{post.title}”"
    for user in recipients:
        # At once, or bundled into the next mail when the member just had one (or it is night).
        notify_services.send_or_hold(
            user,
            MailKind.MENTION,
            partial(
                notify_mails.build,
                user,
                MailKind.MENTION,
                subject,
                "mention",
                who=who,
                post=post,
                excerpt=sanitize.plain_text(excerpt_source, 400),
                link=urls.absolute_post_url(post, reply),
                settings_link=urls.absolute_url("notifications.index"),
            ),
            post=post,
            reply=reply,
            actor_id=None if anonymous else author.id,
            now=now,
        )
    return {user.id for user in recipients}


def _hidden(reply: Reply | None) -> bool:
    return reply is not None and (reply.hidden_at is not None or reply.deleted_at is not None)
