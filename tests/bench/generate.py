"""`python -m tests.bench.generate`: the province of issue 10, generated with a fixed seed into the
bench database (tests/bench/params.py), unless the database already holds it.

The department has about 30 divisions and offices, each with communes or sections, each with
villages or teams (four levels, 3,019 units), 100,037 people, 68 indicators with three years of
figures, ratings, past awards, one campaign's 5,006 nominations and the audit rows of all that,
plus the department's officer account. The same seed and scale always give the same rows.
"""

import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

import django

from tests.bench import params

OFFICER = "officer"
PASSWORD = "ThiDua@2026"  # noqa: S105 (the bench's own account, as in the demo)
NOW = params.NOW


def main():
    url = params.database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    from tests.bench import database

    database.ensure_exists(url)
    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    stored = database.stored_fingerprint()
    if stored == params.fingerprint() and not os.environ.get("BENCH_REGENERATE"):
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        database.analyze()
        print(f"Reusing the generated data set ({stored}) in {database.describe(url)}.")
        return 0
    print(f"Generating the data set ({params.fingerprint()}) into {database.describe(url)}…")
    database.drop(url)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    database.fast_writes()
    counts = generate()
    database.analyze(vacuum=True)
    database.store_fingerprint(params.fingerprint())
    elapsed = time.perf_counter() - started
    print(f"Generated in {elapsed:.0f} s (migrations included): "
          + ", ".join(f"{count:,} {name}" for name, count in counts.items()))  # fmt: skip
    return 0


def generate():
    from django.db import transaction

    from tests.bench import generate_awards

    steps = [
        ("units", make_units),
        ("people", make_people),
        ("indicators", make_indicators),
        ("figures", make_figures),
        ("data statuses", make_data_statuses),
        ("accounts", make_accounts),
        *generate_awards.STEPS,
    ]
    world, counts = {}, {}
    for name, step in steps:
        started = time.perf_counter()
        with transaction.atomic():
            counts[name] = step(world, random.Random(f"{params.SEED}:{name}"))
        print(f"  {name:<14} {counts[name]:>9,} rows in {time.perf_counter() - started:5.1f} s",
              flush=True)  # fmt: skip
    from django.apps import apps

    from tests.bench import database

    database.reset_sequences(apps.get_models())
    return counts


# Directory -------------------------------------------------------------------------------------


def tree_sizes(total):
    """Units per level below the department: ~30 divisions and offices, ~300 communes and
    sections, the rest villages and teams."""
    first = min(total - 1, max(2, round(30 * params.SCALE)))
    second = min(total - 1 - first, max(first, round(300 * params.SCALE)))
    return [first, second, total - 1 - first - second]


