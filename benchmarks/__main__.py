"""Run every benchmark part in this folder: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import pkgutil
import sys
from importlib import import_module
from pathlib import Path


def main() -> int:
    parts = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.endswith("_bench")
    )
    for name in parts:
        print(f"\n===== {name} =====", flush=True)
        import_module(f"benchmarks.{name}").main([])
    return 0 if parts else 1


if __name__ == "__main__":
    sys.exit(main())
