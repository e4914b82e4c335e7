"""Search benchmark: index a realistic corpus with `reindex`, then run realistic queries.

    python -m benchmarks.search_bench                  # 100,000 posts, 500 queries
    python -m benchmarks.search_bench --posts 20000    # smaller, quicker
    python -m benchmarks.search_bench --compare-procs  # also reindex with 1 writer process

Reports: reindex docs/s (and per writer-process count), index size, opening a searcher after a
change, one post commit including its after-commit index drain, query p50/p95 for the search
service (index query + facets + suggestions + loading the posts and cutting snippets), the cost
of building queries (synonyms and compound splitting), the resident memory of a process that
only searches, and the same queries on SQLite FTS5 over the same corpus as a reference.
A table is printed and the figures are written as JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import percentile, write_json

FIRST_NAMES = ("Anna", "Bram", "Sanne", "Mo", "Fatima", "Joris")
GOALS = {"reindex_docs_per_s": 1000, "query_p95_ms": 50, "rss_mb": 300}


def _config(workdir: Path) -> dict:
    return {
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
        "SEARCH_INDEX_DIR": str(workdir / "search-index"),
        "SEARCH_AUTOBUILD_LIMIT": 0,
        # The engine itself is measured: no remembered answers (search_load_bench has those).
        "SEARCH_RESULT_MEMO_ENTRIES": 0,
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
    }


def _ms(values: list[float]) -> dict:
    if not values:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    return {
        "p50_ms": round(percentile(values, 0.50, "linear") * 1000, 1),
        "p95_ms": round(percentile(values, 0.95, "linear") * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024 / 1024


# -- the corpus -----------------------------------------------------------------------------------


def build_corpus(posts: int, seed: int = 2026) -> dict:
    """Organisations, people and `posts` posts with replies, written straight to the database."""
    import sqlalchemy as sa

    from benchmarks.dutch_corpus import DutchText
    from community import database
    from community.accounts.models import User
    from community.extensions import db
    from community.organisations.models import Organisation
    from community.posts.models import Post, Reply
    from community.themes.models import Theme, post_themes

    text = DutchText(seed)
    rng = text.rng
    now = datetime.now(UTC)
    started = time.perf_counter()
    with db.engine.begin() as connection:
        orgs = [
            {
                "id": i,
                "name": f"Organisatie {i}",
                "slug": f"org-{i}",
                "kind": "jeugdhulpaanbieder",
                "region": "",
                "website": "",
                "email_domains": f"org{i}.example.nl",
                "created_at": now,
            }
            for i in range(1, 61)
        ]
        connection.execute(Organisation.__table__.insert(), orgs)
        users = [
            {
                "id": i,
                "email": f"lid{i}@org{1 + i % 60}.example.nl",
                "name": f"{text.rng.choice(FIRST_NAMES)} {i}",
                "password_hash": "x",
                "role": "ambassador" if i % 5 == 0 else "professional",
                "organisation_id": 1 + i % 60,
                "created_at": now,
            }
            for i in range(1, 2001)
        ]
        connection.execute(User.__table__.insert(), users)
        theme_ids = list(connection.execute(sa.select(Theme.__table__.c.id)).scalars())
        reply_id = 0
        batch_posts, batch_replies, batch_themes, accepted = [], [], [], []

        def flush():
            if batch_posts:
                connection.execute(Post.__table__.insert(), batch_posts)
            if batch_replies:
                connection.execute(Reply.__table__.insert(), batch_replies)
            if batch_themes:
                connection.execute(post_themes.insert(), batch_themes)
            if accepted:
                table = Post.__table__
                connection.execute(
                    table.update()
                    .where(table.c.id == sa.bindparam("pid"))
                    .values(accepted_reply_id=sa.bindparam("rid")),
                    accepted,
                )
            for batch in (batch_posts, batch_replies, batch_themes, accepted):
                batch.clear()

        for pid in range(1, posts + 1):
            question = rng.random() < 0.7
            author = rng.randint(1, 2000)
            created = now - timedelta(days=rng.random() * 3 * 365)
            row = {
                "id": pid,
                "kind": "question" if question else "practice",
                "title": text.title(question),
                "slug": f"post-{pid}",
                "author_id": author,
                "organisation_id": 1 + author % 60,
                "is_anonymous": question and rng.random() < 0.1,
                "visibility": "members" if rng.random() < 0.15 else "public",
                "created_at": created,
                "last_activity_at": created,
                "deleted_at": now if rng.random() < 0.02 else None,
                "hidden_at": now if rng.random() < 0.01 else None,
                "sections_html": {},
                "body": "",
                "summary": "",
                "context": "",
                "approach": "",
                "target_group": "",
                "results": "",
                "tips": "",
                "reply_count": 0,
            }
            if question:
                row["body"] = text.paragraph(2, 5)
                replies = rng.choice((0, 0, 1, 1, 1, 2, 2, 3))
                for _ in range(replies):
                    reply_id += 1
                    batch_replies.append(
                        {
                            "id": reply_id,
                            "post_id": pid,
                            "author_id": rng.randint(1, 2000),
                            "body": text.paragraph(1, 3),
                            "created_at": created,
                        }
                    )
                row["reply_count"] = replies
                if replies and rng.random() < 0.5:
                    accepted.append({"pid": pid, "rid": reply_id})
            else:
                row["summary"] = text.sentence(12, 25)[:480]
                row["context"] = text.paragraph(1, 3)
                row["approach"] = text.paragraph(2, 4)
                row["results"] = text.paragraph(1, 2)
                row["tips"] = text.paragraph(1, 2)
            batch_posts.append(row)
            for theme_id in rng.sample(theme_ids, rng.randint(1, 3)):
                batch_themes.append({"post_id": pid, "theme_id": theme_id})
            if len(batch_posts) >= 2000:
                flush()
        flush()
    # Production's nightly job (jobs/schedule.py) would have analysed a database this size;
    # without statistics SQLite's planner guesses (community/database.py).
    database.refresh_statistics(db.session)
    db.session.commit()
    return {"posts": posts, "replies": reply_id, "seconds": round(time.perf_counter() - started, 1)}


# -- the queries ----------------------------------------------------------------------------------


def make_queries(count: int, seed: int = 7) -> list[dict]:
    """Realistic searches: 1–4 words, sometimes an abbreviation, a compound or a typo, often with
    a filter, as a visitor or as a member."""
    from benchmarks.dutch_corpus import DutchText

    text = DutchText(seed)
    rng = text.rng
    extra = [
        "GI",
        "RvdK",
        "jeugdhulpverlener",
        "inwerkprogramma",
        "POH-jeugd",
        '"warme overdracht"',
        "werkdruk -administratie",
    ]
    queries = []
    for _ in range(count):
        words = text.query_words(rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
        if rng.random() < 0.12:
            words[0] = rng.choice(extra)
        if rng.random() < 0.05:
            word = words[-1]
            i = rng.randrange(1, max(2, len(word) - 1))
            words[-1] = word[:i] + word[i + 1 :]  # a typo
        query = {"q": " ".join(words), "member": rng.random() < 0.5}
        if rng.random() < 0.3:
            query["soort"] = rng.choice(("vraag", "goed-voorbeeld"))
        if rng.random() < 0.2:
            query["thema"] = rng.choice(
                ("inwerken", "behouden", "leiderschap", "werkdruk-en-administratieve-last")
            )
        if rng.random() < 0.15:
            query["periode"] = rng.choice(("week", "maand", "jaar"))
        if rng.random() < 0.1 and query.get("soort") != "goed-voorbeeld":
            query["status"] = rng.choice(("open", "beantwoord"))
        if rng.random() < 0.2:
            query["sorteer"] = "nieuwste"
        if rng.random() < 0.1:
            query["pagina"] = rng.randint(2, 3)
        queries.append(query)
    return queries


def run_queries(workdir: Path, count: int) -> dict:
    """In a process of its own (like a web worker): the search service, then FTS5."""
    import sqlalchemy as sa

    from community import create_app
    from community.accounts.models import User
    from community.extensions import db
    from community.search import lexicon, services
    from community.search.indexer import get_indexer
    from community.search.query import QueryBuilder, parse, vocabulary

    app = create_app(_config(workdir))
    queries = make_queries(count)
    out: dict = {}
    with app.app_context():
        member = db.session.scalar(sa.select(User).where(User.id == 1))
        # As a web worker does beside its first request (search/views.py).
        started = time.perf_counter()
        lexicon.warm()
        out["lexicon_load_ms"] = round((time.perf_counter() - started) * 1000, 1)
        started = time.perf_counter()
        services.search(None, services.SearchParams(q="inwerken"))
        out["first_query_ms"] = round((time.perf_counter() - started) * 1000, 1)
        for query in queries[:10]:  # warm the stem cache and the facet sets
            services.search(None, services.SearchParams.from_args(query))
        times, totals, suggestions = [], [], 0
        for query in queries:
            params = services.SearchParams.from_args(query)
            started = time.perf_counter()
            outcome = services.search(member if query["member"] else None, params)
            times.append(time.perf_counter() - started)
            totals.append(outcome.total)
            suggestions += bool(outcome.suggestion)
            db.session.rollback()
        out["whoosh"] = {
            **_ms(times),
            "mean_hits": round(statistics.mean(totals)),
            "with_suggestion": suggestions,
        }
        out["rss_mb"], out["peak_rss_mb"] = (round(v) for v in _rss_mb())

        # Building the query alone: synonyms and compound splitting against the vocabulary.
        with get_indexer(app).store.searcher() as (searcher, _cache):
            build, compounds = [], 0
            for query in queries:
                started = time.perf_counter()
                builder = QueryBuilder(vocabulary(searcher, {}))  # cold: no memoised lookups
                builder.build(parse(query["q"]))
                build.append(time.perf_counter() - started)
                compounds += bool(builder.expansion.compounds)
            out["query_build"] = {**_ms(build), "queries_with_compound_split": compounds}

    out["fts5"] = run_fts5(workdir, queries)
    return out


def run_fts5(workdir: Path, queries: list[dict]) -> dict:
    """The same searches on SQLite FTS5: top 10 by bm25, the count, and the facet counts."""
    from community.search.analysis import fold
    from community.search.query import parse

    connection = sqlite3.connect(workdir / "bench.db")
    times = []
    theme_ids = dict(connection.execute("SELECT slug, id FROM themes"))
    now = datetime.now(UTC).replace(tzinfo=None)
    for query in queries:
        parsed = parse(query["q"])
        terms = [f'"{fold(c.text)}"' for group in parsed.groups for c in group[:1]]
        if not terms:
            continue
        where = ["posts_fts MATCH ?", "p.deleted_at IS NULL", "p.hidden_at IS NULL"]
        args: list = [" ".join(terms) + "".join(f' NOT "{fold(c.text)}"' for c in parsed.negated)]
        if not query["member"]:
            where.append("p.visibility = 'public'")
        if query.get("soort"):
            where.append("p.kind = ?")
            args.append("question" if query["soort"] == "vraag" else "practice")
        if query.get("status"):
            where.append(
                "p.accepted_reply_id IS "
                + ("NOT NULL" if query["status"] == "beantwoord" else "NULL")
            )
        if query.get("periode"):
            where.append("p.created_at >= ?")
            args.append(
                str(now - timedelta(days={"week": 7, "maand": 31, "jaar": 365}[query["periode"]]))
            )
        if query.get("thema"):
            where.append(
                "EXISTS (SELECT 1 FROM post_themes t WHERE t.post_id = p.id AND t.theme_id = ?)"
            )
            args.append(theme_ids.get(query["thema"], 0))
        # CROSS JOIN keeps SQLite from walking posts by kind and testing MATCH per row
        # (seconds per query): the full-text index goes first, as any FTS5 search would.
        base = "FROM posts_fts CROSS JOIN posts p ON p.id = posts_fts.rowid WHERE " + " AND ".join(
            where
        )
        with_themes = base.replace("WHERE", "CROSS JOIN post_themes t ON t.post_id = p.id WHERE", 1)
        order = (
            "p.created_at DESC"
            if query.get("sorteer") == "nieuwste"
            else "bm25(posts_fts, 3.0, 2.0, 1.0)"
        )
        started = time.perf_counter()
        connection.execute(
            f"SELECT p.id {base} ORDER BY {order} LIMIT 10 OFFSET ?",
            [*args, 10 * (query.get("pagina", 1) - 1)],
        ).fetchall()
        connection.execute(f"SELECT count(*) {base}", args).fetchone()
        connection.execute(f"SELECT p.kind, count(*) {base} GROUP BY p.kind", args).fetchall()
        connection.execute(f"SELECT p.organisation_id, count(*) {base} GROUP BY 1", args).fetchall()
        connection.execute(
            f"SELECT t.theme_id, count(*) {with_themes} GROUP BY 1",
            args,
        ).fetchall()
        times.append(time.perf_counter() - started)
    connection.close()
    return _ms(times)


def build_fts5(workdir: Path) -> dict:
    """An FTS5 table over the same document texts the Whoosh index holds."""
    from community.search.analysis import BREAK
    from community.search.documents import iter_documents
    from community.search.indexer import get_indexer

    started = time.perf_counter()
    connection = sqlite3.connect(workdir / "bench.db")
    connection.execute(
        "CREATE VIRTUAL TABLE posts_fts USING fts5("
        "title, summary, body, tokenize='unicode61 remove_diacritics 2')"
    )
    count = 0
    with get_indexer().read_session() as session:
        rows = []
        for doc in iter_documents(session):
            body = doc["content"].replace(BREAK, " ")
            rows.append((int(doc["id"]), doc["title"], doc["summary"], body))
            if len(rows) >= 5000:
                connection.executemany(
                    "INSERT INTO posts_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)", rows
                )
                count += len(rows)
                rows.clear()
        connection.executemany(
            "INSERT INTO posts_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)", rows
        )
        count += len(rows)
    connection.commit()
    connection.close()
    seconds = time.perf_counter() - started
    return {"documents": count, "seconds": round(seconds, 1), "docs_per_s": round(count / seconds)}


# -- writes while serving -------------------------------------------------------------------------


def measure_writes(samples: int = 40) -> dict:
    """One question committed through the ORM, including its after-commit drain into the index,
    and the cost of opening a searcher on the changed index."""
    from community.extensions import db
    from community.posts.models import Post, PostKind
    from community.search.indexer import get_indexer

    indexer = get_indexer()
    commits, opens = [], []
    for n in range(samples):
        db.session.add(
            Post(
                kind=PostKind.QUESTION,
                title=f"Nieuwe vraag {n} over inwerken",
                slug=f"nieuw-{n}",
                body="Hoe geven jullie starters een warme landing?",
                author_id=1,
            )
        )
        started = time.perf_counter()
        db.session.commit()
        commits.append(time.perf_counter() - started)
        started = time.perf_counter()
        with indexer.store.searcher():
            pass
        opens.append(time.perf_counter() - started)
    return {"commit_with_drain": _ms(commits), "searcher_open_after_change": _ms(opens)}


def measure_index_time_splitting(sample: int = 2000) -> dict:
    """What splitting compounds at index time costs: analysing documents with the query
    analyser (lemmas and stems) and with the index analyser (also the compounds' parts)."""
    from community.search.analysis import dutch_analyzer
    from community.search.documents import iter_documents
    from community.search.indexer import get_indexer

    texts = []
    with get_indexer().read_session() as session:
        for doc in iter_documents(session):
            texts.append(doc["content"])
            if len(texts) >= sample:
                break
    timings = {}
    for text in texts:  # load the lexicons and fill the per-word caches first
        for _ in dutch_analyzer(parts=True)(text):
            pass
    for name, analyzer in (
        ("analyse_s", dutch_analyzer()),
        ("analyse_and_split_s", dutch_analyzer(parts=True)),
    ):
        started = time.perf_counter()
        tokens = sum(1 for text in texts for _ in analyzer(text))
        timings[name] = round(time.perf_counter() - started, 2)
        timings[name.replace("_s", "_tokens")] = tokens
    return {
        "documents": len(texts),
        **timings,
        "slowdown": round(timings["analyse_and_split_s"] / max(timings["analyse_s"], 0.01), 1),
    }


# -- main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.search_bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--procs", type=int, default=2, help="writer processes for reindex")
    parser.add_argument(
        "--compare-procs", action="store_true", help="also reindex with one writer process"
    )
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--run-queries", metavar="WORKDIR", help=argparse.SUPPRESS)
    args = parser.parse_args([] if argv is None and __name__ != "__main__" else argv)

    if args.run_queries:
        print(json.dumps(run_queries(Path(args.run_queries), args.queries)))
        return 0

    from flask_migrate import upgrade

    from community import create_app
    from community.search.indexer import get_indexer

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    report: dict = {
        "posts": args.posts,
        "queries": args.queries,
        "cpus": os.cpu_count(),
        "goals": GOALS,
    }
    try:
        app = create_app(_config(workdir))
        with app.app_context():
            upgrade()
            print(f"Generating {args.posts:,} posts of Dutch text …", flush=True)
            report["corpus"] = build_corpus(args.posts)
            indexer = get_indexer(app)
            runs = [1, args.procs] if args.compare_procs and args.procs != 1 else [args.procs]
            report["reindex"] = {}
            for procs in runs:
                print(f"Reindexing with {procs} writer process(es) …", flush=True)
                result = indexer.reindex(procs=procs)
                report["reindex"][f"procs_{procs}"] = {
                    "documents": result.documents,
                    "seconds": round(result.seconds, 1),
                    "docs_per_s": round(result.docs_per_second),
                }
            generation = indexer.store.current_generation()
            report["index_mb"] = round(_folder_mb(indexer.store.path(generation)), 1)
            print("Building the FTS5 reference …", flush=True)
            report["fts5_build"] = build_fts5(workdir)
            report["fts5_mb"] = round(os.path.getsize(workdir / "bench.db") / 1024 / 1024, 1)
            print("Measuring compound splitting at index time …", flush=True)
            report["index_time_splitting"] = measure_index_time_splitting()
            print("Measuring writes …", flush=True)
            report["writes"] = measure_writes()
            indexer.store.close()
        print(f"Running {args.queries} queries in a fresh process …", flush=True)
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.search_bench",
                "--run-queries",
                str(workdir),
                "--queries",
                str(args.queries),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        report.update(json.loads(child.stdout.strip().splitlines()[-1]))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"Kept {workdir}")

    print_table(report)
    path = write_json(f"search-{datetime.now():%Y%m%d-%H%M%S}-{args.posts}", report)
    print(f"\nWritten to {path}")
    return 0


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_table(report: dict) -> None:
    drain = report["writes"]["commit_with_drain"]
    best = max(report["reindex"].values(), key=lambda r: r["docs_per_s"])
    rows = [
        ("corpus", f"{report['corpus']['posts']:,} posts, {report['corpus']['replies']:,} replies")
    ]
    for name, run in report["reindex"].items():
        rows.append(
            (
                f"reindex ({name.replace('_', '=')})",
                f"{run['docs_per_s']:,} docs/s ({run['documents']:,} docs in {run['seconds']} s)",
            )
        )
    rows += [
        ("index size", f"{report['index_mb']} MB (SQLite with FTS5: {report['fts5_mb']} MB)"),
        ("FTS5 build", f"{report['fts5_build']['docs_per_s']:,} docs/s"),
        (
            "query p50 / p95 (Whoosh service)",
            f"{report['whoosh']['p50_ms']} / {report['whoosh']['p95_ms']} ms",
        ),
        (
            "query p50 / p95 (FTS5 reference)",
            f"{report['fts5']['p50_ms']} / {report['fts5']['p95_ms']} ms",
        ),
        ("lexicons loaded (beside a worker's first request)", f"{report['lexicon_load_ms']} ms"),
        ("first query (cold index caches)", f"{report['first_query_ms']} ms"),
        (
            "query building p50 / p95",
            f"{report['query_build']['p50_ms']} / {report['query_build']['p95_ms']} ms",
        ),
        (
            "compound parts at index time cost",
            f"{report['index_time_splitting']['slowdown']}× the analysis time",
        ),
        (
            "commit + drain p50 / p95",
            f"{drain['p50_ms']} / {drain['p95_ms']} ms",
        ),
        (
            "searcher open after change p50",
            f"{report['writes']['searcher_open_after_change']['p50_ms']} ms",
        ),
        (
            "RSS of the searching process",
            f"{report['rss_mb']} MB (peak {report['peak_rss_mb']} MB)",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print("\nSearch benchmark")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    print(
        f"  goals: reindex ≥ {GOALS['reindex_docs_per_s']} docs/s: "
        f"{met(best['docs_per_s'] >= GOALS['reindex_docs_per_s'])}; "
        f"p95 < {GOALS['query_p95_ms']} ms: "
        f"{met(report['whoosh']['p95_ms'] < GOALS['query_p95_ms'])}; "
        f"RSS < {GOALS['rss_mb']} MB: {met(report['peak_rss_mb'] < GOALS['rss_mb'])}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
