"""Planner statistics: without them SQLite answers "these ten posts, if listable" by walking
every visible post (ix_posts_visible) instead of looking the ten up by primary key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import event

from community import create_app, database, jobs
from community.extensions import db
from community.jobs import schedule
from community.posts.models import Post, PostKind
from tests.conftest import make_config
from tests.factories import create_post, create_user

POSTS = 3000


def _plan_of_listable_ids(member, ids: list[int]) -> list[str]:
    """EXPLAIN QUERY PLAN of the statement search's `_listable_ids` really sends for `member`."""
    from community.search.services import _listable_ids

    sent: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.startswith("SELECT posts.id \nFROM posts"):
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert _listable_ids(member, ids) == set(ids)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    [(statement, parameters)] = sent
    assert "posts.id IN" in statement and "deleted_at IS NULL" in statement
    rows = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    return [row[3] for row in rows]


def test_search_looks_listable_posts_up_by_primary_key_once_statistics_exist(tmp_path):
    # Its own SQLite file, whatever TEST_DATABASE_URL says: the shared test database may or may
    # not have statistics already, and this is about SQLite's planner.
    app = create_app(make_config(tmp_path, f"sqlite:///{tmp_path / 'statistics.db'}"))
    with app.app_context():
        db.create_all()
        member = create_user()
        start = datetime(2026, 1, 1, tzinfo=UTC)
        rows = [
            {
                "kind": PostKind.QUESTION,
                "title": f"Vraag {n}",
                "slug": f"vraag-{n}",
                "body": "",
                "author_id": member.id,
                "organisation_id": member.organisation_id,
                "created_at": start + timedelta(minutes=n),
                "last_activity_at": start + timedelta(minutes=n),
                "deleted_at": start if n % 50 == 0 else None,
            }
            for n in range(1, POSTS + 1)
        ]
        db.session.execute(sa.insert(Post), rows)
        db.session.commit()
        ids = [11, 222, 333, 1001, 1234, 1501, 2001, 2345, 2777, 2999]

        database.refresh_statistics(db.session)
        db.session.commit()

        plan = _plan_of_listable_ids(member, ids)
        assert plan == ["SEARCH posts USING INTEGER PRIMARY KEY (rowid=?)"], plan
        db.session.remove()
        db.engine.dispose()


def test_the_nightly_job_refreshes_the_statistics_in_a_quiet_hour(app):
    # The worker's scheduler (Huey: naive UTC minutes) starts it once a day, in the night.
    day = datetime(2026, 12, 7)
    minutes = [day + timedelta(minutes=i) for i in range(24 * 60)]
    due = [m for m in minutes if schedule.refresh_statistics.schedule_check(m)]
    assert len(due) == 1
    assert 0 <= due[0].hour < 5  # UTC: in the night in Amsterdam, summer and winter
    # No other chore shares its hour (the sweeps that run every few minutes aside).
    chores = [
        t
        for t in jobs.periodic_tasks()
        if t is not schedule.refresh_statistics and sum(map(t.schedule_check, minutes)) <= 24
    ]
    hour = [due[0].replace(minute=m) for m in range(60)]
    assert not [t.name for t in chores if any(map(t.schedule_check, hour))]
    create_post()
    db.session.commit()
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        db.session.execute(sa.text("DROP TABLE IF EXISTS sqlite_stat1"))
        db.session.commit()

    schedule.refresh_statistics.run_here()  # as the worker runs it: own session, commits

    if sqlite:
        tables = {row[0] for row in db.session.execute(sa.text("SELECT tbl FROM sqlite_stat1"))}
        assert "posts" in tables


def test_refreshing_an_empty_database_is_harmless(app):
    database.refresh_statistics(db.session)
    db.session.commit()
