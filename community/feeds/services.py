"""Atom 1.0 feeds of public posts: everything recent, and per theme.

A feed is the same for everyone who asks, logged in or not: it holds public posts only, never
members-only, hidden or deleted ones (the visibility rule for a visitor, from posts.queries).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy.orm import selectinload

from community.clock import utcnow
from community.extensions import db
from community.formatting import plain_excerpt, shorten
from community.posts.models import Post
from community.posts.queries import visible_posts
from community.themes.models import Theme
from community.themes.services import theme_posts
from community.urls import absolute_post_url

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_SIZE = 50
SUMMARY_LENGTH = 500
ANONYMOUS = "Een lid van de Community"
KIND_LABELS = {True: "Vraag", False: "Goed voorbeeld"}
# Characters XML 1.0 does not allow at all; they would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def public_posts(theme: Theme | None = None, limit: int = FEED_SIZE) -> list[Post]:
    """The newest public posts (in `theme`), as a visitor would see them."""
    stmt = theme_posts(None, theme) if theme is not None else visible_posts(None)
    stmt = stmt.order_by(None).order_by(Post.created_at.desc(), Post.id.desc()).limit(limit)
    stmt = stmt.options(selectinload(Post.author), selectinload(Post.themes))
    return list(db.session.scalars(stmt))


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def tag_uri(post: Post) -> str:
    """A permanent entry id (RFC 4151) that survives a changed title, slug or site path."""
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    return f"tag:{host},{post.created_at.astimezone(UTC):%Y-%m-%d}:post-{post.id}"


def author_name(post: Post) -> str:
    if post.is_anonymous or post.author is None:
        return ANONYMOUS
    return post.author.name


def summary(post: Post) -> str:
    if post.is_practice:
        if post.summary:
            return shorten(post.summary, SUMMARY_LENGTH)
        return plain_excerpt(" ".join((post.sections_html or {}).values()), SUMMARY_LENGTH)
    return plain_excerpt(post.body_html, SUMMARY_LENGTH)


def _text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def atom_feed(
    *,
    title: str,
    subtitle: str,
    self_url: str,
    page_url: str,
    posts: list[Post],
    empty_updated: datetime | None = None,
) -> bytes:
    """The feed as UTF-8 bytes; ElementTree escapes every text and attribute."""
    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "nl"})
    _add(feed, "id", self_url)
    _add(feed, "title", title, type="text")
    _add(feed, "subtitle", subtitle, type="text")
    updated = max((p.edited_at or p.created_at for p in posts), default=empty_updated or utcnow())
    _add(feed, "updated", rfc3339(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(feed, "generator", current_app.config["SITE_NAME"])
    for post in posts:
        entry = _add(feed, "entry")
        _add(entry, "id", tag_uri(post))
        _add(entry, "title", f"{KIND_LABELS[post.is_question]}: {post.title}", type="text")
        _add(entry, "published", rfc3339(post.created_at))
        _add(entry, "updated", rfc3339(post.edited_at or post.created_at))
        author = _add(entry, "author")
        _add(author, "name", author_name(post))
        _add(entry, "link", rel="alternate", type="text/html", href=absolute_post_url(post))
        for theme in post.themes:
            _add(entry, "category", term=theme.slug, label=theme.name)
        _add(entry, "summary", summary(post), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
