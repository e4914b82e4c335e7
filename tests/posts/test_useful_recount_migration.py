"""Migration 0011 sets every reply's "nuttig" count to its number of vote rows: counts that
drifted before the fix (-8 against 0 rows) show the right figure after `flask db upgrade`."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory

from community import PROJECT_ROOT, create_app
from community.extensions import db
from community.posts.models import PostKind, Reply, UsefulVote
from tests.factories import create_post, create_reply, create_user


def test_upgrade_recounts_drifted_useful_counts(tmp_path, database_url):
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'migrated.db'}"
    else:  # a schema of its own, so the suite's tables stay as they are
        url = (
            database_url + ("&" if "?" in database_url else "?") + "options=-csearch_path%3Drecount"
        )
        engine = sa.create_engine(database_url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS recount CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA recount")
        engine.dispose()
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "SQLALCHEMY_DATABASE_URI": url}
    )
    with app.app_context():
        config = AlembicConfig(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
        config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
        before = ScriptDirectory.from_config(config).get_revision("0011").down_revision
        command.upgrade(config, before)
        question = create_post(PostKind.QUESTION)
        voted, unvoted = create_reply(question), create_reply(question)
        db.session.add(UsefulVote(reply_id=voted.id, user_id=create_user().id))
        voted.useful_count, unvoted.useful_count = -9, -8
        ids = voted.id, unvoted.id
        db.session.commit()
        db.session.close()

        command.upgrade(config, "0011")

        counts = dict(db.session.execute(sa.select(Reply.id, Reply.useful_count)).all())
        assert (counts[ids[0]], counts[ids[1]]) == (1, 0)
        db.session.close()
        command.downgrade(config, "base")
        db.engine.dispose()
