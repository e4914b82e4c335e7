"""What the indexer's jobs answer (the CLI and /healthz read them)."""

from __future__ import annotations

from dataclasses import dataclass, field


class ReindexBusy(Exception):
    """Another `reindex` is building a generation right now."""


@dataclass
class ApplyResult:
    rows: int = 0
    posts: int = 0
    busy: bool = False
    skipped: str = ""


@dataclass
class ReindexResult:
    documents: int
    seconds: float
    generation: str
    procs: int
    caught_up: ApplyResult | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float(self.documents)


@dataclass
class CheckReport:
    expected: int = 0
    indexed: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    pending: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)
