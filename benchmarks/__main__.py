"""`python -m benchmarks` (what `make bench` runs): every benchmark part, one after the other."""

from __future__ import annotations

import importlib
import sys

PARTS = ["pages_bench", "search_bench", "digest_bench", "stats_bench"]


def main() -> int:
    ran = 0
    for part in PARTS:
        try:
            module = importlib.import_module(f"benchmarks.{part}")
        except ModuleNotFoundError as exc:
            if exc.name == f"benchmarks.{part}":
                continue
            raise
        print(f"\n===== {part} =====")
        module.main([])
        ran += 1
    return 0 if ran else 1


if __name__ == "__main__":
    sys.exit(main())
