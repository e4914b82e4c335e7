"""Where a post lives: its canonical URL on the site, and absolute links for mails and sharing."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from community.posts.models import Post, PostKind, Reply

AREA = {PostKind.QUESTION: "vragen", PostKind.PRACTICE: "goede-voorbeelden"}
KIND_BY_AREA = {area: kind for kind, area in AREA.items()}


def post_values(post: Post, endpoint: str = "posts.detail") -> dict[str, Any]:
    values: dict[str, Any] = {"area": AREA[post.kind], "post_id": post.id}
    if endpoint == "posts.detail":
        values["slug"] = post.slug
    return values


def post_url(post: Post, endpoint: str = "posts.detail", **values: Any) -> str:
    """The site path of a post's page (or of one of its actions: posts.edit, posts.history…)."""
    return url_for(endpoint, **post_values(post, endpoint), **values)


def reply_anchor(reply: Reply) -> str:
    return f"reactie-{reply.id}"


def external_url(endpoint: str, anchor: str | None = None, **values: Any) -> str:
    """An absolute link from SITE_URL, built without a request (mails are also sent from CLI)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["SITE_URL"].rstrip("/") + path + (f"#{anchor}" if anchor else "")


def external_post_url(post: Post, reply: Reply | None = None) -> str:
    anchor = reply_anchor(reply) if reply is not None else None
    return external_url("posts.detail", anchor=anchor, **post_values(post))