def make_units(world, rng):
    from organizations.models import Unit, path_segment
    from tests.bench.names import COMMUNES, DISTRICTS, OFFICES, SECTIONS, VILLAGES

    root = Unit(pk=1, code="SLDTBXH", name="Sở Lao động – Thương binh và Xã hội",
                short_name="Sở LĐTBXH", kind=Unit.Kind.DEPARTMENT)  # fmt: skip
    root.path, root.depth = f"/{path_segment(1)}/", 0
    units, level = [root], [root]
    first, second, third = tree_sizes(params.size("units"))
    districts = max(1, round(first * len(DISTRICTS) / 30))
    for depth, count in enumerate((first, second, third), start=1):
        below, seen = [], {}
        for i in range(count):
            parent = level[i * len(level) // count]
            n = seen[parent.pk] = seen.get(parent.pk, 0) + 1
            pk = len(units) + 1
            if depth == 1 and i < districts:
                place = DISTRICTS[i % len(DISTRICTS)]
                code, name, kind = f"H{i + 1:02d}", f"Phòng LĐTBXH {place}", "division"
            elif depth == 1:
                office, kind = OFFICES[(i - districts) % len(OFFICES)]
                code, name = f"P{i + 1:02d}", office
            elif parent.kind == "division" and depth == 2:
                code, kind = f"{parent.code}.{n:02d}", "division"
                name = f"UBND xã {COMMUNES[(pk * 7) % len(COMMUNES)]}"
            elif parent.kind == "division":
                code, kind = f"{parent.code}.{n:02d}", "other"
                name = f"{VILLAGES[pk % len(VILLAGES)]} {n}"
            else:
                code, kind = f"{parent.code}.{n:02d}", "other"
                name = f"{SECTIONS[pk % len(SECTIONS)]} {n}"
            unit = Unit(pk=pk, code=code, name=name, kind=kind, parent_id=parent.pk)
            unit.path, unit.depth = f"{parent.path}{path_segment(pk)}/", depth
            units.append(unit)
            below.append(unit)
        level = below
    for unit in units:
        unit.fill_derived_fields()
    Unit.objects.bulk_create(units, batch_size=1_000)
    world["units"] = [(u.pk, u.code, u.name, u.path, u.depth) for u in units]
    return len(units)


def make_people(world, rng):
    from organizations.models import Person
    from tests.bench import database
    from tests.bench.names import FAMILY, GIVEN, MIDDLE, POSITIONS, weighted

    total, units = params.size("people"), world["units"]
    families, family_weights = weighted(FAMILY)
    positions, position_weights = weighted(POSITIONS)
    make_person = database.maker(Person)
    unit_of = [units[i * len(units) // total][0] for i in range(total)]
    world["person_unit"] = unit_of
    world["person_name"] = names = []

    def people():
        for i in range(total):
            sex = "F" if rng.random() < 0.52 else "M"
            name = (f"{rng.choices(families, family_weights)[0]} {rng.choice(MIDDLE[sex])} "
                    f"{rng.choice(GIVEN[sex])}")  # fmt: skip
            names.append(name)
            born = rng.randint(1965, 2001)
            person = make_person(
                id=i + 1, code=f"NV{i + 1:06d}", full_name=name, sex=sex,
                date_of_birth=date(born, rng.randint(1, 12), rng.randint(1, 28)),
                position=rng.choices(positions, position_weights)[0], unit_id=unit_of[i],
                sector_start=date(min(born + rng.randint(21, 35), params.YEAR - 1),
                                  rng.randint(1, 12), 1),
                is_active=rng.random() > 0.02,
            )  # fmt: skip
            person.fill_derived_fields()
            yield person

    return database.insert(Person, people())


def make_indicators(world, rng):
    from indicators.models import Indicator
    from tests.bench.names import INDICATOR_KINDS

    areas = ["", " – khu vực thành thị", " – khu vực nông thôn", " – đồng bào dân tộc thiểu số"]
    indicators = []
    for k in range(params.INDICATORS):
        name, measure, percent, lower = INDICATOR_KINDS[k % len(INDICATOR_KINDS)]
        area = areas[k // len(INDICATOR_KINDS) % len(areas)]
        indicators.append(Indicator(
            pk=k + 1, code=f"CT{k + 1:02d}", name=f"{name}{area}", unit_of_measure=measure,
            value_type="percent" if percent else "count", direction="lower" if lower else "higher",
            group=measure, display_order=k + 1,
        ))  # fmt: skip
    Indicator.objects.bulk_create(indicators)
    world["indicators"] = [(i.pk, i.value_type == "percent") for i in indicators]
    return len(indicators)


def make_figures(world, rng):
    """Three years of figures, the latest year the fullest: about 88 % of the unit × indicator
    cells hold a target or a result, a few a target only."""
    from indicators.models import IndicatorValue
    from tests.bench import database

    units, indicators = world["units"], world["indicators"]
    cells = len(units) * len(indicators)
    total = params.size("figures")
    years = [params.YEAR - 2, params.YEAR - 1, params.YEAR]
    per_year = [min(cells, total // 3)] * 2
    per_year.append(min(cells, total - sum(per_year)))
    at, make = NOW - timedelta(days=60), database.maker(IndicatorValue)

    def figures():
        pk = 0
        for year, count in zip(years, per_year, strict=True):
            for cell in sorted(rng.sample(range(cells), count)):
                unit, (indicator, percent) = units[cell // len(indicators)], indicators[
                    cell % len(indicators)]  # fmt: skip
                if percent:
                    target = rng.uniform(20, 95)
                    result = min(100.0, max(0.0, target + rng.uniform(-15, 12)))
                    target, result = Decimal(f"{target:.1f}"), Decimal(f"{result:.2f}")
                else:
                    target = rng.randint(5, 400)
                    result = Decimal(round(target * rng.uniform(0.6, 1.35)))
                    target = Decimal(target)
                draw = rng.random()
                if draw < 0.05:
                    result = None
                elif draw < 0.08:
                    target = None
                pk += 1
                yield make(id=pk, indicator_id=indicator, unit_id=unit[0], year=year,
                                     target=target, result=result, target_at=at,
                                     result_at=at if result is not None else None)  # fmt: skip

    return database.insert(IndicatorValue, figures())


def make_data_statuses(world, rng):
    from indicators.models import DataStatus

    statuses, pk = [], 0
    for unit in world["units"]:
        for year in (params.YEAR - 2, params.YEAR - 1, params.YEAR):
            draw = rng.random()
            state = ("approved" if year < params.YEAR or draw < 0.6
                     else "submitted" if draw < 0.85 else "open")  # fmt: skip
            pk += 1
            statuses.append(DataStatus(pk=pk, unit_id=unit[0], year=year, state=state,
                                       changed_at=NOW - timedelta(days=30)))  # fmt: skip
    DataStatus.objects.bulk_create(statuses, batch_size=2_000)
    return len(statuses)


def make_accounts(world, rng):
    """The department's officer, and a clerk on each division or office (the authors of
    nominations and audit rows)."""
    from django.contrib.auth import get_user_model

    from organizations.models import Membership

    User = get_user_model()
    officer = User(pk=1, username=OFFICER, first_name="Cán bộ", last_name="Thi đua",
                   email="officer@example.org")  # fmt: skip
    officer.set_password(PASSWORD)
    users, memberships = [officer], [Membership(pk=1, user_id=1, unit_id=1, role="officer")]
    for unit_pk, code, _name, _path, depth in world["units"]:
        if depth == 1:
            pk = len(users) + 1
            clerk = User(pk=pk, username=f"clerk_{code.lower()}", email=f"{code}@example.org")
            clerk.set_unusable_password()
            users.append(clerk)
            memberships.append(Membership(pk=pk, user_id=pk, unit_id=unit_pk, role="clerk"))
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(memberships)
    world["clerks"] = {m.unit_id: m.user_id for m in memberships[1:]}
    return len(users)


if __name__ == "__main__":
    sys.exit(main())
