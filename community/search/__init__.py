"""Search: a Whoosh index that follows the database through an outbox log.

This package is the only place that imports whoosh. The rest of the app knows the models
(`SearchOutbox`, `SearchIndexState`), the blueprint (`/zoeken`, the similar-questions API) and
the CLI (`flask search sync|reindex|check`).

    analysis.py   Dutch analyser, synonyms (synonyms.txt), compound splitting
    documents.py  what a post looks like in the index (fields, text, fingerprint)
    store.py      the index on disk: generations, the CURRENT pointer, the cached searcher
    outbox.py     session hooks that write the outbox in the same transaction
    indexer.py    the Indexer: its index, health and freshness; its jobs in drain.py (and
                  sync), reindex.py, check.py, prune.py; outcomes.py what they answer
    query.py      the forgiving query language: phrases, -word, OR
    engine.py     matching, filters, facet counts and ranking (BM25, proximity, recency)
    segments.py   what is read once per index segment and cached: bitmaps, term frequencies,
                  BM25's per-document figures, the newest-first order
    snippets.py   highlighted, escaped snippets cut from the database text
    services.py   search(viewer, ...) and similar_questions(viewer, title)
"""


def init_app(app) -> None:
    """Give the app its indexer (the outbox's session hooks: community.commit_hooks).

    The imports wait for the call: importing the package (its models) does not load whoosh.
    """
    from community.search.indexer import Indexer

    app.extensions["search"] = Indexer(app)


def index_status(app) -> dict:
    """For /healthz: can this worker open its index, and does it hold what the database lists?

    Catches up with the log first, as a search would; then "fail" with a reason when changes
    older than a few seconds are still unapplied, or the index misses (or keeps) posts.
    """
    from community.search.indexer import get_indexer
    from community.search.store import IndexUnavailable

    indexer = get_indexer(app)
    problem = indexer.health()
    if problem and indexer.store.exists():
        return {"status": "fail", "reason": f"{problem}; run `flask search sync`"}
    try:
        answer = indexer.freshness()
    except IndexUnavailable:
        return {
            "status": "fail",
            "reason": "index missing or unreadable; run `flask search reindex`",
        }
    return {"status": "fail" if "reason" in answer else "ok", **answer}
