"""A short-lived, per-process memo for figures that may be a minute old (counts on busy pages).

Counting posts per theme joins every theme link to its post: cheap at 100 posts, tens of
milliseconds at 10,000 (see benchmarks/pages_bench.py). Pages that show such counts take them from
here; the memo lives on the app, so each test app starts empty. COUNTS_CACHE_SECONDS=0 turns it off.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    seconds = current_app.config.get("COUNTS_CACHE_SECONDS", 60)
    if seconds <= 0:
        return compute()
    store: dict = current_app.extensions.setdefault("remembered", {})
    now = time.monotonic()
    hit = store.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = compute()
    store[key] = (now + seconds, value)
    return value
