"""Migration 0023 moves members' newsletter settings from `users` into `member_digests` and back:
after `flask db upgrade` every member keeps the digest they chose (off, daily, their own themes,
the cut-off of their last digest), and nothing that points at a member is lost on the way."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory

from community import PROJECT_ROOT
from community.extensions import db
from tests.posts.test_useful_recount_migration import _app, _database

SENT = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def _insert(connection, table_name: str, **values) -> int:
    """A row in the schema as it is at this revision: required columns get a plain value."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    row = dict(values)
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        if column.primary_key and isinstance(column.type, sa.Integer):
            continue
        if isinstance(column.type, sa.Boolean):
            row[column.name] = False
        elif isinstance(column.type, sa.Integer):
            row[column.name] = 0
        elif isinstance(column.type, sa.DateTime):
            row[column.name] = SENT
        else:
            row[column.name] = "x"
    return connection.execute(table.insert().values(**row)).inserted_primary_key[0]


def _settings(connection) -> dict[str, tuple]:
    rows = connection.execute(
        sa.text(
            "SELECT u.email, m.enabled, m.frequency, m.all_themes, m.last_sent_at "
            "FROM member_digests m JOIN users u ON u.id = m.user_id"
        )
    )
    return {
        email: (bool(on), frequency, bool(every), sent)
        for email, on, frequency, every, sent in rows
    }


def _user_columns(connection) -> dict[str, tuple]:
    rows = connection.execute(
        sa.text(
            "SELECT email, digest_enabled, digest_frequency, digest_all_themes, "
            "digest_last_sent_at FROM users"
        )
    )
    return {
        email: (bool(on), frequency, bool(every), sent)
        for email, on, frequency, every, sent in rows
    }


def _aware(when) -> datetime | None:
    """SQLite hands back the stored text; PostgreSQL an aware datetime."""
    if when is None or isinstance(when, datetime):
        return when
    parsed = datetime.fromisoformat(when)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def test_members_keep_their_newsletter_settings_through_upgrade_and_downgrade(
    tmp_path, database_url
):
    config = AlembicConfig(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    before = ScriptDirectory.from_config(config).get_revision("020").down_revision

    app = _app(tmp_path, _database(tmp_path, database_url, "member_digests"), "member_digests")
    with app.app_context():
        command.upgrade(config, before)
        with db.engine.begin() as connection:

            def member(email: str, **digest) -> int:
                return _insert(connection, "users", email=email, role="professional", **digest)

            off = member("uit@example.nl", digest_enabled=False)
            member(
                "dagelijks@example.nl",
                digest_frequency="daily",
                digest_all_themes=False,
                digest_last_sent_at=SENT,
            )
            member("standaard@example.nl")
            theme = _insert(
                connection, "themes", name="Migratietest", slug="migratietest", position=999
            )
            _insert(connection, "follows", user_id=off, theme_id=theme)

        command.upgrade(config, "020")

        with db.engine.connect() as connection:
            settings = _settings(connection)
            columns = {c["name"] for c in sa.inspect(connection).get_columns("users")}
            follows = connection.scalar(sa.text("SELECT count(*) FROM follows"))
        assert {email: (*row[:3], _aware(row[3])) for email, row in settings.items()} == {
            "uit@example.nl": (False, "weekly", True, None),
            "dagelijks@example.nl": (True, "daily", False, SENT),
            "standaard@example.nl": (True, "weekly", True, None),
        }
        assert not {c for c in columns if c.startswith("digest_")}
        assert follows == 1, "dropping the columns must not cascade to what points at a member"

        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "UPDATE member_digests SET enabled = :off "
                    "WHERE user_id = (SELECT id FROM users WHERE email = 'standaard@example.nl')"
                ),
                {"off": False},
            )

        command.downgrade(config, before)

        with db.engine.connect() as connection:
            back = _user_columns(connection)
            tables = sa.inspect(connection).get_table_names()
            follows = connection.scalar(sa.text("SELECT count(*) FROM follows"))
        assert {email: (*row[:3], _aware(row[3])) for email, row in back.items()} == {
            "uit@example.nl": (False, "weekly", True, None),
            "dagelijks@example.nl": (True, "daily", False, SENT),
            "standaard@example.nl": (False, "weekly", True, None),
        }
        assert "member_digests" not in tables
        assert follows == 1
        command.downgrade(config, "base")
        db.engine.dispose()
