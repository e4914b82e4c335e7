"""Who hears about what, and when: fan-out of new posts, and the bundled, quiet delivery.

Two jobs call this module (the lead wires them onto the job queue; `flask notify deliver` runs
them without it):
- after the commit that published a post: `fan_out(post_id, now)`;
- every minute: `deliver_due(now)`, which also fans out posts whose job was lost (the safety net).

The rules for content mail, everywhere:
- at most one direct notification mail per member per ten minutes: whatever comes in between
  waits and goes out together in the next mail (`claim_slots` holds the gap on users.notice_mail_at
  with one conditional UPDATE, so two workers or two requests cannot both send);
- no content mail between 22:00 and 07:00 Amsterdam time: it waits until 07:00;
- the "dagelijks" summary goes once a morning, from 07:00.
Duty alerts (a privacy flag, an access request; community.alerts) never pass through here, so
they are never held.

Services flush, never commit; `now` is injectable so tests can move the clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from community import mail
from community.accounts.models import User
from community.clock import utcnow
from community.database import insert_if_absent
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.follows.models import Delivery, Follow
from community.formatting import AMSTERDAM
from community.notifications.models import Notification, NotificationKind
from community.notify import mails
from community.notify.models import Cadence, MailKind, NoticeItem, PostFanout
from community.posts.models import Post, Reply
from community.posts.queries import is_member
from community.themes.models import post_themes
from community.urls import absolute_post_url

GAP = timedelta(minutes=10)
QUIET_FROM, QUIET_UNTIL = time(22), time(7)
# The safety net looks back this far for posts without a fan-out mark; older posts are news no more.
CATCH_UP = timedelta(days=2)
BATCH = 500  # members per deliver_due round; the caller commits between rounds
# Sent items are kept a week (a retried job must still find them marked sent), then deleted.
KEEP_SENT = timedelta(days=7)

# Of several follows that cover one post (two themes, a theme and the organisation), the one
# that says most wins.
_STRENGTH = {Delivery.DIRECT: 3, Delivery.DAILY: 2, Delivery.SITE: 1}


# Time -------------------------------------------------------------------------------------------


def is_quiet(now: datetime) -> bool:
    """Between 22:00 and 07:00 in Amsterdam: no content mail."""
    if not current_app.config["NOTIFY_QUIET_HOURS"]:
        return False
    local = now.astimezone(AMSTERDAM).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def next_morning(now: datetime) -> datetime:
    """The first 07:00 Amsterdam time after `now` (today's, if it is still before seven)."""
    local = now.astimezone(AMSTERDAM)
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, AMSTERDAM).astimezone(UTC)


def direct_due(now: datetime) -> datetime:
    return next_morning(now) if is_quiet(now) else now


# The ten-minute gap -----------------------------------------------------------------------------


def claim_slots(user_ids: list[int], now: datetime) -> set[int]:
    """Of these members, those who may get a direct mail now; their gap starts now.

    One conditional UPDATE … RETURNING whose rows decide: a member mailed less than ten minutes
    ago is left out, and of two workers claiming the same member only one gets them.
    """
    if not user_ids:
        return set()
    statement = (
        sa.update(User)
        .where(
            User.id.in_(user_ids),
            sa.or_(User.notice_mail_at.is_(None), User.notice_mail_at <= now - GAP),
        )
        .values(notice_mail_at=now)
        .returning(User.id)
        .execution_options(synchronize_session=False)
    )
    return set(db.session.scalars(statement))


def send_or_hold(
    user: User,
    kind: MailKind,
    build: Callable[[], EmailMessage],
    *,
    post: Post,
    reply: Reply | None = None,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> str:
    """An answer, mention or ask by mail: at once when the member's gap allows and it is day,
    else held (as a NoticeItem) for the next bundled mail. Answers "sent", "held" or "off"."""
    now = now or utcnow()
    if not mails.wants(user, kind):
        return "off"
    if not is_quiet(now) and claim_slots([user.id], now):
        mail.queue(db.session, build())
        return "sent"
    insert_if_absent(
        db.session,
        NoticeItem,
        user_id=user.id,
        kind=kind,
        cadence=Cadence.DIRECT,
        item_key=f"r{reply.id}" if reply is not None else f"p{post.id}",
        post_id=post.id,
        reply_id=reply.id if reply is not None else None,
        actor_id=actor_id,
        created_at=now,
        due_at=direct_due(now),
    )
    return "held"


# Choosing per follow ----------------------------------------------------------------------------


def choose_delivery(user: User, follow_id: int, delivery: Delivery) -> Follow:
    """The member sets how they hear about a theme or organisation they follow (only their own)."""
    follow = db.session.get(Follow, follow_id)
    if follow is None or not is_member(user) or follow.user_id != user.id:
        raise NotAllowed("Dit volg je niet.")
    if follow.post_id is not None:
        raise DomainError("Bij een vraag hoor je altijd van nieuwe antwoorden.", field="delivery")
    follow.delivery = delivery
    db.session.flush()
    return follow


def choose_deliveries(user: User, choices: dict[int, Delivery]) -> int:
    """The settings page: several follows at once; answers how many changed."""
    follows = db.session.scalars(
        sa.select(Follow).where(Follow.user_id == user.id, Follow.id.in_(list(choices)))
    ).all()
    if len(follows) != len(choices):
        raise NotAllowed("Dit volg je niet.")
    changed = 0
    for follow in follows:
        if follow.post_id is None and follow.delivery is not choices[follow.id]:
            follow.delivery = choices[follow.id]
            changed += 1
    db.session.flush()
    return changed


# Fan-out ------------------------------------------------------------------------------------------


def _insert_ignoring_duplicates(model, rows: list[dict]) -> None:
    if not rows:
        return
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(model).on_conflict_do_nothing(), rows)


