"""`python -m benchmarks` (what `make bench` runs): every `*_bench` module here, one after another.

Pass part names to run only those: `python -m benchmarks pages search`.
"""

from __future__ import annotations

import inspect
import pkgutil
import sys
from importlib import import_module
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    parts = [
        n
        for n in names
        if n.endswith("_bench") and (not wanted or n.removesuffix("_bench") in wanted)
    ]
    for name in parts:
        print(f"\n===== {name} =====", flush=True)
        entry = import_module(f"benchmarks.{name}").main
        entry([]) if inspect.signature(entry).parameters else entry()
    return 0 if parts else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
