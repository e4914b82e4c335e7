"""Where things live: post pages, and absolute links for mails, feeds and exports.

A post's page is /vragen/<id>-<slug> or /goede-voorbeelden/<id>-<slug> (endpoint `posts.detail`,
its area from `AREA`). Absolute links start from SITE_URL, never from the request's Host: a forged
Host header must not redirect a mailed link, and mails are also built from the CLI and jobs,
where there is no request at all.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from community.posts.models import Post, PostKind, Reply

AREA = {PostKind.QUESTION: "vragen", PostKind.PRACTICE: "goede-voorbeelden"}
KIND_BY_AREA = {area: kind for kind, area in AREA.items()}


def site_path(endpoint: str, **values: Any) -> str:
    """A page's path, built without a request (for text that is stored, or mailed from the CLI)."""
    return current_app.url_map.bind("localhost", script_name="/").build(endpoint, values)


def absolute_url(endpoint: str, anchor: str | None = None, **values: Any) -> str:
    """An absolute link from SITE_URL: works in a request, a CLI command or a test."""
    path = site_path(endpoint, **values)
    return current_app.config["SITE_URL"].rstrip("/") + path + (f"#{anchor}" if anchor else "")


def post_values(post: Post, endpoint: str = "posts.detail") -> dict[str, Any]:
    """The URL parts of a post's page (or of one of its actions: posts.edit, posts.history…)."""
    values: dict[str, Any] = {"area": AREA[post.kind], "post_id": post.id}
    if endpoint == "posts.detail":
        values["slug"] = post.slug
    return values


def post_url(post: Post, endpoint: str = "posts.detail", **values: Any) -> str:
    """The site path of a post's page (or of one of its actions)."""
    return url_for(endpoint, **post_values(post, endpoint), **values)


def reply_anchor(reply: Reply) -> str:
    return f"reactie-{reply.id}"


def post_path(post: Post, reply: Reply | None = None) -> str:
    """The site path of `post`'s page, pointing at `reply` when given."""
    return post_url(post) + (f"#{reply_anchor(reply)}" if reply is not None else "")


def absolute_post_url(post: Post, reply: Reply | None = None) -> str:
    """The absolute link to `post` (at `reply`), from SITE_URL."""
    anchor = reply_anchor(reply) if reply is not None else None
    return absolute_url("posts.detail", anchor=anchor, **post_values(post))
