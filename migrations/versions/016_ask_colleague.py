"""expertise themes, "vraag een collega" and the first-login step

Revision ID: 016
Revises: 015
Create Date: 2026-12-05 17:05:00

member_expertise links members to the themes they know about; colleague_asks records who asked
whom to answer which question (one ask per colleague per question); users get accepts_asks (the
opt-out of being asked) and welcome_pending (the first-login step is still to be shown).
"""

import sqlalchemy as sa
from alembic import op

import community.db_types

# revision identifiers, used by Alembic.
revision = "016"
down_revision = "015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'member_expertise',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_member_expertise_theme_id_themes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_member_expertise_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'theme_id', name=op.f('pk_member_expertise')),
    )
    with op.batch_alter_table('member_expertise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_expertise_theme_id'), ['theme_id'], unique=False)

    op.create_table(
        'colleague_asks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=False),
        sa.Column('asker_id', sa.Integer(), nullable=True),
        sa.Column('colleague_id', sa.Integer(), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.Column('in_own_name', sa.Boolean(), nullable=False),
        sa.Column('created_at', community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('answered_at', community.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['asker_id'], ['users.id'], name=op.f('fk_colleague_asks_asker_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['colleague_id'], ['users.id'], name=op.f('fk_colleague_asks_colleague_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_colleague_asks_post_id_posts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_colleague_asks')),
        sa.UniqueConstraint('post_id', 'colleague_id', name='uq_colleague_asks_post_colleague'),
    )
    with op.batch_alter_table('colleague_asks', schema=None) as batch_op:
        batch_op.create_index('ix_colleague_asks_asker_id_created_at', ['asker_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_colleague_asks_asker_id'), ['asker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_colleague_asks_colleague_id'), ['colleague_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accepts_asks', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('welcome_pending', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('welcome_pending')
        batch_op.drop_column('accepts_asks')
    op.drop_table('colleague_asks')
    op.drop_table('member_expertise')
