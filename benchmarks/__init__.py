"""Performance harness: `make bench` runs every part and writes JSON to benchmarks/results/."""
