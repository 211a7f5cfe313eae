"""Writes for MATAC: one module per part of the process, one function per use case, each audited."""
