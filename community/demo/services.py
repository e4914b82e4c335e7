"""Demo data: a small, believable Community to click through after `make run`.

`seed_demo()` runs the seeding steps in SEED_STEPS in order. Each step adds what is missing and
leaves what is there, keyed on organisation slug, e-mail address, theme slug and post title, so a
second run adds nothing. The content steps live in `demo.themes`, `demo.posts` and
`demo.followers`.

Like every service it flushes but never commits; `flask demo seed` commits once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from community.accounts import services as accounts
from community.accounts.models import Role, User
from community.clock import utcnow
from community.demo import content
from community.demo.context import HISTORY, DemoLogin, SeedContext, SeedReport
from community.demo.followers import seed_followers, seed_theme_follows
from community.demo.posts import seed_practices, seed_questions
from community.demo.support import seed_sparring_offers
from community.demo.themes import seed_themes
from community.extensions import db
from community.invites.models import Invitation
from community.organisations.models import Organisation, OrganisationKind
from community.tokens import new_token

INVITATION_VALIDITY = timedelta(days=14)
LOGIN_ROLES = (Role.ADMIN, Role.MODERATOR, Role.AMBASSADOR, Role.PROFESSIONAL)


def slugify(name: str) -> str:
    """'Raad voor de Kinderbescherming' → 'raad-voor-de-kinderbescherming'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def seed_organisations(ctx: SeedContext) -> None:
    """Organisations, found by slug (made from the name) or by name, so never added twice."""
    start = ctx.now - HISTORY - timedelta(days=len(content.ORGANISATIONS))
    for index, data in enumerate(content.ORGANISATIONS):
        slug = slugify(data["name"])
        org = db.session.scalar(
            sa.select(Organisation).where(
                sa.or_(
                    Organisation.slug == slug,
                    sa.func.lower(Organisation.name) == data["name"].lower(),
                )
            )
        )
        if org is None:
            org = Organisation(
                name=data["name"],
                slug=slug,
                kind=OrganisationKind(data["kind"]),
                region=data.get("region", ""),
                website=data.get("website", ""),
                created_at=start + timedelta(days=index),
            )
            org.email_domains = data.get("email_domains", [])
            db.session.add(org)
            ctx.report.organisations.append(org.name)
        ctx.organisations[data["key"]] = org
    db.session.flush()


def seed_people(ctx: SeedContext) -> None:
    """Members in invitation order; whoever was invited gets the accepted invitation too.

    An invitation is always into an organisation, so someone invited without one (a moderator)
    has an inviter but no invitation row.
    """
    people = content.PEOPLE
    step = HISTORY / max(len(people), 1)
    joined_by = _joined_by_days_ago()
    for index, data in enumerate(people):
        existing = accounts.user_by_email(data["email"])
        if existing is not None:
            ctx.people[data["key"]] = existing
            continue
        inviter = ctx.people[data["invited_by"]] if data.get("invited_by") else None
        organisation = ctx.organisations[data["organisation"]] if data.get("organisation") else None
        # Spread over the history, but in time for their demo posts, and after their inviter.
        joined_at = ctx.now - HISTORY + step * index
        if data["key"] in joined_by:
            joined_at = min(joined_at, ctx.now - timedelta(days=joined_by[data["key"]]))
        if inviter is not None:
            joined_at = max(joined_at, inviter.created_at + timedelta(days=3))
        user = accounts.create_user(
            email=data["email"],
            name=data["name"],
            password=ctx.password,
            role=Role(data["role"]),
            organisation=organisation,
            invited_by=inviter,
            job_title=data.get("job_title", ""),
        )
        user.bio = data.get("bio", "")
        user.created_at = joined_at
        ctx.people[data["key"]] = user
        ctx.report.people.append(user.email)
        if inviter is not None and organisation is not None:
            _add_invitation(
                ctx,
                inviter=inviter,
                organisation=organisation,
                email=user.email,
                # Invitations offer these two roles; moderators and admins are promoted later.
                role=min(user.role, Role.AMBASSADOR),
                message=f"Hoi {data['name'].split()[0]}, doe je mee met de Jeugdhulp Community?",
                sent_at=joined_at - timedelta(days=2),
                accepted_by=user,
            )
    db.session.flush()


def seed_open_invitations(ctx: SeedContext) -> None:
    for data in content.OPEN_INVITATIONS:
        email = accounts.normalise_email(data["email"])
        already = db.session.scalar(
            sa.select(sa.func.count()).select_from(Invitation).where(Invitation.email == email)
        )
        if already or accounts.user_by_email(email) is not None:
            continue
        inviter = ctx.people[data["inviter"]]
        organisation = (
            ctx.organisations[data["organisation"]]
            if data.get("organisation")
            else inviter.organisation
        )
        _add_invitation(
            ctx,
            inviter=inviter,
            organisation=organisation,
            email=email,
            role=Role(data.get("role", "professional")),
            message=data.get("message", ""),
            sent_at=ctx.now - timedelta(days=3),
        )
    db.session.flush()


