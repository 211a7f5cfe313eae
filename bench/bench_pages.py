"""Benchmark of the key pages on the national data set: gunicorn with 4 workers, 16 clients signed in.

    python bench/bench_pages.py [--requests 400] [--mixed 800] [--clients 16] [--workers 4] [--seed 5]

Runs on the database `bench/generate_national.py` filled ($BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/marac_bench_national). Nothing is created but what using the pages creates
(audit events, sessions).

1. **Floor.** In this process, through Django's test client, each page is requested for each of a few of the
   addresses it is driven with (once to warm up, once counted), and the SQL it ran is captured; then those
   statements are run directly on a connection of their own (in one transaction, rolled back; an audit event's
   hashes are replaced so that it can be written again), three times, the fastest counted. That is the least the
   page can cost: its floor.
2. **Load.** gunicorn serves the application with 4 sync workers on a free port (DEBUG off; the demo's shared
   second-step code on, so that the clients can sign in through both steps). Each of 16 clients signs in twice
   through the sign-in pages, as a coordinator and as a police representative of the largest locality. After a
   warm-up, each page is requested 20 times by one client alone, then `--requests` times by the 16 clients at once;
   then `--mixed` requests of all the pages in turn by the 16 clients, for throughput. Latency is measured from
   opening the connection to the last byte of the page.
3. The CPU each page costs, alone, in the gunicorn workers and in the PostgreSQL backends serving them (from /proc:
   the steady figure on a machine doing other work), and each worker's memory (resident set, now and at its peak).

The pages: the case page (40 cases of the largest locality), the agenda of its next meeting (16 cases), the police's
actions (the actions page of an agency representative), the coordinator's person search by name (a surname as
written, and the same with one typing mistake), the coordinator's home page (her dashboard) and the KPI report of the
current quarter.

Targets (printed, not tested): p95 at most 150 ms for each page on this 2-core machine; page alone at most 3 times
its floor; person search p95 at most 100 ms; 100 pages a second or more mixed; each worker at most 200 MB.
"""

import argparse
import contextlib
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_national import (
    AGENDA_SIZE,
    BENCH_CLIENTS,
    BENCH_COORDINATOR,
    BENCH_PASSWORD,
    BENCH_POLICE,
    DEFAULT_DATABASE_URL,
)

ROOT = Path(__file__).resolve().parent.parent
DEMO_CODE = "000000"
COORDINATOR, POLICE = "coordinator", "police"
ALONE_REQUESTS = 20
FLOOR_ADDRESSES = 5
FLOOR_RUNS = 3
HASH_LITERAL = re.compile(r"'[0-9a-f]{64}'")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TARGET_P95_MS = 150
TARGET_SEARCH_P95_MS = 100
TARGET_RATIO = 3
TARGET_PAGES_PER_SECOND = 100
TARGET_WORKER_MB = 200


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Page:
    name: str
    persona: str
    addresses: list[str]
    search: bool = False
    alone: list[float] = field(default_factory=list)
    loaded: list[float] = field(default_factory=list)
    loaded_wall: float = 0.0
    errors: int = 0
    floor: float | None = None
    floor_queries: int = 0
    cpu: tuple[float, float] = (0.0, 0.0)  # seconds of CPU a request, alone: (application, database)


# ------------------------------------------------------------------------------------------------------------------
# What to request: found in the benchmark database.


