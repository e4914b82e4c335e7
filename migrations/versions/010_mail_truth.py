"""unsent invitations are recorded; digest runs record progress, why they stopped, and who runs them

Revision ID: 010
Revises: 009
Create Date: 2026-12-05 17:00:00

- invitations.mail_failed_at / mail_error: the mail server did not take the last send (shown to the
  inviter, retried by `flask invites retry`).
- digest_runs.progress_at, stopped_reason, host, pid: counts are written as a run goes; the admin
  page tells running, stopped and killed runs apart.
"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "010"
down_revision = "009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mail_failed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("mail_error", sa.String(length=500), nullable=False, server_default="")
        )
    with op.batch_alter_table("digest_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progress_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("stopped_reason", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("host", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("digest_runs", schema=None) as batch_op:
        batch_op.drop_column("pid")
        batch_op.drop_column("host")
        batch_op.drop_column("stopped_reason")
        batch_op.drop_column("progress_at")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_column("mail_error")
        batch_op.drop_column("mail_failed_at")
