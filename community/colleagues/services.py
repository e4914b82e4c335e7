"""Expertise, the directory, profiles' activity and "vraag een collega", without HTTP.

Rules of asking (why): a question reaches the colleague who knows, but nobody becomes a target.
So a member asks at most ASKS_PER_QUESTION colleagues per question and ASKS_PER_DAY in 24
hours, never themselves, never someone who switched asking off, left or was deactivated, and a
colleague is asked once per question. When the anonymous asker of a question asks, nobody is told
who asked unless they choose to ask in their own name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from community import privacy
from community.accounts.models import User
from community.clock import utcnow
from community.colleagues.models import ColleagueAsk, member_expertise
from community.digest import settings as digest_settings
from community.digest.models import Frequency
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.notifications import services as notifications
from community.notifications.models import NotificationKind
from community.notify import mails as notify_mails
from community.notify import services as notify_services
from community.notify.models import MailKind
from community.organisations.models import Organisation
from community.posts.models import Post, PostKind, Reply
from community.posts.queries import can_view, is_member, listable_criteria
from community.themes.merging import move_theme_links
from community.themes.models import Theme
from community.urls import absolute_post_url, absolute_url

ASKS_PER_QUESTION = 5
ASKS_PER_DAY = 20
NOTE_MAX = 500
ANONYMOUS_ASKER = "Een lid van de Community"


# Expertise ------------------------------------------------------------------------------------


def all_themes() -> list[Theme]:
    return list(db.session.scalars(sa.select(Theme).order_by(Theme.position, Theme.name)))


def set_expertise(user: User, theme_ids: Iterable[int]) -> list[Theme]:
    """Replace the member's expertise themes by `theme_ids` (unknown ids are ignored)."""
    wanted = set(theme_ids)
    themes = (
        list(db.session.scalars(sa.select(Theme).where(Theme.id.in_(wanted)))) if wanted else []
    )
    db.session.execute(sa.delete(member_expertise).where(member_expertise.c.user_id == user.id))
    if themes:
        db.session.execute(
            sa.insert(member_expertise),
            [{"user_id": user.id, "theme_id": theme.id} for theme in themes],
        )
    db.session.flush()
    db.session.expire(user, ["expertise"])
    return themes


def keep_expertise_of_merged(_actor, *, source_id: int, target_id: int, **_extra) -> None:
    """On theme_merged: members who knew about the merged-away theme know about the one it
    became, so the directory and "vraag een collega" still find them."""
    move_theme_links(member_expertise.c.theme_id, member_expertise.c.user_id, source_id, target_id)


def expertise_ids(user: User) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(member_expertise.c.theme_id).where(member_expertise.c.user_id == user.id)
        )
    )


def finish_welcome(user: User, theme_ids: Iterable[int] | None, *, daily_summary: bool) -> None:
    """The first-login step was saved (theme_ids) or skipped (None): it is not shown again.

    Ambassadors may turn on the daily summary of the newsletter there (digest, dagelijks).
    """
    if theme_ids is not None:
        set_expertise(user, theme_ids)
        if daily_summary and user.is_ambassador:
            digest_settings.choose(user.id, enabled=True, frequency=Frequency.DAILY)
    user.welcome_pending = False
    db.session.flush()


# Who can be found -----------------------------------------------------------------------------


def _findable() -> list[sa.ColumnElement[bool]]:
    """Members others can find: active accounts that were not deleted."""
    return [User.is_active.is_(True), User.deleted_at.is_(None)]


def directory(
    *, theme: Theme | None = None, organisation: Organisation | None = None, region: str = ""
) -> sa.Select:
    """Members for "Wie weet wat", by name; expertise and organisation loaded up front."""
    stmt = (
        sa.select(User)
        .where(*_findable())
        .options(selectinload(User.expertise))
        .order_by(sa.func.lower(User.name), User.id)
    )
    if theme is not None:
        stmt = stmt.where(
            User.id.in_(
                sa.select(member_expertise.c.user_id).where(member_expertise.c.theme_id == theme.id)
            )
        )
    if organisation is not None:
        stmt = stmt.where(User.organisation_id == organisation.id)
    if region:
        stmt = stmt.where(
            User.organisation_id.in_(
                sa.select(Organisation.id).where(Organisation.region == region)
            )
        )
    return stmt


def regions() -> list[str]:
    """The regions of organisations that have findable members."""
    return list(
        db.session.scalars(
            sa.select(Organisation.region)
            .join(User, User.organisation_id == Organisation.id)
            .where(Organisation.region != "", *_findable())
            .distinct()
            .order_by(Organisation.region)
        )
    )


