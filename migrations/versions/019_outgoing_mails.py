"""outgoing_mails: the transactional outbox that background jobs deliver site mail from

Revision ID: 019
Revises: 018
Create Date: 2026-12-05 19:30:00

A mail is written in the transaction of the change it belongs to and sent by a worker after the
commit (community/mail_outbox.py); the status and attempts make delivery idempotent and retried.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "019"
down_revision = "018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'outgoing_mails',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sender', sa.String(length=320), nullable=False),
        sa.Column('recipient', sa.Text(), nullable=False),
        sa.Column('raw', sa.LargeBinary(), nullable=False),
        sa.Column(
            'status',
            sa.Enum('pending', 'sending', 'sent', 'failed', name='mailstatus',
                    native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=False),
        sa.Column('failure_handler', sa.String(length=64), nullable=False),
        sa.Column('failure_ref', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_mails')),
    )
    op.create_index(
        'ix_outgoing_mails_status_due', 'outgoing_mails', ['status', 'next_attempt_at'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_outgoing_mails_status_due', table_name='outgoing_mails')
    op.drop_table('outgoing_mails')
