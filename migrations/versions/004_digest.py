"""digest: subscribers (followers without an account), digest runs and deliveries, members' digest
preferences on users.

Revision ID: 004
Revises: 003
Create Date: 2026-11-21 05:11:52.964206

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "004"
down_revision = "003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Enum('weekly', 'daily', name='frequency', native_enum=False, length=32), nullable=False),
    sa.Column('period_key', sa.String(length=32), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_count', sa.Integer(), nullable=False),
    sa.Column('skipped_count', sa.Integer(), nullable=False),
    sa.Column('failed_count', sa.Integer(), nullable=False),
    sa.Column('dry_run', sa.Boolean(), nullable=False),
    sa.Column('only_email', sa.String(length=254), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_runs'))
    )
    with op.batch_alter_table('digest_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_runs_period_key'), ['period_key'], unique=False)

    op.create_table('subscribers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('frequency', sa.Enum('weekly', 'daily', name='frequency', native_enum=False, length=32), nullable=False),
    sa.Column('all_themes', sa.Boolean(), nullable=False),
    sa.Column('consent_text_version', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('confirm_token_hash', sa.String(length=64), nullable=True),
    sa.Column('confirm_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('unsubscribed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_digest_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscribers')),
    sa.UniqueConstraint('confirm_token_hash', name=op.f('uq_subscribers_confirm_token_hash')),
    sa.UniqueConstraint('email', name=op.f('uq_subscribers_email'))
    )
    op.create_table('subscriber_themes',
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscribers.id'], name=op.f('fk_subscriber_themes_subscriber_id_subscribers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_subscriber_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('subscriber_id', 'theme_id', name=op.f('pk_subscriber_themes'))
    )
    with op.batch_alter_table('subscriber_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscriber_themes_theme_id'), ['theme_id'], unique=False)

    op.create_table('digest_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_key', sa.String(length=40), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('period_key', sa.String(length=32), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'skipped', 'failed', name='deliverystatus', native_enum=False, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('question_count', sa.Integer(), nullable=False),
    sa.Column('practice_count', sa.Integer(), nullable=False),
    sa.Column('waiting_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['digest_runs.id'], name=op.f('fk_digest_deliveries_run_id_digest_runs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscribers.id'], name=op.f('fk_digest_deliveries_subscriber_id_subscribers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_deliveries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_deliveries')),
    sa.UniqueConstraint('recipient_key', 'period_key', name='uq_digest_deliveries_recipient_period')
    )
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_digest_deliveries_period_key_status', ['period_key', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_digest_deliveries_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_digest_deliveries_subscriber_id'), ['subscriber_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_digest_deliveries_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_enabled', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('digest_frequency', sa.Enum('weekly', 'daily', name='frequency', native_enum=False, length=32), server_default='weekly', nullable=False))
        batch_op.add_column(sa.Column('digest_all_themes', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('digest_last_sent_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('digest_last_sent_at')
        batch_op.drop_column('digest_all_themes')
        batch_op.drop_column('digest_frequency')
        batch_op.drop_column('digest_enabled')

    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_deliveries_user_id'))
        batch_op.drop_index(batch_op.f('ix_digest_deliveries_subscriber_id'))
        batch_op.drop_index(batch_op.f('ix_digest_deliveries_run_id'))
        batch_op.drop_index('ix_digest_deliveries_period_key_status')

    op.drop_table('digest_deliveries')
    with op.batch_alter_table('subscriber_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscriber_themes_theme_id'))

    op.drop_table('subscriber_themes')
    op.drop_table('subscribers')
    with op.batch_alter_table('digest_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_runs_period_key'))

    op.drop_table('digest_runs')
