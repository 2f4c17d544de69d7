"""Benchmarks: ours against what users would pick instead, in one report (`make bench`)."""

__all__: list[str] = []
