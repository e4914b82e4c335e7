"""per-follow delivery, notice items for bundled mail, mail kinds turned off, fan-out marks

Revision ID: 017
Revises: 016
Create Date: 2026-12-05 19:30:00

follows.delivery says how a followed theme or organisation notifies (existing follows keep
"digest": only the newsletter, what they did before). notice_items hold what waits for the next
bundled mail (unique per member, kind and thing, so fan-out is idempotent); mail_optouts the
kinds of notification mail a member turned off; post_fanouts marks posts whose followers were
told. Existing posts are marked, so the safety net does not mail about old posts after deploy.
users.notice_mail_at keeps the ten-minute gap between direct mails.
"""

import sqlalchemy as sa
from alembic import op

import community.db_types

# revision identifiers, used by Alembic.
revision = "017"
down_revision = "016"
branch_labels = None
depends_on = None

MAIL_KINDS = (
    "new_post",
    "daily",
    "new_answer",
    "mention",
    "colleague_asked",
    "answer_accepted",
    "colleague_joined",
)


def upgrade():
    with op.batch_alter_table("follows", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "delivery",
                sa.Enum(
                    "direct",
                    "daily",
                    "digest",
                    "site",
                    name="delivery",
                    native_enum=False,
                    length=32,
                ),
                server_default="digest",
                nullable=False,
            )
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "notice_mail_at", community.db_types.UTCDateTime(timezone=True), nullable=True
            )
        )

    op.create_table(
        "notice_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*MAIL_KINDS, name="mailkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "cadence",
            sa.Enum("direct", "daily", name="cadence", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("item_key", sa.String(length=24), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("reply_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", community.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_notice_items_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_notice_items_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["replies.id"],
            name=op.f("fk_notice_items_reply_id_replies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notice_items_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_items")),
        sa.UniqueConstraint("user_id", "kind", "item_key", name="uq_notice_items_user_kind_item"),
    )
    with op.batch_alter_table("notice_items", schema=None) as batch_op:
        batch_op.create_index("ix_notice_items_due", ["sent_at", "cadence", "due_at"], unique=False)

    op.create_table(
        "mail_optouts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*MAIL_KINDS, name="mailkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("created_at", community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_mail_optouts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_mail_optouts")),
    )
    op.create_table(
        "post_fanouts",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("done_at", community.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_post_fanouts_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", name=op.f("pk_post_fanouts")),
    )
    op.execute("INSERT INTO post_fanouts (post_id, done_at) SELECT id, created_at FROM posts")


def downgrade():
    op.drop_table("post_fanouts")
    op.drop_table("mail_optouts")
    with op.batch_alter_table("notice_items", schema=None) as batch_op:
        batch_op.drop_index("ix_notice_items_due")
    op.drop_table("notice_items")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("notice_mail_at")
    with op.batch_alter_table("follows", schema=None) as batch_op:
        batch_op.drop_column("delivery")