def organisations_with_members() -> list[Organisation]:
    return list(
        db.session.scalars(
            sa.select(Organisation)
            .where(
                Organisation.id.in_(
                    sa.select(User.organisation_id).where(
                        User.organisation_id.is_not(None), *_findable()
                    )
                )
            )
            .order_by(Organisation.name)
        )
    )


# Profiles -------------------------------------------------------------------------------------

RECENT = 5


@dataclass
class Activity:
    questions: list[Post]
    question_count: int
    answers: list[Reply]
    answer_count: int
    accepted_count: int
    practices: list[Post]
    practice_count: int
    invited: list[User]
    invited_count: int


def _own_questions(viewer: Any, member: User) -> sa.Select:
    """The member's questions the viewer may see, never the anonymous ones (not even on their own
    profile: a profile is what others see)."""
    return sa.select(Post).where(
        Post.author_id == member.id,
        Post.kind == PostKind.QUESTION,
        Post.is_anonymous.is_(False),
        *listable_criteria(viewer),
    )


def _own_practices(viewer: Any, member: User) -> sa.Select:
    return sa.select(Post).where(
        Post.author_id == member.id,
        Post.kind == PostKind.PRACTICE,
        Post.is_anonymous.is_(False),
        *listable_criteria(viewer),
    )


def _own_answers(viewer: Any, member: User) -> sa.Select:
    """Answers to questions the viewer may see; an anonymous asker's answers under their own
    question stay off their profile (they would tell who asked)."""
    return (
        sa.select(Reply)
        .join(Post, Post.id == Reply.post_id)
        .where(
            Reply.author_id == member.id,
            Reply.deleted_at.is_(None),
            Reply.hidden_at.is_(None),
            Post.kind == PostKind.QUESTION,
            sa.not_(sa.and_(Post.is_anonymous.is_(True), Post.author_id == member.id)),
            *listable_criteria(viewer),
        )
    )


def _count(stmt: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0


def _newest(stmt: sa.Select, column) -> sa.Select:
    return stmt.order_by(column.desc()).limit(RECENT)


def activity(viewer: Any, member: User) -> Activity:
    """What the member did, in a fixed number of queries whatever they did."""
    questions, practices, answers = (
        _own_questions(viewer, member),
        _own_practices(viewer, member),
        _own_answers(viewer, member),
    )
    invited = sa.select(User).where(User.invited_by_id == member.id, *_findable())
    accepted = answers.where(Post.accepted_reply_id == Reply.id)
    return Activity(
        questions=list(db.session.scalars(_newest(questions, Post.created_at))),
        question_count=_count(questions),
        answers=list(
            db.session.scalars(
                _newest(answers, Reply.created_at).options(joinedload(Reply.post))
            ).unique()
        ),
        answer_count=_count(answers),
        accepted_count=_count(accepted),
        practices=list(db.session.scalars(_newest(practices, Post.created_at))),
        practice_count=_count(practices),
        invited=list(db.session.scalars(_newest(invited, User.created_at))),
        invited_count=_count(invited),
    )


def load_member(user_id: int) -> User | None:
    return db.session.scalar(
        sa.select(User).where(User.id == user_id).options(selectinload(User.expertise))
    )


# Vraag een collega ----------------------------------------------------------------------------


def is_open(post: Post) -> bool:
    """A question still waiting for its answer: not accepted, not deleted or hidden."""
    return post.is_question and not post.is_answered and not post.is_removed


def may_ask(viewer: Any, post: Post) -> bool:
    return is_member(viewer) and is_open(post) and can_view(viewer, post)


def asked_on(post: Post) -> list[User]:
    """The colleagues asked to answer `post` ("gevraagd aan …"), in the order they were asked."""
    return list(
        db.session.scalars(
            sa.select(User)
            .join(ColleagueAsk, ColleagueAsk.colleague_id == User.id)
            .where(ColleagueAsk.post_id == post.id, User.deleted_at.is_(None))
            .order_by(ColleagueAsk.created_at, ColleagueAsk.id)
        )
    )


def asked_by(asker: User, post: Post) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(ColleagueAsk)
            .where(ColleagueAsk.post_id == post.id, ColleagueAsk.asker_id == asker.id)
        )
        or 0
    )


def asked_today(asker: User, now: datetime | None = None) -> int:
    """Asks by `asker` in the last 24 hours (a rolling day: no burst at midnight)."""
    since = (now or utcnow()) - timedelta(days=1)
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(ColleagueAsk)
            .where(ColleagueAsk.asker_id == asker.id, ColleagueAsk.created_at > since)
        )
        or 0
    )