def _typo(rng: random.Random, word: str) -> str:
    """One typing mistake, never on the first letter: a letter dropped, doubled, replaced or two swapped."""
    if len(word) < 4:
        return word + rng.choice("aeiou")
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at] + word[at:]
    if kind == 2:
        letter = rng.choice([ch for ch in "aeioulnrst" if ch != word[at].lower()])
        return word[:at] + letter + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def pages_to_drive(seed: int) -> tuple[list[Page], dict]:
    from django.db.models import Count

    from marac.agencies.models import Membership
    from marac.meetings.models import Meeting, MeetingStatus
    from marac.people.models import Person
    from marac.referrals.models import Case

    rng = random.Random(seed)
    membership = Membership.objects.select_related("agency__locality").get(user__username=BENCH_COORDINATOR.format(1))
    locality = membership.agency.locality
    cases = list(Case.objects.filter(locality=locality).order_by("pk").values_list("pk", flat=True))
    meeting = (
        Meeting.objects.filter(locality=locality, status=MeetingStatus.SCHEDULED)
        .annotate(items=Count("agenda_items"))
        .filter(items=AGENDA_SIZE)
        .order_by("scheduled_for")
        .first()
    )
    if meeting is None:
        raise SystemExit(f"No scheduled meeting of {locality} lists {AGENDA_SIZE} cases: run generate_national.py")
    victims = list(
        Person.objects.filter(cases_as_victim__locality=locality).order_by("pk").values_list("family_name", flat=True)
    )
    surnames = rng.sample(victims, min(40, len(victims)))
    search = "/people/subject-access/?"
    pages = [
        Page("case page", COORDINATOR, [f"/cases/{pk}/" for pk in rng.sample(cases, min(40, len(cases)))]),
        Page(f"agenda, {AGENDA_SIZE} cases", COORDINATOR, [f"/meetings/{meeting.pk}/"]),
        Page("police's actions", POLICE, ["/actions/"]),
        Page(
            "person search",
            COORDINATOR,
            [search + urlencode({"q": surname}) for surname in surnames],
            search=True,
        ),
        Page(
            "person search, typo",
            COORDINATOR,
            [search + urlencode({"q": _typo(rng, surname)}) for surname in surnames],
            search=True,
        ),
        Page("coordinator's dashboard", COORDINATOR, ["/"]),
        Page("KPI report", COORDINATOR, ["/reports/dashboard/"]),
    ]
    facts = {
        "locality": locality,
        "cases": len(cases),
        "meeting": meeting,
        "searches": list(zip(surnames, (urlsplit(url).query for url in pages[4].addresses), strict=True)),
    }
    return pages, facts


# ------------------------------------------------------------------------------------------------------------------
# The floor: the pages' own SQL, run directly.


def measure_floors(pages: Sequence[Page], database_url: str) -> None:
    import psycopg
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from marac.access.actor import SESSION_MEMBERSHIP_KEY
    from marac.accounts.testing import verified_client
    from marac.agencies.models import Membership

    clients: dict[str, Client] = {}
    for persona, username in ((COORDINATOR, BENCH_COORDINATOR.format(1)), (POLICE, BENCH_POLICE.format(1))):
        membership = Membership.objects.select_related("user").get(user__username=username)
        client = verified_client(membership.user, Client(SERVER_NAME="127.0.0.1"))
        session = client.session
        session[SESSION_MEMBERSHIP_KEY] = membership.pk
        session.save()
        clients[persona] = client

    from django.conf import settings

    # The session settings the application's connections have (jit off, unless MARAC_POSTGRES_JIT=on).
    options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")
    with psycopg.connect(database_url, autocommit=False, options=options) as direct:
        for page in pages:
            client = clients[page.persona]
            floors, counts = [], []
            for address in page.addresses[:FLOOR_ADDRESSES]:
                client.get(address)  # warm: templates compiled, caches filled
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(address)
                if response.status_code != 200:
                    raise SystemExit(f"{page.name}: {address} answered {response.status_code} in this process")
                statements = [query["sql"] for query in captured.captured_queries]
                counts.append(len(statements))
                floors.append(min(_replay(direct, statements) for _ in range(FLOOR_RUNS)))
            page.floor = statistics.median(floors)
            page.floor_queries = max(counts)


def _replay(direct, statements: Sequence[str]) -> float:
    """Seconds to run the statements in one transaction, rolled back. An audit event is written again with new
    hashes (the chain's hashes are unique)."""
    with direct.cursor() as cursor:
        began = time.perf_counter()
        for sql in statements:
            if sql.startswith('INSERT INTO "audit_auditevent"'):
                sql = HASH_LITERAL.sub(lambda _match: f"'{random.getrandbits(256):064x}'", sql)
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()
        elapsed = time.perf_counter() - began
    direct.rollback()
    return elapsed


# ------------------------------------------------------------------------------------------------------------------
# gunicorn and the clients.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, database_url: str, workers: int, port: int):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "MARAC_DEMO_OTP_CODE": DEMO_CODE,
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "marac.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=environment)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _body, _headers = request(port, "GET", "/sign-in/", cookies={})
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start: see its messages above")
            time.sleep(0.3)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(
    port: int, method: str, path: str, *, cookies: dict[str, str], form: dict | None = None
) -> tuple[int, bytes, http.client.HTTPMessage]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                cookies[name] = morsel.value
        return response.status, content, response.headers
    finally:
        connection.close()


