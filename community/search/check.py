"""Comparing the index with the database (`flask search check`)."""

from __future__ import annotations

from community.search.documents import iter_documents
from community.search.outcomes import CheckReport


class Checking:
    """One job of `Indexer` (indexer.py), whose __init__ sets up the state it uses."""

    # -- comparing -----------------------------------------------------------------------------

    def check(self) -> CheckReport:
        """Compare the index with the database: missing, stale and superfluous documents."""
        report = CheckReport()
        expected: dict[int, str] = {}
        with self.read_session() as session:
            for doc in iter_documents(session):
                expected[int(doc["id"])] = doc["fingerprint"]
        indexed: dict[int, str] = {}
        with self.store.searcher() as (searcher, _cache):
            for stored in searcher.all_stored_fields():
                indexed[int(stored["id"])] = stored.get("fingerprint", "")
        report.expected, report.indexed = len(expected), len(indexed)
        report.missing = sorted(set(expected) - set(indexed))
        report.extra = sorted(set(indexed) - set(expected))
        report.stale = sorted(i for i in set(expected) & set(indexed) if expected[i] != indexed[i])
        report.pending = self.pending_count() or 0
        return report
