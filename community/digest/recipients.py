"""Who gets a digest: confirmed followers and members with the digest on, read in batches.

A follower whose address is also an active member's is still read, marked with `member_id`: the
member's digest covers them, so the job skips them (and counts that) instead of sending two.

A recipient is plain data (no ORM object to expire on the job's many commits), except `viewer`:
the member themself, which the visibility rule (posts.queries.visible_posts) is asked about.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from community.accounts.models import User
from community.digest import links
from community.digest.models import Frequency, Subscriber, subscriber_themes
from community.extensions import db
from community.follows.models import Delivery, Follow
from community.formatting import AMSTERDAM

PUBLIC, MEMBERS = "public", "members"
BATCH_SIZE = 500
LOOKBACK = {Frequency.WEEKLY: timedelta(days=7), Frequency.DAILY: timedelta(days=1)}
MAX_LOOKBACK = timedelta(days=31)


def period_key(period: Frequency, now: datetime) -> str:
    """'weekly:2026-W47' or 'daily:2026-11-21', in Amsterdam's calendar."""
    local = now.astimezone(AMSTERDAM)
    if period is Frequency.WEEKLY:
        year, week, _ = local.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{local:%Y-%m-%d}"


@dataclass
class Recipient:
    key: str  # "subscriber:12" / "member:7"
    kind: str
    id: int
    email: str
    theme_ids: frozenset[int] | None  # None: all themes
    last_digest_at: datetime | None
    viewer: User | None = None  # the member, for the visibility rule; None for followers
    # For a follower: the active member with the same address, whose digest covers them.
    member_id: int | None = None

    @property
    def audience(self) -> str:
        return MEMBERS if self.kind == links.MEMBER else PUBLIC

    def since(self, period: Frequency, cutoff: datetime) -> datetime:
        since = self.last_digest_at or cutoff - LOOKBACK[period]
        return max(since, cutoff - MAX_LOOKBACK)

    @property
    def token(self) -> str:
        return links.recipient_token(self.kind, self.id, self.email)


def _due_subscribers(period: Frequency) -> list[sa.ColumnElement[bool]]:
    return [
        Subscriber.confirmed_at.is_not(None),
        Subscriber.unsubscribed_at.is_(None),
        Subscriber.frequency == period,
    ]


def _due_members(period: Frequency) -> list[sa.ColumnElement[bool]]:
    return [
        User.is_active.is_(True),
        User.digest_enabled.is_(True),
        User.digest_frequency == period,
    ]


def _subscribers(criteria: list, size: int | None = None) -> list[Recipient]:
    """Subscribers matching `criteria` (by id, at most `size`), themes read in one more query."""
    query = (
        sa.select(Subscriber.id, Subscriber.email, Subscriber.all_themes, Subscriber.last_digest_at)
        .where(*criteria)
        .order_by(Subscriber.id)
        .limit(size)
    )
    rows = db.session.execute(query).all()
    themes: dict[int, set[int]] = {row.id: set() for row in rows}
    if rows:
        pairs = sa.select(subscriber_themes.c.subscriber_id, subscriber_themes.c.theme_id).where(
            subscriber_themes.c.subscriber_id.in_(list(themes))
        )
        for subscriber_id, theme_id in db.session.execute(pairs):
            themes[subscriber_id].add(theme_id)
    members = _active_members_by_email({row.email for row in rows})
    return [
        Recipient(
            key=f"{links.SUBSCRIBER}:{row.id}",
            kind=links.SUBSCRIBER,
            id=row.id,
            email=row.email,
            theme_ids=None if row.all_themes else frozenset(themes[row.id]),
            last_digest_at=row.last_digest_at,
            member_id=members.get(row.email.lower()),
        )
        for row in rows
    ]


def _active_members_by_email(emails: set[str]) -> dict[str, int]:
    """Lower-cased address -> id of the active member with it, for these addresses (one query)."""
    if not emails:
        return {}
    address = sa.func.lower(User.email)
    found = db.session.execute(
        sa.select(address, User.id).where(
            User.is_active.is_(True), address.in_(sorted({email.lower() for email in emails}))
        )
    )
    return {email: user_id for email, user_id in found}


def _members(criteria: list, size: int | None = None) -> list[Recipient]:
    """Members matching `criteria`; their themes are the themes they follow."""
    users = list(db.session.scalars(sa.select(User).where(*criteria).order_by(User.id).limit(size)))
    themes: dict[int, set[int]] = {user.id: set() for user in users}
    if users:
        # A theme followed "alleen op de site" (community.notify) stays out of the newsletter.
        pairs = sa.select(Follow.user_id, Follow.theme_id).where(
            Follow.user_id.in_(list(themes)),
            Follow.theme_id.is_not(None),
            Follow.delivery != Delivery.SITE,
        )
        for user_id, theme_id in db.session.execute(pairs):
            themes[user_id].add(theme_id)
    return [
        Recipient(
            key=f"{links.MEMBER}:{user.id}",
            kind=links.MEMBER,
            id=user.id,
            email=user.email,
            theme_ids=None if user.digest_all_themes else frozenset(themes[user.id]),
            last_digest_at=user.digest_last_sent_at,
            viewer=user,
        )
        for user in users
    ]


def recipient_batches(
    period: Frequency, only_email: str | None = None, size: int = BATCH_SIZE
) -> Iterator[list[Recipient]]:
    """Everyone due for this period, followers first, `size` at a time (keyset paging by id)."""
    only_email = only_email.strip().lower() if only_email else None
    for model, due, load in (
        (Subscriber, _due_subscribers, _subscribers),
        (User, _due_members, _members),
    ):
        criteria = due(period)
        if only_email:
            criteria.append(model.email == only_email)
        after = 0
        while batch := load([*criteria, model.id > after], size):
            yield batch
            after = batch[-1].id


def count_recipients(period: Frequency, only_email: str | None = None) -> int:
    """How many recipients a run of this period looks at (for the progress bar)."""
    only_email = only_email.strip().lower() if only_email else None
    total = 0
    for model, due in ((Subscriber, _due_subscribers), (User, _due_members)):
        criteria = due(period)
        if only_email:
            criteria.append(model.email == only_email)
        total += db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*criteria))
    return total


def recipient_for_email(email: str) -> Recipient | None:
    """A member or confirmed follower with this address, whatever their settings (for previews)."""
    email = email.strip().lower()
    found = _members([User.email == email]) or _subscribers(
        [Subscriber.email == email, Subscriber.confirmed_at.is_not(None)]
    )
    return found[0] if found else None