def sign_in(port: int, username: str) -> dict[str, str]:
    """Both steps, as a person does them: the password, then the code (the demo's shared code)."""
    cookies: dict[str, str] = {}
    _status, page, _headers = request(port, "GET", "/sign-in/", cookies=cookies)
    token = CSRF_FIELD.search(page.decode()).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": BENCH_PASSWORD}
    status, _page, headers = request(port, "POST", "/sign-in/", cookies=cookies, form=form)
    if status != 302 or "/account/code/" not in headers.get("Location", ""):
        raise SystemExit(f"{username}: the password step answered {status}")
    _status, page, _headers = request(port, "GET", "/account/code/", cookies=cookies)
    token = CSRF_FIELD.search(page.decode()).group(1)
    status, _page, headers = request(
        port, "POST", "/account/code/", cookies=cookies, form={"csrfmiddlewaretoken": token, "code": DEMO_CODE}
    )
    if status != 302 or "/account/" in headers.get("Location", ""):
        raise SystemExit(f"{username}: the second step answered {status} {headers.get('Location', '')}")
    return cookies


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user and system) a process of this machine has used so far; None if it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """The CPU time of gunicorn's workers and of the PostgreSQL backends serving them, between two readings: what a
    page costs the machine, whatever else the machine is doing."""

    def __init__(self, master: int, database_url: str):
        import psycopg

        self.master = master
        self.connection = psycopg.connect(database_url, autocommit=True)

    def reading(self) -> tuple[dict[int, float], dict[int, float]]:
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        ).fetchall()
        backends = {pid: _cpu_seconds(pid) for (pid,) in rows}
        workers = {pid: _cpu_seconds(pid) for pid in _children(self.master)}
        return (
            {pid: cpu for pid, cpu in workers.items() if cpu is not None},
            {pid: cpu for pid, cpu in backends.items() if cpu is not None},
        )

    @staticmethod
    def spent(before, after) -> tuple[float, float]:
        return tuple(
            sum(cpu - earlier.get(pid, 0.0) for pid, cpu in later.items())
            for earlier, later in zip(before, after, strict=True)
        )

    def close(self) -> None:
        self.connection.close()


@dataclass
class Client:
    sessions: dict[str, dict[str, str]]

    def get(self, port: int, page: Page, address: str) -> tuple[float, bool]:
        began = time.perf_counter()
        status, body, _headers = request(port, "GET", address, cookies=self.sessions[page.persona])
        elapsed = time.perf_counter() - began
        return elapsed, status == 200 and len(body) > 0


