"""theme redirects, and one open flag per member per item

Revision ID: 003
Revises: 002
Create Date: 2026-11-21 04:59:38.471767

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "003"
down_revision = "002"
branch_labels = None
depends_on = None

OPEN = sa.text('resolved_at IS NULL')


def upgrade():
    # Old slugs of renamed or merged themes, so their pages and feeds answer 301.
    op.create_table('theme_redirects',
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_theme_redirects_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('slug', name=op.f('pk_theme_redirects'))
    )
    with op.batch_alter_table('theme_redirects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_redirects_theme_id'), ['theme_id'], unique=False)

    # Partial unique indexes: a member has at most one open report per post and per reply.
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.create_index('uq_flags_open_post_reporter', ['post_id', 'reporter_id'], unique=True, sqlite_where=OPEN, postgresql_where=OPEN)
        batch_op.create_index('uq_flags_open_reply_reporter', ['reply_id', 'reporter_id'], unique=True, sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade():
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index('uq_flags_open_reply_reporter')
        batch_op.drop_index('uq_flags_open_post_reporter')

    with op.batch_alter_table('theme_redirects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_redirects_theme_id'))

    op.drop_table('theme_redirects')
