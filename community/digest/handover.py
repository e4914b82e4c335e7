"""Where a follower's subscription goes when the things it names change hands.

A follower who becomes a member keeps one digest, the member's (`fold_subscription_into_member`,
run on accounts.services.account_created); followers of a theme that is merged away follow the
theme it became (on themes.merging.theme_merged). Both run inside the caller's transaction:
they flush, never commit.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from community.accounts.models import User
from community.accounts.services import account_created, normalise_email
from community.digest import links, settings
from community.digest.models import DigestDelivery, Subscriber, subscriber_themes
from community.extensions import db
from community.follows.models import Follow
from community.themes.merging import move_theme_links, theme_merged


def fold_subscription_into_member(user: User) -> bool:
    """`user`'s address followed us by e-mail: from now on they get one digest, the member's.

    - An active subscription (confirmed, not unsubscribed) becomes the member's digest settings:
      on, its frequency, its themes as theme follows (or all themes), and the cut-off of its last
      digest, so the member's first digest does not repeat what the follower's last one showed.
    - An unsubscribed one (and no new request pending) switches the member's digest off: they
      told us they did not want it.
    - An unconfirmed request changes nothing: choices only count after the click.

    Either way the subscriber row and its themes are deleted, so the address is not kept twice,
    and its delivery log becomes the member's, so a later run in the same period does not send
    this person that period's digest again. Returns whether there was a subscriber row.
    """
    subscribers = list(
        db.session.scalars(
            sa.select(Subscriber)
            # Case-blind even for rows written before addresses were normalised.
            .where(sa.func.lower(Subscriber.email) == normalise_email(user.email))
            .order_by(Subscriber.id)
            .options(selectinload(Subscriber.themes))
        )
    )
    if not subscribers:
        return False
    active = sorted(
        (s for s in subscribers if s.is_active), key=lambda s: s.confirmed_at, reverse=True
    )
    if active:
        _take_over_preferences(user, active)
    elif any(s.unsubscribed_at is not None and s.confirm_token_hash is None for s in subscribers):
        settings.choose(user.id, enabled=False)
    ids = [s.id for s in subscribers]
    for subscriber in [*active, *(s for s in subscribers if s not in active)]:
        # The member is new, so nothing clashes; should it, the active subscription's row wins.
        db.session.execute(
            sa.update(DigestDelivery)
            .where(
                DigestDelivery.subscriber_id == subscriber.id,
                DigestDelivery.period_key.not_in(
                    sa.select(DigestDelivery.period_key)
                    .where(DigestDelivery.user_id == user.id)
                    .scalar_subquery()
                ),
            )
            .values(subscriber_id=None, user_id=user.id, recipient_key=f"{links.MEMBER}:{user.id}")
            .execution_options(synchronize_session=False)
        )
    db.session.execute(sa.delete(DigestDelivery).where(DigestDelivery.subscriber_id.in_(ids)))
    db.session.execute(
        sa.delete(subscriber_themes).where(subscriber_themes.c.subscriber_id.in_(ids))
    )
    db.session.execute(
        sa.delete(Subscriber)
        .where(Subscriber.id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    for subscriber in subscribers:
        db.session.expunge(subscriber)
    db.session.flush()
    return True


def _take_over_preferences(user: User, active: list[Subscriber]) -> None:
    """The member's digest as the follower had it (`active`: newest confirmation first)."""
    theme_ids = {theme.id for subscriber in active for theme in subscriber.themes}
    chosen = settings.settings_to_change(user.id)
    chosen.enabled = True
    chosen.frequency = active[0].frequency
    # A follower whose themes have all gone has no choice left to keep: the member's default.
    chosen.all_themes = any(s.all_themes for s in active) or not theme_ids
    if not chosen.all_themes:
        followed = set(
            db.session.scalars(
                sa.select(Follow.theme_id).where(
                    Follow.user_id == user.id, Follow.theme_id.in_(theme_ids)
                )
            )
        )
        for theme_id in sorted(theme_ids - followed):
            db.session.add(Follow(user_id=user.id, theme_id=theme_id))
    last = max((s.last_digest_at for s in active if s.last_digest_at is not None), default=None)
    if last is not None and (chosen.last_sent_at is None or last > chosen.last_sent_at):
        chosen.last_sent_at = last


def connect() -> None:
    """Called by digest.init_app for every app; blinker keeps one connection per receiver."""
    account_created.connect(_member_takes_over_subscription)
    theme_merged.connect(_followers_keep_a_merged_theme)


def _member_takes_over_subscription(user: User, **_extra) -> None:
    fold_subscription_into_member(user)


def _followers_keep_a_merged_theme(_actor, *, source_id: int, target_id: int, **_extra) -> None:
    """Followers by e-mail who chose the merged-away theme now follow the theme it became
    (members' follows are moved by the merge itself)."""
    move_theme_links(
        subscriber_themes.c.theme_id, subscriber_themes.c.subscriber_id, source_id, target_id
    )
