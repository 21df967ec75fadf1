"""`make bench`: the province of issue 10, measured over HTTP and in-process, beside its targets.

1. Generates the data set once (tests/bench/generate.py; reused while the seed, scale and
   generator version stay the same) into bench/bench.sqlite3, or into the PostgreSQL database
   `thidua_bench` beside the one DATABASE_URL names when that is PostgreSQL.
2. Loads each page with wrk on gunicorn (tests/bench/http_load.py), beside the ceiling.
3. Times the imports, the report in each format, the eligibility screening and the
   certificates, each in a process of its own (tests/bench/measure.py).
4. Writes bench/results.json, prints the tables with each target beside its figure, and exits
   non-zero when a target is missed.

Environment: BENCH_SCALE (1), BENCH_SEED, BENCH_DURATION (10 s per page), BENCH_CEILING_DURATION
and BENCH_LATENCY_DURATION (5 s), BENCH_CONNECTIONS (16), BENCH_WORKERS (2),
BENCH_MEASURE_TIMEOUT (180 s for each in-process measurement), BENCH_REGENERATE=1,
BENCH_ONLY=people,report_json,… (a subset, for working on one page).
Not part of `make test`: timings are not assertions.
"""

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from statistics import median

from tests.bench import http_load, params, targets
from tests.bench.pages import PAGES

MEASURES = [*targets.MEASURE_TARGETS, "certificates"]


def child(module, *arguments, stream=False, timeout=params.MEASURE_TIMEOUT):
    """Run `python -m module …` on the bench database; its RESULT line, parsed."""
    command = [sys.executable, "-m", module, *arguments]
    if stream:
        return subprocess.run(command, cwd=params.ROOT, env=params.child_environment()).returncode
    try:
        done = subprocess.run(command, cwd=params.ROOT, env=params.child_environment(),
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout} s"}
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return {"error": lines[-1][-400:] if lines else f"exit status {done.returncode}"}
    return json.loads(line[len("RESULT ") :])


def wanted(key):
    only = os.environ.get("BENCH_ONLY")
    return not only or key in only.split(",")


def main():
    started = time.perf_counter()
    vendor = "postgresql" if params.database_url().startswith("postgres") else "sqlite"
    print(f"make bench: scale {params.SCALE:g}, seed {params.SEED}, {vendor}; gunicorn "
          f"{params.WORKERS} sync workers, wrk {params.CONNECTIONS} connections × "
          f"{params.DURATION} s per page")  # fmt: skip
    if params.SCALE != 1:
        print("  (the targets are for scale 1: at this scale a miss or a pass only hints)")
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": params.SCALE, "seed": params.SEED, "database": vendor,
        "workers": params.WORKERS, "connections": params.CONNECTIONS,
        "duration_s": params.DURATION, "load_average_before": os.getloadavg(),
    }  # fmt: skip

    generation = time.perf_counter()
    if child("tests.bench.generate", stream=True) != 0:
        print("make bench: generating the data set failed.")
        return 2
    results["generation_s"] = round(time.perf_counter() - generation, 1)

    results["pages"], results["page_queries"] = {}, {}
    missing = http_load.wrk_missing()
    if missing:
        print(f"make bench: {missing}; the pages are not loaded and count as missed.")
        results["pages"] = {key: {"error": missing} for key, _label in PAGES if wanted(key)}
    elif any(wanted(key) for key, _label in PAGES):
        params.BENCH_DIR.mkdir(exist_ok=True)
        http_load.LOG.write_text("")
        signed_in = child("tests.bench.measure", "session")
        if "error" in signed_in:
            print(f"make bench: no session for the officer: {signed_in['error']}")
            failure = {"error": f"no session: {signed_in['error']}"}
            results["pages"] = {key: failure for key, _label in PAGES if wanted(key)}
        else:
            results["conn_max_age"] = signed_in["conn_max_age"]
            print("Counting each page's queries through the test client…", flush=True)
            results["page_queries"] = child("tests.bench.measure", "pages", timeout=900)
        for key, label in PAGES:
            if wanted(key) and key not in results["pages"]:
                print(f"Loading {label}…", flush=True)
                results["pages"][key] = http_load.load_page(key, signed_in["paths"],
                                                            signed_in["cookie"])  # fmt: skip
    ceilings = [p["ceiling"]["rps"] for p in results["pages"].values() if p.get("ceiling")]
    results["ceiling_rps_median"] = median(ceilings) if ceilings else None

    results["measures"] = {}
    for name in MEASURES:
        if wanted(name):
            print(f"Measuring {name}…", flush=True)
            results["measures"][name] = child("tests.bench.measure", name)

    results["load_average_after"] = os.getloadavg()
    results["total_s"] = round(time.perf_counter() - started, 1)
    return report(results)


def report(results):
    pages, page_misses = targets.pages_table(results["pages"], results["page_queries"])
    chosen = {k: v for k, v in results["measures"].items() if k != "certificates"}
    measures, measure_misses = targets.measures_table(chosen) if chosen else ([], [])
    certificates, certificate_misses = (
        targets.certificates_table(results["measures"]["certificates"])
        if "certificates" in results["measures"] else ([], [])
    )  # fmt: skip
    results["missed"] = page_misses + measure_misses + certificate_misses
    results["tables"] = {"pages": pages, "measures": measures, "certificates": certificates}
    params.BENCH_DIR.mkdir(exist_ok=True)
    path = params.BENCH_DIR / f"results{params.scale_suffix()}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    print()
    for table in (pages, measures, certificates):
        if table:
            print("\n".join(table), end="\n\n")
    print(f"Generation (or reuse) {results['generation_s']:.0f} s; whole run "
          f"{results['total_s'] / 60:.1f} min; load average before/after "
          f"{results['load_average_before'][0]:.1f}/{results['load_average_after'][0]:.1f} "
          f"on {os.cpu_count()} cores. Results in {path.relative_to(params.ROOT)}.")  # fmt: skip
    if results["missed"]:
        count = len(results["missed"])
        print(f"\n{count} target{'s' if count > 1 else ''} MISSED:")
        print("\n".join(f"  - {miss}" for miss in results["missed"]))
        return 1
    print("\nEvery target is met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