def _followers_of(post: Post) -> tuple:
    """Conditions on Follow joined to User: the follows of the post's themes and organisation
    by active members other than its author (fan-out and "who was told" count the same people).
    An anonymous question has no organisation, so its organisation's followers are not in it."""
    covers = Follow.theme_id.in_(
        sa.select(post_themes.c.theme_id).where(post_themes.c.post_id == post.id)
    )
    if post.organisation_id is not None:
        covers = sa.or_(covers, Follow.organisation_id == post.organisation_id)
    return (
        covers,
        User.is_active.is_(True),
        User.deleted_at.is_(None),
        User.id != post.author_id if post.author_id is not None else sa.true(),
    )


def fan_out(post_id: int, now: datetime | None = None) -> int:
    """Tell the followers of a new post's themes and organisation, each the way they chose.

    Idempotent: the PostFanout mark goes in first (insert-if-absent); a second call, a retried
    job or the safety net finds it and does nothing. Never the author; never an inactive or
    deleted member; nobody for a hidden or deleted post. An anonymous question names nobody
    (actor None) and reaches no organisation's followers (it has no organisation). A constant
    number of statements, whatever the number of followers. Answers the members told.
    """
    now = now or utcnow()
    if not insert_if_absent(db.session, PostFanout, post_id=post_id, done_at=now):
        return 0
    post = db.session.get(Post, post_id)
    if post is None or post.is_removed:
        return 0
    rows = db.session.execute(
        sa.select(Follow.user_id, Follow.delivery, User.notify_by_email)
        .join(User, User.id == Follow.user_id)
        .where(*_followers_of(post), Follow.delivery.in_(list(_STRENGTH)))
    ).all()
    chosen: dict[int, Delivery] = {}
    by_mail: dict[int, bool] = {}
    for user_id, delivery, notify_by_email in rows:
        if _STRENGTH[delivery] > _STRENGTH.get(chosen.get(user_id), 0):
            chosen[user_id] = delivery
        by_mail[user_id] = notify_by_email
    if not chosen:
        return 0
    actor_id = None if post.is_anonymous else post.author_id
    kind = NotificationKind.NEW_QUESTION if post.is_question else NotificationKind.NEW_PRACTICE
    db.session.execute(
        sa.insert(Notification),
        [
            {
                "user_id": uid,
                "kind": kind,
                "post_id": post.id,
                "actor_id": actor_id,
                "created_at": now,
            }
            for uid in chosen
        ],
    )
    off = {
        Delivery.DIRECT: mails.turned_off(
            [u for u, d in chosen.items() if d is Delivery.DIRECT], MailKind.NEW_POST
        ),
        Delivery.DAILY: mails.turned_off(
            [u for u, d in chosen.items() if d is Delivery.DAILY], MailKind.DAILY
        ),
    }
    items = []
    for user_id, delivery in chosen.items():
        if delivery is Delivery.SITE or not by_mail[user_id] or user_id in off[delivery]:
            continue
        direct = delivery is Delivery.DIRECT
        items.append(
            {
                "user_id": user_id,
                "kind": MailKind.NEW_POST if direct else MailKind.DAILY,
                "cadence": Cadence.DIRECT if direct else Cadence.DAILY,
                "item_key": f"p{post.id}",
                "post_id": post.id,
                "reply_id": None,
                "actor_id": actor_id,
                "created_at": now,
                "due_at": direct_due(now) if direct else next_morning(now),
                "sent_at": None,
            }
        )
    _insert_ignoring_duplicates(NoticeItem, items)
    db.session.flush()
    return len(chosen)


