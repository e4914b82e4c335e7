"""Run every benchmark in this folder: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
    if module.name.endswith("_bench"):
        import_module(f"benchmarks.{module.name}").main()
