"""The few SQL expressions that differ between SQLite and PostgreSQL, chosen by dialect.

Everything here builds expressions; nothing runs a query. Times are stored in UTC (see
`db_types.UTCDateTime`), so months are UTC months on both backends: SQLite has no time zone
database, and one rule on both backends keeps the figures identical wherever they are computed.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from community.extensions import db

SUPPORTED = ("sqlite", "postgresql")


def dialect_name() -> str:
    name = db.session.get_bind().dialect.name
    if name not in SUPPORTED:
        raise NotImplementedError(f"stats: no SQL for the {name!r} backend")
    return name


def month_start(column: sa.ColumnElement, dialect: str) -> sa.ColumnElement:
    """The first day of the (UTC) month of `column`, for GROUP BY. Read it with `as_month`.

    Literal SQL, not bound parameters: PostgreSQL only matches a SELECT expression with its
    GROUP BY expression when both are the same text, and two bound parameters are not.
    """
    if dialect == "postgresql":
        utc = sa.func.timezone(sa.literal_column("'UTC'"), column)
        return sa.func.date_trunc(sa.literal_column("'month'"), utc)
    # SQLite keeps UTCDateTime as ISO text ("2026-03-31 23:30:00.000000").
    return sa.func.strftime(sa.literal_column("'%Y-%m-01'"), column)


def as_month(value: str | datetime | date) -> date:
    """A `month_start` value as a date: SQLite hands back text, PostgreSQL a timestamp."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    return date.fromisoformat(value[:10]).replace(day=1)


def seconds_between(
    start: sa.ColumnElement, end: sa.ColumnElement, dialect: str
) -> sa.ColumnElement:
    """`end - start` in seconds, as a number."""
    if dialect == "postgresql":
        return sa.extract("epoch", end - start)
    return (sa.func.julianday(end) - sa.func.julianday(start)) * 86400.0


def median_statement(values: sa.Select, dialect: str) -> sa.Select:
    """A one-row, one-column SELECT: the median of the single column `values` selects.

    PostgreSQL has percentile_cont. Elsewhere: count the values, skip to the middle with
    ORDER BY + OFFSET and average the one (odd count) or two (even count) values there.
    Either way the database does the work; no row comes back to Python. NULL when empty.
    """
    column = values.selected_columns[0]
    if dialect == "postgresql":
        return values.with_only_columns(sa.func.percentile_cont(0.5).within_group(column))
    durations = values.cte("durations")
    value = durations.c[0]
    count = sa.select(sa.func.count()).select_from(durations).scalar_subquery()
    middle = (
        sa.select(value.label("value"))
        .order_by(value)
        .limit(2 - count % 2)
        .offset((count - 1) // 2)
        .subquery("middle")
    )
    return sa.select(sa.func.avg(middle.c.value))
