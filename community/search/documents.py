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
from sqlalchemy.orm import Session, joinedload, selectinload
from whoosh import columns, fields
from whoosh.util.times import datetime_to_long

from community.posts.models import PRACTICE_SECTIONS, Post, PostKind
from community.search.analysis import BREAK, dutch_analyzer, fold, stop_words

# Every query matches on `content` (title, summary, body, replies and author in one field: one
# posting list per word instead of one per field, which made matching several times cheaper).
# `title` and `summary` only add score: a title counts most, a practice's summary more than its
# other sections.
BOOSTS = {"title": 2.0, "summary": 1.0}


def build_schema() -> fields.Schema:
    analyzer = dutch_analyzer(parts=True)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.ID,
        content=fields.TEXT(analyzer=analyzer),
        title=fields.TEXT(analyzer=analyzer, phrase=False),
        summary=fields.TEXT(analyzer=analyzer, phrase=False),
        themes=fields.KEYWORD,
        organisation=fields.ID,
        status=fields.ID,
        visibility=fields.ID,
        # A column only (no terms): periods and "newest first" read it per segment (engine.py).
        created_at=fields.COLUMN(columns.NumericColumn("q")),
        # Spelling suggestions: folded, unstemmed words, kept apart per visibility so a visitor
        # is never offered a word that only occurs in members-only posts.
        spell_public=fields.KEYWORD,
        spell_members=fields.KEYWORD,
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


REPLY_LABEL = "Uit een antwoord"


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
            parts.append((REPLY_LABEL, text))
    return parts


def author_display(post: Post) -> str:
    """The author's name as search may know it: nothing for anonymous posts."""
    if post.is_anonymous or post.author is None:
        return ""
    return post.author.name


_SPELL_WORD = re.compile(r"[^\W\d_]{3,40}")


def _spelling_words(*texts: str) -> str:
    """The distinct words of a post, folded, for spelling suggestions (a cheap pass: a regex,
    not the analyser; these words are not stemmed and stop words do not matter here)."""
    words = set(_SPELL_WORD.findall(fold(" ".join(texts))))
    return " ".join(sorted(words - stop_words()))


def document(post: Post) -> dict:
    """The index document for an indexable post (replies and author must be loaded)."""
    parts = body_parts(post)
    title = post.title or ""
    summary = plain_text(post.summary or "") if post.kind is PostKind.PRACTICE else ""
    # Parts are separated by BREAK, so a phrase never runs from one part into the next.
    content = f" {BREAK} ".join(
        text for text in [title, summary, *(t for _, t in parts), author_display(post)] if text
    )
    # Spelling suggestions come from titles and summaries: the words a post is about. Taking
    # every word of the body as well doubled the postings and cost a fifth of reindex speed
    # (measured with benchmarks/search_bench.py).
    spelling = _spelling_words(title, summary)
    public = post.visibility.value == "public"
    doc = {
        "id": str(post.id),
        "kind": post.kind.value,
        "content": content,
        "title": title,
        "summary": summary,
        "themes": " ".join(str(t.id) for t in post.themes),
        "organisation": str(post.organisation_id or ""),
        "status": status_of(post),
        "visibility": post.visibility.value,
        "created_at": datetime_to_long(post.created_at.astimezone(UTC).replace(tzinfo=None)),
        "spell_public": spelling if public else "",
        "spell_members": "" if public else spelling,
    }
    doc["fingerprint"] = fingerprint(doc)
    return doc


def fingerprint(doc: dict) -> str:
    """A hash of everything a document holds, so `check` can tell stale documents."""
    content = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v)
        for k, v in doc.items()
        if k != "fingerprint"
    }
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
        sa.select(sa.func.count())
        .select_from(Post)
        .where(Post.deleted_at.is_(None), Post.hidden_at.is_(None))
    )


def snippet_source(post: Post) -> list[tuple[str, str]]:
    """Text to cut highlighted snippets from, in the order a reader would meet it."""
    parts: list[tuple[str, str]] = []
    if post.kind is PostKind.PRACTICE and post.summary:
        parts.append(("", plain_text(post.summary)))
    return parts + body_parts(post)
