"""What the rules read about units rather than about the nominees: counts of a unit's staff (for
the shares of Lao động tiên tiến and the quota of Chiến sĩ thi đua cơ sở) and its indicator
results against targets. Both are read for the units asked only: the staff as counts grouped by
the database, the figures as tuples rolled up in memory."""

import sqlite3
from collections import Counter, defaultdict
from datetime import date
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db import connection
from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast

from awards.models import RATING_RANK, AnnualRating, AwardRecord, Nomination
from organizations.models import Person, Unit

# The titles whose holders the share and quota rules count among a unit's staff.
STAFF_TITLES = ("LDTT", "CSTDCS")
# Ids per IN list, at most: a few thousand unit or person ids are cheap to send and to match.
CHUNK = 5_000


class Staff:
    """Counts over a unit's active direct staff who were already in the sector in a year. The
    model keeps no yearly roster: people who left the unit since are not counted."""

    def __init__(self):
        self.total = 0
        self.ratings = Counter()  # rating -> staff rated so
        self.held = Counter()  # title code -> staff holding it
        self.proposed_for = Counter()  # (title code, campaign id) -> staff proposed, not holding

    def rated_at_least(self, rating):
        rank = RATING_RANK[rating]
        return sum(n for code, n in self.ratings.items() if RATING_RANK[code] >= rank)

    def holding(self, code):
        return self.held[code]

    def proposed(self, code, *, campaign_id=None):
        """Staff who do not hold the title but have an open nomination for it (in that campaign
        when one is named)."""
        return sum(n for (title, campaign), n in self.proposed_for.items()
                   if title == code and campaign_id in (None, campaign))  # fmt: skip

    def holding_or_proposed(self, code):
        return self.holding(code) + self.proposed(code)


class TargetJudged(NamedTuple):
    """An indicator with both a target and a result for the unit and year: met or not."""

    indicator: str
    met: bool


def count_staff(pairs):
    """{(unit id, year): Staff} for these pairs, in one query per year (and chunk of units)."""
    counts = {pair: Staff() for pair in pairs}
    units_by_year = defaultdict(set)
    for unit_id, year in pairs:
        units_by_year[year].add(unit_id)
    for year, unit_ids in units_by_year.items():
        for part in in_chunks(unit_ids, lists=4):
            for what, unit_id, key, campaign_id, n in _staff_counts(part, year):
                staff = counts[(unit_id, year)]
                if what == "staff":
                    staff.total = n
                elif what == "rating":
                    staff.ratings[key] = n
                elif what == "held":
                    staff.held[key] = n
                else:
                    staff.proposed_for[(key, campaign_id)] = n
    return counts


def _staff_counts(unit_ids, year):
    """Rows (what, unit id, key, campaign id, number of staff), grouped by the database: the
    staff ("staff"), by rating ("rating", rating), holding a title ("held", code), and proposed
    for a title they do not hold yet ("proposed", code, campaign) — one statement, four parts."""

    # PostgreSQL types a bare NULL by the first part that has one: the empty columns are cast.
    def of_staff(queryset, person="person__", key=None, campaign=None, what=""):
        staff = Q(**{f"{person}unit_id__in": unit_ids, f"{person}is_active": True}) & (
            Q(**{f"{person}sector_start__isnull": True})
            | Q(**{f"{person}sector_start__lte": date(year, 12, 31)})
        )
        return (
            queryset.filter(staff)
            .order_by()
            .values(u=F(f"{person}unit_id"), key=key or Cast(None, CharField()),
                    in_campaign=campaign or Cast(None, IntegerField()))
            .annotate(what=Value(what), n=Count(f"{person}pk", distinct=True))
            .values_list("what", "u", "key", "in_campaign", "n")
        )  # fmt: skip

    titles = AwardRecord.objects.filter(year=year, revoked=False,
                                        award_type__code__in=STAFF_TITLES)  # fmt: skip
    pending = (
        Nomination.objects.open()
        .filter(year=year, award_type__code__in=STAFF_TITLES)
        .exclude(Exists(titles.filter(person=OuterRef("person"),
                                      award_type=OuterRef("award_type"))))
    )  # fmt: skip
    return of_staff(Person.objects, person="", what="staff").union(
        of_staff(AnnualRating.objects.filter(year=year), key=F("rating"), what="rating"),
        of_staff(titles, key=F("award_type__code"), what="held"),
        of_staff(pending, key=F("award_type__code"), campaign=F("campaign_id"), what="proposed"),
        all=True,
    )


