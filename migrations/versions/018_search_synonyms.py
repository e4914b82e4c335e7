"""search synonyms that moderators add, and their version row

Revision ID: 018
Revises: 017
Create Date: 2026-12-05 19:30:00

search_synonyms holds the groups moderators add on /beheer/zoekwoorden, on top of the shipped
base set in community/search/synonyms.txt (which stays in the code: upgrades bring its new
groups). search_synonym_version has one row whose value changes in the same commit as every
change of search_synonyms, so each web host knows when to reload them (no reindex).
"""

import sqlalchemy as sa
from alembic import op

import community.db_types

# revision identifiers, used by Alembic.
revision = "018"
down_revision = "017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_synonyms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('terms', sa.String(length=500), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', community.db_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_search_synonyms_created_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_synonyms')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('search_synonyms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_synonyms_created_by_id'), ['created_by_id'], unique=False)

    version = op.create_table(
        'search_synonym_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_synonym_version')),
    )
    op.bulk_insert(version, [{'id': 1, 'value': 0}])


def downgrade():
    op.drop_table('search_synonym_version')
    with op.batch_alter_table('search_synonyms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_synonyms_created_by_id'))
    op.drop_table('search_synonyms')
