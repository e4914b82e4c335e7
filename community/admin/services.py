"""Managing members as an admin: finding them, changing a role, (de)activating an account.

Only admins manage members; moderators moderate content, not people. An admin can never
demote or deactivate themself, so the site always keeps at least one admin who can log in.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.organisations.models import Organisation

ACTIVE, DEACTIVATED = "actief", "gedeactiveerd"


def _require_admin(actor: User) -> None:
    if not actor.is_admin:
        raise NotAllowed("Alleen beheerders kunnen leden beheren.")


def _like_pattern(text: str) -> str:
    """A LIKE pattern that matches `text` literally: % and _ typed by the admin stay themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def users_query(
    *,
    search: str = "",
    role: Role | None = None,
    organisation_id: int | None = None,
    status: str = "",
) -> sa.Select:
    """Members matching the admin's filters, newest first; the caller paginates."""
    query = sa.select(User).order_by(User.created_at.desc(), User.id.desc())
    search = search.strip()
    if search:
        pattern = _like_pattern(search.lower())
        query = query.where(
            sa.or_(
                sa.func.lower(User.name).like(pattern, escape="\\"),
                User.email.like(pattern, escape="\\"),
            )
        )
    if role is not None:
        query = query.where(User.role == role)
    if organisation_id is not None:
        query = query.where(User.organisation_id == organisation_id)
    if status == ACTIVE:
        query = query.where(User.is_active.is_(True))
    elif status == DEACTIVATED:
        query = query.where(User.is_active.is_(False))
    return query


@dataclass
class MemberCounts:
    by_role: dict[Role, int]
    deactivated: int
    organisations: int

    @property
    def active(self) -> int:
        return sum(self.by_role.values())


def member_counts() -> MemberCounts:
    """Counts for the dashboard, in two small grouped queries."""
    by_role = {role: 0 for role in Role}
    deactivated = 0
    rows = db.session.execute(
        sa.select(User.role, User.is_active, sa.func.count(User.id)).group_by(
            User.role, User.is_active
        )
    )
    for role, is_active, count in rows:
        if is_active:
            by_role[role] = count
        else:
            deactivated += count
    organisations = db.session.scalar(sa.select(sa.func.count(Organisation.id)))
    return MemberCounts(by_role=by_role, deactivated=deactivated, organisations=organisations)


def change_role(actor: User, user: User, role: Role) -> None:
    _require_admin(actor)
    if user.id == actor.id and role != user.role:
        raise DomainError(
            "Je kunt je eigen rol niet veranderen. Vraag dat aan een andere beheerder.",
            field="role",
        )
    user.role = role
    db.session.flush()


def set_organisation(actor: User, user: User, organisation: Organisation | None) -> None:
    """Members cannot move themselves to another organisation (it decides whom they may invite)."""
    _require_admin(actor)
    user.organisation = organisation
    db.session.flush()


def deactivate(actor: User, user: User) -> None:
    """The account can no longer log in, and every session it has ends at once."""
    _require_admin(actor)
    if user.id == actor.id:
        raise DomainError("Je kunt je eigen account niet deactiveren.")
    if not user.is_active:
        return
    user.is_active = False
    user.session_epoch += 1
    db.session.flush()


def reactivate(actor: User, user: User) -> None:
    _require_admin(actor)
    if user.is_former_member:
        raise DomainError("Dit account is door het lid zelf verwijderd; het kan niet terug.")
    user.is_active = True
    db.session.flush()
