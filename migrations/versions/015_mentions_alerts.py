"""mentions and alerts: notifications about access requests, one 48-hour reminder per item

Revision ID: 015
Revises: 014
Create Date: 2026-12-05 17:20:00

New notification kinds (mention, flag_raised, access_requested, colleague_joined) need no DDL:
enum columns are VARCHAR(32). An access-request notification points at its request; flags and
access requests remember when their one reminder went out.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "015"
down_revision = "014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('access_request_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_notifications_access_request_id_access_requests'),
            'access_requests', ['access_request_id'], ['id'], ondelete='CASCADE',
        )
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('access_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('access_requests', schema=None) as batch_op:
        batch_op.drop_column('reminded_at')
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_column('reminded_at')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_notifications_access_request_id_access_requests'), type_='foreignkey'
        )
        batch_op.drop_column('access_request_id')
