"""Themes: finding them, counting what they hold, and how admins add, edit and merge them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from community import pagecache
from community.cache import remembered
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.follows.models import Follow
from community.posts.models import Post, PostKind
from community.posts.queries import is_member, listable_criteria, visible_posts
from community.privacy import guard as privacy_guard
from community.themes.merging import move_theme_links, theme_merged
from community.themes.models import Theme, ThemeRedirect, post_themes

SLUG_MAX = 80


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """'Werving & selectie' -> 'werving-en-selectie'; accents folded, only a-z, 0-9 and '-'."""
    text = text.replace("&", " en ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:max_length].rstrip("-")


def ordered_themes() -> sa.Select:
    return sa.select(Theme).order_by(Theme.position, Theme.name)


def all_themes() -> list[Theme]:
    return list(db.session.scalars(ordered_themes()))


@dataclass(frozen=True)
class ThemeCounts:
    practices: int = 0
    questions: int = 0

    @property
    def total(self) -> int:
        return self.practices + self.questions


def post_counts(viewer: Any) -> dict[int, ThemeCounts]:
    """Per theme id, how many practices and questions `viewer` may see: one grouped query,
    remembered per audience (visitors and members see different counts) until content changes
    (community.pagecache's generation), and for a minute at most."""
    key = ("theme_post_counts", is_member(viewer), pagecache.current_generation())
    return remembered(key, lambda: _count_posts(viewer))


def _count_posts(viewer: Any) -> dict[int, ThemeCounts]:
    stmt = (
        sa.select(post_themes.c.theme_id, Post.kind, sa.func.count())
        .join(Post, Post.id == post_themes.c.post_id)
        .where(*listable_criteria(viewer))
        .group_by(post_themes.c.theme_id, Post.kind)
    )
    found: dict[int, dict[PostKind, int]] = {}
    for theme_id, kind, count in db.session.execute(stmt):
        found.setdefault(theme_id, {})[kind] = count
    return {
        theme_id: ThemeCounts(kinds.get(PostKind.PRACTICE, 0), kinds.get(PostKind.QUESTION, 0))
        for theme_id, kinds in found.items()
    }


def theme_posts(viewer: Any, theme: Theme, kind: PostKind | None = None) -> sa.Select:
    """The posts (of one kind) in `theme` that `viewer` may see, newest first."""
    in_theme = sa.select(post_themes.c.post_id).where(post_themes.c.theme_id == theme.id)
    return (
        visible_posts(viewer, kind)
        .where(Post.id.in_(in_theme))
        .order_by(Post.created_at.desc(), Post.id.desc())
    )


def find_theme(slug: str) -> tuple[Theme | None, Theme | None]:
    """(the theme with this slug, None) or (None, the theme an old slug now points to)."""
    theme = db.session.scalar(sa.select(Theme).where(Theme.slug == slug))
    if theme is not None:
        return theme, None
    moved = db.session.scalar(
        sa.select(Theme)
        .join(ThemeRedirect, ThemeRedirect.theme_id == Theme.id)
        .where(ThemeRedirect.slug == slug)
    )
    return None, moved


# --- administration -------------------------------------------------------------------------


def _require_admin(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_admin", False):
        raise NotAllowed("Alleen beheerders kunnen thema's beheren.")


def _clean(data: dict, theme: Theme | None) -> dict:
    name = " ".join((data.get("name") or "").split())
    if not name:
        raise DomainError("Geef het thema een naam.", field="name")
    if len(name) > 80:
        raise DomainError("Een naam is hoogstens 80 tekens.", field="name")
    slug_given = (data.get("slug") or "").strip().lower()
    slug = slugify(slug_given or name)
    if slug_given and slug != slug_given:
        raise DomainError(
            "Een webadres bevat alleen kleine letters, cijfers en streepjes, "
            "zoals 'moreel-letsel'.",
            field="slug",
        )
    if not slug:
        raise DomainError("Kies een naam met letters of cijfers.", field="name")
    description = (data.get("description") or "").strip()
    if len(description) > 500:
        raise DomainError("Een beschrijving is hoogstens 500 tekens.", field="description")
    position = data.get("position")
    if position is None:
        position = (
            theme.position
            if theme is not None
            else (db.session.scalar(sa.select(sa.func.max(Theme.position))) or 0) + 1
        )
    try:
        position = int(position)
    except (TypeError, ValueError):
        raise DomainError("Vul een heel getal in, zoals 5.", field="position") from None
    if not 0 <= position <= 10_000:
        raise DomainError("Kies een volgorde tussen 0 en 10.000.", field="position")

    others = sa.select(Theme.id).where(Theme.id != theme.id) if theme else sa.select(Theme.id)
    if db.session.scalar(others.where(sa.func.lower(Theme.name) == name.lower()).limit(1)):
        raise DomainError("Er is al een thema met deze naam.", field="name")
    if db.session.scalar(others.where(Theme.slug == slug).limit(1)):
        field = "slug" if slug_given else "name"
        raise DomainError("Er is al een thema met dit webadres.", field=field)
    # Every visitor reads a theme's name and description.
    privacy_guard(
        {"name": name, "description": description},
        bool(data.get("privacy_confirmed")),
        labels={"name": "Naam", "description": "Beschrijving"},
    )
    return {"name": name, "slug": slug, "description": description, "position": position}


def _claim_slug(slug: str) -> None:
    """A live theme wins over an old slug that pointed elsewhere."""
    db.session.execute(sa.delete(ThemeRedirect).where(ThemeRedirect.slug == slug))


def create_theme(actor: Any, data: dict) -> Theme:
    _require_admin(actor)
    fields = _clean(data, None)
    _claim_slug(fields["slug"])
    theme = Theme(**fields)
    db.session.add(theme)
    db.session.flush()
    return theme


def update_theme(actor: Any, theme: Theme, data: dict) -> Theme:
    """Edit a theme; a changed slug leaves a redirect behind so old links keep working."""
    _require_admin(actor)
    fields = _clean(data, theme)
    old_slug = theme.slug
    if fields["slug"] != old_slug:
        _claim_slug(fields["slug"])
        _claim_slug(old_slug)
        db.session.add(ThemeRedirect(slug=old_slug, theme_id=theme.id))
    for key, value in fields.items():
        setattr(theme, key, value)
    db.session.flush()
    return theme


@dataclass(frozen=True)
class MergeResult:
    target: Theme
    posts: int
    follows: int


def merge_themes(actor: Any, source: Theme, target: Theme) -> MergeResult:
    """Move everything of `source` to `target`, then delete `source`.

    Posts and follows move without duplicates; the old slug (and slugs that already pointed to
    `source`) redirect to `target`. Posts change through the ORM, so whatever watches changed
    posts (the search index) sees them. Every other feature's rows that name `source` (help
    requests, "ik denk mee" offers, expertise, e-mail followers) are moved by that feature on
    `theme_merged` (themes/merging.py): deleting `source` would take them along.
    """
    _require_admin(actor)
    if source.id == target.id:
        raise DomainError("Kies twee verschillende thema's om samen te voegen.", field="target")

    in_source = sa.select(post_themes.c.post_id).where(post_themes.c.theme_id == source.id)
    posts = db.session.scalars(
        sa.select(Post).where(Post.id.in_(in_source)).options(selectinload(Post.themes))
    ).all()
    for post in posts:
        post.themes = [t for t in post.themes if t.id != source.id]
        if all(t.id != target.id for t in post.themes):
            post.themes.append(target)

    follows = Follow.__table__.c
    moved = move_theme_links(follows.theme_id, follows.user_id, source.id, target.id)
    db.session.execute(
        sa.update(ThemeRedirect)
        .where(ThemeRedirect.theme_id == source.id)
        .values(theme_id=target.id)
        .execution_options(synchronize_session=False)
    )
    theme_merged.send(actor, source_id=source.id, target_id=target.id)
    db.session.flush()
    _claim_slug(source.slug)
    db.session.add(ThemeRedirect(slug=source.slug, theme_id=target.id))
    db.session.delete(source)
    db.session.flush()
    return MergeResult(target=target, posts=len(posts), follows=moved)


def follower_counts() -> dict[int, int]:
    """Per theme id, how many members follow it."""
    stmt = (
        sa.select(Follow.theme_id, sa.func.count())
        .where(Follow.theme_id.is_not(None))
        .group_by(Follow.theme_id)
    )
    return dict(db.session.execute(stmt).all())
