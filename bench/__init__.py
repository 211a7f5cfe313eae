"""Benchmarks and synthetic data for record linkage (see bench/README.md)."""
