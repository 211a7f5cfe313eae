"""Benchmark of the incident import: 1,000,000 synthetic incidents from one CSV into PostgreSQL.

    python bench/bench_incident_import.py [--rows 1000000] [--seed 6] [--workdir DIR] [--keep-database]

Creates its own database (`marac_bench` on the server of $BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/marac_bench; it is dropped and created again, never the test database),
migrates it, records a locality whose people include the victims of a tenth of the couples, and writes the CSV
(not timed). Then it times `incident_import` as `manage.py import_incidents` runs it, from opening the file to
the repeat and escalation rules having run on the new incidents, and prints the phases, the wall time and the
rows per second. Last it imports the same file again, which must add nothing, and times that too.

The file: couples drawn with a long tail (a few couples have many incidents, most have one or two), 10% of
perpetrators and 2% of victims without a date of birth, dates over the last six years written the two ways the
schema accepts, every type and gravity, a summary on half the rows. Synthetic names only (bench/names.py).
"""

import argparse
import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.names import GROUPS, SURNAME_TAILS, NameGroup

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/marac_bench"
INCIDENT_TYPES = (
    "physical",
    "strangulation",
    "sexual",
    "threats",
    "stalking",
    "coercive_control",
    "criminal_damage",
    "breach",
    "unwanted_contact",
    "dispute",
    "verbal",
    "other",
)
SUMMARIES = (
    "Neighbour called police after hearing shouting.",
    "Victim reported messages sent in breach of a non-molestation order.",
    "Officers attended; suspect had left before arrival.",
    "Disclosed to the health visitor at a routine appointment.",
    "Damage to the front door; victim and children safe at a relative's.",
)
HEADER = (
    "incident_ref",
    "occurred_at",
    "incident_type",
    "gravity",
    "victim_given_name",
    "victim_family_name",
    "victim_date_of_birth",
    "victim_postcode",
    "perpetrator_given_name",
    "perpetrator_family_name",
    "perpetrator_date_of_birth",
    "children_present",
    "summary",
    "officer_collar_number",
)


def _surname(rng: random.Random, group: NameGroup, is_female: bool) -> str:
    tails = SURNAME_TAILS.get(group.key, ())
    entry = rng.choice(tails) if tails and rng.random() < 0.5 else rng.choice(group.surnames)
    male, _, female = entry.partition("|")
    return (female or male) if is_female else male


def _person(rng: random.Random, *, is_female: bool, birth_missing: float) -> tuple[str, str, str]:
    group = rng.choices(GROUPS, weights=[group.weight for group in GROUPS])[0]
    given = rng.choice(group.female if is_female else group.male)
    birth = "" if rng.random() < birth_missing else dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(16_000))
    return given, _surname(rng, group, is_female), birth.isoformat() if birth else ""


def _couple(rng: random.Random, couples: list):
    """Most incidents come from a few couples: a third of the rows are drawn with a long tail, the rest evenly."""
    if rng.random() < 0.3:
        return couples[min(int(rng.paretovariate(1.2)) - 1, len(couples) - 1)]
    return rng.choice(couples)


