"""rekentool scenarios and readiness team rounds

Revision ID: 013
Revises: 012
Create Date: 2026-12-05 16:40:00

A member's saved rekentool scenarios (the filled-in tool as JSON under a name of their own), and
the readiness check's team rounds: a round with a hashed link token and its responses, which
carry no user, address or time, only the nine answers.
"""

import sqlalchemy as sa
from alembic import op

import community.db_types

# revision identifiers, used by Alembic.
revision = "013"
down_revision = "012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rekentool_scenarios',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('created_at', community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_rekentool_scenarios_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rekentool_scenarios')),
        sa.UniqueConstraint('user_id', 'name', name='uq_rekentool_scenarios_name'),
    )
    with op.batch_alter_table('rekentool_scenarios', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rekentool_scenarios_user_id'), ['user_id'], unique=False)

    op.create_table(
        'readiness_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=120), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('expires_at', community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('closed_at', community.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_readiness_rounds_owner_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_readiness_rounds')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_readiness_rounds_token_hash')),
    )
    with op.batch_alter_table('readiness_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_rounds_owner_id'), ['owner_id'], unique=False)

    op.create_table(
        'readiness_responses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('answers', sa.String(length=9), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['readiness_rounds.id'], name=op.f('fk_readiness_responses_round_id_readiness_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_readiness_responses')),
    )
    with op.batch_alter_table('readiness_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_responses_round_id'), ['round_id'], unique=False)


def downgrade():
    with op.batch_alter_table('readiness_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_responses_round_id'))
    op.drop_table('readiness_responses')
    with op.batch_alter_table('readiness_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_rounds_owner_id'))
    op.drop_table('readiness_rounds')
    with op.batch_alter_table('rekentool_scenarios', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rekentool_scenarios_user_id'))
    op.drop_table('rekentool_scenarios')
