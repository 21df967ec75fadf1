"""The files the timed imports read: a department's whole file of each kind, naming the units,
people and indicators of the generated province."""

from tests.bench import params
from tests.files import csv_bytes


def units_file():
    """New teams: the first third under existing communes and sections, the rest under the new
    teams themselves (parents before children, as a clerk's tree export lists them)."""
    from organizations.models import Unit

    parents = list(Unit.objects.filter(depth=2).order_by("path").values_list("code", flat=True))
    count = params.size("import_units")
    third = max(1, count // 3)
    lines = [("code", "name", "parent", "kind")]
    for i in range(count):
        parent = parents[i % len(parents)] if i < third else f"MOI{i - third:05d}"
        lines.append((f"MOI{i:05d}", f"Tổ công tác mới số {i + 1}", parent, "other"))
    return csv_bytes(lines)


def people_file():
    """New staff spread over every unit, with diacritics in every name."""
    from organizations.models import Unit

    units = list(Unit.objects.order_by("path").values_list("code", flat=True))
    given = ["Hương", "Dũng", "Thảo", "Đức", "Mỷ", "Sính", "Yến", "Quân"]
    lines = [("code", "unit", "full_name", "sex", "position", "sector_start", "date_of_birth")]
    for i in range(params.size("import_people")):
        female = i % 2 == 0
        lines.append((
            f"MOI{i:06d}", units[i % len(units)],
            f"{'Nguyễn Thị' if female else 'Trần Văn'} {given[i % len(given)]} {i}",
            "Nữ" if female else "Nam", "Chuyên viên", "01/03/2010", "1985-06-15",
        ))  # fmt: skip
    return csv_bytes(lines)


def values_file(*, update):
    """Figures for every indicator of as many units as the file needs. New ones are next year's
    (no figures yet); updates change this year's figures of units still entering them (a
    submitted or approved unit's figures are locked)."""
    from indicators.models import DataStatus, Indicator
    from organizations.models import Unit

    indicators = list(Indicator.objects.order_by("code").values_list("code", flat=True))
    if update:
        year = params.YEAR
        open_units = DataStatus.objects.filter(year=year, state=DataStatus.State.OPEN)
        units = list(open_units.order_by("unit__path").values_list("unit__code", flat=True))
    else:
        year = params.YEAR + 1
        units = list(Unit.objects.order_by("path").values_list("code", flat=True))
    lines = [("indicator", "unit", "year", "target", "result")]
    for i in range(params.size("import_values")):
        unit = units[(i // len(indicators)) % len(units)]
        lines.append((indicators[i % len(indicators)], unit, str(year), str(50 + i % 40),
                      str(45 + i % 50)))  # fmt: skip
    return csv_bytes(lines)