def run_together(clients: Sequence[Client], work: Callable[[int, Client], None]) -> float:
    """Each client's work in its own thread, all released at once; the wall time until the last finishes."""
    barrier = threading.Barrier(len(clients) + 1)

    def run(index: int, client: Client) -> None:
        barrier.wait()
        work(index, client)

    threads = [threading.Thread(target=run, args=(index, client)) for index, client in enumerate(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def drive(pages: Sequence[Page], *, port: int, clients: Sequence[Client], requests: int, mixed: int, seed: int, meter):
    lock = threading.Lock()
    _say("Warming up: every address of every page once…")

    def warm(index: int, client: Client) -> None:
        for page in pages:
            for number, address in enumerate(page.addresses):
                if number % len(clients) == index:
                    client.get(port, page, address)

    run_together(clients, warm)
    for page in pages:
        before = meter.reading()
        for number in range(ALONE_REQUESTS):
            elapsed, ok = clients[0].get(port, page, page.addresses[number % len(page.addresses)])
            page.alone.append(elapsed)
            page.errors += not ok
        application, database = meter.spent(before, meter.reading())
        page.cpu = (application / ALONE_REQUESTS, database / ALONE_REQUESTS)
        _say(f"  {page.name}: alone, median {statistics.median(page.alone) * 1000:.0f} ms")

    for page in pages:
        share = requests // len(clients)

        def loaded(index: int, client: Client, page: Page = page, share: int = share) -> None:
            times, errors = [], 0
            for number in range(share):
                elapsed, ok = client.get(port, page, page.addresses[(index * share + number) % len(page.addresses)])
                times.append(elapsed)
                errors += not ok
            with lock:
                page.loaded.extend(times)
                page.errors += errors

        page.loaded_wall = run_together(clients, loaded)
        _say(f"  {page.name}: {len(page.loaded)} requests by {len(clients)} clients in {page.loaded_wall:.1f}s")

    mixed_times: list[float] = []
    mixed_errors = [0]
    share = mixed // len(clients)

    def mixed_work(index: int, client: Client) -> None:
        rng = random.Random(seed * 1000 + index)
        times, errors = [], 0
        order = list(pages)
        for number in range(share):
            if number % len(order) == 0:
                rng.shuffle(order)
            page = order[number % len(order)]
            elapsed, ok = client.get(port, page, rng.choice(page.addresses))
            times.append(elapsed)
            errors += not ok
        with lock:
            mixed_times.extend(times)
            mixed_errors[0] += errors

    before = meter.reading()
    mixed_wall = run_together(clients, mixed_work)
    application, database = meter.spent(before, meter.reading())
    _say(f"  mixed: {len(mixed_times)} requests in {mixed_wall:.1f}s")
    cpu = (application / len(mixed_times), database / len(mixed_times))
    return Mixed(times=mixed_times, wall=mixed_wall, errors=mixed_errors[0], cpu=cpu)


def _status(pid: int) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {name: value.strip() for name, _, value in (line.partition(":") for line in text.splitlines())}


def _children(master: int) -> list[int]:
    return sorted(
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _status(int(entry.name)).get("PPid") == str(master)
    )


def worker_memory(master: int) -> list[tuple[int, float, float]]:
    """(pid, resident MB now, resident MB at its peak) of each gunicorn worker."""
    workers = []
    for pid in _children(master):
        status = _status(pid)
        if "VmRSS" in status:
            workers.append((pid, int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024))
    return workers


# ------------------------------------------------------------------------------------------------------------------


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.0f}"


@dataclass
class Mixed:
    times: list[float]
    wall: float
    errors: int
    cpu: tuple[float, float]


def report(pages: Sequence[Page], facts: dict, mixed: Mixed, memory: dict, args, load_average: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM people_person), (SELECT COUNT(*) FROM referrals_case), "
            "(SELECT COUNT(*) FROM actions_action), (SELECT COUNT(*) FROM incidents_incident), "
            "(SELECT MAX(id) FROM audit_auditevent)"
        )
        people, cases, actions, incidents, events = cursor.fetchone()
    cores = os.cpu_count() or 1
    print(
        f"Page benchmark: gunicorn {args.workers} sync workers, {args.clients} clients, {cores} cores, "
        f"PostgreSQL {connection.pg_version // 10000}"
    )
    print(
        f"  data: {people:,} people, {cases:,} cases, {actions:,} actions, {incidents:,} incidents, about "
        f"{events:,} audit events; database {size}. Pages of {facts['locality']} ({facts['cases']:,} cases)."
    )
    print(
        f"  {'page':<24}{'p50':>6}{'p95':>6}{'p99':>6}{'pages/s':>8}{'alone':>7}{'floor':>7}{'ratio':>7}"
        f"{'CPU app+db':>12}{'queries':>8}"
    )
    for page in pages:
        alone = statistics.median(page.alone)
        ratio = alone / page.floor if page.floor else None
        p95 = _percentile(page.loaded, 0.95)
        marks = []
        if p95 * 1000 > (TARGET_SEARCH_P95_MS if page.search else TARGET_P95_MS):
            marks.append("p95")
        if ratio is not None and ratio > TARGET_RATIO:
            marks.append("ratio")
        if page.errors:
            marks.append(f"{page.errors} errors")
        application, database = page.cpu
        print(
            f"  {page.name:<24}{_ms(statistics.median(page.loaded)):>6}{_ms(p95):>6}"
            f"{_ms(_percentile(page.loaded, 0.99)):>6}{len(page.loaded) / page.loaded_wall:>8.1f}"
            f"{_ms(alone):>7}{_ms(page.floor):>7}{(f'{ratio:.1f}' if ratio else '—'):>7}"
            f"{f'{_ms(application)}+{_ms(database)}':>12}{page.floor_queries:>8}"
            + (f"  over target: {', '.join(marks)}" if marks else "")
        )
    application, database = mixed.cpu
    capacity = cores / (application + database) if application + database else 0
    print(
        f"  mixed: {len(mixed.times)} requests of every page in turn: {len(mixed.times) / mixed.wall:.1f} pages/s "
        f"(target {TARGET_PAGES_PER_SECOND}), p50 {_ms(statistics.median(mixed.times))} ms, p95 "
        f"{_ms(_percentile(mixed.times, 0.95))} ms, {mixed.errors} errors; CPU a page {_ms(application)} ms in the "
        f"workers + {_ms(database)} ms in PostgreSQL, so {capacity:.0f} pages/s if {cores} cores did nothing else"
    )
    steady = max((rss for _pid, rss, _peak in memory["end"]), default=0)
    peak = max((peak for _pid, _rss, peak in memory["end"]), default=0)
    booted = max((peak for _pid, _rss, peak in memory["booted"]), default=0)
    print(
        f"  workers' memory (target {TARGET_WORKER_MB} MB each): {booted:.0f} MB once started, at most {steady:.0f} MB "
        f"resident at the end, {peak:.0f} MB at the peak (signing in: Argon2 hashes with 100 MB of memory)"
    )
    hits = facts["search_hits"]
    print(
        f"  person search: {hits['exact']} of {len(facts['searches'])} surnames as written found someone, "
        f"{hits['typo']} with one typing mistake"
    )
    print(
        "  ms; p50, p95, p99 and pages/s with every client at once; alone: the median with one client; floor: the "
        "page's own SQL run directly (in one transaction rolled back, the fastest of 3); ratio: alone / floor; "
        "CPU: ms of CPU a page, alone, in the gunicorn worker and in PostgreSQL; queries: statements the page ran"
    )
    print(f"  load average {load_average:.1f} on {cores} cores when the load finished")