def left_to_ask(asker: User, post: Post, now: datetime | None = None) -> int:
    return max(
        0, min(ASKS_PER_QUESTION - asked_by(asker, post), ASKS_PER_DAY - asked_today(asker, now))
    )


def candidates(
    asker: User,
    post: Post,
    *,
    query: str = "",
    theme: Theme | None = None,
    limit: int = 20,
    only: Iterable[int] | None = None,
) -> list[User]:
    """Colleagues `asker` may ask about `post`, by name, organisation or expertise theme.

    Leaves out the asker, whoever switched asking off, deleted or deactivated accounts, and
    colleagues already asked about this question. The anonymous asker of the question is not
    left out: leaving them out would tell who asked.
    """
    already = sa.select(ColleagueAsk.colleague_id).where(ColleagueAsk.post_id == post.id)
    stmt = (
        sa.select(User)
        .where(
            *_findable(),
            User.accepts_asks.is_(True),
            User.id != asker.id,
            User.id.not_in(already),
        )
        .options(selectinload(User.expertise))
        .order_by(sa.func.lower(User.name), User.id)
        .limit(limit)
    )
    if not post.is_anonymous and post.author_id is not None:
        stmt = stmt.where(User.id != post.author_id)
    if only is not None:
        stmt = stmt.where(User.id.in_(list(only)))
    query = " ".join((query or "").split())[:100]
    if query:
        pattern = f"%{_escape_like(query.lower())}%"
        stmt = stmt.outerjoin(Organisation, Organisation.id == User.organisation_id).where(
            sa.or_(
                sa.func.lower(User.name).like(pattern, escape="\\"),
                sa.func.lower(Organisation.name).like(pattern, escape="\\"),
                User.id.in_(
                    sa.select(member_expertise.c.user_id)
                    .join(Theme, Theme.id == member_expertise.c.theme_id)
                    .where(sa.func.lower(Theme.name).like(pattern, escape="\\"))
                ),
            )
        )
    if theme is not None:
        stmt = stmt.where(
            User.id.in_(
                sa.select(member_expertise.c.user_id).where(member_expertise.c.theme_id == theme.id)
            )
        )
    return list(db.session.scalars(stmt))


