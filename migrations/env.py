"""Alembic environment: runs migrations against the app's own engine and metadata."""

import logging
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from flask import current_app

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

db = current_app.extensions["migrate"].db


def render_item(type_, obj, autogen_context):
    """Render our column types as plain SQLAlchemy types, so migrations import nothing of ours."""
    from community.db_types import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


# The files were renumbered in chain order (December 2026, before the first production install):
# a database stamped with an old revision id gets its new one before anything runs. The new ids
# have three digits, the old four, so no id means two things.
RENUMBERED = {
    "0001": "001", "0002": "002", "0002s": "003", "0004": "004", "0005": "005", "0006": "006",
    "0003": "007", "0007": "008", "0008": "009", "0010": "010", "0014": "011", "0012": "012",
    "0013": "013", "0011": "014", "0019": "015", "0018": "016", "0021": "017", "0022": "018",
    "0020": "019", "0023": "020",
}  # fmt: skip


def restamp_renumbered(connection) -> None:
    """Give a database stamped before the renumbering its new revision id (one UPDATE)."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return
    table = sa.table("alembic_version", sa.column("version_num"))
    cases = sa.case(RENUMBERED, value=table.c.version_num, else_=table.c.version_num)
    connection.execute(
        sa.update(table).values(version_num=cases).where(table.c.version_num.in_(RENUMBERED))
    )


def run_migrations_online() -> None:
    def skip_empty_autogenerate(_context, _revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []

    with db.engine.begin() as connection:
        restamp_renumbered(connection)
    with db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=db.metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
            process_revision_directives=skip_empty_autogenerate,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `flask db upgrade`.")
run_migrations_online()
