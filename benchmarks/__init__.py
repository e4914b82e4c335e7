"""Performance harness: `make bench` (python -m benchmarks) runs every *_bench module's main()."""
