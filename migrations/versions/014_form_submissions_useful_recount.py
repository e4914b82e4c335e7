"""form_submissions: one-time keys of forms that create something; "nuttig" counts recounted

Revision ID: 014
Revises: 013
Create Date: 2026-12-05 17:00:00

- form_submissions (community.submissions): the SHA-256 of a member's id and a form's one-time
  key, unique, and what that submission made ("posts:12"). A second send of the same form finds
  it and leads to the first one's post instead of making another.
- replies.useful_count is set to the number of "nuttig" rows once: two clicks at the same
  moment used to move the count twice for one row (seen as -8 and -9). The app now moves the
  count only by the rows its own DELETE or INSERT changed; the primary key on
  useful_votes (reply_id, user_id) already makes a vote unique.

Downgrade drops form_submissions; the recounted figures stay (they are the right ones).
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "014"
down_revision = "013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'form_submissions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('made', sa.String(length=80), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_form_submissions')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_form_submissions_key_hash')),
    )
    op.execute(
        'UPDATE replies SET useful_count = '
        '(SELECT count(*) FROM useful_votes WHERE useful_votes.reply_id = replies.id) '
        'WHERE useful_count <> '
        '(SELECT count(*) FROM useful_votes WHERE useful_votes.reply_id = replies.id)'
    )


def downgrade():
    op.drop_table('form_submissions')