def search_hits(facts: dict) -> dict[str, int]:
    """How many of the searched names found anyone, as written and with a typing mistake."""
    from urllib.parse import parse_qs

    from marac.access.actor import Actor
    from marac.agencies.models import Membership
    from marac.people.search import search_people

    membership = Membership.objects.select_related("user", "agency__locality").get(
        user__username=BENCH_COORDINATOR.format(1)
    )
    actor = Actor(user=membership.user, membership=membership)
    exact = sum(1 for surname, _query in facts["searches"] if search_people(actor=actor, query=surname).people.exists())
    typo = sum(
        1
        for _surname, query in facts["searches"]
        if search_people(actor=actor, query=parse_qs(query)["q"][0]).people.exists()
    )
    return {"exact": exact, "typo": typo}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests of each page under load")
    parser.add_argument("--mixed", type=int, default=800, help="requests of all the pages in turn")
    parser.add_argument("--clients", type=int, default=BENCH_CLIENTS)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    if args.clients > BENCH_CLIENTS:
        parser.error(f"the data set has {BENCH_CLIENTS} benchmark clients' accounts")

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marac.settings")
    import django

    django.setup()

    pages, facts = pages_to_drive(args.seed)
    facts["search_hits"] = search_hits(facts)
    _say(f"Measuring each page's floor (its SQL run directly) on {FLOOR_ADDRESSES} addresses…")
    measure_floors(pages, database_url)

    port = _free_port()
    _say(f"Starting gunicorn ({args.workers} workers) on port {port}…")
    with gunicorn(database_url=database_url, workers=args.workers, port=port) as server:
        memory = {"booted": worker_memory(server.pid)}
        _say(f"Signing in {args.clients} clients, each as a coordinator and as a police representative…")
        clients = [
            Client(
                sessions={
                    COORDINATOR: sign_in(port, BENCH_COORDINATOR.format(number)),
                    POLICE: sign_in(port, BENCH_POLICE.format(number)),
                }
            )
            for number in range(1, args.clients + 1)
        ]
        meter = CpuMeter(server.pid, database_url)
        try:
            mixed = drive(
                pages,
                port=port,
                clients=clients,
                requests=args.requests,
                mixed=args.mixed,
                seed=args.seed,
                meter=meter,
            )
        finally:
            meter.close()
        load_average = os.getloadavg()[0]
        memory["end"] = worker_memory(server.pid)
    report(pages, facts, mixed, memory, args, load_average)


if __name__ == "__main__":
    main()
