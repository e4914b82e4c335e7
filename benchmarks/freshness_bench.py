"""Freshness: how soon a question posted over HTTP can be found over HTTP.

    python -m benchmarks.freshness_bench               # 100 questions (what `make bench` runs)
    python -m benchmarks.freshness_bench --questions 20

Two web hosts (gunicorn, 2 workers each) share one PostgreSQL database; each has its own index
folder and index name, and neither runs cron. A member posts questions on host A through the real
form (log-in, CSRF); after each post's response returns, the same question is searched for on
host A and on host B until it is found. Reports p50/p95 of the time until found on each host
(goal: p95 under 1 s on both) and of publishing itself (the POST until its redirect).

Then the same on SQLite (one host): publishing a question with search on (goal: p95 under 100 ms).

PostgreSQL: FRESHNESS_DATABASE_URL (default: postgresql://community:community@127.0.0.1:5432/
community_bench). The bench works in a schema of its own, `freshness_bench`, dropped and created
again at the start; nothing else in that database is touched.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks import common
from benchmarks.common import (
    ROOT,
    percentile,
    print_table,
    serve_env,
    write_json,
)

DEFAULT_URL = "postgresql://community:community@127.0.0.1:5432/community_bench"
SCHEMA = "freshness_bench"
MEMBER = "professional@molendrift.example.nl"
PASSWORD = "jeugdhulp-demo-2026"
GOALS = {"found_p95_s": 1.0, "sqlite_publish_p95_ms": 100.0}
GIVE_UP_S = 30.0


def host_env(workdir: Path, database_url: str, name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEARCH_", "FLASK_"))}
    env.update(
        DATABASE_URL=database_url,
        INSTANCE_PATH=str(workdir / f"instance-{name}"),
        SECRET_KEY="bench",
        SEARCH_INDEX_DIR=str(workdir / f"index-{name}"),
        SEARCH_INDEX_NAME=f"bench-host-{name}",
        MAIL_SERVER="",
        MAIL_OUTBOX_DIR=str(workdir / f"outbox-{name}"),
        DEMO_PASSWORD=PASSWORD,
    )
    return env


def flask(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "benchmarks.bench_app:create()", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int = 2):
    with serve_env(env, workers) as port:
        yield f"http://127.0.0.1:{port}"


class Browser(common.Browser):
    """Cookies kept, forms sent with their CSRF token, redirects not followed (timed apart)."""

    def token(self, path: str) -> tuple[str, str]:
        status, html, _ = self.open(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1), html

    def login(self) -> None:
        super().login(MEMBER, PASSWORD)

    def question_form(self, title: str) -> dict:
        token, html = self.token("/vragen/nieuw")
        theme = re.search(r'name="themes"[^>]*value="(\d+)"', html).group(1)
        return {
            "title": title,
            "body": "Hoe pakken jullie dit aan? Graag jullie ervaringen.",
            "visibility": "public",
            "themes": theme,
            "csrf_token": token,
        }

    def publish(self, form: dict) -> float:
        started = time.perf_counter()
        status, html, location = self.open("/vragen/nieuw", form)
        elapsed = time.perf_counter() - started
        assert status in (302, 303) and "/vragen/" in location, (status, html[:500])
        return elapsed

    def finds(self, word: str) -> bool:
        status, html, _ = self.open("/zoeken?" + urllib.parse.urlencode({"q": word}))
        return status == 200 and word in html and 'class="hit-title"' in html


def time_until_found(base: str, word: str, since: float, out: dict, key: str) -> None:
    browser = Browser(base)
    searches = 0
    while time.perf_counter() - since < GIVE_UP_S:
        searches += 1
        if browser.finds(word):
            out[key] = time.perf_counter() - since
            out[key + "_searches"] = searches
            return
        time.sleep(0.01)
    out[key] = float("inf")
    out[key + "_searches"] = searches


def postgres_part(workdir: Path, database_url: str, questions: int) -> dict:
    import sqlalchemy as sa

    from community.config import database_url as normalise

    url = sa.make_url(normalise(database_url, workdir))
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
        connection.exec_driver_sql(f'CREATE SCHEMA "{SCHEMA}"')
    admin.dispose()
    in_schema = url.update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(
        hide_password=False
    )
    env_a = host_env(workdir, in_schema, "a")
    env_b = host_env(workdir, in_schema, "b")
    flask(env_a, "db", "upgrade")
    flask(env_a, "demo", "seed")
    publish, same, other, first_a, first_b = [], [], [], 0, 0
    with serve(env_a) as host_a, serve(env_b) as host_b:
        author = Browser(host_a)
        author.login()
        for base in (host_a, host_b):  # warm up: host B builds its index on its first search
            Browser(base).finds("inwerken")
        for _ in range(questions):
            word = "vers" + secrets.token_hex(4)
            form = author.question_form(f"Wie weet meer over {word} bij starters?")
            publish.append(author.publish(form))
            since = time.perf_counter()
            found: dict[str, float] = {}
            threads = [
                threading.Thread(target=time_until_found, args=(host_a, word, since, found, "a")),
                threading.Thread(target=time_until_found, args=(host_b, word, since, found, "b")),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            same.append(found["a"])
            other.append(found["b"])
            first_a += found["a_searches"] == 1
            first_b += found["b_searches"] == 1
    return {
        "publish": publish,
        "same_host": same,
        "other_host": other,
        "first_search_same": first_a,
        "first_search_other": first_b,
    }


def sqlite_part(workdir: Path, questions: int) -> dict:
    env = host_env(workdir, f"sqlite:///{workdir / 'sqlite.db'}", "sqlite")
    flask(env, "db", "upgrade")
    flask(env, "demo", "seed")
    publish, found = [], []
    with serve(env) as host:
        author = Browser(host)
        author.login()
        Browser(host).finds("inwerken")
        for _ in range(questions):
            word = "vers" + secrets.token_hex(4)
            publish.append(author.publish(author.question_form(f"Wie weet meer over {word}?")))
            found.append(Browser(host).finds(word))
    return {"publish": publish, "found_at_once": sum(found)}


def summary(values: list[float]) -> dict:
    return {
        "p50_s": percentile(values, 0.50),
        "p95_s": percentile(values, 0.95),
        "max_s": max(values) if values else float("nan"),
        "missed": sum(1 for v in values if v == float("inf")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args(argv)
    database_url = os.environ.get("FRESHNESS_DATABASE_URL", DEFAULT_URL)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="freshness-") as tmp:
        workdir = Path(tmp)
        pg = postgres_part(workdir, database_url, args.questions)
        lite = None if args.skip_sqlite else sqlite_part(workdir, args.questions)
    rows = [
        {"what": "found on the same host", **summary(pg["same_host"])},
        {"what": "found on the other host (no cron)", **summary(pg["other_host"])},
        {"what": "publishing (POST until redirect), PostgreSQL", **summary(pg["publish"])},
    ]
    if lite:
        rows.append(
            {"what": "publishing (POST until redirect), SQLite", **summary(lite["publish"])}
        )
    print_table(
        f"Freshness: {args.questions} questions posted over HTTP, 2 hosts x 2 gunicorn workers "
        f"(load average before: {load[0]:.1f})",
        [{**r, **{k: r[k] * 1000 for k in ("p50_s", "p95_s", "max_s")}} for r in rows],
        [
            ("what", "measure", ""),
            ("p50_s", "p50 ms", ".0f"),
            ("p95_s", "p95 ms", ".0f"),
            ("max_s", "max ms", ".0f"),
            ("missed", f"not found in {GIVE_UP_S:.0f}s", ""),
        ],
    )
    print(
        f"Found by the first search after the post's response: {pg['first_search_same']}/"
        f"{args.questions} on the same host, {pg['first_search_other']}/{args.questions} on "
        "the other host"
    )
    if lite:
        print(f"SQLite: {lite['found_at_once']}/{args.questions} found by the first search after")
    goals = {
        "same_host_p95_under_1s": rows[0]["p95_s"] < GOALS["found_p95_s"],
        "other_host_p95_under_1s": rows[1]["p95_s"] < GOALS["found_p95_s"],
    }
    if lite:
        goals["sqlite_publish_p95_under_100ms"] = (
            rows[3]["p95_s"] * 1000 < GOALS["sqlite_publish_p95_ms"]
        )
    print("Goals:", ", ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in goals.items()))
    path = write_json(
        "freshness",
        {
            "questions": args.questions,
            "load_average": load,
            "rows": rows,
            "found_by_first_search": {
                "same_host": pg["first_search_same"],
                "other_host": pg["first_search_other"],
            },
            "goals": goals,
        },
    )
    print(f"Written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
