"""`python -m tests.bench.measure NAME`: one measurement in a process of its own, printed as a
`RESULT {json}` line for tests/bench/run.py.

One process per measurement, so that its peak resident memory (`ru_maxrss`, the whole
process, as the operating system sees it) is that measurement's alone. Timed without tracemalloc
or debug cursors, which slow the many small objects of a report several times over; queries
are counted by an execute wrapper. Whatever writes (the imports, the certificates) runs in a
transaction rolled back at the end, so the generated database stays as generated.
"""

import gc
import json
import os
import resource
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import django

from tests.bench import params

OFFICER = "officer"


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@contextmanager
def rolled_back():
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def timed(work):
    """Run `work()` once: wall and CPU seconds (the CPU time says more about our code when
    the neighbours load the machine), queries, and the process's peak memory at the end."""
    from django.db import connection

    queries = [0]

    def count(execute, sql, params_, many, context):
        queries[0] += 1
        return execute(sql, params_, many, context)

    gc.collect()
    baseline = peak_rss_mb()
    with connection.execute_wrapper(count):
        started, cpu = time.perf_counter(), time.process_time()
        outcome = work()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "queries": queries[0],
            "peak_rss_mb": round(peak_rss_mb(), 1), "baseline_rss_mb": round(baseline, 1),
            **(outcome or {})}  # fmt: skip


def _import(command, data, extension="csv"):
    """An import command as the office runs it (`--actor officer`: the officer's units limit
    the file and the audit rows name them), rolled back."""
    from io import StringIO

    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{command}.{extension}"
        path.write_bytes(data)
        lines = data.count(b"\n") - 1

        def work():
            call_command(command, str(path), actor=OFFICER, stdout=StringIO())
            return {"lines": lines}

        with rolled_back():
            return timed(work)


def import_units():
    from tests.bench.import_files import units_file

    return _import("import_units", units_file())


def import_people():
    from tests.bench.import_files import people_file

    return _import("import_people", people_file())


def import_values():
    from tests.bench.import_files import values_file

    return _import("import_values", values_file(update=False))


def import_values_update():
    from tests.bench.import_files import values_file

    return _import("import_values", values_file(update=True))


def _report(fmt):
    """`manage.py indicator_report --year … --format …` for the whole department, to a file."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report.{fmt}"
        result = timed(lambda: call_command("indicator_report", year=params.YEAR, format=fmt,
                                            output=str(path)))  # fmt: skip
        result["file_mb"] = round(path.stat().st_size / 2**20, 1)
        if fmt == "json":
            result["rows"] = len(json.loads(path.read_text(encoding="utf-8")))
        elif fmt == "csv":
            with path.open(encoding="utf-8") as lines:
                result["rows"] = sum(1 for _line in lines) - 1
    return result


def report_json():
    return _report("json")


def report_csv():
    return _report("csv")


def report_xlsx():
    return _report("xlsx")


def eligibility():
    """Every open nomination of the campaign judged in one go (the screening page judges one
    page of them the same way)."""
    from awards.eligibility import screen_campaign
    from awards.models import Campaign

    campaign = Campaign.objects.get(year=params.YEAR)

    def work():
        pairs = list(screen_campaign(campaign))
        return {"nominations": len(pairs),
                "eligible": sum(verdict.eligible for _nomination, verdict in pairs)}  # fmt: skip

    return timed(work)


def certificates():
    """tests/bench/certificates.py, once it exists: its own rows (name, value, unit, target,
    ok), measured by its own code, rolled back."""
    try:
        from tests.bench.certificates import bench_certificates
    except ImportError as error:
        return {"skipped": f"tests/bench/certificates.py is not there yet ({error})"}
    with rolled_back():
        return {"rows": bench_certificates()}


def session():
    """A signed-in session of the officer (its cookie goes to wrk), and the page addresses."""
    from django.conf import settings
    from django.test import Client

    from tests.bench.pages import page_paths

    client = Client()
    client.force_login(_officer())
    return {"cookie": client.cookies["sessionid"].value, "paths": page_paths(),
            "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"]}  # fmt: skip


def pages():
    """Queries, status, size and time of one request to each page through the test client,
    signed in as the officer; a page is requested twice when it is fast enough, and the second
    request counted, so that per-process caches do not count."""
    from django.test import Client

    from tests.bench.pages import page_paths

    client = Client()
    client.force_login(_officer())
    client.get(page_paths()["ceiling"])
    results = {}
    for key, path in page_paths().items():
        result = _one_request(client, path)
        if result.get("seconds", 99) < 2:
            result = _one_request(client, path)
        results[key] = result
    return results


def _one_request(client, path):
    holder = {}

    def work():
        holder["response"] = client.get(path)

    try:
        result = timed(work)
    except Exception as error:  # a page that fails is reported, not the end of the run
        return {"error": f"{type(error).__name__}: {error}"[:300]}
    response = holder["response"]
    return {"status": response.status_code, "bytes": len(response.content),
            "seconds": result["seconds"], "queries": result["queries"]}  # fmt: skip


def _officer():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=OFFICER)


MEASURES = {
    "import_units": import_units,
    "import_people": import_people,
    "import_values": import_values,
    "import_values_update": import_values_update,
    "report_json": report_json,
    "report_csv": report_csv,
    "report_xlsx": report_xlsx,
    "eligibility": eligibility,
    "certificates": certificates,
    "session": session,
    "pages": pages,
}


def main(name):
    os.environ["DATABASE_URL"] = params.database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    django.setup()
    print("RESULT " + json.dumps(MEASURES[name](), ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