@dataclass
class Told:
    """Who heard of a post, and how: what its author sees on the post's page."""

    fanned_out: bool
    in_site: int = 0  # a notification in the site (everyone told, whatever else they chose)
    mailed: int = 0  # a direct mail already sent
    mail_waiting: int = 0  # a direct mail held: the ten-minute bundle or the night
    daily: int = 0  # in their next daily summary
    newsletter: int = 0  # chose the newsletter only: they read it there

    @property
    def anyone(self) -> bool:
        return bool(self.in_site or self.newsletter)


def who_was_told(post: Post) -> Told:
    """The asker's answer to "did anyone hear of my question?", in four queries whatever the
    number of followers. Counts only: the names of who follows a theme are theirs to keep."""
    if db.session.get(PostFanout, post.id) is None:
        return Told(fanned_out=False)
    kinds = (NotificationKind.NEW_QUESTION, NotificationKind.NEW_PRACTICE)
    told = Told(
        fanned_out=True,
        in_site=db.session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.post_id == post.id, Notification.kind.in_(kinds)
            )
        ),
    )
    rows = db.session.execute(
        sa.select(NoticeItem.cadence, NoticeItem.sent_at.is_(None), sa.func.count())
        .where(NoticeItem.item_key == f"p{post.id}", NoticeItem.post_id == post.id)
        .where(NoticeItem.kind.in_((MailKind.NEW_POST, MailKind.DAILY)))
        .group_by(NoticeItem.cadence, NoticeItem.sent_at.is_(None))
    ).all()
    for cadence, waiting, count in rows:
        if cadence is Cadence.DAILY:
            told.daily += count
        elif waiting:
            told.mail_waiting += count
        else:
            told.mailed += count
    told.newsletter = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Follow.user_id)))
        .join(User, User.id == Follow.user_id)
        .where(
            *_followers_of(post),
            Follow.delivery == Delivery.DIGEST,
            # Someone who also follows another of its themes in a stronger way was told above.
            Follow.user_id.not_in(
                sa.select(Notification.user_id).where(
                    Notification.post_id == post.id, Notification.kind.in_(kinds)
                )
            ),
        )
    )
    return told


def unfanned_posts(now: datetime, limit: int = 100) -> list[int]:
    """Recent posts without a fan-out mark: their after-commit job never ran."""
    return list(
        db.session.scalars(
            sa.select(Post.id)
            .outerjoin(PostFanout, PostFanout.post_id == Post.id)
            .where(
                PostFanout.post_id.is_(None),
                Post.created_at >= now - CATCH_UP,
                Post.created_at <= now,
            )
            .order_by(Post.id)
            .limit(limit)
        )
    )


# Delivery -----------------------------------------------------------------------------------------


@dataclass
class Delivered:
    fanned_out: int = 0
    direct: int = 0
    daily: int = 0

    @property
    def mails(self) -> int:
        return self.direct + self.daily


def deliver_due(now: datetime | None = None, *, limit: int = BATCH) -> Delivered:
    """Queue the mails that are due now (sent after the caller's commit).

    Direct items of members whose ten-minute gap is over go out bundled, one mail per member;
    "dagelijks" items go out as one summary from 07:00. Nothing of this between 22:00 and 07:00.
    At most `limit` members per kind per call: the caller commits and calls again while mails
    came out (`flask notify deliver` does).
    """
    now = now or utcnow()
    result = Delivered()
    db.session.execute(
        sa.delete(NoticeItem)
        .where(NoticeItem.sent_at < now - KEEP_SENT)
        .execution_options(synchronize_session=False)
    )
    for post_id in unfanned_posts(now):
        fan_out(post_id, now)
        result.fanned_out += 1
    if is_quiet(now):
        return result
    due = sa.select(NoticeItem.user_id).where(
        NoticeItem.sent_at.is_(None), NoticeItem.due_at <= now
    )
    direct_users = list(
        db.session.scalars(
            due.where(NoticeItem.cadence == Cadence.DIRECT)
            .where(
                NoticeItem.user_id.in_(
                    sa.select(User.id).where(
                        sa.or_(User.notice_mail_at.is_(None), User.notice_mail_at <= now - GAP)
                    )
                )
            )
            .distinct()
            .order_by(NoticeItem.user_id)
            .limit(limit)
        )
    )
    claimed = claim_slots(direct_users, now)
    result.direct = _send(claimed, Cadence.DIRECT, now)
    daily_users = list(
        db.session.scalars(
            due.where(NoticeItem.cadence == Cadence.DAILY)
            .distinct()
            .order_by(NoticeItem.user_id)
            .limit(limit)
        )
    )
    result.daily = _send(set(daily_users), Cadence.DAILY, now)
    return result