def write_incidents(path: Path, *, rows: int, seed: int) -> list[tuple[str, str, str]]:
    """Write the CSV; returns the victims (given name, surname, date of birth) of the couples, in order."""
    rng = random.Random(seed)
    couples = [
        (
            _person(rng, is_female=True, birth_missing=0.02),
            _person(rng, is_female=False, birth_missing=0.10),
            f"RV{rng.randrange(1, 20)} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
        )
        for _ in range(max(rows // 4, 1))
    ]
    now = dt.datetime.now().replace(second=0, microsecond=0)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for number in range(rows):
            victim, perpetrator, postcode = _couple(rng, couples)
            moment = now - dt.timedelta(minutes=rng.randrange(6 * 365 * 24 * 60))
            occurred_at = moment.strftime("%d/%m/%Y %H:%M") if number % 5 == 0 else moment.isoformat(timespec="minutes")
            writer.writerow(
                (
                    f"RP-{moment.year}-{number:08d}",
                    occurred_at,
                    rng.choice(INCIDENT_TYPES),
                    rng.randrange(1, 5),
                    *victim[:2],
                    victim[2],
                    postcode,
                    *perpetrator,
                    rng.choice((0, 0, 0, 1, 1, 2, 3)),
                    rng.choice(SUMMARIES) if rng.random() < 0.5 else "",
                    rng.randrange(1000, 9999),
                )
            )
    return [victim for victim, _, _ in couples]


def _database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def _backend_cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by a PostgreSQL backend on this machine (None if its process cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--workdir", type=Path, help="keep the generated file here (default: a temporary folder)")
    parser.add_argument("--keep-database", action="store_true", help="leave the benchmark database for inspection")
    args = parser.parse_args(argv)

    url = _database_url()
    _say(f"Creating the benchmark database {urlsplit(url).path.lstrip('/')} and migrating it…")
    recreate_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marac.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from marac.access.actor import Actor
    from marac.incidents.imports import loading, services
    from marac.incidents.models import Incident
    from marac.people.models import Person
    from marac.people.normalise import normalise_name
    from marac.testing.factories import AgencyFactory, LocalityFactory

    try:
        with tempfile.TemporaryDirectory(prefix="marac-bench-") as scratch:
            workdir = args.workdir or Path(scratch)
            workdir.mkdir(parents=True, exist_ok=True)
            path = workdir / "incidents.csv"
            _say(f"Writing {args.rows:,} synthetic incidents (seed {args.seed})…")
            started = time.perf_counter()
            victims = write_incidents(path, rows=args.rows, seed=args.seed)
            _say(f"  {time.perf_counter() - started:.1f}s, {path.stat().st_size / 1e6:,.0f} MB")

            locality = LocalityFactory(name="Benchmark")
            police = AgencyFactory(locality=locality, name="Benchmark Police", agency_type="police")
            known = [victim for victim in victims[: len(victims) // 10] if victim[2]]
            Person.objects.bulk_create(
                [
                    Person(
                        locality=locality,
                        given_name=given,
                        family_name=family,
                        normalised_name=normalise_name(given, family),
                        date_of_birth=dt.date.fromisoformat(birth),
                    )
                    for given, family, birth in known
                ],
                batch_size=5000,
            )
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            _say(f"The locality already knows {len(known):,} people (a tenth of the victims).")

            phases: dict[str, float] = {}
            evaluate = services.incidents_evaluate

            def timed_rules(**kwargs):
                began = time.perf_counter()
                outcome = evaluate(**kwargs)
                phases["rules"] = time.perf_counter() - began
                return outcome

            services.incidents_evaluate = timed_rules

            def progress(record) -> None:
                phases["read"] = time.perf_counter() - began
                if record.rows_read % 200_000 == 0 or record.rows_read == record.rows_total:
                    _say(f"  {phases['read']:6.1f}s  read {record.rows_read:,} of about {record.rows_total:,} rows")

            _say("Importing (timed: fingerprint, read and check, COPY, set-based insert, commit, rules)…")
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backend = cursor.fetchone()[0]
            backend_before = _backend_cpu_seconds(backend)
            cpu_before = time.process_time()
            began = time.perf_counter()
            with path.open("rb") as file:
                outcome = services.incident_import(
                    actor=Actor(user=None, membership=None),
                    locality=locality,
                    source_agency=police,
                    file=file,
                    file_name=path.name,
                    on_progress=progress,
                )
            wall = time.perf_counter() - began
            python_cpu = time.process_time() - cpu_before
            backend_after = _backend_cpu_seconds(backend)
            database_cpu = backend_after - backend_before if backend_before is not None and backend_after else None
            load = os.getloadavg()[0]
            record = outcome.incident_import
            rules = outcome.rules

            _say("Importing the same file again (timed)…")
            again_began = time.perf_counter()
            with path.open("rb") as file:
                again = services.incident_import(
                    actor=Actor(user=None, membership=None),
                    locality=locality,
                    source_agency=police,
                    file=file,
                    file_name=path.name,
                ).incident_import
            again_wall = time.perf_counter() - again_began

            after_reading = wall - phases.get("read", 0) - phases.get("rules", 0)
            with connection.cursor() as cursor:
                set_based = loading._may_check_references_set_based(cursor)
            print(f"Incident import benchmark: {args.rows:,} rows, PostgreSQL {connection.pg_version // 10000}")
            print(
                "  foreign keys checked "
                + (
                    "set-based (the role may set session_replication_role)"
                    if set_based
                    else "row by row (the role may not set session_replication_role: docs/operations.md)"
                )
            )
            print(f"  status {record.status}: {record.rows_imported:,} imported, {record.rows_bad:,} bad rows")
            print(
                f"  people: {outcome.people_matched:,} matched to known people, {outcome.people_created:,} created; "
                f"{Incident.objects.count():,} incidents in the database"
            )
            if rules is not None:
                print(
                    f"  rules: {len(rules.flags_raised):,} people flagged for referral (escalation), "
                    f"{len(rules.referrals_created):,} repeat referrals"
                )
            print(
                f"  phases: read, check and write, chunk by chunk {phases.get('read', 0):.1f}s; "
                f"finish and commit {after_reading:.1f}s; rules {phases.get('rules', 0):.1f}s"
            )
            print(f"  wall time {wall:.1f}s, {record.rows_total / wall:,.0f} rows/s (target: under 60s)")
            database = f"{database_cpu:.1f}s" if database_cpu is not None else "not measured"
            print(
                f"  CPU: Python {python_cpu:.1f}s (reading thread and writing thread together), PostgreSQL backend "
                f"{database}; load average {load:.1f} on {os.cpu_count()} cores while it ran"
            )
            print(
                f"  same file again: {again.rows_imported:,} imported, {again.rows_already_known:,} already known, "
                f"{again_wall:.1f}s"
            )
    finally:
        connection.close()
        if not args.keep_database:
            drop_database(url)


if __name__ == "__main__":
    main()
