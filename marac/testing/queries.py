"""Query budgets that hold on both databases."""

from django.db import connection


def audit_lock_queries(events: int) -> int:
    """On PostgreSQL each audit event takes an advisory lock first (one more query) to keep the chain in order."""
    return events if connection.vendor == "postgresql" else 0
