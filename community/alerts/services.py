"""Alerts without HTTP: tell whoever must act, count what waits for them, remind once after 48 h.

- A flag notifies every moderator in the site; a privacy flag (a child may be recognisable) also
  mails every moderator at once, whatever their mail setting: it cannot wait for a visit.
- An access request notifies and mails that organisation's ambassadors and the moderators: the
  people `access_requests.may_decide` lets decide.
- The inviter hears (site, and mail unless turned off) when a colleague accepts.
- `remind(now)` (cron: `flask alerts remind`) mails each decider once about what has waited over
  48 hours, one mail per person listing everything, and marks those items reminded.

Duty alerts (flags, access requests, reminders) ignore `notify_by_email`: that setting is about
news on what you follow, and these are the work of the role. Mail leaves after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from community import mail
from community.accounts.models import Role, User
from community.clock import utcnow
from community.extensions import db
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation
from community.invites.queries import open_requests_for
from community.moderation.models import Flag, FlagReason
from community.notifications.models import Notification, NotificationKind
from community.notify import mails as notify_mails
from community.notify.models import MailKind
from community.posts.models import Post, Reply
from community.urls import absolute_url

WAITING_TOO_LONG = timedelta(hours=48)
MODERATOR_ROLES = (Role.MODERATOR, Role.ADMIN)
DECIDER_ROLES = (Role.AMBASSADOR, Role.MODERATOR, Role.ADMIN)


def _active(query: sa.Select) -> sa.Select:
    return query.where(User.is_active.is_(True), User.deleted_at.is_(None)).order_by(User.id)


def moderators() -> list[User]:
    return list(db.session.scalars(_active(sa.select(User).where(User.role.in_(MODERATOR_ROLES)))))


def deciders(organisation_id: int | None) -> list[User]:
    """Who may decide on an access request for this organisation (see may_decide)."""
    may = User.role.in_(MODERATOR_ROLES)
    if organisation_id is not None:
        may = sa.or_(
            may, sa.and_(User.role.in_(DECIDER_ROLES), User.organisation_id == organisation_id)
        )
    return list(db.session.scalars(_active(sa.select(User).where(may))))


# Telling at once ------------------------------------------------------------------------------


def flag_raised(flag: Flag, post: Post) -> None:
    """A member reported a post or reply: every moderator sees it; privacy also by mail."""
    now = flag.created_at or utcnow()
    recipients = [user for user in moderators() if user.id != flag.reporter_id]
    db.session.add_all(
        Notification(
            user_id=user.id,
            kind=NotificationKind.FLAG_RAISED,
            post_id=post.id,
            reply_id=flag.reply_id,
            created_at=now,
        )
        for user in recipients
    )
    db.session.flush()
    if flag.reason is not FlagReason.PRIVACY:
        return
    link = absolute_url("moderation.queue")
    for moderator in recipients:
        mail.queue(
            db.session,
            mail.build_message(
                moderator.email,
                f"Privacymelding: {post.title}",
                "alert_privacy_flag",
                moderator=moderator,
                post=post,
                explanation=flag.explanation,
                link=link,
            ),
        )


def access_requested(access_request: AccessRequest) -> None:
    """Someone asks to join: whoever may decide hears it in the site and by mail."""
    recipients = deciders(access_request.organisation_id)
    db.session.add_all(
        Notification(
            user_id=user.id,
            kind=NotificationKind.ACCESS_REQUESTED,
            access_request_id=access_request.id,
            created_at=access_request.created_at,
        )
        for user in recipients
    )
    db.session.flush()
    label = _organisation_label(access_request)
    link = absolute_url("invites.requests")
    off = notify_mails.turned_off([user.id for user in recipients], MailKind.ACCESS_REQUESTED)
    for user in recipients:
        if user.id in off:
            continue  # the in-site alert and the menu count still tell them
        mail.queue(
            db.session,
            notify_mails.build(
                user,
                MailKind.ACCESS_REQUESTED,
                f"{access_request.name} vraagt toegang tot de Community",
                "alert_access_request",
                access_request=access_request,
                organisation_label=label,
                link=link,
            ),
        )


def _organisation_label(access_request: AccessRequest) -> str:
    if access_request.organisation is not None:
        return access_request.organisation.name
    return access_request.organisation_name


def colleague_joined(invitation: Invitation, member: User) -> None:
    """The inviter hears that their invitation was accepted."""
    inviter = db.session.get(User, invitation.inviter_id) if invitation.inviter_id else None
    if inviter is None or not inviter.is_active or inviter.is_former_member:
        return
    db.session.add(
        Notification(
            user_id=inviter.id,
            kind=NotificationKind.COLLEAGUE_JOINED,
            actor_id=member.id,
            created_at=invitation.accepted_at or utcnow(),
        )
    )
    db.session.flush()
    # Once per invitation and about no post: sent at once, never bundled; it can be turned off.
    if notify_mails.wants(inviter, MailKind.COLLEAGUE_JOINED):
        mail.queue(
            db.session,
            notify_mails.build(
                inviter,
                MailKind.COLLEAGUE_JOINED,
                f"{member.name} doet nu mee met de Jeugdhulp Community",
                "alert_colleague_joined",
                member=member,
                link=absolute_url("invites.network"),
                settings_link=absolute_url("notifications.index"),
            ),
        )


# Counts beside the menu items -----------------------------------------------------------------


def open_flag_count() -> int:
    """Open reports in the moderation queue (one COUNT)."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Flag).where(Flag.resolved_at.is_(None))
    )