def seed_expertise(ctx: SeedContext) -> None:
    """Each demo person knows about the themes they wrote about most (up to three), so "Wie weet
    wat" and "vraag een collega" have people to find. Someone who already chose keeps theirs."""
    from collections import Counter

    from community.colleagues import services as colleagues
    from community.posts.models import Post, Reply
    from community.themes.models import post_themes

    for user in ctx.people.values():
        if colleagues.expertise_ids(user):
            continue
        written = sa.select(Post.id).where(Post.author_id == user.id, Post.is_anonymous.is_(False))
        answered = sa.select(Reply.post_id).where(Reply.author_id == user.id)
        counts = Counter(
            db.session.scalars(
                sa.select(post_themes.c.theme_id).where(
                    post_themes.c.post_id.in_(written.union(answered))
                )
            )
        )
        if counts:
            colleagues.set_expertise(user, [theme_id for theme_id, _ in counts.most_common(3)])


# The order matters: people need their organisations, invitations need their inviters, posts
# need their authors and themes.
SEED_STEPS: list[Callable[[SeedContext], None]] = [
    seed_organisations,
    seed_people,
    seed_open_invitations,
    seed_themes,
    seed_practices,
    seed_questions,
    seed_theme_follows,
    seed_followers,
    seed_sparring_offers,
    seed_expertise,
]


def seed_demo(now: datetime | None = None, password: str | None = None) -> SeedReport:
    """Add whatever part of the demo Community is missing; report what was added."""
    ctx = SeedContext(
        now=now or utcnow(),
        password=password or current_app.config["DEMO_PASSWORD"],
        report=SeedReport(),
    )
    for step in SEED_STEPS:
        step(ctx)
    ctx.report.logins = demo_logins(ctx.password)
    return ctx.report


def _joined_by_days_ago() -> dict[str, int]:
    """Per person key: they joined at least this many days ago.

    Two weeks before their first post in the demo content, and before anyone they invited.
    """
    joined_by = {key: days + 14 for key, days in _first_post_days_ago().items()}
    for person in reversed(content.PEOPLE):  # invitees come after their inviter
        inviter = person.get("invited_by")
        if inviter and person["key"] in joined_by:
            joined_by[inviter] = max(joined_by.get(inviter, 0), joined_by[person["key"]] + 3)
    return joined_by


def _first_post_days_ago() -> dict[str, int]:
    """Per person key, how many days ago their earliest post or reply in the content is."""
    first: dict[str, int] = {}

    def saw(author: str, days_ago: int) -> None:
        first[author] = max(first.get(author, 0), days_ago)

    practices = {p["key"]: p for p in content.PRACTICES}
    for post in [*practices.values(), *content.QUESTIONS]:
        saw(post["author"], post["days_ago"])
        for answer in post.get("answers") or []:
            saw(answer["author"], post["days_ago"] - answer.get("days_after", 0))
    for reaction in content.PRACTICE_REACTIONS:
        practice = practices[reaction["practice"]]
        saw(reaction["author"], practice["days_ago"] - reaction.get("days_after", 0))
    return first


def demo_logins(password: str) -> list[DemoLogin]:
    """The first demo person of each role, as far as they exist; checks the password still works."""
    logins = []
    for role in LOGIN_ROLES:
        data = next((p for p in content.PEOPLE if Role(p["role"]) == role), None)
        user = accounts.user_by_email(data["email"]) if data else None
        if user is None:
            continue
        works = user.is_active and _verifies(user.password_hash, password)
        logins.append(DemoLogin(role, user.name, user.email, password if works else None))
    return logins


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _add_invitation(
    ctx: SeedContext,
    *,
    inviter: User,
    organisation: Organisation,
    email: str,
    role: Role,
    message: str,
    sent_at: datetime,
    accepted_by: User | None = None,
) -> Invitation:
    _token, token_hash = new_token()  # the link was "mailed" long ago; only the hash is kept
    invitation = Invitation(
        inviter_id=inviter.id,
        organisation_id=organisation.id,
        email=email,
        role=role,
        message=message,
        token_hash=token_hash,
        created_at=sent_at,
        last_sent_at=sent_at,
        send_count=1,
        expires_at=sent_at + INVITATION_VALIDITY,
        accepted_at=accepted_by.created_at if accepted_by else None,
        accepted_user_id=accepted_by.id if accepted_by else None,
    )
    db.session.add(invitation)
    ctx.report.invitations += 1
    return invitation
