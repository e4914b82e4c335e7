"""Demo themes: the curated themes the demo posts are filed under, when they are missing."""

from __future__ import annotations

import sqlalchemy as sa

from community.demo import content as demo
from community.demo.context import SeedContext
from community.extensions import db
from community.themes.models import Theme, ThemeRedirect


def seed_themes(ctx: SeedContext) -> None:
    """The curated themes. Migration 0002 adds them; a database made by create_all has none.

    Found by slug, by a slug an admin renamed or merged away, or by name; only missing ones are
    added, at the end of the list.
    """
    themes = list(db.session.scalars(sa.select(Theme)))
    by_slug = {theme.slug: theme for theme in themes}
    by_name = {theme.name.lower(): theme for theme in themes}
    redirects = dict(
        db.session.execute(sa.select(ThemeRedirect.slug, ThemeRedirect.theme_id)).all()
    )
    by_id = {theme.id: theme for theme in themes}
    position = max((theme.position for theme in themes), default=-1) + 1
    for data in demo.THEMES:
        slug = data["slug"]
        theme = (
            by_slug.get(slug) or by_id.get(redirects.get(slug)) or by_name.get(data["name"].lower())
        )
        if theme is None:
            theme = Theme(
                slug=slug,
                name=data["name"],
                description=data["description"],
                position=position,
                created_at=ctx.start,
            )
            db.session.add(theme)
            position += 1
            ctx.report.themes += 1
        ctx.themes[slug] = theme
    db.session.flush()
