"""Reading the report pages from a read replica, when one is configured (`DATABASE_REPLICA_URL`).

The quarterly return, the KPI dashboard, the monitoring and the annual review count a locality's whole history:
the heaviest reads marac makes. With a replica they run there, and the primary keeps its time for the pages people
work in. Only the reads made by the view of a report page (a GET under `MARAC_REPLICA_PATHS`, `/reports/` by
default) go to the replica; everything else, and every write, stays on the primary:

- the audit trail, sessions, users, their second factors and sign-in lock-outs are always read from the primary:
  the audit chain is appended to from the hash of the event before it, and signing in must see itself at once;
- a read inside a transaction on the primary stays there (a service reading what it is about to change);
- a report's own audit event ("viewed the KPI dashboard") is written to the primary as every event is.

A replica lags the primary by the time its changes take to arrive (normally well under a second): a report opened
at once after a change may not count it yet. Nothing is ever written from what was read on the replica.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# Apps whose tables are read from the primary even by a report page.
PRIMARY_ONLY_APPS = frozenset(
    {"audit", "sessions", "auth", "contenttypes", "otp_totp", "otp_static", "axes", "accounts"}
)

_reading_a_report: ContextVar[bool] = ContextVar("marac_reading_a_report", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReportsToReplicaRouter:
    """Sends a report page's reads to the replica; everything else to the primary (Django's default)."""

    def db_for_read(self, model, **hints) -> str | None:
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if not _reading_a_report.get() or not replica_configured() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replica holds the primary's rows: an object read there is the same row as on the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaForReportsMiddleware:
    """Marks the view of a report page (a GET or HEAD under one of `MARAC_REPLICA_PATHS`) as reading from the replica.

    The mark is set once every middleware has looked at the request (the session, the user, the acting membership
    and the sign-in checks were read from the primary) and lifted when the response is made. It never answers a
    request itself, so no check of the middleware after it is skipped."""

    _TOKEN = "_marac_replica_token"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.prefixes = tuple(settings.MARAC_REPLICA_PATHS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, self._TOKEN, None)
            if token is not None:
                _reading_a_report.reset(token)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict) -> None:
        if request.method in ("GET", "HEAD") and request.path_info.startswith(self.prefixes):
            setattr(request, self._TOKEN, _reading_a_report.set(True))