def judge_targets(pairs):
    """(approved, judged) for these (unit, year) pairs: the set of pairs whose figures are
    approved, and {(unit id, year): [TargetJudged]} for those, rolled up from the sub-units as
    the department's report does it (indicators/arithmetic.py). Figures not approved are not
    read: the rule asks nothing more of them."""
    from indicators.arithmetic import met, roll_up_all
    from indicators.models import DataStatus, Indicator, IndicatorValue, Period

    paths = {unit.pk: unit.path for unit, _year in pairs}
    approved = set()
    for part in in_chunks(paths):
        approved.update(DataStatus.objects.filter(
            unit_id__in=part, year__in={year for _unit, year in pairs},
            state=DataStatus.State.APPROVED,
        ).values_list("unit_id", "year"))  # fmt: skip
    units_by_year = defaultdict(set)
    for unit, year in pairs:
        if (unit.pk, year) in approved:
            units_by_year[year].add(unit.pk)
    judged = defaultdict(list)
    if not units_by_year:
        return approved, judged
    own = defaultdict(dict)  # (indicator id, year, field) -> {unit id: value}
    children_of = defaultdict(list)
    roots = _subtree_roots(paths[pk] for ids in units_by_year.values() for pk in ids)
    for part in in_chunks(roots, lists=1):
        subtrees = Unit.objects.filter(reduce(or_, (Q(path__startswith=path) for path in part)))
        for pk, parent_id in subtrees.order_by("path").values_list("pk", "parent_id"):
            children_of[parent_id].append(pk)
        for indicator_id, unit_id, year, target, result in (
            IndicatorValue.objects.filter(
                unit__in=subtrees.values("pk"), year__in=list(units_by_year), period=Period.YEAR
            )
            .order_by()
            .values_list("indicator_id", "unit_id", "year", "target", "result")
        ):
            if target is not None:
                own[(indicator_id, year, "target")][unit_id] = target
            if result is not None:
                own[(indicator_id, year, "result")][unit_id] = result
    indicators = Indicator.objects.order_by("display_order", "code")
    for pk, name, value_type, direction in indicators.values_list(
        "pk", "name", "value_type", "direction"
    ):
        for year, unit_ids in units_by_year.items():
            target, result = (
                roll_up_all(unit_ids, own[(pk, year, field)], children_of, value_type)
                for field in ("target", "result")
            )
            for unit_id in unit_ids:
                outcome = met(target[unit_id], result[unit_id], direction)
                if outcome is not None:
                    judged[(unit_id, year)].append(TargetJudged(name, outcome))
    return approved, judged


def in_chunks(ids, *, lists=2):
    """A queryset of ids whole (a subquery); a collection of ids in chunks, none when empty.
    `lists`: how many lists of that size one statement holds."""
    if isinstance(ids, QuerySet):
        return [ids]
    ids, size = sorted(ids), _chunk_size(lists)
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _chunk_size(lists):
    """SQLite takes as many variables in a statement as it was built for (999 before 3.32,
    32,766 or more since), a few of which are not ids."""
    if connection.vendor != "sqlite":
        return CHUNK
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(min(CHUNK, limit // lists - 20), 1)


def _subtree_roots(paths):
    """The paths not inside another one: their subtrees cover all the others'."""
    roots = []
    for path in sorted(paths):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots
