"""one pending invitation per address per organisation, one open access request per address

Revision ID: 009
Revises: 008
Create Date: 2026-11-21 10:00:00

Before this revision two concurrent requests on PostgreSQL could both pass the services' "is there
one already?" check and both insert. The duplicates they left are closed first, the way the app
closes them, so the unique indexes can be built:

- invitations: of the pending ones (neither accepted nor revoked) for one address and organisation,
  the one whose link lasts longest (the most recently sent) stays; the others get revoked_at, so
  their links stop working and the purge removes them in due time;
- access requests: of the open ones for one address, the newest stays; the others are marked
  declined with decided_at and no decider (nobody decided: they were duplicates). No mail is sent.

Downgrade drops the indexes; the rows closed here stay closed.
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "009"
down_revision = "008"
branch_labels = None
depends_on = None

PENDING_INVITATION = sa.text('accepted_at IS NULL AND revoked_at IS NULL')
OPEN_ACCESS_REQUEST = sa.text("status = 'open'")

invitations = sa.table(
    'invitations',
    sa.column('id', sa.Integer()),
    sa.column('organisation_id', sa.Integer()),
    sa.column('email', sa.String()),
    sa.column('last_sent_at', sa.DateTime(timezone=True)),
    sa.column('expires_at', sa.DateTime(timezone=True)),
    sa.column('accepted_at', sa.DateTime(timezone=True)),
    sa.column('revoked_at', sa.DateTime(timezone=True)),
)
access_requests = sa.table(
    'access_requests',
    sa.column('id', sa.Integer()),
    sa.column('email', sa.String()),
    sa.column('status', sa.String()),
    sa.column('created_at', sa.DateTime(timezone=True)),
    sa.column('decided_at', sa.DateTime(timezone=True)),
)


def _all_but_first(rows, key):
    """The ids of every row after the first of its group; rows come ordered best first."""
    seen, extra = set(), []
    for row in rows:
        group = key(row)
        if group in seen:
            extra.append(row.id)
        else:
            seen.add(group)
    return extra


def _close_duplicates():
    connection = op.get_bind()
    now = datetime.now(timezone.utc)

    i = invitations.c
    pending = connection.execute(
        sa.select(i.id, i.organisation_id, i.email)
        .where(i.accepted_at.is_(None), i.revoked_at.is_(None))
        .order_by(i.organisation_id, i.email, i.expires_at.desc(), i.last_sent_at.desc(), i.id.desc())
    ).all()
    superseded = _all_but_first(pending, lambda row: (row.organisation_id, row.email))
    if superseded:
        connection.execute(
            invitations.update().where(i.id.in_(superseded)).values(revoked_at=now)
        )

    r = access_requests.c
    open_requests = connection.execute(
        sa.select(r.id, r.email)
        .where(r.status == 'open')
        .order_by(r.email, r.created_at.desc(), r.id.desc())
    ).all()
    duplicates = _all_but_first(open_requests, lambda row: row.email)
    if duplicates:
        connection.execute(
            access_requests.update()
            .where(r.id.in_(duplicates))
            .values(status='declined', decided_at=now)
        )


def upgrade():
    _close_duplicates()
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index('uq_invitations_pending_organisation_email', ['organisation_id', 'email'], unique=True, sqlite_where=PENDING_INVITATION, postgresql_where=PENDING_INVITATION)
    with op.batch_alter_table('access_requests', schema=None) as batch_op:
        batch_op.create_index('uq_access_requests_open_email', ['email'], unique=True, sqlite_where=OPEN_ACCESS_REQUEST, postgresql_where=OPEN_ACCESS_REQUEST)


def downgrade():
    with op.batch_alter_table('access_requests', schema=None) as batch_op:
        batch_op.drop_index('uq_access_requests_open_email')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index('uq_invitations_pending_organisation_email')
