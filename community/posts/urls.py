"""Links to post pages for the themes, moderation and feeds features.

The posts feature owns post URLs (`community.posts.links`, endpoint `posts.detail`, paths such as
/vragen/12-slug). This adapter uses it when the posts feature is installed and otherwise builds
the same paths by hand, so these features stand and are tested on their own. Its names differ
from those in posts.links on purpose, so the two never shadow each other as template globals.
"""

from __future__ import annotations

from flask import current_app
from werkzeug.routing import BuildError

from community.posts.models import Post, PostKind, Reply

try:  # the posts feature, when installed
    from community.posts import links as _links
except ImportError:  # pragma: no cover - depends on which features are installed
    _links = None

AREA = {PostKind.QUESTION: "vragen", PostKind.PRACTICE: "goede-voorbeelden"}


def _anchor(reply: Reply | None) -> str:
    return f"#reactie-{reply.id}" if reply is not None else ""


def post_path(post: Post, reply: Reply | None = None) -> str:
    """The site path of `post`'s page, pointing at `reply` when given."""
    if _links is not None:
        try:
            return _links.post_url(post) + _anchor(reply)
        except BuildError:
            pass
    return f"/{AREA[post.kind]}/{post.id}-{post.slug}{_anchor(reply)}"


def absolute_post_url(post: Post, reply: Reply | None = None) -> str:
    """The absolute link to `post` (at `reply`), from SITE_URL, never the request's host."""
    if _links is not None:
        try:
            return _links.external_post_url(post, reply)
        except BuildError:
            pass
    return absolute(post_path(post, reply))


def absolute(path: str) -> str:
    """An absolute URL on this site for `path`, taken from SITE_URL."""
    return current_app.config["SITE_URL"].rstrip("/") + path
