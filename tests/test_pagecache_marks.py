"""Each feature marks the tables and columns no visitor's page shows (`info={"shown_on_pages":
False}`), and the page cache reads the marks from the metadata. The marks say what the list in
pagecache.py said before they replaced it; a table without a mark counts as content.
"""

from __future__ import annotations

import sqlalchemy as sa

from community import pagecache
from community.extensions import db

# pagecache.PRIVATE_TABLES / PRIVATE_COLUMNS as they were when the features took them over.
NOT_SHOWN_TABLES = {
    "content_generation",
    "access_requests",
    "colleague_asks",
    "digest_deliveries",
    "digest_runs",
    "flags",
    "follower_data_links",
    "follows",
    "form_submissions",
    "invitations",
    "login_failures",
    "login_sessions",
    "member_digests",
    "member_expertise",
    "mail_optouts",
    "notice_items",
    "notifications",
    "post_fanouts",
    "outgoing_mails",
    "password_reset_tokens",
    "readiness_responses",
    "readiness_rounds",
    "rekentool_scenarios",
    "revisions",
    "search_index_state",
    "search_outbox",
    "search_synonym_version",
    "subscriber_themes",
    "subscribers",
}
NOT_SHOWN_COLUMNS = {
    "users": {
        "last_seen_at",
        "password_hash",
        "session_epoch",
        "notify_by_email",
        "accepts_asks",
        "welcome_pending",
        "notice_mail_at",
    },
}


def test_the_marks_say_what_the_list_said(app):
    assert pagecache.not_shown_tables() == NOT_SHOWN_TABLES
    assert pagecache.not_shown_columns() == NOT_SHOWN_COLUMNS


def _generation() -> int:
    db.session.rollback()
    return pagecache.current_generation()


def test_a_new_table_without_a_mark_is_content_and_a_marked_one_is_not(app):
    new = sa.Table("new_feature_items", db.metadata, sa.Column("id", sa.Integer, primary_key=True))
    marked = sa.Table(
        "new_feature_log",
        db.metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        info={"shown_on_pages": False},
    )
    try:
        new.create(db.engine)
        marked.create(db.engine)
        before = _generation()

        db.session.execute(sa.insert(marked).values(id=1))
        db.session.commit()
        assert _generation() == before

        db.session.execute(sa.insert(new).values(id=1))
        db.session.commit()
        assert _generation() == before + 1
    finally:
        db.session.rollback()
        for table in (new, marked):
            table.drop(db.engine, checkfirst=True)
            db.metadata.remove(table)


def test_a_marked_column_of_a_shown_table_is_not_content(app):
    from tests.factories import create_user

    user = create_user()
    db.session.commit()
    before = _generation()
    user = db.session.get(type(user), user.id)
    user.session_epoch = (user.session_epoch or 0) + 1  # a login elsewhere: no page shows it
    db.session.commit()
    assert _generation() == before
    user.name = user.name + " B"  # pages show a name
    db.session.commit()
    assert _generation() == before + 1