def askable(asker: User, post: Post, ids: Iterable[int]) -> list[User]:
    """Those of `ids` that `asker` may still ask about `post` (the candidates rule, by id)."""
    ids = list(ids)
    if not ids:
        return []
    return candidates(asker, post, limit=len(ids), only=ids)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def ask(
    asker: User,
    post: Post,
    colleague_ids: Sequence[int],
    *,
    note: str = "",
    in_own_name: bool = True,
    privacy_confirmed: bool = False,
    now: datetime | None = None,
) -> list[ColleagueAsk]:
    """`asker` asks colleagues to answer `post`: a notification and a mail for each."""
    now = now or utcnow()
    if not is_member(asker):
        raise NotAllowed("Log in om een collega te vragen.")
    if not can_view(asker, post) or not post.is_question or post.is_removed:
        raise NotAllowed("Bij dit bericht kun je geen collega vragen.")
    if post.is_answered:
        raise DomainError("Deze vraag heeft al een geaccepteerd antwoord.")
    ids = list(dict.fromkeys(int(i) for i in colleague_ids))
    if not ids:
        raise DomainError("Kies eerst een collega om te vragen.", field="colleagues")
    if asker.id in ids:
        raise DomainError("Jezelf vragen kan niet; kies een collega.", field="colleagues")
    # Two asks by one member at once (two tabs) must not both pass the limits: on PostgreSQL the
    # asker's row is locked until the commit; SQLite serialises writers by itself.
    db.session.execute(sa.select(User.id).where(User.id == asker.id).with_for_update())
    already_asked = asked_by(asker, post)
    if already_asked + len(ids) > ASKS_PER_QUESTION:
        left = ASKS_PER_QUESTION - already_asked
        raise DomainError(
            f"Je kunt per vraag hoogstens {ASKS_PER_QUESTION} collega's vragen. "
            + (
                f"Je kunt er nog {left} kiezen."
                if left > 0
                else "Je hebt er al vijf gevraagd; geef ze even de tijd."
            ),
            field="colleagues",
        )
    today = asked_today(asker, now)
    if today + len(ids) > ASKS_PER_DAY:
        raise DomainError(
            f"Je kunt hoogstens {ASKS_PER_DAY} collega's per dag vragen. Probeer het morgen "
            "weer; zo blijft een vraag van jou iets bijzonders.",
            field="colleagues",
        )
    note = " ".join((note or "").split()) if note else ""
    if len(note) > NOTE_MAX:
        raise DomainError(f"Je toelichting mag hoogstens {NOTE_MAX} tekens zijn.", field="note")
    privacy.guard({"note": note}, privacy_confirmed, labels={"note": "Toelichting"})

    colleagues = {
        user.id: user
        for user in db.session.scalars(
            sa.select(User).where(User.id.in_(ids), *_findable(), User.accepts_asks.is_(True))
        )
    }
    taken = set(
        db.session.scalars(
            sa.select(ColleagueAsk.colleague_id).where(
                ColleagueAsk.post_id == post.id, ColleagueAsk.colleague_id.in_(ids)
            )
        )
    )
    for colleague_id in ids:
        if colleague_id not in colleagues:
            raise DomainError(
                "Deze collega kun je niet (meer) vragen: misschien zette die het vragen uit.",
                field="colleagues",
            )
        if colleague_id in taken:
            name = colleagues[colleague_id].name
            raise DomainError(f"{name} is al gevraagd bij deze vraag.", field="colleagues")
        if not post.is_anonymous and colleague_id == post.author_id:
            raise DomainError(
                "Dit is de vraagsteller zelf; kies een andere collega.", field="colleagues"
            )

    # Only the anonymous asker of the question can stay unnamed; anyone else asks as themselves.
    anonymous = post.is_anonymous and post.author_id == asker.id and not in_own_name
    rows = []
    try:
        with db.session.begin_nested():
            for colleague_id in ids:
                row = ColleagueAsk(
                    post_id=post.id,
                    asker_id=asker.id,
                    colleague_id=colleague_id,
                    note=note,
                    in_own_name=not anonymous,
                    created_at=now,
                )
                db.session.add(row)
                rows.append(row)
            db.session.flush()
    except sa.exc.IntegrityError:
        # Someone asked the same colleague a moment ago (the unique index decides).
        raise DomainError(
            "Een van deze collega's is net al gevraagd bij deze vraag. Kijk de lijst nog eens na.",
            field="colleagues",
        ) from None
    recipients = [colleagues[i] for i in ids]
    notifications.notify(
        recipients,
        NotificationKind.COLLEAGUE_ASKED,
        post=post,
        actor=None if anonymous else asker,
        now=now,
    )
    for colleague in recipients:
        # At once, or bundled into the next mail when the colleague just had one (or it is night).
        notify_services.send_or_hold(
            colleague,
            MailKind.COLLEAGUE_ASKED,
            partial(_ask_mail, colleague, asker, post, note, anonymous=anonymous),
            post=post,
            actor_id=None if anonymous else asker.id,
            now=now,
        )
    return rows


def _ask_mail(colleague: User, asker: User, post: Post, note: str, *, anonymous: bool):
    who = ANONYMOUS_ASKER if anonymous else asker.name
    organisation = None if anonymous or asker.organisation is None else asker.organisation.name
    headers = {}
    if not anonymous:
        # A reply reaches the colleague who asked, not a no-reply box.
        headers["Reply-To"] = formataddr((asker.name, asker.email))
    return notify_mails.build(
        colleague,
        MailKind.COLLEAGUE_ASKED,
        f"{who} vraagt of jij kunt helpen: {post.title}",
        "colleague_asked",
        headers=headers,
        who=who,
        organisation=organisation,
        post=post,
        note=note,
        link=absolute_post_url(post),
        settings_link=absolute_url("accounts.settings"),
    )


def colleague_answered(reply: Reply, post: Post) -> None:
    """An asked colleague answered: whoever asked them hears it, once."""
    if reply.author_id is None:
        return
    asks = list(
        db.session.scalars(
            sa.select(ColleagueAsk).where(
                ColleagueAsk.post_id == post.id,
                ColleagueAsk.colleague_id == reply.author_id,
                ColleagueAsk.answered_at.is_(None),
            )
        )
    )
    if not asks:
        return
    answerer = db.session.get(User, reply.author_id)
    askers = []
    for row in asks:
        row.answered_at = reply.created_at
        asker = db.session.get(User, row.asker_id) if row.asker_id else None
        if asker is not None and asker.is_active and asker.id != answerer.id:
            askers.append(asker)
    if askers:
        notifications.notify(
            askers,
            NotificationKind.ASKED_ANSWERED,
            post=post,
            reply=reply,
            actor=answerer,
            now=reply.created_at,
        )
    db.session.flush()
