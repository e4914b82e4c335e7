"""What a feature that links its own rows to themes needs when an admin merges one away.

`themes.services.merge_themes` moves posts, follows and redirects, then sends `theme_merged`
before it deletes the merged theme, whose rows everywhere else go with it (ON DELETE CASCADE).
Every other feature moves its own rows on that signal (digest, support, colleagues), so themes
imports none of them. This lives in the read layer because colleagues sits below themes
(themes -> accounts -> colleagues) and may not import themes' services.
"""

from __future__ import annotations

import sqlalchemy as sa
from blinker import Namespace

from community.extensions import db

_signals = Namespace()
# Sent by merge_themes before the source theme is deleted: (actor, source_id=, target_id=).
# Receivers run inside the admin's transaction: they flush, never commit.
theme_merged = _signals.signal("theme-merged")


def move_theme_links(column: sa.Column, owner: sa.Column, source_id: int, target_id: int) -> int:
    """Point the rows of `column`'s table from the merged theme to the one it became.

    `owner` is whose link a row is (a request, a member): an owner that already has the target
    keeps that row and loses the merged one, so no (owner, theme) pair is there twice. Returns
    how many rows moved.
    """
    has_target = sa.select(owner).where(column == target_id)
    moved = db.session.execute(
        sa.update(column.table)
        .where(column == source_id, owner.not_in(has_target))
        .values({column.name: target_id})
    )
    db.session.execute(sa.delete(column.table).where(column == source_id))
    return moved.rowcount
