"""De beweging and /healthz under load: 10,000 posts, 50,000 replies, two years of history.

The page's figures are a fixed handful of aggregate queries (community/stats/services.py), each
a scan of posts or users, remembered per worker for COUNTS_CACHE_SECONDS (community/cache.py).
This measures the pages as served, next to a trivial route in the same run. Measured once on a
2-core machine: uncached the figures took ~100-150 ms (13 requests/s); cached, the page ran at
about half the trivial route's rate.
Run: `python -m benchmarks.stats_bench [--posts N] [--replies N] [--seconds S]`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import (
    LOAD_COLUMNS,
    add_share_of_trivial,
    flask,
    load,
    print_table,
    serve,
    write_json,
)
from benchmarks.pages_bench import build_database


def spread_over_two_years(path: Path) -> None:
    """Give the corpus a history: joins and posts over 720 days, answers, invitation chains."""
    os.environ.update(DATABASE_URL=f"sqlite:///{path}", INSTANCE_PATH=str(path.parent / "instance"))
    import sqlalchemy as sa

    from community import create_app
    from community.accounts.models import User
    from community.extensions import db
    from community.posts.models import Post, Reply

    now = datetime.now(UTC)
    app = create_app()
    with app.app_context():
        session = db.session
        user_ids = sorted(session.scalars(sa.select(User.id)))
        users_table, posts_table = User.__table__, Post.__table__
        users = sa.update(users_table).where(users_table.c.id == sa.bindparam("uid"))
        session.connection().execute(
            users.values(created_at=sa.bindparam("joined"), invited_by_id=sa.bindparam("inviter")),
            [
                {
                    "uid": uid,
                    "joined": now - timedelta(days=720 * (len(user_ids) - n) / len(user_ids)),
                    "inviter": user_ids[(n - 1) // 2] if n else None,  # a binary invitation tree
                }
                for n, uid in enumerate(user_ids)
            ],
        )
        post_ids = sorted(session.scalars(sa.select(Post.id)))
        posts = sa.update(posts_table).where(posts_table.c.id == sa.bindparam("pid"))
        session.connection().execute(
            posts.values(created_at=sa.bindparam("posted")),
            [
                {
                    "pid": pid,
                    "posted": now - timedelta(days=700 * (len(post_ids) - n) / len(post_ids)),
                }
                for n, pid in enumerate(post_ids)
            ],
        )
        first_reply = (
            sa.select(sa.func.min(Reply.created_at))
            .where(Reply.post_id == Post.id)
            .scalar_subquery()
        )
        session.execute(sa.update(Post).values(first_reply_at=first_reply))
        # Replies were all written in the last hours; move each to a few hours after its post.
        session.execute(
            sa.text(
                "UPDATE posts SET first_reply_at = "
                "strftime('%Y-%m-%d %H:%M:%S.000000', created_at, '+' || (id % 200) || ' hours') "
                "WHERE first_reply_at IS NOT NULL"
            )
        )
        session.commit()
        db.engine.dispose()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-stats-") as tmp:
        database = Path(tmp) / "bench.db"
        corpus = build_database(database, args.posts, args.replies)
        spread_over_two_years(database)
        # /healthz answers 503 without a search index: build it, as `make run` and cron do.
        flask(database, Path(tmp), "search", "sync", "--quiet")
        with serve(database, Path(tmp), args.workers) as port:
            rows = []
            for name, path in [
                ("trivial route", "/__bench/trivial"),
                ("de beweging", "/de-beweging"),
                ("organisation page", "/organisaties/organisatie-0"),
                ("healthz", "/healthz"),
            ]:
                rows.append(
                    {"page": name, **load(port, path, clients=args.clients, seconds=args.seconds)}
                )
    add_share_of_trivial(rows)
    print_table(
        f"De beweging ({args.workers} gunicorn workers, {args.clients} clients, "
        f"{args.seconds:.0f} s each)",
        rows,
        LOAD_COLUMNS,
    )
    payload = {"corpus": corpus, "settings": vars(args), "pages": rows}
    print(f"\nWritten to {write_json('stats', payload)}")
    return payload


if __name__ == "__main__":
    main()
