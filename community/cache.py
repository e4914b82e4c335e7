"""A short-lived, per-process memo for figures that may be a minute old.

Counting posts per theme, or the figures on "De beweging", scans the posts table: cheap at 100
posts, tens to hundreds of milliseconds at 10,000 (benchmarks/pages_bench.py, stats_bench.py).
Pages read such figures far more often than they change, so each worker keeps what it computed
for COUNTS_CACHE_SECONDS (default 60; 0 turns it off, as the tests do unless a test asks for it).
Callers key on "member or not" where the audience matters, and on the content generation
(community.pagecache) where the figure changes only with content, as per-theme counts do: those
are then exact. Workers do not share the memo: for up to a minute two workers may show slightly
different figures of De beweging. It lives on the app, so every test app starts empty.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

T = TypeVar("T")
MAX_ENTRIES = 2000  # a few per organisation and theme; cleared whole if ever reached


class Memo:
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


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    memo = current_app.extensions.get("memo")
    if memo is None:
        memo = current_app.extensions["memo"] = Memo(current_app.config["COUNTS_CACHE_SECONDS"])
    return memo.get(key, compute)
