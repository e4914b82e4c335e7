"""Links to a post's page, for templates, feeds, mails and the moderation queue.

The posts blueprint names the pages `posts.practice_detail` and `posts.question_detail`. Until
that blueprint is installed, the same paths are built by hand so feeds and queues still link.
"""

from __future__ import annotations

from flask import current_app, url_for
from werkzeug.routing import BuildError

from community.posts.models import Post, PostKind

ENDPOINTS = {PostKind.PRACTICE: "posts.practice_detail", PostKind.QUESTION: "posts.question_detail"}
FALLBACK_PATHS = {
    PostKind.PRACTICE: "/goede-voorbeelden/{id}/{slug}",
    PostKind.QUESTION: "/vragen/{id}/{slug}",
}


def post_url(post: Post, _external: bool = False, anchor: str | None = None) -> str:
    """The page of `post`; absolute (from SITE_URL, never the request's host) when _external."""
    try:
        path = url_for(ENDPOINTS[post.kind], id=post.id, slug=post.slug)
    except BuildError:
        path = FALLBACK_PATHS[post.kind].format(id=post.id, slug=post.slug)
    if anchor:
        path = f"{path}#{anchor}"
    return absolute(path) if _external else path


def reply_anchor(reply_id: int) -> str:
    """The fragment that points at one reply on its post's page."""
    return f"reactie-{reply_id}"


def absolute(path: str) -> str:
    """An absolute URL on this site for `path`, taken from SITE_URL."""
    return current_app.config["SITE_URL"].rstrip("/") + path
