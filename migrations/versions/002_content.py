"""content

Revision ID: 002
Revises: 001
Create Date: 2026-11-21 04:52:39.093384

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# The curated themes from the working group's report; admins can add and merge more later.
CURATED_THEMES = [
    ("inwerken", "Inwerken", "Een warme landing voor nieuwe collega's: de eerste dagen, weken en maanden."),
    ("behouden", "Behouden", "Wat maakt dat goede collega's blijven, ook na die eerste twee jaar?"),
    ("werving-en-selectie", "Werving & selectie", "Mensen vinden die bij je organisatie passen, en eerlijk laten zien wat het werk vraagt."),
    ("mentorschap-en-begeleiding", "Mentorschap & begeleiding", "Mentoren, buddy's en werkbegeleiding die echt tijd en aandacht krijgen."),
    ("leren-en-ontwikkelen", "Leren & ontwikkelen", "Ruimte om het vak te leren: intervisie, scholing en groeien in je rol."),
    ("werkdruk-en-administratieve-last", "Werkdruk & administratieve last", "Minder papier, meer tijd voor kinderen en gezinnen."),
    ("moreel-letsel", "Moreel letsel", "Als je niet kunt doen wat goed is voor een kind: erkennen, bespreken en herstellen."),
    ("duurzame-inzetbaarheid-en-vitaliteit", "Duurzame inzetbaarheid & vitaliteit", "Fit en met plezier blijven werken, nu en over tien jaar."),
    ("humane-organisatie-en-cultuur", "Humane organisatie & cultuur", "Een organisatie waar je gezien wordt, ertoe doet en erbij hoort."),
    ("leiderschap", "Leiderschap", "Leidinggeven dat steunt, ruimte geeft en de praktijk kent."),
    ("zelforganisatie", "Zelforganisatie", "Teams die zelf regelen wat ze het beste zelf kunnen regelen."),
    ("samenwerking-met-gemeenten", "Samenwerking met gemeenten", "Samen met gemeenten werken aan goede jeugdhulp en haalbare afspraken."),
]


# revision identifiers, used by Alembic.
revision = "002"
down_revision = "001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes')),
    sa.UniqueConstraint('name', name=op.f('uq_themes_name')),
    sa.UniqueConstraint('slug', name=op.f('uq_themes_slug'))
    )
    op.create_table('posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('practice', 'question', name='postkind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.Column('approach', sa.Text(), nullable=False),
    sa.Column('target_group', sa.Text(), nullable=False),
    sa.Column('results', sa.Text(), nullable=False),
    sa.Column('tips', sa.Text(), nullable=False),
    sa.Column('sections_html', sa.JSON(), nullable=False),
    sa.Column('grounding_url', sa.String(length=500), nullable=False),
    sa.Column('grounding_text', sa.String(length=500), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('is_anonymous', sa.Boolean(), nullable=False),
    sa.Column('visibility', sa.Enum('public', 'members', name='visibility', native_enum=False, length=32), nullable=False),
    sa.Column('privacy_confirmed', sa.Boolean(), nullable=False),
    sa.Column('accepted_reply_id', sa.Integer(), nullable=True),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_reply_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_posts_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_id'], ['users.id'], name=op.f('fk_posts_contact_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_posts_deleted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_posts_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_posts_organisation_id_organisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posts'))
    )
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_posts_kind_created_at', ['kind', 'created_at'], unique=False)
        batch_op.create_index('ix_posts_kind_last_activity_at', ['kind', 'last_activity_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(CASE WHEN theme_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN post_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_follows_one_target')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_follows_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_follows_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_follows_theme_id_themes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
    sa.UniqueConstraint('user_id', 'organisation_id', name='uq_follows_user_organisation'),
    sa.UniqueConstraint('user_id', 'post_id', name='uq_follows_user_post'),
    sa.UniqueConstraint('user_id', 'theme_id', name='uq_follows_user_theme')
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follows_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_theme_id'), ['theme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_user_id'), ['user_id'], unique=False)

    op.create_table('post_themes',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_themes_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_post_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'theme_id', name=op.f('pk_post_themes'))
    )
    with op.batch_alter_table('post_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_themes_theme_id'), ['theme_id'], unique=False)

    op.create_table('replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('useful_count', sa.Integer(), nullable=False),
    sa.Column('privacy_confirmed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_replies_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_replies_deleted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_replies_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_replies_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replies'))
    )
    with op.batch_alter_table('replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_replies_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_replies_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_replies_post_id_created_at', ['post_id', 'created_at'], unique=False)

    # posts.accepted_reply_id -> replies.id closes a cycle, so it is added once both tables exist.
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_posts_accepted_reply_id_replies'), 'replies', ['accepted_reply_id'], ['id'],
            ondelete='SET NULL',
        )

    themes = sa.table(
        'themes',
        sa.column('slug', sa.String), sa.column('name', sa.String), sa.column('description', sa.String),
        sa.column('position', sa.Integer), sa.column('created_at', sa.DateTime(timezone=True)),
    )
    now = datetime.now(timezone.utc)
    op.bulk_insert(themes, [
        {'slug': slug, 'name': name, 'description': description, 'position': position, 'created_at': now}
        for position, (slug, name, description) in enumerate(CURATED_THEMES)
    ])

    op.create_table('flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Enum('privacy', 'inappropriate', 'spam', 'other', name='flagreason', native_enum=False, length=32), nullable=False),
    sa.Column('explanation', sa.String(length=1000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.Enum('hidden', 'dismissed', name='flagresolution', native_enum=False, length=32), nullable=True),
    sa.CheckConstraint('(post_id IS NULL) <> (reply_id IS NULL)', name=op.f('ck_flags_post_or_reply')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_flags_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['replies.id'], name=op.f('fk_flags_reply_id_replies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_flags_reporter_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_flags_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flags'))
    )
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flags_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flags_reply_id'), ['reply_id'], unique=False)
        batch_op.create_index('ix_flags_resolved_at', ['resolved_at'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('new_answer', 'new_reaction', 'answer_accepted', 'content_hidden', name='notificationkind', native_enum=False, length=32), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_notifications_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['replies.id'], name=op.f('fk_notifications_reply_id_replies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_id_read_at', ['user_id', 'read_at'], unique=False)

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_revisions_editor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_revisions_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['replies.id'], name=op.f('fk_revisions_reply_id_replies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revisions_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revisions_reply_id'), ['reply_id'], unique=False)

    op.create_table('useful_votes',
    sa.Column('reply_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reply_id'], ['replies.id'], name=op.f('fk_useful_votes_reply_id_replies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_useful_votes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('reply_id', 'user_id', name=op.f('pk_useful_votes'))
    )
    with op.batch_alter_table('useful_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_useful_votes_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_posts_accepted_reply_id_replies'), type_='foreignkey')

    with op.batch_alter_table('useful_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_useful_votes_user_id'))

    op.drop_table('useful_votes')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revisions_reply_id'))
        batch_op.drop_index(batch_op.f('ix_revisions_post_id'))

    op.drop_table('revisions')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_read_at')

    op.drop_table('notifications')
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index('ix_flags_resolved_at')
        batch_op.drop_index(batch_op.f('ix_flags_reply_id'))
        batch_op.drop_index(batch_op.f('ix_flags_post_id'))

    op.drop_table('flags')
    with op.batch_alter_table('replies', schema=None) as batch_op:
        batch_op.drop_index('ix_replies_post_id_created_at')
        batch_op.drop_index(batch_op.f('ix_replies_created_at'))
        batch_op.drop_index(batch_op.f('ix_replies_author_id'))

    op.drop_table('replies')
    with op.batch_alter_table('post_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_themes_theme_id'))

    op.drop_table('post_themes')
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follows_user_id'))
        batch_op.drop_index(batch_op.f('ix_follows_theme_id'))
        batch_op.drop_index(batch_op.f('ix_follows_post_id'))
        batch_op.drop_index(batch_op.f('ix_follows_organisation_id'))

    op.drop_table('follows')
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_posts_organisation_id'))
        batch_op.drop_index('ix_posts_kind_last_activity_at')
        batch_op.drop_index('ix_posts_kind_created_at')
        batch_op.drop_index(batch_op.f('ix_posts_created_at'))
        batch_op.drop_index(batch_op.f('ix_posts_author_id'))

    op.drop_table('posts')
    op.drop_table('themes')
