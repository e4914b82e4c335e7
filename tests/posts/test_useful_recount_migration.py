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


def _database(tmp_path, database_url: str, name: str) -> str:
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    # A schema of its own, so the suite's tables stay as they are.
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    engine.dispose()
    return database_url + ("&" if "?" in database_url else "?") + f"options=-csearch_path%3D{name}"


def _app(tmp_path, url: str, name: str):
    return create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / name), "SQLALCHEMY_DATABASE_URI": url}
    )


# What a reply with votes needs, parents first.
COPIED = ("organisations", "users", "posts", "replies", "useful_votes")


def _copy(source: sa.Engine, target: sa.Engine) -> None:
    """Copy the rows into the older schema, in the columns it has: the rows are made with
    today's models, so later migrations (new columns) cannot break this test."""
    with source.connect() as reading, target.begin() as writing:
        for name in COPIED:
            table = sa.Table(name, sa.MetaData(), autoload_with=writing)
            found = sa.Table(name, sa.MetaData(), autoload_with=reading)
            names = [c.name for c in table.columns if c.name in found.c]
            rows = reading.execute(sa.select(*(found.c[n] for n in names))).mappings().all()
            if rows:
                writing.execute(table.insert(), [dict(row) for row in rows])


def test_upgrade_recounts_drifted_useful_counts(tmp_path, database_url):
    config = AlembicConfig(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    before = ScriptDirectory.from_config(config).get_revision("014").down_revision

    today = _app(tmp_path, _database(tmp_path, database_url, "recount_today"), "today")
    with today.app_context():
        command.upgrade(config, "head")
        question = create_post(PostKind.QUESTION)
        voted, unvoted = create_reply(question), create_reply(question)
        db.session.add(UsefulVote(reply_id=voted.id, user_id=create_user().id))
        voted.useful_count, unvoted.useful_count = -9, -8
        ids = voted.id, unvoted.id
        db.session.commit()
        db.session.close()
        source = db.engine

    older = _app(tmp_path, _database(tmp_path, database_url, "recount_older"), "older")
    with older.app_context():
        command.upgrade(config, before)
        _copy(source, db.engine)

        command.upgrade(config, "014")

        counts = dict(db.session.execute(sa.select(Reply.id, Reply.useful_count)).all())
        assert (counts[ids[0]], counts[ids[1]]) == (1, 0)
        db.session.close()
        command.downgrade(config, "base")
        db.engine.dispose()
    with today.app_context():
        command.downgrade(config, "base")
        db.engine.dispose()
