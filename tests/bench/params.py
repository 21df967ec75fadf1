"""What `make bench` generates and how long it loads each page, from BENCH_* variables.

Read by the orchestrator (tests/bench/run.py) and by every child process it starts, so that all
of them agree on the data set, the database and the durations without importing Django here.
"""

import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "bench"

# Bump when the generator changes what it writes: the stored data set is then regenerated.
VERSION = 2
SEED = int(os.environ.get("BENCH_SEED", "20260101"))
# 1 is the province of issue 10; BENCH_SCALE=0.05 gives a data set 20 times smaller for quick
# iterations on the harness (the targets are the full size's, so misses are only indicative).
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
YEAR = 2024  # the year of the report, the ratings and the campaign; figures go back two years
# Every generated time is before this one, so the rows are the same whatever day it is.
NOW = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)

# The province after the 2025 mergers (issue 10), at scale 1.
FULL_SIZE = {
    "units": 3_019,
    "people": 100_037,
    "figures": 543_487,
    "ratings": 309_242,
    "awards": 223_455,
    "nominations": 5_006,
    "audit": 82_535,
    # Files imported by the timed imports.
    "import_units": 3_000,
    "import_people": 10_000,
    "import_values": 10_000,
}
INDICATORS = 68  # not scaled: a small department reports the same indicators
PEOPLE_PAGE = 1_500  # the deep page of the people list, at scale 1 (50 people a page)

# Load: gunicorn sync workers, wrk connections, seconds per wrk run.
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CEILING_DURATION = int(os.environ.get("BENCH_CEILING_DURATION", "5"))
LATENCY_DURATION = int(os.environ.get("BENCH_LATENCY_DURATION", "5"))
# An in-process measurement that takes longer is stopped and counted as missed (the XLSX
# report of issue 10 would otherwise run for hours).
MEASURE_TIMEOUT = int(os.environ.get("BENCH_MEASURE_TIMEOUT", "180"))
# A page whose first request takes longer is not loaded (wrk would complete nothing).
FIRST_REQUEST_TIMEOUT = 120


def size(name):
    return max(1, round(FULL_SIZE[name] * SCALE))


def scale_suffix():
    return "" if SCALE == 1 else "-s" + f"{SCALE:g}".replace(".", "_")


def fingerprint():
    return f"v{VERSION} seed={SEED} scale={SCALE:g}"


def database_url():
    """The bench's own database, never the one DATABASE_URL names: SQLite in bench/ unless
    DATABASE_URL is PostgreSQL, then a database beside it (thidua_bench, or BENCH_DATABASE)."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        name = os.environ.get("BENCH_DATABASE") or "thidua_bench" + scale_suffix().replace("-", "_")
        parts = urlsplit(given)
        return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))
    return f"sqlite:///{BENCH_DIR / f'bench{scale_suffix()}.sqlite3'}"


def child_environment():
    """The environment of every child process: the bench settings on the bench database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
    }
