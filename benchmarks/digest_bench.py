"""Digest benchmark: 10,000 confirmed followers with varied themes, 300 new posts, one full run
into a local aiosmtpd sink on loopback (a separate process, so it does not share our GIL).

    python -m benchmarks.digest_bench [--followers 10000] [--posts 300]

Reports messages/s, total time, peak memory and the number of SQL queries, prints a table and
writes JSON to benchmarks/results/digest.json. Goals: >= 100 messages/s, < 300 MB peak, and SQL
queries that do not grow with recipients x items. Uses SQLite in a temporary folder, or
BENCH_DATABASE_URL (an empty PostgreSQL database) when set.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from benchmarks.common import free_port, write_json

GOALS = {"messages_per_second": 100, "peak_rss_mb": 300}


def start_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.smtp_sink", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert sink.stdout.readline().strip() == "ready"
    return sink


def stop_sink(sink: subprocess.Popen) -> tuple[int, int]:
    out, _ = sink.communicate(timeout=30)
    messages, size = out.split()
    return int(messages), int(size)


def seed(db, followers: int, posts: int, rng: random.Random) -> None:
    """Followers with 1-4 themes (one in five: all themes) and posts of the last six days."""
    from community import database
    from community.accounts.models import Role, User
    from community.clock import utcnow
    from community.digest.models import MemberDigest, Subscriber, subscriber_themes
    from community.organisations.models import Organisation, OrganisationKind
    from community.posts.models import Post, PostKind, Visibility
    from community.themes.models import Theme, post_themes

    now = utcnow()
    theme_ids = list(db.session.scalars(sa.select(Theme.id)))
    org = Organisation(
        name="Bench Jeugdhulp",
        slug="bench",
        kind=OrganisationKind.YOUTH_CARE_PROVIDER,
        region="Utrecht",
    )
    db.session.add(org)
    db.session.flush()
    authors = [
        User(
            email=f"auteur{n}@bench.example.nl",
            name=f"Auteur {n}",
            password_hash="x",
            role=Role.AMBASSADOR,
            organisation_id=org.id,
        )
        for n in range(20)
    ]
    db.session.add_all(authors)
    db.session.flush()
    db.session.add_all(MemberDigest(user_id=author.id, enabled=False) for author in authors)
    post_rows, theme_rows = [], []
    for n in range(posts):
        kind = PostKind.PRACTICE if n % 4 == 0 else PostKind.QUESTION
        created = now - timedelta(minutes=rng.randrange(6 * 24 * 60))
        if kind is PostKind.QUESTION and n % 10 == 1:
            created = now - timedelta(days=rng.randrange(4, 25))  # still waiting for an answer
        body = "Hoe zorgen jullie dat nieuwe collega's zich snel thuis voelen? " * 3
        post_rows.append(
            {
                "id": n + 1,
                "kind": kind,
                "title": f"Benchbericht {n}: inwerken en behouden in de praktijk",
                "slug": f"benchbericht-{n}",
                "body": body,
                "body_html": f"<p>{body}</p>",
                "summary": "Uitstroom na één jaar van 17% naar 3%."
                if kind is PostKind.PRACTICE
                else "",
                "sections_html": {},
                "author_id": authors[n % 20].id,
                "organisation_id": org.id,
                "visibility": Visibility.MEMBERS if n % 10 == 3 else Visibility.PUBLIC,
                "created_at": created,
                "last_activity_at": created,
            }
        )
        for theme_id in rng.sample(theme_ids, rng.randint(1, 2)):
            theme_rows.append({"post_id": n + 1, "theme_id": theme_id})
    db.session.execute(sa.insert(Post), post_rows)
    db.session.execute(sa.insert(post_themes), theme_rows)
    subscriber_rows, chosen_rows = [], []
    for n in range(followers):
        all_themes = n % 5 == 0
        subscriber_rows.append(
            {
                "id": n + 1,
                "email": f"volger{n}@bench.example.nl",
                "all_themes": all_themes,
                "consent_text_version": "bench",
                "created_at": now,
                "confirmed_at": now,
            }
        )
        if not all_themes:
            for theme_id in rng.sample(theme_ids, rng.randint(1, 4)):
                chosen_rows.append({"subscriber_id": n + 1, "theme_id": theme_id})
    db.session.execute(sa.insert(Subscriber), subscriber_rows)
    db.session.execute(sa.insert(subscriber_themes), chosen_rows)
    # Production's nightly job (jobs/schedule.py) would have analysed a database this size;
    # without statistics SQLite's planner guesses (community/database.py).
    database.refresh_statistics(db.session)
    db.session.commit()


def run(followers: int, posts: int) -> dict:
    from flask_migrate import upgrade

    from community import create_app
    from community.digest.models import DigestDelivery, Frequency
    from community.digest.sending import send_digest
    from community.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    port = free_port()
    app = create_app(
        {
            "INSTANCE_PATH": str(workdir / "instance"),
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "SITE_URL": "https://jeugdhulp-community.example.nl",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
        }
    )
    with app.app_context():
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
        seed(db, followers, posts, random.Random(47))
        statements: list[str] = []
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        sink = start_sink(port)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        summary = send_digest(Frequency.WEEKLY)
        elapsed = time.perf_counter() - started
        first_queries = len(statements)
        statements.clear()
        started_again = time.perf_counter()
        again = send_digest(Frequency.WEEKLY)
        elapsed_again = time.perf_counter() - started_again
        received, size = stop_sink(sink)
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        statuses = dict(
            db.session.execute(
                sa.select(DigestDelivery.status, sa.func.count()).group_by(DigestDelivery.status)
            ).all()
        )
        db.session.remove()
        db.engine.dispose()
    sent = summary.sent
    return {
        "database": url.split(":", 1)[0],
        "followers": followers,
        "posts": posts,
        "sent": sent,
        "skipped": summary.skipped,
        "failed": summary.failed,
        "received_by_sink": received,
        "average_message_kb": round(size / max(received, 1) / 1024, 1),
        "seconds": round(elapsed, 2),
        "messages_per_second": round(sent / elapsed, 1),
        "distinct_digests_rendered": summary.rendered,
        "sql_queries": first_queries,
        "sql_queries_per_recipient": round(first_queries / max(followers, 1), 2),
        "peak_rss_mb": round(peak_rss, 1),
        "rss_before_run_mb": round(rss_before, 1),
        "second_run_seconds": round(elapsed_again, 2),
        "second_run_sent": again.sent,
        "second_run_sql_queries": len(statements),
        "deliveries": {status.value: count for status, count in statuses.items()},
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=300)
    args = parser.parse_args(
        argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else []
    )
    result = run(args.followers, args.posts)
    rows = [
        ("messages sent", f"{result['sent']:,}", f"sink received {result['received_by_sink']:,}"),
        ("skipped / failed", f"{result['skipped']} / {result['failed']}", ""),
        (
            "digests rendered",
            f"{result['distinct_digests_rendered']:,}",
            "once per distinct digest",
        ),
        ("total time", f"{result['seconds']} s", ""),
        (
            "messages/s",
            f"{result['messages_per_second']}",
            f"goal >= {GOALS['messages_per_second']}",
        ),
        ("peak memory (RSS)", f"{result['peak_rss_mb']} MB", f"goal < {GOALS['peak_rss_mb']} MB"),
        (
            "SQL queries",
            f"{result['sql_queries']:,}",
            f"{result['sql_queries_per_recipient']} per recipient",
        ),
        (
            "second run",
            f"{result['second_run_sent']} sent",
            f"{result['second_run_seconds']} s, {result['second_run_sql_queries']} queries",
        ),
    ]
    print(
        f"\nDigest benchmark ({result['database']}, {result['followers']:,} followers, "
        f"{result['posts']} posts)"
    )
    for name, value, note in rows:
        print(f"  {name:<20} {value:>14}   {note}")
    print(f"  written to {write_json('digest', result)}")
    return result


if __name__ == "__main__":
    main()
