"""Benchmark of the MATAC ranking: RFGV scores over 1,000,000 synthetic incidents in PostgreSQL.

    python bench/bench_rfgv.py [--incidents 1000000] [--seed 7] [--runs 3] [--explain] [--keep-database]

Creates its own database (`marac_bench_rfgv` on the server of $BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/marac_bench_rfgv; it is dropped and created again, never the test database),
migrates it, and loads one locality's people and incidents with COPY straight into their tables, then ANALYZE
(not timed). Then it times `rank_serial_perpetrators` as the ranking page calls it (the locality's default
settings: 36 months, 16+, 2 victims), `runs` times, and prints the rows, the wall times, the serial perpetrators
found and the top 5 scores. It also times what else the ranking page reads (the people a reader may not be shown)
and `score_people` for 1,000 people, as partner referrals are scored.

The data: perpetrators with a long tail. Most have one victim; about one in eight has two or more over the six
years the incidents cover, and a few hundred are prolific, with five to fifteen victims and many incidents each.
Incidents are drawn a third from a Pareto tail over the perpetrators and the rest evenly, over the last six years
(so about half fall in the window), with every type and gravity in realistic proportions. 10% of perpetrators
have no date of birth and 3% are under 16. Synthetic names only (bench/names.py).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_incident_import import drop_database, recreate_database
from bench.names import GROUPS, SURNAME_TAILS, NameGroup

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/marac_bench_rfgv"
# (type, weight): what police and partner agencies record most often comes first.
INCIDENT_TYPES = (
    ("physical", 24),
    ("coercive_control", 12),
    ("threats", 12),
    ("verbal", 12),
    ("stalking", 9),
    ("criminal_damage", 7),
    ("breach", 6),
    ("unwanted_contact", 6),
    ("dispute", 5),
    ("strangulation", 3),
    ("sexual", 2),
    ("other", 2),
)
GRAVITY_WEIGHTS = (35, 38, 20, 7)  # minor, moderate, serious, life-threatening
YEARS = 6
LATIN_GROUPS = tuple(group for group in GROUPS if not group.script)


def _database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _name(rng: random.Random, *, is_female: bool) -> tuple[str, str]:
    group: NameGroup = rng.choices(LATIN_GROUPS, weights=[group.weight for group in LATIN_GROUPS])[0]
    given = rng.choice(group.female if is_female else group.male)
    tails = SURNAME_TAILS.get(group.key, ())
    entry = rng.choice(tails) if tails and rng.random() < 0.5 else rng.choice(group.surnames)
    male, _, female = entry.partition("|")
    return given, (female or male) if is_female else male


def _victim_count(rng: random.Random) -> int:
    """Victims of one perpetrator over the six years: the long tail of serial perpetrators."""
    draw = rng.random()
    if draw < 0.875:
        return 1
    if draw < 0.955:
        return 2
    if draw < 0.985:
        return 3
    if draw < 0.998:
        return rng.randint(4, 6)
    return rng.randint(5, 15)  # the prolific few


def plan(*, incidents: int, seed: int, today: dt.date):
    """The people (perpetrators first) and, per perpetrator, the ids of his victims."""
    rng = random.Random(seed)
    perpetrator_count = max(incidents // 5, 2)
    people: list[tuple[str, str, dt.date | None, str]] = []  # given, family, born, gender
    victims_of: list[list[int]] = []
    for _ in range(perpetrator_count):
        draw = rng.random()
        if draw < 0.10:
            born = None
        elif draw < 0.13:
            born = today - dt.timedelta(days=rng.randint(13 * 365, 16 * 365 - 30))  # 13 to 15
        else:
            born = today - dt.timedelta(days=rng.randint(17 * 365, 65 * 365))
        people.append((*_name(rng, is_female=rng.random() < 0.08), born, "male"))
    for _ in range(perpetrator_count):
        ids = []
        for _victim in range(_victim_count(rng)):
            ids.append(len(people) + 1)  # ids are assigned in order from 1
            born = None if rng.random() < 0.02 else today - dt.timedelta(days=rng.randint(16 * 365, 70 * 365))
            people.append((*_name(rng, is_female=rng.random() < 0.9), born, "female"))
        victims_of.append(ids)
    return people, victims_of


def _perpetrator(rng: random.Random, count: int) -> int:
    """Index of the perpetrator of the next incident: a third from a Pareto tail, the rest evenly."""
    if rng.random() < 0.3:
        return min(int(rng.paretovariate(1.1)) - 1, count - 1)
    return rng.randrange(count)


def copy_people(cursor, people, *, locality_id: int, now: dt.datetime) -> None:
    from marac.people.models import Person
    from marac.people.normalise import normalise_name

    fields = [field for field in Person._meta.concrete_fields]
    columns = [field.column for field in fields]
    base = {field.column: field.get_default() for field in fields}
    base |= {"locality_id": locality_id, "created_at": now}
    with cursor.copy(f"COPY people_person ({', '.join(columns)}) FROM STDIN") as copy:
        for number, (given, family, born, gender) in enumerate(people, start=1):
            row = base | {
                "id": number,
                "given_name": given,
                "family_name": family,
                "normalised_name": normalise_name(given, family),
                "date_of_birth": born,
                "gender": gender,
            }
            copy.write_row([row[column] for column in columns])
    cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s)", [len(people)])


def copy_incidents(cursor, victims_of, *, incidents: int, seed: int, locality_id: int, agencies: list[int], now):
    from marac.incidents.models import Incident

    rng = random.Random(seed + 1)
    fields = [field for field in Incident._meta.concrete_fields if field.column != "id"]
    columns = [field.column for field in fields]
    base = {field.column: field.get_default() for field in fields}
    base |= {"locality_id": locality_id, "source_reference": "", "recorded_at": now, "summary": ""}
    kinds = [kind for kind, _weight in INCIDENT_TYPES]
    kind_weights = [weight for _kind, weight in INCIDENT_TYPES]
    span = YEARS * 365 * 24 * 60
    # Agencies in proportion: the police record most incidents.
    agency_weights = [60] + [40 / max(len(agencies) - 1, 1)] * (len(agencies) - 1)
    with cursor.copy(f"COPY incidents_incident ({', '.join(columns)}) FROM STDIN") as copy:
        for _ in range(incidents):
            perpetrator = _perpetrator(rng, len(victims_of))
            victims = victims_of[perpetrator]
            # The first victim is the one most incidents are about; the later ones were partners before or since.
            victim = victims[0] if rng.random() < 0.5 else rng.choice(victims)
            kind = rng.choices(kinds, weights=kind_weights)[0]
            gravity = rng.choices((1, 2, 3, 4), weights=GRAVITY_WEIGHTS)[0]
            if kind == "strangulation":
                gravity = 4
            row = base | {
                "source_agency_id": rng.choices(agencies, weights=agency_weights)[0],
                "occurred_at": now - dt.timedelta(minutes=rng.randrange(span)),
                "incident_type": kind,
                "gravity": gravity,
                "victim_id": victim,
                "perpetrator_id": perpetrator + 1,
                "children_present": rng.choice((0, 0, 0, 1, 1, 2)),
            }
            copy.write_row([row[column] for column in columns])


def _timed(function, runs: int):
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return result, times


def _times(times: list[float]) -> str:
    listed = ", ".join(f"{seconds:.2f}s" for seconds in times)
    return f"best {min(times):.2f}s, median {statistics.median(times):.2f}s ({listed})"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="time the ranking this many times")
    parser.add_argument("--explain", action="store_true", help="print PostgreSQL's plan of the ranking query")
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
    from django.utils import timezone

    call_command("migrate", verbosity=0)

    from marac.access.actor import Actor
    from marac.agencies.models import Role
    from marac.governance.tests.factories import agreement_signed_by_every_agency
    from marac.incidents.models import Incident
    from marac.people.models import Person
    from marac.rfgv import selectors
    from marac.rfgv.rules import rules_for
    from marac.rfgv.scoring import aggregate_query, rank_serial_perpetrators, score_people
    from marac.testing.factories import AgencyFactory, LocalityFactory, MembershipFactory

    try:
        now = timezone.now()
        locality = LocalityFactory(name="Benchmark")
        agencies = [
            AgencyFactory(locality=locality, name=f"Benchmark {name}", agency_type=kind).pk
            for name, kind in (
                ("Police", "police"),
                ("Domestic Abuse Service", "idva_service"),
                ("Housing", "housing"),
                ("Hospital", "health"),
                ("Children's Services", "childrens_social_care"),
                ("Probation", "probation"),
            )
        ]
        coordinator = MembershipFactory(agency_id=agencies[1], role=Role.COORDINATOR)
        agreement_signed_by_every_agency(locality)

        _say(f"Planning the people behind {args.incidents:,} incidents (seed {args.seed})…")
        people, victims_of = plan(incidents=args.incidents, seed=args.seed, today=timezone.localdate(now))
        began = time.perf_counter()
        with connection.cursor() as cursor:
            raw = cursor.cursor
            _say(f"COPY {len(people):,} people…")
            copy_people(raw, people, locality_id=locality.pk, now=now)
            _say(f"COPY {args.incidents:,} incidents…")
            copy_incidents(
                raw,
                victims_of,
                incidents=args.incidents,
                seed=args.seed,
                locality_id=locality.pk,
                agencies=agencies,
                now=now,
            )
            cursor.execute("ANALYZE")
        load = time.perf_counter() - began
        _say(f"  loaded and analysed in {load:.1f}s")

        _say(f"Timing rank_serial_perpetrators, {args.runs} runs…")
        ranked, rank_times = _timed(lambda: rank_serial_perpetrators(locality=locality, as_of=now), args.runs)
        actor = Actor(user=coordinator.user, membership=coordinator)
        page, page_times = _timed(lambda: selectors.ranking(actor=actor, as_of=now), args.runs)
        some = random.Random(args.seed).sample(range(1, len(victims_of) + 1), min(1000, len(victims_of)))
        partner, partner_times = _timed(lambda: score_people(locality=locality, person_ids=some, as_of=now), args.runs)
        rules = rules_for(locality)
        as_of = timezone.localtime(now)
        in_window = Incident.objects.filter(locality=locality, occurred_at__gte=rules.window_start(as_of)).count()
        unknown_age = Person.objects.filter(
            pk__in=[score.person_id for score in ranked], date_of_birth__isnull=True
        ).count()

        print(f"RFGV ranking benchmark: PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} cores")
        print(
            f"  data: {Incident.objects.count():,} incidents over {YEARS} years ({in_window:,} in the "
            f"{rules.window_months}-month window), {Person.objects.count():,} people ({len(victims_of):,} "
            f"perpetrators); COPY and ANALYZE {load:.1f}s"
        )
        print(f"  rank_serial_perpetrators: {_times(rank_times)} (target: under 10s)")
        print(f"  serial perpetrators found: {len(ranked):,}, of whom {unknown_age:,} with no date of birth")
        print(f"  the ranking page's reads (settings, scores, people hidden from the reader): {_times(page_times)}")
        print(f"  score_people for {len(some):,} people (partner referrals): {_times(partner_times)}")
        names = {person.pk: person for person in Person.objects.filter(pk__in=[s.person_id for s in ranked[:5]])}
        print("  top 5 (total = recency + frequency + gravity + victims; incidents, victims, last incident):")
        for rank, score in enumerate(ranked[:5], start=1):
            who = names[score.person_id]
            print(
                f"    {rank}. {who.full_name} (person {who.pk}, born {who.date_of_birth or 'not known'}): "
                f"{score.total} = {score.recency} + {score.frequency} + {score.gravity} + {score.victims}; "
                f"{score.incident_count} incidents, {score.victim_count} victims, last "
                f"{timezone.localtime(score.last_incident_at):%d %b %Y}"
            )
        assert [score.person_id for score in page.scores] == [score.person_id for score in ranked]
        assert len(partner) == len(some)
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when it finished")
        if args.explain:
            query = aggregate_query(locality=locality, rules=rules, as_of=as_of, person_ids=None, serial_only=True)
            sql, params = query.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                print("\n".join(row[0] for row in cursor.fetchall()))
    finally:
        connection.close()
        if not args.keep_database:
            drop_database(url)


if __name__ == "__main__":
    main()
