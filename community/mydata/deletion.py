"""A member deletes their account: every piece of personal data goes, the conversation stays.

The user row itself stays, anonymised and deactivated, because two things point at it and should
keep working: the posts and replies the member chose to leave (shown as "voormalig lid"), and the
invitation tree (invited_by: who joined through whom), which keeps its edges without any name.

Services flush but never commit; the view (or CLI) commits once and logs the member out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from community.accounts import services as accounts
from community.accounts import sessions
from community.accounts.models import PasswordResetToken, Role, User
from community.clock import utcnow
from community.colleagues.models import ColleagueAsk, member_expertise
from community.digest import settings as digest_settings
from community.digest.models import DigestDelivery
from community.errors import DomainError
from community.extensions import db
from community.follows.models import Follow
from community.invites.limits import open_clause
from community.invites.models import AccessRequest, Invitation
from community.notifications.models import Notification
from community.posts.models import PRACTICE_SECTIONS, Post, Reply, Revision, UsefulVote
from community.readiness.models import Response as ReadinessResponse
from community.readiness.models import Round as ReadinessRound
from community.rekentool.models import Scenario

FORMER_MEMBER_NAME = "Voormalig lid"
REMOVED_TITLE = "Verwijderd bericht"
WRONG_PASSWORD = "Dit is niet je wachtwoord. Er is niets verwijderd."


@dataclass(frozen=True)
class DeletionReport:
    posts_kept: int
    replies_kept: int
    posts_removed: int
    replies_removed: int


def placeholder_email(user_id: int) -> str:
    """Unique (as the column must be), and not an address: nothing is mailed or logs in with it."""
    return f"verwijderd-{user_id}"


def confirm_identity(user: User, password: str) -> None:
    """Deleting needs the password typed again: a session left open is not enough."""
    if not accounts.verify_password(user, password or ""):
        raise DomainError(WRONG_PASSWORD, field="password")


def _check_may_delete(actor: User) -> None:
    if actor.is_former_member:
        raise DomainError("Dit account is al verwijderd.")
    if actor.role is Role.ADMIN:
        others = db.session.scalar(
            sa.select(sa.func.count(User.id)).where(
                User.role == Role.ADMIN, User.is_active.is_(True), User.id != actor.id
            )
        )
        if not others:
            raise DomainError(
                "Je bent de enige beheerder. Maak eerst iemand anders beheerder; daarna kun je "
                "je account verwijderen."
            )


def _blank_post(post: Post, actor_id: int, now: datetime) -> None:
    if post.deleted_at is None:
        post.deleted_at, post.deleted_by_id = now, actor_id
    post.title, post.slug = REMOVED_TITLE, "verwijderd"
    post.body = post.body_html = post.summary = ""
    for name in PRACTICE_SECTIONS:
        setattr(post, name, "")
    post.sections_html = {}
    post.grounding_url = post.grounding_text = ""


def _remove_content(actor_id: int, remove_all: bool, now: datetime) -> DeletionReport:
    """Blank what goes (all of it, or only what the member had deleted before); count the rest.

    Posts and replies are changed as ORM objects, not with bulk UPDATEs, so every hook that
    follows changes to posts (such as a search index) sees them.
    """
    posts = db.session.scalars(
        sa.select(Post).where(Post.author_id == actor_id).execution_options(populate_existing=True)
    ).all()
    replies = db.session.scalars(
        sa.select(Reply)
        .where(Reply.author_id == actor_id)
        .execution_options(populate_existing=True)
    ).all()
    gone_posts = [p for p in posts if remove_all or p.deleted_at is not None]
    gone_replies = [r for r in replies if remove_all or r.deleted_at is not None]

    # Replies that still counted (neither deleted nor hidden) come off their question's count.
    counted = Counter(
        r.post_id for r in gone_replies if r.deleted_at is None and r.hidden_at is None
    )
    gone_ids = {r.id for r in gone_replies}
    parents = db.session.scalars(
        sa.select(Post).where(Post.id.in_({r.post_id for r in gone_replies}))
    ).all()
    for post in parents:
        if counted[post.id]:
            n = counted[post.id]
            post.reply_count = sa.case((Post.reply_count > n, Post.reply_count - n), else_=0)
        if post.accepted_reply_id in gone_ids:
            post.accepted_reply_id = None
    for reply in gone_replies:
        if reply.deleted_at is None:
            reply.deleted_at, reply.deleted_by_id = now, actor_id
        reply.body = reply.body_html = ""
    for post in gone_posts:
        _blank_post(post, actor_id, now)
    db.session.flush()

    # The earlier versions of what was blanked go too.
    revision_targets = []
    if gone_posts:
        revision_targets.append(Revision.post_id.in_([p.id for p in gone_posts]))
    if gone_ids:
        revision_targets.append(Revision.reply_id.in_(gone_ids))
    if revision_targets:
        db.session.execute(sa.delete(Revision).where(sa.or_(*revision_targets)))
    return DeletionReport(
        posts_kept=len(posts) - len(gone_posts),
        replies_kept=len(replies) - len(gone_replies),
        posts_removed=len(gone_posts),
        replies_removed=len(gone_replies),
    )


def _take_back_votes(user_id: int) -> None:
    """Their "nuttig" votes go, and every count they were part of drops by one."""
    voted = sa.select(UsefulVote.reply_id).where(UsefulVote.user_id == user_id)
    db.session.execute(
        sa.update(Reply)
        .where(Reply.id.in_(voted))
        .values(useful_count=sa.case((Reply.useful_count > 0, Reply.useful_count - 1), else_=0))
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(sa.delete(UsefulVote).where(UsefulVote.user_id == user_id))


def _forget_tools(user_id: int) -> None:
    """Saved rekentool scenarios, and the team rounds they started with every answer in them."""
    rounds = sa.select(ReadinessRound.id).where(ReadinessRound.owner_id == user_id)
    for statement in (
        sa.delete(ReadinessResponse).where(ReadinessResponse.round_id.in_(rounds)),
        sa.delete(ReadinessRound).where(ReadinessRound.owner_id == user_id),
        sa.delete(Scenario).where(Scenario.user_id == user_id),
        # Expertise themes, and who they asked or were asked by ("vraag een collega").
        sa.delete(member_expertise).where(member_expertise.c.user_id == user_id),
        sa.delete(ColleagueAsk).where(
            sa.or_(ColleagueAsk.asker_id == user_id, ColleagueAsk.colleague_id == user_id)
        ),
    ):
        db.session.execute(statement.execution_options(synchronize_session="fetch"))


def _forget_invitations(user: User, email: str, now: datetime) -> None:
    # Open invitations they sent can no longer be used (the purge deletes them later).
    db.session.execute(
        sa.update(Invitation)
        .where(Invitation.inviter_id == user.id, open_clause(now))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    )
    # The invitation they accepted stays as the tree's record, without their address or message.
    db.session.execute(
        sa.update(Invitation)
        .where(Invitation.accepted_user_id == user.id)
        .values(email=placeholder_email(user.id), message="")
        .execution_options(synchronize_session="fetch")
    )
    # Any other invitation to their address, and their access requests, go entirely.
    db.session.execute(
        sa.delete(Invitation)
        .where(Invitation.email == email, Invitation.accepted_at.is_(None))
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(
        sa.delete(AccessRequest)
        .where(AccessRequest.email == email)
        .execution_options(synchronize_session="fetch")
    )


def _anonymise(user: User, now: datetime) -> None:
    user.email = placeholder_email(user.id)
    user.name = FORMER_MEMBER_NAME
    user.password_hash = ""
    user.job_title = user.bio = ""
    user.organisation = None
    user.role = Role.PROFESSIONAL
    user.is_active = False
    sessions.end_all_sessions(user)  # every session and remember cookie stops working
    user.notify_by_email = False
    digest_settings.forget(user.id)
    user.last_seen_at = None
    user.deleted_at = now
    # Kept: id, created_at and invited_by_id, the invitation tree's edge without personal data.


def delete_member_account(
    actor: User, *, remove_content: bool, now: datetime | None = None
) -> DeletionReport:
    """The member deletes their own account; `remove_content` takes their posts and replies too.

    The caller has confirmed it is them (confirm_identity) and logs them out after the commit.
    """
    now = now or utcnow()
    _check_may_delete(actor)
    uid, email = actor.id, actor.email
    _take_back_votes(uid)
    for model in (Follow, Notification, DigestDelivery, PasswordResetToken):
        db.session.execute(
            sa.delete(model)
            .where(model.user_id == uid)
            .execution_options(synchronize_session="fetch")
        )
    _forget_invitations(actor, email, now)
    _forget_tools(uid)
    db.session.execute(
        sa.update(Post)
        .where(Post.contact_id == uid)
        .values(contact_id=None)
        .execution_options(synchronize_session="fetch")
    )
    report = _remove_content(uid, remove_content, now)
    _anonymise(actor, now)
    db.session.flush()
    return report
