"""What others may read of the invites' rows: the access requests waiting for a decider.

Beside the models (docs/architecture.md): the alerts count these for their badge while access
requests tell the alerts, so this piece imports no feature code.
"""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import User
from community.invites.models import AccessRequest, AccessRequestStatus


def open_requests_for(actor: User) -> sa.Select:
    """The open requests `actor` may decide on, oldest first: they have waited longest."""
    query = (
        sa.select(AccessRequest)
        .where(AccessRequest.status == AccessRequestStatus.OPEN)
        .order_by(AccessRequest.created_at, AccessRequest.id)
    )
    if actor.is_moderator:
        return query
    if not actor.is_ambassador or actor.organisation_id is None:
        return query.where(sa.false())
    return query.where(AccessRequest.organisation_id == actor.organisation_id)
