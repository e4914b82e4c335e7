"""The movement made visible: the figures of /de-beweging and of each organisation's page.

Every figure is an aggregate the database computes; no list of rows is loaded into Python, and
the number of queries does not depend on the amount of data (`movement_figures` runs
MOVEMENT_QUERIES statements, `organisation_figures` one).

Posts are counted with the one visibility rule, `posts.queries.listable_criteria(viewer)`:
a visitor's figures count public posts only, a member's also the members-only ones, and deleted
or hidden posts never count. People are counted as people: active accounts, whoever looks.

What each figure means exactly:

- ambassadors: active members with the role ambassador, moderator or admin. Moderators and admins
  count as ambassadors, as on the organisation pages: a higher role may do all a lower one may,
  and a separate "beheerders" figure of two or three people says nothing about the movement.
- professionals: active members with the role professional ("lid").
- organisations: organisations with at least one active member.
- practices, questions: posts of that kind the viewer may see in lists.
- answered within a week: of the questions the viewer may see that were asked at least 7 × 24
  hours before `now`, those whose first reply (Post.first_reply_at) came at most 7 × 24 hours
  after asking. Younger questions are left out: they still have time.
- median time to a first answer: over the questions the viewer may see that have a reply,
  first_reply_at − created_at.
- growth: per UTC month, the current month and the 23 before it: active members by the month
  they joined, visible practices and questions by the month they were posted.
- invitation reach: the invitation tree follows users.invited_by_id. Someone nobody invited is a
  root (generation 1), whom they invited generation 2, and so on; `generations` is the depth of
  the tree and `chain` the longest chain, as the organisations it passed through. The tree
  includes accounts closed since (a chain does not break when someone in the middle leaves);
  `invited_members` counts active members who have an inviter; `pioneers` counts roots who
  invited at least one person.
- new organisations: organisations with an active member whose first member (any account)
  joined in the current UTC month.

Followers (people who follow by e-mail, without an account) are not counted yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from community.accounts.models import Role, User
from community.clock import utcnow
from community.digest.models import Subscriber
from community.extensions import db
from community.organisations.models import Organisation
from community.organisations.services import AMBASSADOR_ROLES
from community.posts.models import Post, PostKind, Reply
from community.posts.queries import listable_criteria
from community.stats import sql

ANSWER_WINDOW = timedelta(days=7)
GROWTH_MONTHS = 24
# A guard against a corrupt invited_by cycle; real chains are a handful of people long.
MAX_GENERATIONS = 1000
# How many statements movement_figures() runs, whatever the data (the tests hold us to it).
MOVEMENT_QUERIES = 6


@dataclass(frozen=True)
class MonthGrowth:
    month: date  # the first day of the month
    members: int
    practices: int
    questions: int


@dataclass(frozen=True)
class ChainLink:
    generation: int
    organisation_name: str | None
    organisation_slug: str | None


@dataclass(frozen=True)
class InvitationReach:
    invited_members: int
    invited_organisations: int
    pioneers: int
    generations: int
    chain: tuple[ChainLink, ...]

    @property
    def chain_organisations(self) -> list[ChainStretch]:
        """The organisations the longest chain passed through, in order, one per stretch:
        A, A, B, A -> A (1-2), B (3), A (4). Links whose account has no organisation are skipped."""
        stretches: list[ChainStretch] = []
        for link in self.chain:
            if not link.organisation_slug:
                continue
            last = stretches[-1] if stretches else None
            if last and last.organisation_slug == link.organisation_slug:
                stretches[-1] = ChainStretch(last.first_generation, link.generation, *last[2:])
            else:
                stretches.append(
                    ChainStretch(
                        link.generation,
                        link.generation,
                        link.organisation_name,
                        link.organisation_slug,
                    )
                )
        return stretches


class ChainStretch(NamedTuple):
    first_generation: int
    last_generation: int
    organisation_name: str
    organisation_slug: str


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    slug: str
    first_member_at: datetime
    members: int


@dataclass(frozen=True)
class MovementFigures:
    now: datetime
    ambassadors: int
    professionals: int
    organisations: int
    followers: int  # confirmed e-mail followers without an account
    practices: int
    questions: int
    settled_questions: int
    answered_in_time: int
    replied_questions: int
    median_first_answer: timedelta | None
    growth: tuple[MonthGrowth, ...]
    reach: InvitationReach
    new_organisations: tuple[NewOrganisation, ...]

    @property
    def members(self) -> int:
        return self.ambassadors + self.professionals

    @property
    def answered_in_time_percent(self) -> int | None:
        """Whole percent, rounded half up; None while no question is a week old."""
        if not self.settled_questions:
            return None
        return (200 * self.answered_in_time + self.settled_questions) // (
            2 * self.settled_questions
        )

    @property
    def month_start(self) -> date:
        return month_of(self.now)


@dataclass(frozen=True)
class OrganisationFigures:
    members: int
    ambassadors: int
    practices: int
    questions: int
    answers: int


def month_of(moment: datetime) -> date:
    return moment.astimezone(UTC).date().replace(day=1)


def months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _as_utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


# --- De beweging ---------------------------------------------------------------------------------


def movement_figures(viewer: Any, now: datetime | None = None) -> MovementFigures:
    """Every figure of the public page, for `viewer` (None or anonymous for a visitor)."""
    now = now or utcnow()
    dialect = sql.dialect_name()
    totals = _totals(viewer, now, dialect)
    return MovementFigures(
        now=now,
        ambassadors=totals.ambassadors,
        professionals=totals.professionals,
        organisations=totals.organisations,
        followers=totals.followers,
        practices=totals.practices,
        questions=totals.questions,
        settled_questions=totals.settled,
        answered_in_time=totals.answered_in_time,
        replied_questions=totals.replied,
        median_first_answer=_median_first_answer(viewer, dialect),
        growth=_growth(viewer, now, dialect),
        reach=_reach(totals),
        new_organisations=_new_organisations(now),
    )


def _totals(viewer: Any, now: datetime, dialect: str) -> sa.Row:
    """One statement: the people, organisations and posts figures."""
    active = User.is_active.is_(True)
    invited = sa.and_(active, User.invited_by_id.is_not(None))
    people = sa.select(
        sa.func.count(sa.case((sa.and_(active, User.role.in_(AMBASSADOR_ROLES)), 1))).label(
            "ambassadors"
        ),
        sa.func.count(sa.case((sa.and_(active, User.role == Role.PROFESSIONAL), 1))).label(
            "professionals"
        ),
        sa.func.count(sa.case((invited, 1))).label("invited_members"),
        sa.func.count(sa.distinct(sa.case((invited, User.organisation_id)))).label(
            "invited_organisations"
        ),
    ).subquery("people")

    question = Post.kind == PostKind.QUESTION
    settled = sa.and_(question, Post.created_at <= now - ANSWER_WINDOW)
    in_time = (
        sql.seconds_between(Post.created_at, Post.first_reply_at, dialect)
        <= ANSWER_WINDOW.total_seconds()
    )
    posts = (
        sa.select(
            sa.func.count(sa.case((Post.kind == PostKind.PRACTICE, 1))).label("practices"),
            sa.func.count(sa.case((question, 1))).label("questions"),
            sa.func.count(sa.case((settled, 1))).label("settled"),
            sa.func.count(
                sa.case((sa.and_(settled, Post.first_reply_at.is_not(None), in_time), 1))
            ).label("answered_in_time"),
            sa.func.count(sa.case((sa.and_(question, Post.first_reply_at.is_not(None)), 1))).label(
                "replied"
            ),
        )
        .where(*listable_criteria(viewer))
        .subquery("posts")
    )

    member = aliased(User)
    organisations = (
        sa.select(sa.func.count(Organisation.id))
        .where(
            sa.exists().where(member.organisation_id == Organisation.id, member.is_active.is_(True))
        )
        .scalar_subquery()
    )
    root, invitee = aliased(User), aliased(User)
    pioneers = (
        sa.select(sa.func.count(root.id))
        .where(root.invited_by_id.is_(None), sa.exists().where(invitee.invited_by_id == root.id))
        .scalar_subquery()
    )
    followers = (
        sa.select(sa.func.count(Subscriber.id)).where(Subscriber.is_active).scalar_subquery()
    )
    stmt = sa.select(
        people,
        posts,
        organisations.label("organisations"),
        pioneers.label("pioneers"),
        followers.label("followers"),
    ).select_from(people.join(posts, sa.true()))
    return db.session.execute(stmt).one()


def _median_first_answer(viewer: Any, dialect: str) -> timedelta | None:
    waits = sa.select(sql.seconds_between(Post.created_at, Post.first_reply_at, dialect)).where(
        *listable_criteria(viewer),
        Post.kind == PostKind.QUESTION,
        Post.first_reply_at.is_not(None),
    )
    seconds = db.session.scalar(sql.median_statement(waits, dialect))
    return None if seconds is None else timedelta(seconds=round(float(seconds)))


def _growth(viewer: Any, now: datetime, dialect: str) -> tuple[MonthGrowth, ...]:
    """New members, practices and questions per month: one grouped statement, 24 months filled."""
    this_month = month_of(now)
    first = months_back(this_month, GROWTH_MONTHS - 1)
    since = _as_utc(first)
    member_month = sql.month_start(User.created_at, dialect)
    post_month = sql.month_start(Post.created_at, dialect)
    members = (
        sa.select(
            sa.literal_column("'member'").label("series"),
            member_month.label("month"),
            sa.func.count().label("n"),
        )
        .where(User.is_active.is_(True), User.created_at >= since)
        .group_by(member_month)
    )
    posts = (
        sa.select(
            sa.cast(Post.kind, sa.String).label("series"),
            post_month.label("month"),
            sa.func.count().label("n"),
        )
        .where(*listable_criteria(viewer), Post.created_at >= since)
        .group_by(Post.kind, post_month)
    )
    counts: dict[tuple[str, date], int] = {}
    for series, month, n in db.session.execute(sa.union_all(members, posts)):
        counts[(series, sql.as_month(month))] = n
    months = [months_back(this_month, back) for back in range(GROWTH_MONTHS - 1, -1, -1)]
    return tuple(
        MonthGrowth(
            month=month,
            members=counts.get(("member", month), 0),
            practices=counts.get((PostKind.PRACTICE.value, month), 0),
            questions=counts.get((PostKind.QUESTION.value, month), 0),
        )
        for month in months
    )


def _reach(totals: sa.Row) -> InvitationReach:
    """The invitation tree: its depth and longest chain (a recursive CTE), then that chain's
    organisations."""
    tree = (
        sa.select(
            User.id.label("id"),
            sa.literal(1, sa.Integer).label("generation"),
            sa.cast(User.id, sa.Text).label("path"),
        )
        .where(User.invited_by_id.is_(None))
        .cte("invitation_tree", recursive=True)
    )
    parent = tree.alias("parent")
    tree = tree.union_all(
        sa.select(
            User.id,
            parent.c.generation + 1,
            parent.c.path + sa.literal(",", sa.Text) + sa.cast(User.id, sa.Text),
        )
        .join(parent, User.invited_by_id == parent.c.id)
        .where(parent.c.generation < MAX_GENERATIONS)
    )
    deepest = db.session.execute(
        sa.select(tree.c.generation, tree.c.path)
        .order_by(tree.c.generation.desc(), tree.c.id)
        .limit(1)
    ).first()
    chain: tuple[ChainLink, ...] = ()
    if deepest is not None:
        ids = [int(part) for part in deepest.path.split(",")]
        rows = db.session.execute(
            sa.select(User.id, Organisation.name, Organisation.slug)
            .outerjoin(Organisation, Organisation.id == User.organisation_id)
            .where(User.id.in_(ids))
        ).all()
        organisation = {row.id: (row.name, row.slug) for row in rows}
        chain = tuple(
            ChainLink(generation, *organisation.get(user_id, (None, None)))
            for generation, user_id in enumerate(ids, start=1)
        )
    return InvitationReach(
        invited_members=totals.invited_members,
        invited_organisations=totals.invited_organisations,
        pioneers=totals.pioneers,
        generations=deepest.generation if deepest else 0,
        chain=chain,
    )


def _new_organisations(now: datetime) -> tuple[NewOrganisation, ...]:
    """Organisations whose first member joined this (UTC) month, in the order they joined."""
    first_member_at = sa.func.min(User.created_at)
    active_members = sa.func.count(sa.case((User.is_active.is_(True), 1)))
    rows = db.session.execute(
        sa.select(
            Organisation.name,
            Organisation.slug,
            first_member_at.label("first"),
            active_members.label("n"),
        )
        .join(User, User.organisation_id == Organisation.id)
        .group_by(Organisation.id, Organisation.name, Organisation.slug)
        .having(first_member_at >= _as_utc(month_of(now)), active_members > 0)
        .order_by(first_member_at, Organisation.name)
    ).all()
    return tuple(NewOrganisation(row.name, row.slug, row.first, row.n) for row in rows)


# --- One organisation ----------------------------------------------------------------------------


def organisation_figures(organisation: Organisation, viewer: Any) -> OrganisationFigures:
    """An organisation's own figures, in one statement.

    members / ambassadors: its active members (ambassadors: ambassador role or higher);
    practices: visible practices shared on behalf of the organisation;
    questions: visible questions its members asked under their own name (Post.organisation_id is
    the asker's organisation; anonymous questions have none and are never counted here, so a
    small organisation's count cannot give an anonymous asker away);
    answers: visible replies to visible questions, written by people of the organisation.
    """
    org_id = organisation.id
    active = sa.and_(User.organisation_id == org_id, User.is_active.is_(True))
    visible = listable_criteria(viewer)

    def count(what: sa.ColumnElement, *where: sa.ColumnElement[bool]) -> sa.ScalarSelect:
        return sa.select(sa.func.count(what)).where(*where).scalar_subquery()

    # Driven from the organisation's people to their replies (both indexed), then each reply's
    # question by primary key; joining from posts instead reads every question.
    people = sa.select(User.id).where(User.organisation_id == org_id)
    answered = sa.exists().where(Post.id == Reply.post_id, Post.kind == PostKind.QUESTION, *visible)
    answers = (
        sa.select(sa.func.count(Reply.id))
        .where(
            Reply.author_id.in_(people),
            Reply.deleted_at.is_(None),
            Reply.hidden_at.is_(None),
            answered,
        )
        .scalar_subquery()
    )
    row = db.session.execute(
        sa.select(
            count(User.id, active).label("members"),
            count(User.id, active, User.role.in_(AMBASSADOR_ROLES)).label("ambassadors"),
            count(
                Post.id, *visible, Post.kind == PostKind.PRACTICE, Post.organisation_id == org_id
            ).label("practices"),
            count(
                Post.id,
                *visible,
                Post.kind == PostKind.QUESTION,
                Post.organisation_id == org_id,
                Post.is_anonymous.is_(False),
            ).label("questions"),
            answers.label("answers"),
        )
    ).one()
    return OrganisationFigures(**row._asdict())
