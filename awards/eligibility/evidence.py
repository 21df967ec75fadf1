"""Everything the rules look at, read in a fixed number of queries for any number of nominees.

Rules never query the database themselves: they read from an Evidence built once for a whole
campaign list, which keeps a campaign's eligibility screen at a bounded query count.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q

from awards.models import (
    AnnualRating,
    AwardRecord,
    ClusterMember,
    CommendationType,
    Hold,
    Initiative,
    Nomination,
)
from organizations.models import Person, Unit

MERIT = CommendationType.MERIT
# Results of ad-hoc and thematic commendation are not a basis for merit awards (Decree 98 Art. 4);
# career and external ones are not annual achievements either.
COUNTED_TYPES = {MERIT}


class Evidence:
    def __init__(self):
        self.ratings = {}  # (kind, id) -> {year: rating}
        self.awards = defaultdict(list)  # (kind, id) -> [AwardRecord]
        self.nominations = defaultdict(list)  # (kind, id) -> [Nomination] not withdrawn
        self.initiatives = defaultdict(list)  # person id -> [Initiative]
        self.holds = defaultdict(list)  # (kind, id) -> [Hold]
        self.cluster_roles = defaultdict(list)  # unit id -> [ClusterMember]
        self.roster = defaultdict(list)  # unit id -> [(person id, first year in the sector)]
        self.indicator_rows = defaultdict(list)  # (unit id, year) -> [ReportRow]
        self.figures_approved = {}  # (unit id, year) -> bool

    @classmethod
    def load(cls, *, persons, units, years):
        """`persons` and `units`: the nominees; `years`: the years judged (history is read in
        full for these subjects, since prerequisites reach back many years)."""
        evidence = cls()
        person_ids = {p.pk for p in persons}
        unit_ids = {u.pk for u in units}
        # Staff of the nominated units (shares of Lao động tiên tiến) and of the individual
        # nominees' units (the Chiến sĩ thi đua cơ sở quota counts their colleagues).
        roster_unit_ids = unit_ids | {p.unit_id for p in persons}
        roster = Person.objects.filter(unit_id__in=roster_unit_ids, is_active=True).values_list(
            "unit_id", "pk", "sector_start"
        )
        for unit_id, person_id, started in roster:
            evidence.roster[unit_id].append((person_id, started.year if started else None))
        everyone = person_ids | {
            pid for members in evidence.roster.values() for pid, _started in members
        }
        subjects = Q(person_id__in=everyone) | Q(unit_id__in=unit_ids, person__isnull=True)

        for rating in AnnualRating.objects.filter(subjects):
            evidence.ratings.setdefault(_key(rating), {})[rating.year] = rating.rating
        for record in AwardRecord.objects.filter(subjects, revoked=False).select_related(
            "award_type"
        ):
            evidence.awards[_key(record)].append(record)
        nomination_subjects = Q(person_id__in=everyone) | Q(unit_id__in=unit_ids,
                                                             person__isnull=True)  # fmt: skip
        for nomination in (
            Nomination.objects.open().filter(nomination_subjects).select_related("award_type")
        ):
            evidence.nominations[_key(nomination)].append(nomination)
        for initiative in Initiative.objects.filter(person_id__in=person_ids):
            evidence.initiatives[initiative.person_id].append(initiative)
        for hold in Hold.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)):
            evidence.holds[_key(hold)].append(hold)
        for member in ClusterMember.objects.filter(
            unit_id__in=unit_ids, cluster__year__in=years
        ).select_related("cluster"):
            evidence.cluster_roles[member.unit_id].append(member)
        if unit_ids:
            evidence._load_figures(units, years)
        return evidence

    def _load_figures(self, units, years):
        from indicators.models import DataStatus
        from indicators.report import build_report

        subtree = Unit.objects.filter(reduce(or_, (Q(path__startswith=u.path) for u in units)))
        subtree = list(subtree.only("id", "code", "name", "short_name", "parent_id", "path"))
        wanted = {u.pk for u in units}
        for year in sorted(years):
            for row in build_report(units=subtree, year=year):
                if row.unit.pk in wanted:
                    self.indicator_rows[(row.unit.pk, year)].append(row)
        for unit_id, year in DataStatus.objects.filter(
            unit_id__in=wanted, year__in=years, state=DataStatus.State.APPROVED
        ).values_list("unit_id", "year"):
            self.figures_approved[(unit_id, year)] = True

    # Questions the rules ask -------------------------------------------------------------

    def members(self, unit_id, year):
        """The unit's active direct staff who were already in the sector in that year. The model
        keeps no yearly roster: people who left the unit since are not counted."""
        return [pid for pid, started in self.roster[unit_id] if started is None or started <= year]

    def rating(self, key, year):
        return self.ratings.get(key, {}).get(year)

    def award_years(self, key, codes, *, counted_only=True):
        """Years in which the subject holds one of these awards (merit ones only by default)."""
        return {
            record.year
            for record in self.awards[key]
            if record.award_type.code in codes
            and (not counted_only or record.commendation_type in COUNTED_TYPES)
        }

    def excluded_awards(self, key):
        return [r for r in self.awards[key] if r.commendation_type not in COUNTED_TYPES]

    def holds_award(self, key, codes, year=None):
        return any(
            r.award_type.code in codes and (year is None or r.year == year)
            for r in self.awards[key]
        )

    def open_nominations(self, key, *, exclude_id=None):
        return [n for n in self.nominations[key] if n.pk != exclude_id]

    def unused_initiatives(self, person_id, years, level="grassroots"):
        return [
            i
            for i in self.initiatives[person_id]
            if i.consumed_by_id is None and i.year in years and i.reaches(level)
        ]


def _key(row):
    return ("person", row.person_id) if row.person_id else ("unit", row.unit_id)
