# Two commands matter: `make demo` and `make test`. Neither needs Node: built front-end assets are committed.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install demo serve test lint frontend bench clean screenshots

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The demo keeps two-factor sign-in; MARAC_DEMO_OTP_CODE lets 000000 stand in for the app's code (never in production).
demo: install
	$(PY) manage.py migrate --noinput
	MARAC_DEMO_OTP_CODE=000000 $(PY) manage.py load_demo
	MARAC_DEMO_OTP_CODE=000000 $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# One test process a core (pytest-xdist): the suite is CPU-bound, and CI has 20 minutes for both databases.
test: lint
	$(VENV)/bin/pytest -n auto

frontend:
	cd frontend && npm ci && npm run build

# Benchmarks, not tests: they print figures (bench/README.md). Fill PostgreSQL with the national data set (COPY) and
# drive the key pages under gunicorn with 16 clients (latency, throughput, floor, memory); import 1,000,000 synthetic
# incidents (time, rows a second); rank the serial perpetrators among 1,000,000 incidents (time); dedupe 1,000,000
# synthetic people (time, precision, recall). `make bench BENCH_SCALE=0.05` for a quick run on a twentieth.
BENCH_SCALE ?= 1
bench: install
	$(PY) bench/run_all.py --scale $(BENCH_SCALE)

# The key pages as PNGs in docs/screenshots/, for the README and the guides: a fresh demo in a throwaway SQLite
# database, photographed in Debian's Chromium (skipped, with the reason, where /usr/bin/chromium is missing).
SHOTS_DB := /tmp/marac-screenshots.sqlite3
screenshots: install
	rm -f $(SHOTS_DB)
	DATABASE_URL=sqlite:///$(SHOTS_DB) $(PY) manage.py migrate --noinput > /dev/null
	DATABASE_URL=sqlite:///$(SHOTS_DB) $(PY) manage.py load_demo > /dev/null
	DATABASE_URL=sqlite:///$(SHOTS_DB) $(PY) manage.py screenshots
	rm -f $(SHOTS_DB)

clean:
	rm -rf $(VENV) staticfiles
