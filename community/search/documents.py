"""What a post looks like in the index: the schema, the document, and its fingerprint.

A post is one document. Its replies are part of the question's (or practice's) body, so a
match in an answer leads to the question. Removed posts (deleted or hidden) have no document at
all: nobody can find what is not there. Members-only posts are in the index with
`visibility=members` and every query for a visitor requires `visibility=public` (query.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.orm import Session, joinedload, selectinload
from whoosh import fields

from community.posts.models import PRACTICE_SECTIONS, Post, PostKind
from community.search.analysis import dutch_analyzer, plain_words

# Query-time weights: a title counts most, a practice's summary more than its other sections.
FIELD_BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0, "author": 0.5}
TEXT_FIELDS = ("title", "summary", "body")


def build_schema() -> fields.Schema:
    analyzer = dutch_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.ID,
        title=fields.TEXT(analyzer=analyzer),
        summary=fields.TEXT(analyzer=analyzer),
        body=fields.TEXT(analyzer=analyzer),
        author=fields.TEXT(analyzer=analyzer, phrase=False),
        themes=fields.KEYWORD(scorable=False),
        organisation=fields.ID,
        status=fields.ID,
        visibility=fields.ID,
        created_at=fields.DATETIME(sortable=True),
        # Spelling suggestions: folded, unstemmed words, kept apart per visibility so a visitor
        # is never offered a word that only occurs in members-only posts.
        spell_public=fields.KEYWORD(scorable=True),
        spell_members=fields.KEYWORD(scorable=True),
        fingerprint=fields.STORED,
    )


def is_indexable(post: Post) -> bool:
    return post.deleted_at is None and post.hidden_at is None


def status_of(post: Post) -> str:
    if post.kind is not PostKind.QUESTION:
        return ""
    return "answered" if post.accepted_reply_id is not None else "open"


_MD_NOISE = [
    (re.compile(r"```.*?\n|```"), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]*>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),
    (re.compile(r"[*_`~]{1,3}"), ""),
]


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: no markup, links reduced to their text."""
    text = markdown or ""
    for pattern, replacement in _MD_NOISE:
        text = pattern.sub(replacement, text)
    return re.sub(r"[ \t]+", " ", text).strip()


def visible_replies(post: Post) -> list:
    return [r for r in post.replies if r.deleted_at is None and r.hidden_at is None]


def body_parts(post: Post) -> list[tuple[str, str]]:
    """The searchable text of a post besides title and summary, as (label, text) pairs.

    Labels tell the search page where a snippet came from ("Aanpak", "Uit een antwoord").
    """
    parts: list[tuple[str, str]] = []
    if post.kind is PostKind.PRACTICE:
        for name, heading in PRACTICE_SECTIONS.items():
            text = plain_text(getattr(post, name) or "")
            if text:
                parts.append((heading, text))
    elif post.body:
        parts.append(("", plain_text(post.body)))
    for reply in visible_replies(post):
        text = plain_text(reply.body)
        if text:
            parts.append(("Uit een antwoord", text))
    return parts


def author_display(post: Post) -> str:
    """The author's name as search may know it: nothing for anonymous posts."""
    if post.is_anonymous or post.author is None:
        return ""
    return post.author.name


def _spelling_words(*texts: str) -> str:
    words = dict.fromkeys(w for text in texts for w in plain_words(text) if len(w) >= 3 and w.isalpha())
    return " ".join(words)


def document(post: Post) -> dict:
    """The index document for an indexable post (replies and author must be loaded)."""
    body = "\n".join(text for _, text in body_parts(post))
    title = post.title or ""
    summary = plain_text(post.summary or "") if post.kind is PostKind.PRACTICE else ""
    spelling = _spelling_words(title, summary, body)
    public = post.visibility.value == "public"
    doc = {
        "id": str(post.id),
        "kind": post.kind.value,
        "title": title,
        "summary": summary,
        "body": body,
        "author": author_display(post),
        "themes": " ".join(str(t.id) for t in post.themes),
        "organisation": str(post.organisation_id or ""),
        "status": status_of(post),
        "visibility": post.visibility.value,
        "created_at": post.created_at.astimezone(UTC).replace(tzinfo=None),
        "spell_public": spelling if public else "",
        "spell_members": "" if public else spelling,
    }
    doc["fingerprint"] = fingerprint(doc)
    return doc


def fingerprint(doc: dict) -> str:
    """A hash of everything a document holds, so `check` can tell stale documents."""
    content = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in doc.items() if k != "fingerprint"}
    return hashlib.sha1(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


def _with_relations(stmt: sa.Select) -> sa.Select:
    return stmt.options(
        selectinload(Post.themes),
        selectinload(Post.replies),
        joinedload(Post.author),
    )


def load_documents(session: Session, post_ids: Iterable[int]) -> dict[int, dict]:
    """Documents for the indexable posts among `post_ids` (others are absent: delete them)."""
    ids = sorted(set(post_ids))
    found: dict[int, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = _with_relations(sa.select(Post).where(Post.id.in_(chunk)))
        for post in session.scalars(stmt):
            if is_indexable(post):
                found[post.id] = document(post)
    return found


def iter_documents(session: Session, batch: int = 500) -> Iterator[dict]:
    """Every indexable post's document, in id order, loaded `batch` posts at a time."""
    last_id = 0
    while True:
        stmt = _with_relations(
            sa.select(Post)
            .where(Post.id > last_id, Post.deleted_at.is_(None), Post.hidden_at.is_(None))
            .order_by(Post.id)
            .limit(batch)
        )
        posts = session.scalars(stmt).all()
        if not posts:
            return
        for post in posts:
            yield document(post)
        last_id = posts[-1].id
        session.expunge_all()


def count_indexable(session: Session) -> int:
    return session.scalar(
        sa.select(sa.func.count()).select_from(Post).where(Post.deleted_at.is_(None), Post.hidden_at.is_(None))
    )


def snippet_source(post: Post) -> list[tuple[str, str]]:
    """Text to cut highlighted snippets from, in the order a reader would meet it."""
    parts: list[tuple[str, str]] = []
    if post.kind is PostKind.PRACTICE and post.summary:
        parts.append(("", plain_text(post.summary)))
    return parts + body_parts(post)


def escape_text(text: str) -> Markup:
    return Markup.escape(text)
