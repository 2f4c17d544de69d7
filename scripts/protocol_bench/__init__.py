"""Benchmarks: ours against what users would pick instead, in one report (`make bench`)."""
