"""What a post's page needs besides the post itself: replies, votes, sharing and meta tags."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

import sqlalchemy as sa

from community import sanitize
from community.colleagues import services as colleagues
from community.extensions import db
from community.follows import services as follows
from community.notify import services as notify
from community.posts import lists, services
from community.posts.models import Post, Reply, UsefulVote
from community.posts.queries import is_member
from community.urls import absolute_post_url


def page_context(viewer: Any, post: Post) -> dict[str, Any]:
    """Everything posts/detail.html shows, in a fixed number of queries."""
    replies = db.session.scalars(lists.replies_for_page(viewer, post)).unique().all()
    member = is_member(viewer)
    return {
        "post": post,
        "replies": replies,
        "voted": voted_replies(viewer, post) if member else set(),
        "following": follows.is_following(viewer, post=post) if member else False,
        "may_edit": services.may_edit(viewer, post) and post.deleted_at is None,
        "may_delete": services.may_delete(viewer, post),
        "may_restore": services.may_restore(viewer, post),
        "may_accept": services.may_accept(viewer, post),
        "may_confirm": services.may_confirm_current(viewer, post),
        "stale": services.is_stale(post),
        "sharing": sharing(post) if post.is_public and not post.is_removed else None,
        # "Vraag een collega": who was asked is for members' eyes only, never on a visitor's page.
        "asked": colleagues.asked_on(post) if member and post.is_question else [],
        "may_ask_colleague": colleagues.may_ask(viewer, post),
        # Who heard of it, and how: for its author only (counts, never followers' names).
        "told": notify.who_was_told(post) if _is_author(viewer, post) else None,
    }


def _is_author(viewer: Any, post: Post) -> bool:
    return bool(viewer.is_authenticated and post.author_id == viewer.id and not post.is_removed)


def voted_replies(viewer: Any, post: Post) -> set[int]:
    """Ids of the replies under `post` that `viewer` marked "nuttig" (one query)."""
    return set(
        db.session.scalars(
            sa.select(UsefulVote.reply_id)
            .join(Reply, Reply.id == UsefulVote.reply_id)
            .where(UsefulVote.user_id == viewer.id, Reply.post_id == post.id)
        )
    )


def description(post: Post, limit: int = 200) -> str:
    """A plain-text description for meta tags and share texts."""
    if post.is_practice and post.summary:
        return (
            post.summary if len(post.summary) <= limit else sanitize.plain_text(post.summary, limit)
        )
    return sanitize.plain_text(post.body, limit)


def sharing(post: Post) -> dict[str, Any]:
    """OpenGraph/Twitter meta and share links for a public post: plain links, no scripts."""
    url = absolute_post_url(post)
    text = f"{post.title} {url}"
    return {
        "url": url,
        "title": post.title,
        "description": description(post),
        "links": [
            (
                "LinkedIn",
                "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
            ),
            (
                "E-mail",
                "mailto:?"
                + urlencode(
                    {"subject": post.title, "body": f"{description(post)}\n\n{url}"},
                    quote_via=quote,
                ),
            ),
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": text}, quote_via=quote)),
        ],
    }