def _send(user_ids: set[int], cadence: Cadence, now: datetime) -> int:
    """One mail per member with all their unsent items of this cadence; marks them sent."""
    if not user_ids:
        return 0
    items = db.session.scalars(
        sa.select(NoticeItem)
        .where(
            NoticeItem.user_id.in_(user_ids),
            NoticeItem.cadence == cadence,
            NoticeItem.sent_at.is_(None),
            NoticeItem.due_at <= now,
        )
        .options(
            selectinload(NoticeItem.post).selectinload(Post.themes),
            selectinload(NoticeItem.reply),
            selectinload(NoticeItem.actor),
        )
        .order_by(NoticeItem.user_id, NoticeItem.created_at, NoticeItem.id)
    ).all()
    # Mark them sent, and mail only what this call marked: of two workers on the same items
    # (PostgreSQL re-checks `sent_at IS NULL` after the first one's commit), one mails them.
    claimed = set(
        db.session.scalars(
            sa.update(NoticeItem)
            .where(NoticeItem.id.in_([item.id for item in items]), NoticeItem.sent_at.is_(None))
            .values(sent_at=now)
            .returning(NoticeItem.id)
            .execution_options(synchronize_session=False)
        )
    )
    items = [item for item in items if item.id in claimed]
    users = {
        user.id: user
        for user in db.session.scalars(
            sa.select(User).where(
                User.id.in_(user_ids),
                User.is_active.is_(True),
                User.deleted_at.is_(None),
                User.notify_by_email.is_(True),
            )
        )
    }
    per_user: dict[int, list[NoticeItem]] = defaultdict(list)
    for item in items:
        if item.user_id in users and _still_readable(item):
            per_user[item.user_id].append(item)
    off_by_kind: dict[MailKind, set[int]] = {}
    for kind in {item.kind for item in items}:
        off_by_kind[kind] = mails.turned_off(per_user, kind)
    sent = 0
    for user_id, user_items in per_user.items():
        user_items = [i for i in user_items if user_id not in off_by_kind[i.kind]]
        if user_items:
            mail.queue(db.session, _message(users[user_id], user_items, cadence))
            sent += 1
    db.session.flush()
    return sent


def _still_readable(item: NoticeItem) -> bool:
    """A post or reply hidden or deleted since it was held is not mailed after all."""
    if item.post is None or item.post.is_removed:
        return False
    return item.reply is None or not item.reply.is_removed


# The mail ----------------------------------------------------------------------------------------

ANONYMOUS = "Een lid van de Community"


@dataclass
class Line:
    """One item in a notification mail, ready for the template."""

    headline: str
    title: str
    link: str


def _line(item: NoticeItem) -> Line:
    post = item.post
    who = item.actor.name if item.actor is not None and not item.actor.is_former_member else None
    if item.kind in (MailKind.NEW_POST, MailKind.DAILY):
        themes = ", ".join(theme.name for theme in post.themes)
        what = "Nieuwe vraag" if post.is_question else "Nieuw goed voorbeeld"
        headline = f"{what} in {themes}" if themes else what
        if who and not post.is_anonymous:
            headline += f", van {who}"
    elif item.kind is MailKind.NEW_ANSWER:
        noun = "antwoord op de vraag" if post.is_question else "reactie op het goede voorbeeld"
        headline = f"{who}: nieuw {noun}" if who else f"Nieuw {noun}"
    elif item.kind is MailKind.MENTION:
        headline = f"{who or ANONYMOUS} noemde je"
    elif item.kind is MailKind.COLLEAGUE_ASKED:
        headline = f"{who or ANONYMOUS} vraagt of jij kunt helpen bij"
    else:
        headline = "Nieuws over"
    return Line(headline=headline, title=post.title, link=absolute_post_url(post, item.reply))


def _message(user: User, items: list[NoticeItem], cadence: Cadence) -> EmailMessage:
    lines = [_line(item) for item in items]
    kinds = {item.kind for item in items}
    # The one-click off turns off the kind of this mail; a bundle of kinds turns off its first.
    kind = MailKind.DAILY if cadence is Cadence.DAILY else items[0].kind
    if cadence is Cadence.DAILY:
        subject = f"Je dagelijkse samenvatting: {len(lines)} nieuw in wat je volgt"
    elif len(lines) == 1:
        subject = f"{lines[0].headline}: {lines[0].title}"
    elif kinds == {MailKind.NEW_POST}:
        subject = f"{len(lines)} nieuwe berichten in wat je volgt"
    else:
        subject = f"{len(lines)} nieuwe meldingen voor je"
    return mails.build(
        user,
        kind,
        subject,
        "notice",
        lines=lines,
        daily=cadence is Cadence.DAILY,
        kind_labels=[k.label for k in sorted(kinds, key=lambda k: list(MailKind).index(k))],
    )
