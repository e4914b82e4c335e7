"""/zoeken under load, as the site is used: gunicorn with 2 workers, 10 concurrent clients.

    python -m benchmarks.search_load_bench                 # 10,000 posts
    python -m benchmarks.search_load_bench --posts 2000    # quicker

Three runs beside the trivial route of the same server:

- "popular searches": visitors cycling through 50 searches (words, filters, sort, page), as a
  site's searches repeat; served from the per-generation result memo after their first run;
- "all different": every request a different search of 3,000 (the engine on its own; most are
  not repeated within the run);
- "popular, content changing": the popular searches while the content generation is raised
  every second, as every post, reply or edit does (remembered results are then dropped).

Goal (issue 12): at least 300 searches/s with p95 under 100 ms for the popular searches.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from benchmarks.common import (
    LOAD_COLUMNS,
    add_share_of_trivial,
    load,
    print_table,
    serve,
    write_json,
)

GOAL_RPS, GOAL_P95_MS = 300, 100


def _config(workdir: Path, database: Path) -> dict:
    return {
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "SEARCH_AUTOBUILD_LIMIT": 0,
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
    }


def build(workdir: Path, database: Path, posts: int) -> dict:
    from flask_migrate import upgrade

    from benchmarks.search_bench import build_corpus
    from community import create_app
    from community.search.indexer import get_indexer

    app = create_app(_config(workdir, database))
    with app.app_context():
        upgrade()
        corpus = build_corpus(posts)
        result = get_indexer(app).reindex()
        corpus["reindex_docs_per_s"] = round(result.docs_per_second)
        get_indexer(app).store.close()
    return corpus


def search_paths(count: int, seed: int) -> list[str]:
    from benchmarks.search_bench import make_queries

    paths = []
    for query in make_queries(count, seed=seed):
        args = {k: v for k, v in query.items() if k != "member"}
        paths.append("/zoeken?" + urllib.parse.urlencode(args))
    return paths


def warm(port: int, paths: list[str], clients: int) -> None:
    """Request every path once, `clients` at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.common import resolve

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda path: resolve(port, path), paths))


def keep_posting(database: Path, stop: threading.Event) -> None:
    """Raise the content generation every second, as a commit that changes content does."""
    import sqlite3

    connection = sqlite3.connect(database, timeout=30)
    while not stop.wait(1.0):
        connection.execute("UPDATE content_generation SET value = value + 1 WHERE id = 1")
        connection.commit()
    connection.close()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-search-load-") as tmp:
        workdir = Path(tmp)
        database = workdir / "bench.db"
        print(f"Generating {args.posts:,} posts and indexing them …", flush=True)
        corpus = build(workdir, database, args.posts)
        popular = search_paths(50, seed=11)
        different = search_paths(3000, seed=13)
        with serve(database, workdir, args.workers) as port:
            # Both workers load the lexicons and open the index before measuring, and the
            # popular searches have been asked before (on a busy machine their first runs
            # would otherwise fill the whole measurement).
            load(port, different[-200:], clients=args.clients, seconds=3.0, warmup=2.0)
            warm(port, popular * 4, clients=args.clients)
            rows = [
                {"page": "trivial route", **load(port, "/__bench/trivial", seconds=args.seconds)}
            ]
            rows.append(
                {
                    "page": "/zoeken popular searches",
                    **load(port, popular, clients=args.clients, seconds=args.seconds),
                }
            )
            rows.append(
                {
                    "page": "/zoeken all different",
                    **load(port, different, clients=args.clients, seconds=args.seconds),
                }
            )
            stop = threading.Event()
            writer = threading.Thread(target=keep_posting, args=(database, stop))
            writer.start()
            try:
                rows.append(
                    {
                        "page": "/zoeken popular, content changing",
                        **load(port, popular, clients=args.clients, seconds=args.seconds),
                    }
                )
            finally:
                stop.set()
                writer.join()
    add_share_of_trivial(rows)
    for row in rows:
        row["meets_goal"] = (
            (row["rps"] >= GOAL_RPS and row["p95_ms"] < GOAL_P95_MS)
            if row["page"] != "trivial route"
            else ""
        )
    print_table(
        f"/zoeken at {args.posts:,} posts ({args.workers} gunicorn workers, {args.clients} "
        f"concurrent clients, {args.seconds:.0f} s each; goal ≥ {GOAL_RPS}/s, p95 < "
        f"{GOAL_P95_MS} ms)",
        rows,
        [*LOAD_COLUMNS, ("meets_goal", "goal", "")],
    )
    payload = {"corpus": corpus, "settings": vars(args), "pages": rows, "at": time.time()}
    print(f"\nWritten to {write_json('search-load', payload)}")
    return payload


if __name__ == "__main__":
    main()
