"""Record linkage: finding the same person across records (Splink on DuckDB); see engine.py."""
