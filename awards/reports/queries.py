"""Reads behind the award reports. Each report costs a fixed number of queries whatever the
number of units: the units, then one grouped query per kind of figure, joined in Python.

Where an award is counted: a collective award at its unit, an individual award at the unit the
person belongs to now (the directory keeps no history of moves). Revoked awards never count.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from awards.decisions.queries import annex
from awards.models import AwardRecord, AwardType
from indicators.models import DataStatus, Period
from indicators.report.build import build_report
from organizations.access import units_where

VIEW = "award.view"
FLAG_TEMPLATE = "co_thi_dua"  # the catalogue's certificate template of the emulation flags
HUNDRED = Decimal(100)


def report_units(user, unit=None):
    """The units the user may see awards of, or the subtree of one of them, in tree order."""
    units = units_where(user, VIEW)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    return list(
        units.only("id", "code", "name", "short_name", "parent_id", "path", "depth").order_by(
            "path"
        )
    )


def _roots(units):
    """The paths of the topmost units: every other unit lies below one of them."""
    paths = sorted(u.path for u in units)
    roots = []
    for path in paths:
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def _held_in(units):
    """Award records held by the units or by their people, as one filter on the tree paths."""
    roots = _roots(units)
    if not roots:
        return Q(pk__in=[])
    return reduce(
        or_,
        (Q(unit__path__startswith=p) | Q(person__unit__path__startswith=p) for p in roots),
    )


def is_flag(award_type):
    return award_type.certificate_template == FLAG_TEMPLATE or award_type.code.startswith("CO_")


# --- Awards by year × award type × unit --------------------------------------------------------


@dataclass
class AwardsRow:
    unit: object
    indent: int
    counts: list  # aligned with AwardsReport.award_types
    total: int

    @property
    def depth(self):
        return min(self.indent, 6)  # the report.css indentation classes stop at 6


@dataclass
class AwardsReport:
    year_from: int
    year_to: int
    award_types: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # units with at least one award, tree order
    years: list = field(default_factory=list)  # (year, counts, total)
    totals: list = field(default_factory=list)
    total: int = 0


def awards_report(units, year_from, year_to):
    """Non-revoked awards of the years, per holding unit and award type, with totals. Units
    without an award are left out; sub-units have their own rows (nothing is rolled up)."""
    report = AwardsReport(year_from=year_from, year_to=year_to)
    if not units:
        return report
    grouped = (
        AwardRecord.objects.filter(_held_in(units), revoked=False, year__gte=year_from,
                                   year__lte=year_to)
        .annotate(holder=Coalesce("unit_id", "person__unit_id"))
        .values("holder", "award_type_id", "year")
        .annotate(n=Count("id"))
        .order_by()
    )  # fmt: skip
    by_unit = defaultdict(lambda: defaultdict(int))
    by_year = defaultdict(lambda: defaultdict(int))
    for cell in grouped:
        by_unit[cell["holder"]][cell["award_type_id"]] += cell["n"]
        by_year[cell["year"]][cell["award_type_id"]] += cell["n"]
    used = {type_id for counts in by_unit.values() for type_id in counts}
    report.award_types = list(AwardType.objects.filter(pk__in=used)) if used else []
    type_ids = [t.pk for t in report.award_types]
    top = min(u.depth for u in units)
    for unit in units:
        counts = by_unit.get(unit.pk)
        if counts:
            row = [counts.get(t, 0) for t in type_ids]
            report.rows.append(AwardsRow(unit, unit.depth - top, row, sum(row)))
    for year in sorted(by_year):
        row = [by_year[year].get(t, 0) for t in type_ids]
        report.years.append((year, row, sum(row)))
    report.totals = [sum(r.counts[i] for r in report.rows) for i in range(len(type_ids))]
    report.total = sum(report.totals)
    return report


# --- A decision's annex ------------------------------------------------------------------------


def annex_groups(decision):
    """(heading, lines) for the collectives, then the individuals, in the order the decision page
    prints them; each line's `bonus` is its priced amount, or for a draft the estimate."""
    collectives, individuals, _base = annex(decision)
    return [("I. Tập thể", collectives), ("II. Cá nhân", individuals)]


# --- Performance vs awards ---------------------------------------------------------------------


@dataclass
class PerformanceRow:
    unit: object
    indent: int
    state: str  # the unit's approval state of its figures for the year
    has_figures: bool = False  # any target or result, its own or rolled up from its sub-units
    judged: int = 0  # approved indicators with both a target and a result
    met: int = 0
    mean_percent: Decimal | None = None
    collective: list = field(default_factory=list)  # the unit's own award records
    individual: dict = field(default_factory=dict)  # award code → count, for its staff

    @property
    def depth(self):
        return min(self.indent, 6)

    @property
    def approved(self):
        return self.state == DataStatus.State.APPROVED

    @property
    def state_label(self):
        return DataStatus.State(self.state).label

    @property
    def met_share(self):
        return Decimal(self.met) / self.judged * HUNDRED if self.judged else None

    @property
    def individual_count(self):
        return sum(self.individual.values())

    @property
    def flags(self):
        return [record for record in self.collective if is_flag(record.award_type)]

    @property
    def flags_backed(self):
        """Whether every flag the unit received rests on its approved plan being met, at the
        share its award type asks (the eligibility rule "indicator_targets_met"); None without
        a flag."""
        flags = self.flags
        if not flags:
            return None
        if not self.approved or not self.judged:
            return False
        share = Decimal(self.met) / self.judged
        return all(
            share >= Decimal(str(record.award_type.param("indicator_met_share") or 1))
            for record in flags
        )


def performance_report(units, year):
    """Each unit's indicator attainment for the year beside the awards of that year.

    Attainment is computed by the indicator report (indicators/report/build.py: roll-ups, % of plan,
    met) and counts only for a unit whose figures for the year are approved, the way the
    eligibility rule for flags reads them."""
    if not units:
        return []
    top = min(u.depth for u in units)
    rows = {u.pk: PerformanceRow(unit=u, indent=u.depth - top, state=DataStatus.State.OPEN)
            for u in units}  # fmt: skip
    for unit_id, state in DataStatus.objects.filter(
        unit_id__in=rows, year=year, period=Period.YEAR
    ).values_list("unit_id", "state"):
        rows[unit_id].state = state
    percents = defaultdict(list)
    for line in build_report(units=units, year=year):
        row = rows[line.unit.pk]
        row.has_figures = True
        if line.state != DataStatus.State.APPROVED or line.figures.met is None:
            continue
        row.judged += 1
        row.met += bool(line.figures.met)
        if line.figures.percent_of_plan is not None:
            percents[line.unit.pk].append(line.figures.percent_of_plan)
    for unit_id, values in percents.items():
        rows[unit_id].mean_percent = sum(values, Decimal(0)) / len(values)
    records = (
        AwardRecord.objects.filter(_held_in(units), revoked=False, year=year)
        .select_related("award_type", "person")
        .order_by("award_type__display_order", "id")
    )
    for record in records:
        if record.unit_id in rows:
            rows[record.unit_id].collective.append(record)
        elif record.person_id and record.person.unit_id in rows:
            counts = rows[record.person.unit_id].individual
            counts[record.award_type.code] = counts.get(record.award_type.code, 0) + 1
    return list(rows.values())
