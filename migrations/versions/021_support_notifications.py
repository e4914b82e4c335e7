"""help requests on "Meldingen": a notification can point at a support request

Revision ID: 021
Revises: 020
Create Date: 2026-12-05 23:40:00

The new notification kinds (support_offered, support_escalated) need no DDL: enum columns are
VARCHAR(32) without a CHECK (db_types.enum_type). Such a notification points at its request, and
goes with it.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "021"
down_revision = "020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("support_request_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_support_request_id_support_requests"),
            "support_requests",
            ["support_request_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notifications_support_request_id_support_requests"), type_="foreignkey"
        )
        batch_op.drop_column("support_request_id")
