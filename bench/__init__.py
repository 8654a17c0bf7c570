"""Benchmarks of the reader app; run with `make bench`. Numbers go in closing notes, not in tests."""
