"""login_sessions, login_failures, follower_data_links: log-out that ends a log-in on the server,
failed log-ins counted per account and per address, and one-hour links for followers' data.

Revision ID: 012
Revises: 011
Create Date: 2026-12-05 17:00:00

Every session and remember-me cookie issued before this revision names no log-in row, so everyone
is logged out once when it is deployed and logs in again as usual.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "012"
down_revision = "011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_login_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_sessions")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_login_sessions_key_hash")),
    )
    op.create_index(op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"], unique=False)
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        op.f("ix_login_failures_created_at"), "login_failures", ["created_at"], unique=False
    )
    op.create_index(
        "ix_login_failures_key_hash_created_at",
        "login_failures",
        ["key_hash", "created_at"],
        unique=False,
    )
    op.create_table(
        "follower_data_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=10), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_follower_data_links_subscriber_id_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follower_data_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_follower_data_links_token_hash")),
    )
    op.create_index(
        op.f("ix_follower_data_links_subscriber_id"),
        "follower_data_links",
        ["subscriber_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f("ix_follower_data_links_subscriber_id"), table_name="follower_data_links")
    op.drop_table("follower_data_links")
    op.drop_index("ix_login_failures_key_hash_created_at", table_name="login_failures")
    op.drop_index(op.f("ix_login_failures_created_at"), table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_login_sessions_user_id"), table_name="login_sessions")
    op.drop_table("login_sessions")
