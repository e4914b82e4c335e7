"""Does search find what a professional means? nDCG@10 and recall@10 on a judged set.

The judged posts and queries are in relevance_set.py; the demo content and generated
distractor posts (dutch_corpus.py) are added around them. Distractors lose every word that
contains a query's word, so that an unjudged post is truly not relevant; the demo content is
judged where a query concerns it. The same documents and queries go to
three engines, in one run:

- this search (`services.search`, as /zoeken runs it, ranked by relevance);
- PostgreSQL's `dutch` text search configuration (title weighted A, the rest D,
  `websearch_to_tsquery` and `ts_rank_cd`), when BENCH_DATABASE_URL or TEST_DATABASE_URL points
  at a PostgreSQL database (a temporary table only; nothing is left behind);
- SQLite FTS5 (`unicode61 remove_diacritics 2`, bm25 with the title weighted 3).

    python -m benchmarks.relevance_bench [--distractors 3000] [--variant NAME]

`--variant` switches one part of the analysis off, to measure what it is worth: "no-lemmas"
(Snowball stems only), "no-parts" (no compound parts at index time), "no-snowball" (lemmas
only), "no-synonyms".
"""

from __future__ import annotations

import argparse
import math
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import percentile, write_json
from benchmarks.relevance_set import POSTS, QUERIES

K = 10


def _config(workdir: Path) -> dict:
    return {
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
        "SEARCH_INDEX_DIR": str(workdir / "search-index"),
        "SEARCH_AUTOBUILD_LIMIT": 0,
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
        "DEMO_PASSWORD": "relevance-bench-password",
    }


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    gain = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {key for key, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def build(workdir: Path, distractors: int) -> dict[int, str]:
    """The database and index; returns post id -> judged key (judged posts only)."""
    import random

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from benchmarks.dutch_corpus import DutchText
    from community import create_app, database
    from community.accounts.models import User
    from community.demo import content
    from community.demo.services import seed_demo
    from community.extensions import db
    from community.posts.models import Post, PostKind
    from community.search.indexer import get_indexer

    app = create_app(_config(workdir))
    keys: dict[int, str] = {}
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
        authors = list(db.session.scalars(sa.select(User.id)))
        for item in content.PRACTICES + content.QUESTIONS:
            post_id = db.session.scalar(sa.select(Post.id).where(Post.title == item["title"]))
            if post_id is not None:
                keys[post_id] = "demo:" + item["key"]
        rng = random.Random(12)
        text = DutchText(2026)
        posts = []
        avoid = _query_words()

        def scrub(words: str) -> str:
            # Unjudged must mean not relevant: distractors lose every word a query contains.
            return " ".join(w for w in words.split() if not any(a in w.lower() for a in avoid))

        for n in range(distractors):
            question = rng.random() < 0.6
            title, body = scrub(text.title(question))[:150] or "Vraag", scrub(text.paragraph(2, 5))
            kind = PostKind.QUESTION if question else PostKind.PRACTICE
            post = Post(kind=kind, title=title, slug=f"ruis-{n}", author_id=authors[0])
            if question:
                post.body = body
            else:
                post.approach = body
            posts.append(post)
        for n, (kind, title, body) in enumerate(POSTS.values()):
            post = Post(
                kind=PostKind.QUESTION if kind == "q" else PostKind.PRACTICE,
                title=title,
                slug=f"oordeel-{n}",
                author_id=authors[n % len(authors)],
            )
            if kind == "q":
                post.body = body
            else:
                post.summary = body
            posts.append(post)
        rng.shuffle(posts)  # judged posts do not all sit at the end of the index
        db.session.add_all(posts)
        # Production's nightly job (jobs/schedule.py) would have analysed a database this size;
        # without statistics SQLite's planner guesses (community/database.py).
        database.refresh_statistics(db.session)
        db.session.commit()
        for post in posts:
            if post.slug.startswith("oordeel-"):
                keys[post.id] = list(POSTS)[int(post.slug.split("-")[1])]
        db.session.commit()  # let go of the database before the reindex writes to it
        get_indexer(app).reindex(procs=1)
    return keys


def _query_words() -> set[str]:
    """The words of the queries (without a plural -en), as substrings to avoid."""
    import re

    words: set[str] = set()
    for query, _grades in QUERIES:
        for word in re.findall(r"[^\W\d_]{3,}", query.lower()):
            words.add(word[:-2] if word.endswith("en") and len(word) > 6 else word)
    return words


def documents(workdir: Path) -> list[tuple[int, str, str]]:
    """(id, title, rest) for every indexed post: the same text the search index holds."""
    from community import create_app
    from community.search.analysis import BREAK
    from community.search.documents import iter_documents
    from community.search.indexer import get_indexer

    app = create_app(_config(workdir))
    out = []
    with app.app_context(), get_indexer(app).read_session() as session:
        for doc in iter_documents(session):
            rest = doc["content"].replace(BREAK, " ")
            rest = rest[len(doc["title"]) :] if rest.startswith(doc["title"]) else rest
            out.append((int(doc["id"]), doc["title"], rest))
    return out


def run_ours(workdir: Path) -> tuple[dict[str, list[int]], list[float]]:
    import sqlalchemy as sa

    from community import create_app
    from community.accounts.models import User
    from community.extensions import db
    from community.search import services

    app = create_app(_config(workdir))
    ranked, times = {}, []
    with app.app_context():
        member = db.session.scalar(sa.select(User).order_by(User.id).limit(1))
        services.search(member, services.SearchParams(q="inwerken"))  # load the lexicons
        for query, _grades in QUERIES:
            started = time.perf_counter()
            outcome = services.search(member, services.SearchParams(q=query))
            times.append(time.perf_counter() - started)
            ranked[query] = [result.post.id for result in outcome.results]
            db.session.rollback()
    return ranked, times


def run_fts5(docs: list[tuple[int, str, str]]) -> tuple[dict[str, list[int]], list[float]]:
    import re

    from community.search.analysis import WORD_PATTERN

    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE d USING fts5(title, rest, tokenize='unicode61 remove_diacritics 2')"
    )
    connection.executemany("INSERT INTO d(rowid, title, rest) VALUES (?, ?, ?)", docs)
    ranked, times = {}, []
    for query, _grades in QUERIES:
        words = re.findall(WORD_PATTERN, query.lower())
        match = " ".join(f'"{w}"' for w in words)
        started = time.perf_counter()
        rows = connection.execute(
            "SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d, 3.0, 1.0) LIMIT ?", (match, K)
        ).fetchall()
        times.append(time.perf_counter() - started)
        ranked[query] = [r[0] for r in rows]
    connection.close()
    return ranked, times