def open_access_request_count(actor: User) -> int:
    """Open access requests `actor` may decide on (one COUNT)."""
    query = open_requests_for(actor).order_by(None).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(query))


# One reminder after 48 hours ------------------------------------------------------------------


@dataclass
class Reminder:
    recipient: User
    access_requests: list[AccessRequest] = field(default_factory=list)
    flag_titles: list[str] = field(default_factory=list)


def remind(now: datetime | None = None) -> int:
    """Mail each decider once about items waiting over 48 hours; returns the mails queued."""
    now = now or utcnow()
    cutoff = now - WAITING_TOO_LONG
    requests = list(
        db.session.scalars(
            sa.select(AccessRequest)
            .where(
                AccessRequest.status == AccessRequestStatus.OPEN,
                AccessRequest.created_at <= cutoff,
                AccessRequest.reminded_at.is_(None),
            )
            .order_by(AccessRequest.created_at, AccessRequest.id)
        )
    )
    flags = list(
        db.session.scalars(
            sa.select(Flag)
            .where(
                Flag.resolved_at.is_(None), Flag.created_at <= cutoff, Flag.reminded_at.is_(None)
            )
            .order_by(Flag.created_at, Flag.id)
            .options(selectinload(Flag.post), selectinload(Flag.reply).selectinload(Reply.post))
        )
    )
    if not requests and not flags:
        return 0
    flag_titles = list(dict.fromkeys((f.post or f.reply.post).title for f in flags))
    reminders: dict[int, Reminder] = {}
    if flags:
        for moderator in moderators():
            reminders[moderator.id] = Reminder(moderator, flag_titles=flag_titles)
    for access_request in requests:
        for user in deciders(access_request.organisation_id):
            reminders.setdefault(user.id, Reminder(user)).access_requests.append(access_request)
    requests_link = absolute_url("invites.requests")
    moderation_link = absolute_url("moderation.queue")
    off = notify_mails.turned_off(list(reminders), MailKind.REMINDER)
    for reminder in reminders.values():
        if reminder.recipient.id in off:
            continue
        mail.queue(
            db.session,
            notify_mails.build(
                reminder.recipient,
                MailKind.REMINDER,
                "Herinnering: dit wacht al twee dagen op je",
                "alert_reminder",
                access_requests=reminder.access_requests,
                flags=reminder.flag_titles,
                requests_link=requests_link,
                moderation_link=moderation_link,
            ),
        )
    for item in (*requests, *flags):
        item.reminded_at = now
    db.session.flush()
    return len(reminders)
