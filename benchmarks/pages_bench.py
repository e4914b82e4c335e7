"""Page speed: 10,000 posts and 50,000 replies, served by gunicorn on loopback.

Measures requests/s and p50/p95 latency for the home page, the question list, a question with 50
answers and the practice list, against a trivial route on the same server in the same run.
Goal (issue 3): every page at least 30% of the trivial route's rate, p95 under 100 ms with 10
concurrent clients. Run: `python -m benchmarks.pages_bench [--posts N] [--replies N] [--seconds S]`.

The goal is measured as visitors see the pages (no cookie), which is how most readers arrive and
what community.pagecache serves from memory between changes. The same pages for a logged-in
member are always rendered; they are measured too (the "member" rows) and reported, not judged.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import (
    LOAD_COLUMNS,
    ROOT,
    add_share_of_trivial,
    load,
    print_table,
    resolve,
    serve,
    write_json,
)

WORDS = [
    "inwerken",
    "behouden",
    "mentor",
    "starter",
    "caseload",
    "intervisie",
    "werkbegeleiding",
    "uitstroom",
    "verzuim",
    "team",
    "jeugdbeschermer",
    "gezin",
    "kind",
    "veiligheid",
    "regie",
    "gemeente",
    "wijkteam",
    "werkdruk",
    "administratie",
    "vitaliteit",
    "leiderschap",
    "zelforganisatie",
    "ontwikkeling",
    "scholing",
    "welkom",
    "buddy",
    "coaching",
    "vertrouwen",
    "moreel",
    "letsel",
    "reflectie",
    "collega",
    "organisatie",
    "aandacht",
    "ruimte",
    "leren",
    "praktijk",
    "casus",
    "overdracht",
]


MEMBER_EMAIL, MEMBER_PASSWORD = "lid1@example.nl", "benchmark-wachtwoord"


def log_in(port: int) -> str:
    """Log in through the real form; returns the Cookie header of the member's session."""

    def cookie_of(response) -> str:
        return "; ".join(
            value.split(";", 1)[0]
            for key, value in response.getheaders()
            if key.lower() == "set-cookie"
        )

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/inloggen")
    response = connection.getresponse()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()
    ).group(1)
    cookie = cookie_of(response)
    body = f"csrf_token={token}&email={MEMBER_EMAIL}&password={MEMBER_PASSWORD}"
    connection.request(
        "POST",
        "/inloggen",
        body=body,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 302:
        raise SystemExit(f"logging in answered {response.status}")
    return cookie_of(response)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_database(path: Path, posts: int, replies: int) -> dict:
    """Migrate an empty SQLite database and bulk-insert the corpus; returns ids to visit."""
    os.environ.update(DATABASE_URL=f"sqlite:///{path}", INSTANCE_PATH=str(path.parent / "instance"))
    from alembic import command
    from alembic.config import Config as AlembicConfig

    from community import create_app, database
    from community.accounts.models import Role, User
    from community.extensions import db
    from community.organisations.models import Organisation, OrganisationKind
    from community.posts.models import Post, PostKind, Reply
    from community.themes.models import Theme, post_themes

    app = create_app()
    rng = random.Random(7)
    now = datetime.now(UTC)
    with app.app_context():
        config = AlembicConfig(str(ROOT / "migrations" / "alembic.ini"))
        config.set_main_option("script_location", str(ROOT / "migrations"))
        command.upgrade(config, "head")
        session = db.session
        session.execute(
            db.insert(Organisation),
            [
                {
                    "name": f"Organisatie {i}",
                    "slug": f"organisatie-{i}",
                    "kind": OrganisationKind.YOUTH_CARE_PROVIDER,
                    "region": "Utrecht",
                    "website": "",
                    "email_domains_text": f"org{i}.example.nl",
                    "created_at": now,
                }
                for i in range(20)
            ],
        )
        org_ids = list(session.scalars(db.select(Organisation.id)))
        session.execute(
            db.insert(User),
            [
                {
                    "email": f"lid{i}@example.nl",
                    "name": f"Lid {i}",
                    "password_hash": "x",
                    "role": Role.AMBASSADOR if i % 4 == 0 else Role.PROFESSIONAL,
                    "organisation_id": rng.choice(org_ids),
                    "job_title": "Jeugdbeschermer",
                    "bio": "",
                    "is_active": True,
                    "session_epoch": 0,
                    "notify_by_email": True,
                    "created_at": now,
                }
                for i in range(200)
            ],
        )
        user_ids = list(session.scalars(db.select(User.id)))
        from community.accounts.services import hash_password

        session.execute(
            db.update(User)
            .where(User.email == MEMBER_EMAIL)
            .values(password_hash=hash_password(MEMBER_PASSWORD))
        )
        theme_ids = list(session.scalars(db.select(Theme.id)))
        rows = []
        for i in range(posts):
            kind = PostKind.QUESTION if i % 2 else PostKind.PRACTICE
            created = now - timedelta(minutes=posts - i)
            body = " ".join(sentence(rng, 14) for _ in range(6))
            rows.append(
                {
                    "kind": kind,
                    "title": sentence(rng, 7)[:140],
                    "slug": f"bericht-{i}",
                    "body": body,
                    "body_html": f"<p>{body}</p>",
                    "summary": sentence(rng, 20) if kind is PostKind.PRACTICE else "",
                    "context": "",
                    "approach": "",
                    "target_group": "",
                    "results": "",
                    "tips": "",
                    "sections_html": (
                        {"approach": f"<p>{body}</p>"} if kind is PostKind.PRACTICE else {}
                    ),
                    "grounding_url": "",
                    "grounding_text": "",
                    "author_id": rng.choice(user_ids),
                    "organisation_id": rng.choice(org_ids),
                    "is_anonymous": False,
                    "privacy_confirmed": False,
                    "reply_count": 0,
                    "created_at": created,
                    "last_activity_at": created,
                }
            )
        session.execute(db.insert(Post), rows)
        post_ids = list(session.scalars(db.select(Post.id).order_by(Post.id)))
        question_ids = post_ids[1::2]
        session.execute(
            post_themes.insert(),
            [
                {"post_id": pid, "theme_id": tid}
                for pid in post_ids
                for tid in rng.sample(theme_ids, 2)
            ],
        )
        target = question_ids[-1]  # the newest question gets exactly 50 answers
        others = [pid for pid in post_ids if pid != target]
        reply_rows = []
        for i in range(replies):
            post_id = target if i < 50 else rng.choice(others)
            body = sentence(rng, 30)
            reply_rows.append(
                {
                    "post_id": post_id,
                    "author_id": rng.choice(user_ids),
                    "body": body,
                    "body_html": f"<p>{body}</p>",
                    "useful_count": rng.randint(0, 5),
                    "privacy_confirmed": False,
                    "created_at": now - timedelta(seconds=replies - i),
                }
            )
        session.execute(db.insert(Reply), reply_rows)
        session.execute(
            db.text(
                "UPDATE posts SET reply_count = "
                "(SELECT COUNT(*) FROM replies WHERE replies.post_id = posts.id)"
            )
        )
        # Production's nightly job (jobs/schedule.py) would have analysed a database this size;
        # without statistics SQLite's planner guesses (community/database.py).
        database.refresh_statistics(session)
        session.commit()
        counts = {
            "posts": session.scalar(db.select(db.func.count(Post.id))),
            "replies": session.scalar(db.select(db.func.count(Reply.id))),
        }
        target_replies = session.scalar(
            db.select(db.func.count(Reply.id)).where(Reply.post_id == target)
        )
        db.engine.dispose()
    return {"question_with_50": target, "target_replies": target_replies, **counts}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        database = Path(tmp) / "bench.db"
        began = time.monotonic()
        corpus = build_database(database, args.posts, args.replies)
        seeded_in = time.monotonic() - began
        print(
            f"Seeded {corpus['posts']} posts and {corpus['replies']} replies in {seeded_in:.1f} s"
        )
        with serve(database, Path(tmp), args.workers) as port:
            question = resolve(port, f"/vragen/{corpus['question_with_50']}")
            pages = [
                ("trivial route", "/__bench/trivial"),
                ("home", "/"),
                ("question list", resolve(port, "/vragen")),
                ("question with 50 answers", question),
                ("practice list", resolve(port, "/goede-voorbeelden")),
            ]
            rows = []
            for name, path in pages:
                result = load(port, path, clients=args.clients, seconds=args.seconds)
                rows.append({"page": name, **result})
            member = {"Cookie": log_in(port)}
            for name, path in pages[1:]:
                result = load(
                    port, path, clients=args.clients, seconds=args.seconds, headers=member
                )
                rows.append({"page": f"{name} (member)", "member": True, **result})
    add_share_of_trivial(rows)
    for row in rows:
        judged = row["page"] != "trivial route" and not row.get("member")
        row["meets_goal"] = (
            (row["share_of_trivial"] >= 0.30 and row["p95_ms"] < 100) if judged else ""
        )
    print_table(
        f"Pages ({args.workers} gunicorn workers, {args.clients} concurrent clients, "
        f"{args.seconds:.0f} s each)",
        rows,
        [*LOAD_COLUMNS, ("meets_goal", "goal", "")],
    )
    payload = {"corpus": corpus, "settings": vars(args), "pages": rows}
    print(f"\nWritten to {write_json('pages', payload)}")
    return payload


if __name__ == "__main__":
    main()