def run_postgres(
    url: str, docs: list[tuple[int, str, str]]
) -> tuple[dict[str, list[int]], list[float]]:
    import psycopg

    ranked, times = {}, []
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        connection.execute(
            "CREATE TEMPORARY TABLE relevance_docs (id int PRIMARY KEY, doc tsvector)"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO relevance_docs VALUES (%s, setweight(to_tsvector('dutch', %s), 'A')"
                " || setweight(to_tsvector('dutch', %s), 'D'))",
                docs,
            )
        connection.execute("CREATE INDEX ON relevance_docs USING gin (doc)")
        for query, _grades in QUERIES:
            started = time.perf_counter()
            rows = connection.execute(
                "SELECT id FROM relevance_docs, websearch_to_tsquery('dutch', %s) q "
                "WHERE doc @@ q ORDER BY ts_rank_cd(doc, q) DESC, id LIMIT %s",
                (query, K),
            ).fetchall()
            times.append(time.perf_counter() - started)
            ranked[query] = [r[0] for r in rows]
        connection.rollback()
    return ranked, times


def score(ranked: dict[str, list[int]], keys: dict[int, str]) -> dict:
    per_query = {}
    for query, grades in QUERIES:
        found = [keys.get(post_id, f"#{post_id}") for post_id in ranked.get(query, [])]
        per_query[query] = (ndcg(found, grades), recall(found, grades))
    return {
        "ndcg@10": round(statistics.mean(v[0] for v in per_query.values()), 3),
        "recall@10": round(statistics.mean(v[1] for v in per_query.values()), 3),
        "missed": sorted(q for q, v in per_query.items() if v[1] < 1.0),
    }


def _ms(times: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(times, 0.50, "floor") * 1000, 1),
        "p95_ms": round(percentile(times, 0.95, "floor") * 1000, 1),
    }


def apply_variant(name: str) -> None:
    """Switch one part of the analysis off in this process (before anything is indexed)."""
    from community.search import analysis, lexicon

    if name == "no-lemmas":
        lexicon.lemma = lambda word: word
    elif name == "no-parts":
        lexicon.split = lambda word: ()
    elif name == "no-snowball":
        analysis.stemmer_for_language = lambda _language: lambda word: word
    elif name == "no-synonyms":
        analysis.SynonymSet.match = lambda _self, _terms, _start: None
    elif name != "full":
        raise SystemExit(f"unknown variant {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance_bench")
    parser.add_argument("--distractors", type=int, default=3000)
    parser.add_argument("--variant", default="full")
    args = parser.parse_args([] if argv is None else argv)
    apply_variant(args.variant)
    judged = sum(1 for _q, grades in QUERIES if grades)
    print(f"{len(QUERIES)} queries ({judged} judged), {len(POSTS)} judged posts", flush=True)
    with tempfile.TemporaryDirectory(prefix="relevance-bench-") as folder:
        workdir = Path(folder)
        keys = build(workdir, args.distractors)
        docs = documents(workdir)
        report: dict = {"documents": len(docs), "queries": len(QUERIES), "engines": {}}
        ours, times = run_ours(workdir)
        name = "this search" + ("" if args.variant == "full" else f" ({args.variant})")
        report["engines"][name] = {**score(ours, keys), **_ms(times)}
        fts, times = run_fts5(docs)
        report["engines"]["SQLite FTS5"] = {**score(fts, keys), **_ms(times)}
        url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
        if url and url.startswith("postgresql"):
            pg, times = run_postgres(url, docs)
            report["engines"]["PostgreSQL dutch"] = {**score(pg, keys), **_ms(times)}
        else:
            report["engines"]["PostgreSQL dutch"] = "not run: set BENCH_DATABASE_URL"
    report["load_average"] = [round(v, 2) for v in os.getloadavg()]
    print(f"{'engine':<20} {'nDCG@10':>8} {'recall@10':>10} {'p95 ms':>8}")
    for name, result in report["engines"].items():
        if isinstance(result, str):
            print(f"{name:<20} {result}")
            continue
        print(
            f"{name:<20} {result['ndcg@10']:>8.3f} {result['recall@10']:>10.3f}"
            f" {result['p95_ms']:>8.1f}"
        )
    path = write_json(f"relevance-{args.variant}", report)
    print(f"Written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
