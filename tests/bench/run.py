"""`make bench`: speed and memory targets, measured on generated data of a realistic size.

A provincial department has a few hundred units and a few dozen indicators; the targets below
are for one report or eligibility screen over all of them, and for importing a whole
department's file (3,000 units, 10,000 people, 10,000 figures), on the 2-core reference machine.
Exits non-zero when a target is missed. Not part of `make test`: timings are not assertions.
"""

import os
import resource
import sys
import time
import tracemalloc
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

UNITS, PEOPLE_PER_UNIT, INDICATORS, YEARS = 400, 10, 30, (2022, 2023)
TARGETS = {"report": (2.0, 64), "eligibility": (3.0, 96)}  # seconds, peak MiB
# Imports of a whole department's file: lines, seconds. Timed without tracemalloc, which slows
# the many small objects of an import several times over; the process's peak RSS is shown.
IMPORT_TARGETS = {"import_units": (3_000, 3.0), "import_people": (10_000, 3.0),
                  "import_values": (10_000, 3.0)}  # fmt: skip


def seed():
    from awards.models import AnnualRating
    from indicators.models import Indicator, IndicatorValue
    from organizations.models import Person, Unit

    root = Unit.objects.create(code="ROOT", name="Sở")
    parents = [root]
    units = []
    for i in range(UNITS):
        unit = Unit.objects.create(code=f"U{i}", name=f"Đơn vị {i}", parent=parents[i // 20])
        units.append(unit)
        if i < 20:
            parents.append(unit)
    people = Person.objects.bulk_create(
        Person(code=f"P{u.pk}-{j}", full_name=f"Nguyễn Văn {j}", sex="M", unit=u)
        for u in units for j in range(PEOPLE_PER_UNIT)
    )  # fmt: skip
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"I{k}", name=f"Chỉ tiêu {k}", unit_of_measure="người")
        for k in range(INDICATORS)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=ind, unit=u, year=y, target=Decimal(100),
                       result=Decimal(90 + k % 20))
        for y in YEARS for k, ind in enumerate(indicators) for u in units[20:]
    )  # fmt: skip
    AnnualRating.objects.bulk_create(AnnualRating(person=p, year=y, rating="HTTNV")
                                     for p in people for y in YEARS)  # fmt: skip
    return root, units, people


def measure(name, work):
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = work()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    limit_seconds, limit_mib = TARGETS[name]
    ok = elapsed <= limit_seconds and peak <= limit_mib
    print(f"{name:<12} {elapsed:6.2f} s (≤ {limit_seconds}) {peak:6.1f} MiB (≤ {limit_mib}) "
          f"{len(queries):4d} queries {'ok' if ok else 'MISSED'}")  # fmt: skip
    return ok, result


def import_files(units):
    """CSV files of the sizes in IMPORT_TARGETS, naming the seeded units and indicators."""
    from tests.files import csv_bytes

    unit_lines, people_lines, value_lines = (IMPORT_TARGETS[name][0] for name in IMPORT_TARGETS)
    new_units = [("code", "name", "parent", "kind")] + [
        (f"N{i}", f"Tổ công tác số {i}", units[i % 20].code if i < 100 else f"N{i % 100}",
         "other")
        for i in range(unit_lines)
    ]  # fmt: skip
    people = [("code", "unit", "full_name", "sex", "position", "sector_start", "date_of_birth")]
    people += [
        (f"NV{i:05d}", units[20 + i % (UNITS - 20)].code, f"Nguyễn Thị Số {i}", "Nữ",
         "Chuyên viên", "01/03/2010", "1985-06-15")
        for i in range(people_lines)
    ]  # fmt: skip
    values = [("indicator", "unit", "year", "target", "result")] + [
        (f"I{i % INDICATORS}", units[20 + i // INDICATORS].code, "2024", "100", str(90 + i % 20))
        for i in range(value_lines)
    ]
    return {"import_units": csv_bytes(new_units), "import_people": csv_bytes(people),
            "import_values": csv_bytes(values)}  # fmt: skip


def time_import(name, service, data):
    lines, limit_seconds = IMPORT_TARGETS[name]
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Counted by a wrapper rather than CaptureQueriesContext, whose debug cursor quotes every
    # parameter of every query and would be timed with the import.
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        result = service(data=data, filename=f"{name}.csv")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    ok = elapsed <= limit_seconds and result.total == lines
    # CPU time too: on a busy machine the wall-clock time says more about the neighbours.
    print(f"{name:<14} {elapsed:6.2f} s (≤ {limit_seconds}, CPU {cpu:.2f} s) for {lines:,} "
          f"lines, peak RSS {peak:6.1f} MiB, {len(queries):3d} queries "
          f"{'ok' if ok else 'MISSED'}")  # fmt: skip
    return ok


def main():
    call_command("migrate", verbosity=0)
    root, units, people = seed()
    from awards.eligibility import Candidate, evaluate_many
    from awards.models import AwardType
    from indicators.report import build_report
    from organizations.models import Unit

    ok_report, rows = measure("report", lambda: build_report(units=Unit.objects.order_by("path"),
                                                             year=2023))  # fmt: skip
    ldtt = AwardType.objects.get(code="LDTT")
    candidates = [Candidate(ldtt, 2023, p, p.unit) for p in people[:1000]]
    ok_elig, _verdicts = measure("eligibility", lambda: evaluate_many(candidates))
    print(
        f"{len(rows)} report rows over {UNITS} units × {INDICATORS} indicators; "
        f"{len(candidates)} eligibility verdicts"
    )

    from indicators.services import values_import
    from organizations.services import people_import, units_import

    files = import_files(units)
    services = {"import_units": units_import, "import_people": people_import,
                "import_values": values_import}  # fmt: skip
    ok_imports = all([time_import(name, services[name], files[name]) for name in IMPORT_TARGETS])
    return 0 if ok_report and ok_elig and ok_imports else 1


if __name__ == "__main__":
    sys.exit(main())
