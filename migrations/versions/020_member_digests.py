"""members' newsletter settings move from users to the digest's own table

Revision ID: 020
Revises: 019
Create Date: 2026-12-05 19:30:00

member_digests holds what users.digest_enabled, digest_frequency, digest_all_themes and
digest_last_sent_at held: the accounts no longer know the newsletter. Upgrade copies every
member's settings into it and drops the columns; downgrade copies them back.

On SQLite the columns go with ALTER TABLE ... DROP COLUMN, not by batch mode's copy of the
table: with foreign keys on, dropping the old users table would delete (cascade) every row that
points at a member.
"""

import sqlalchemy as sa
from alembic import op

import community.db_types

# revision identifiers, used by Alembic.
revision = "020"
down_revision = "019"
branch_labels = None
depends_on = None

COLUMNS = ('enabled', 'frequency', 'all_themes', 'last_sent_at')


def upgrade():
    op.create_table(
        'member_digests',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('frequency', sa.Enum('weekly', 'daily', name='frequency', native_enum=False, length=32), server_default='weekly', nullable=False),
        sa.Column('all_themes', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('last_sent_at', community.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_member_digests_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_member_digests')),
    )
    op.execute(
        'INSERT INTO member_digests (user_id, enabled, frequency, all_themes, last_sent_at) '
        'SELECT id, digest_enabled, digest_frequency, digest_all_themes, digest_last_sent_at '
        'FROM users'
    )
    for column in COLUMNS:
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE users DROP COLUMN digest_{column}')
        else:
            op.drop_column('users', f'digest_{column}')


def downgrade():
    # Plain ALTER TABLE ... ADD COLUMN, not batch mode's copy of users (see the docstring).
    op.add_column('users', sa.Column('digest_enabled', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('users', sa.Column('digest_frequency', sa.Enum('weekly', 'daily', name='frequency', native_enum=False, length=32), server_default='weekly', nullable=False))
    op.add_column('users', sa.Column('digest_all_themes', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('users', sa.Column('digest_last_sent_at', sa.DateTime(timezone=True), nullable=True))
    for column in COLUMNS:
        op.execute(
            f'UPDATE users SET digest_{column} = '
            f'(SELECT {column} FROM member_digests WHERE member_digests.user_id = users.id) '
            'WHERE EXISTS (SELECT 1 FROM member_digests WHERE member_digests.user_id = users.id)'
        )
    op.drop_table('member_digests')
