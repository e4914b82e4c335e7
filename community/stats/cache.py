"""A short per-process memory for the figures.

The page is read far more often than its numbers change, and computing them scans the posts
table a few times (on SQLite with 10,000 posts that is ~150 ms; see benchmarks/stats_bench.py).
So each worker keeps what it computed for STATS_CACHE_SECONDS (default 60; 0 turns it off, as in
tests unless a test asks for it). Figures depend on the viewer only through "member or not", so
there are two entries for the movement page and two per organisation. Workers do not share the
memory: for up to a minute two workers may show slightly different counts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import Flask, current_app

T = TypeVar("T")
DEFAULT_SECONDS = 60
MAX_ENTRIES = 2000  # two per organisation, two for the page; cleared whole if ever reached


class FiguresCache:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value remembered under `key` if it is fresh enough, else `compute()` remembered."""
        if self.seconds <= 0:
            return compute()
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.seconds:
            return entry[1]
        value = compute()
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = (now, value)
        return value


def install(app: Flask) -> None:
    seconds = app.config.get("STATS_CACHE_SECONDS", 0 if app.testing else DEFAULT_SECONDS)
    app.extensions["stats_cache"] = FiguresCache(float(seconds))


def figures_cache() -> FiguresCache:
    return current_app.extensions["stats_cache"]
