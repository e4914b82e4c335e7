"""Fan-out: a new question in a theme whose followers all chose "direct".

    python -m benchmarks.fanout_bench                 # what `make bench` runs
    python -m benchmarks.fanout_bench --posts 40 --sizes 500 5000

1. The web request: a member publishes questions over HTTP (gunicorn, real form, CSRF) in a theme
   with 5,000 "direct" followers and in a theme with none, alternating. The request only records
   the post; fan-out is the job's. Reports p50/p95 of both (goal: p95 within 10% of each other).
2. The jobs: `fan_out_job` then `deliver_due_job` for a question in a theme with 500 and with
   5,000 followers, into a local aiosmtpd sink (its own process). Reports mails/s and the SQL
   statements (counted with an SQLAlchemy event) in total and per recipient: the total grows with
   the rounds of `services.BATCH` members, never with a query per follower.

SQLite in a temporary folder. Writes benchmarks/results/fanout.json.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from benchmarks import common
from benchmarks.common import (
    ROOT,
    app_env,
    free_port,
    percentile,
    print_table,
    serve_env,
    write_json,
)
from benchmarks.digest_bench import start_sink, stop_sink

MEMBER = "vraagsteller@bench.example.nl"
PASSWORD = "jeugdhulp-bench-2026"
GOALS = {"publish_p95_within": 0.10}


def seed(db, sizes: list[int]) -> dict[str, int]:
    """Themes with 0, and each of `sizes`, followers choosing "direct"; one asking member."""
    from community import database
    from community.accounts.models import User
    from community.accounts.services import hash_password
    from community.follows.models import Delivery, Follow
    from community.themes.models import Theme

    themes = {}
    for position, size in enumerate([0, *sizes], start=1):
        theme = Theme(name=f"Bench thema {size}", slug=f"bench-{size}", position=position)
        db.session.add(theme)
        db.session.flush()
        themes[size] = theme.id
    db.session.add(
        User(email=MEMBER, name="Bench Vraagsteller", password_hash=hash_password(PASSWORD))
    )
    # Followers never log in: a placeholder hash keeps seeding fast.
    next_id = db.session.scalar(sa.select(sa.func.max(User.id))) + 1
    for size in sizes:
        users = [
            {
                "id": next_id + n,
                "email": f"volger{size}-{n}@bench.example.nl",
                "name": f"Volger {n}",
                "password_hash": "!",
            }
            for n in range(size)
        ]
        db.session.execute(sa.insert(User), users)
        db.session.execute(
            sa.insert(Follow),
            [
                {"user_id": u["id"], "theme_id": themes[size], "delivery": Delivery.DIRECT}
                for u in users
            ],
        )
        next_id += size
    # Production's nightly job (jobs/schedule.py) would have analysed a database this size;
    # without statistics SQLite's planner guesses (community/database.py).
    database.refresh_statistics(db.session)
    db.session.commit()
    return themes


# 1. The web request -----------------------------------------------------------------------------


class Browser(common.Browser):
    def login(self) -> None:
        super().login(MEMBER, PASSWORD)

    def publish(self, title: str, theme_id: int) -> float:
        form = self.hidden("/vragen/nieuw")
        form.update(
            title=title,
            body="Hoe pakken jullie dit aan? Graag jullie ervaringen.",
            visibility="public",
            themes=str(theme_id),
        )
        started = time.perf_counter()
        status, html, location = self.open("/vragen/nieuw", form)
        elapsed = time.perf_counter() - started
        assert status in (302, 303) and "/vragen/" in location, (status, html[:300])
        return elapsed


def web_part(
    workdir: Path, database: Path, themes: dict[int, int], posts: int, big: int
) -> list[dict]:
    env = {
        **app_env(database, workdir),
        "MAIL_SERVER": "",
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
    }
    timings: dict[int, list[float]] = {0: [], big: []}
    with serve_env(env, workers=2) as port:
        browser = Browser(f"http://127.0.0.1:{port}")
        browser.login()
        for n in range(3):  # warm up both workers
            browser.publish(f"Opwarmvraag {n} over inwerken", themes[0])
        for n in range(posts):
            for size in (0, big):
                timings[size].append(browser.publish(f"Benchvraag {size} nummer {n}", themes[size]))
    rows = []
    for size, values in timings.items():
        rows.append(
            {
                "theme": f"{size} volgers (direct)" if size else "geen volgers",
                "requests": len(values),
                "p50_ms": percentile(values, 0.5) * 1000,
                "p95_ms": percentile(values, 0.95) * 1000,
            }
        )
    return rows


# 2. The jobs ------------------------------------------------------------------------------------


def jobs_part(
    workdir: Path, database: Path, themes: dict[int, int], sizes: list[int]
) -> list[dict]:
    from community import create_app
    from community import jobs as queue
    from community.accounts.models import User
    from community.clock import utcnow
    from community.extensions import db
    from community.notify import jobs, services
    from community.notify.models import PostFanout
    from community.posts import services as posts
    from community.posts.models import Post

    port = free_port()
    app = create_app(
        {
            "INSTANCE_PATH": str(workdir / "instance-jobs"),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": "bench",
            "SITE_URL": "https://jeugdhulp-community.example.nl",
            "SEARCH_INDEX_DIR": str(workdir / "index"),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "NOTIFY_QUIET_HOURS": False,  # the figures, not the hour the bench runs at
        }
    )
    rows = []
    with app.app_context():
        # The web part's questions were never fanned out (no job queue here): leave them be.
        db.session.execute(
            sa.insert(PostFanout).from_select(
                ["post_id", "done_at"],
                sa.select(Post.id, Post.created_at).where(
                    Post.id.not_in(sa.select(PostFanout.post_id))
                ),
            )
        )
        db.session.commit()
        asker = db.session.scalar(sa.select(User).where(User.email == MEMBER))
        statements: list[str] = []

        def count(*args) -> None:
            statements.append(args[2])

        sa.event.listen(db.engine, "before_cursor_execute", count)
        sink = start_sink(port)
        received_before = 0
        for size in sizes:
            now = utcnow()
            post = posts.ask_question(
                asker,
                {
                    "title": f"Meetvraag voor {size} volgers",
                    "body": "Wie weet raad?",
                    "themes": [themes[size]],
                },
                now=now,
            )
            db.session.commit()
            statements.clear()
            started = time.perf_counter()
            told = jobs.fan_out_job(post.id, now)
            fanned = time.perf_counter()
            fan_out_sql = len(statements)
            statements.clear()
            # The mail jobs those rounds enqueue run here, one after another, as one worker
            # would run them (claim, send, mark sent): the figures include the outbox.
            with queue.inline():
                done = jobs.deliver_due_job(now)
            ended = time.perf_counter()
            deliver_sql = len(statements)
            rows.append(
                {
                    "followers": size,
                    "told": told,
                    "mails": done.mails,
                    "fan_out_s": fanned - started,
                    "deliver_s": ended - fanned,
                    "mails_per_s": done.mails / (ended - fanned),
                    "fan_out_sql": fan_out_sql,
                    "deliver_sql": deliver_sql,
                    "sql_per_recipient": (fan_out_sql + deliver_sql) / max(size, 1),
                    "rounds": -(-size // services.BATCH),
                }
            )
        sa.event.remove(db.engine, "before_cursor_execute", count)
        received, _size = stop_sink(sink)
        db.session.remove()
        db.engine.dispose()
    rows.append({"followers": "sink received", "mails": received - received_before})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=30, help="questions per theme over HTTP")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    args = parser.parse_args(argv)
    from flask_migrate import upgrade

    from community import create_app
    from community.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix="fanout-bench-"))
    database = workdir / "bench.db"
    app = create_app(
        {
            "INSTANCE_PATH": str(workdir / "instance"),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": "bench",
            "SEARCH_INDEX_DIR": str(workdir / "index"),
        }
    )
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        themes = seed(db, args.sizes)
        db.session.remove()
        db.engine.dispose()

    big = max(args.sizes)
    web = web_part(workdir, database, themes, args.posts, big)
    print_table(
        "Publishing a question over HTTP (the request does not fan out)",
        web,
        [
            ("theme", "theme", ""),
            ("requests", "requests", ""),
            ("p50_ms", "p50 ms", ".1f"),
            ("p95_ms", "p95 ms", ".1f"),
        ],
    )
    ratio = web[1]["p95_ms"] / web[0]["p95_ms"] - 1
    goal = GOALS["publish_p95_within"]
    print(f"p95 with {big} followers vs none: {ratio:+.1%} (goal: within {goal:.0%})")

    jobs = jobs_part(workdir, database, themes, args.sizes)
    print_table(
        "fan_out + deliver_due into a local SMTP sink",
        jobs[:-1],
        [
            ("followers", "followers", ""),
            ("mails", "mails", ""),
            ("fan_out_s", "fan-out s", ".2f"),
            ("deliver_s", "deliver s", ".2f"),
            ("mails_per_s", "mails/s", ".0f"),
            ("fan_out_sql", "fan-out SQL", ""),
            ("deliver_sql", "deliver SQL", ""),
            ("sql_per_recipient", "SQL/recipient", ".3f"),
        ],
    )
    print(f"sink received {jobs[-1]['mails']} mails")
    path = write_json(
        "fanout",
        {
            "publish": web,
            "publish_p95_ratio": ratio,
            "jobs": jobs[:-1],
            "sink_received": jobs[-1]["mails"],
            "goals": GOALS,
        },
    )
    print(f"results: {path}")


if __name__ == "__main__":
    main()
