"""`make bench`: every benchmark in turn, at one scale, each printing its own figures.

    python bench/run_all.py [--scale 1] [--skip-linkage]

1. `generate_national.py`: the national data set (300,000 people … 5,000,000 audit events at scale 1) by COPY;
2. `bench_pages.py`: the key pages on it under gunicorn with 16 clients (the same number of requests at any scale);
3. `bench_incident_import.py`: importing 1,000,000 incidents (times the scale) from a CSV;
4. `bench_rfgv.py`: ranking serial perpetrators over 1,000,000 incidents (times the scale);
5. `bench_linkage.py`: deduplicating 1,000,000 people (times the scale).

Each runs in its own process against its own database on the PostgreSQL server of $BENCH_DATABASE_URL (by default
postgres://postgres@127.0.0.1:5432/…): `marac_bench_national`, `marac_bench` and `marac_bench_rfgv`. The national
data set is kept for inspection (`generate_national.py` drops it the next time); the others drop theirs.
"""

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _database(name: str) -> str:
    server = urlsplit(os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    return urlunsplit(server._replace(path=f"/{name}"))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the national volumes (1 = full)")
    parser.add_argument("--skip-linkage", action="store_true", help="leave out the record linkage benchmark")
    args = parser.parse_args(argv)
    million = max(round(1_000_000 * args.scale), 1000)
    steps = [
        ("generate_national.py", ["--scale", f"{args.scale:g}"], "marac_bench_national"),
        ("bench_pages.py", [], "marac_bench_national"),
        ("bench_incident_import.py", ["--rows", str(million)], "marac_bench"),
        ("bench_rfgv.py", ["--incidents", str(million)], "marac_bench_rfgv"),
    ]
    if not args.skip_linkage:
        steps.append(("bench_linkage.py", ["--records", str(million)], None))
    failed = []
    for script, options, database in steps:
        environment = dict(os.environ)
        if database:
            environment["BENCH_DATABASE_URL"] = _database(database)
        print(f"\n=== {script} {' '.join(options)}", flush=True)
        began = time.perf_counter()
        result = subprocess.run([sys.executable, str(BENCH / script), *options], env=environment, check=False)
        print(f"=== {script}: {time.perf_counter() - began:.0f}s, exit status {result.returncode}", flush=True)
        if result.returncode:
            failed.append(script)
            if script == "generate_national.py":
                break  # the page benchmark needs the data set
    if failed:
        raise SystemExit(f"Failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
