"""A member's newsletter settings: read with their defaults, written as a row of the digest's own.

A member who never changed them has no `member_digests` row and gets the digest (weekly, every
theme), so accounts can be made anywhere without the digest being told.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from community import database
from community.digest.models import Frequency, MemberDigest
from community.extensions import db


def settings_of(user_id: int) -> MemberDigest:
    """The member's settings; the defaults (kept out of the session) when none were saved."""
    return db.session.get(MemberDigest, user_id) or MemberDigest.defaults(user_id)


def settings_to_change(user_id: int) -> MemberDigest:
    """The member's settings row, added to the session (with the defaults) if there was none."""
    settings = db.session.get(MemberDigest, user_id)
    if settings is None:
        settings = MemberDigest.defaults(user_id)
        db.session.add(settings)
    return settings


def choose(
    user_id: int,
    *,
    enabled: bool | None = None,
    frequency: Frequency | None = None,
    all_themes: bool | None = None,
) -> MemberDigest:
    """Change the settings named; the others stay as they were."""
    settings = settings_to_change(user_id)
    if enabled is not None:
        settings.enabled = enabled
    if frequency is not None:
        settings.frequency = frequency
    if all_themes is not None:
        settings.all_themes = all_themes
    db.session.flush()
    return settings


def switch_off(user_id: int) -> bool:
    """The digest off at once, in one statement; True if it was still on. Harmless to repeat."""
    if database.insert_if_absent(db.session, MemberDigest, user_id=user_id, enabled=False):
        return True  # no row: it was on by default
    stmt = (
        sa.update(MemberDigest)
        .where(MemberDigest.user_id == user_id, MemberDigest.enabled.is_(True))
        .values(enabled=False)
    )
    return db.session.execute(stmt).rowcount == 1


def record_sent(user_id: int, cutoff: datetime) -> None:
    """The member's next digest shows what is newer than `cutoff`."""
    if not database.insert_if_absent(
        db.session, MemberDigest, user_id=user_id, last_sent_at=cutoff
    ):
        db.session.execute(
            sa.update(MemberDigest)
            .where(MemberDigest.user_id == user_id)
            .values(last_sent_at=cutoff)
        )


def forget(user_id: int) -> None:
    """A deleted account: the digest off, every other choice back to its default."""
    settings = settings_to_change(user_id)
    settings.enabled = False
    settings.frequency = Frequency.WEEKLY
    settings.all_themes = True
    settings.last_sent_at = None
    db.session.flush()


def due_criteria(period: Frequency) -> list[sa.ColumnElement[bool]]:
    """Criteria on `User` outer-joined with `MemberDigest` (`joined`): members due this period."""
    unsaved = MemberDigest.user_id.is_(None)
    return [
        sa.or_(unsaved, MemberDigest.enabled.is_(True)),
        sa.or_(
            MemberDigest.frequency == period,
            sa.and_(unsaved, sa.true() if period is Frequency.WEEKLY else sa.false()),
        ),
    ]


def joined(select: sa.Select, user_id: sa.ColumnElement) -> sa.Select:
    """`select` with each member's saved settings (NULL columns for the defaults)."""
    return select.outerjoin(MemberDigest, MemberDigest.user_id == user_id)
