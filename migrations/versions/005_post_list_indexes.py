"""covering indexes for post lists and counts

Revision ID: 005
Revises: 004
Create Date: 2026-11-21 05:45:53.814599

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "005"
down_revision = "004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index('ix_posts_listing', ['kind', 'visibility', 'deleted_at', 'hidden_at', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_posts_visible', ['deleted_at', 'hidden_at', 'visibility', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('ix_posts_visible')
        batch_op.drop_index('ix_posts_listing')

