"""Everything the rules look at, read in a fixed number of queries for any number of nominees.

Rules never query the database themselves: they read from an Evidence built once for a whole
campaign list, which keeps a campaign's eligibility screen at a bounded query count.

A department nominates thousands of people out of a hundred thousand, each with years of
ratings and awards. Only the nominees' own history is read, as plain tuples; the rules that
weigh a unit's staff (shares of Lao động tiên tiến, the quota of Chiến sĩ thi đua cơ sở) get
counts per unit from the database, and indicator results are rolled up for the nominated units
only (awards/eligibility/units.py). Nominees come as objects or as a subquery of their ids, so
that a whole campaign is read without sending thousands of ids; lists of ids go in chunks.
"""

from collections import defaultdict
from datetime import date
from functools import reduce
from itertools import zip_longest
from operator import or_
from typing import NamedTuple

from django.db.models import Q, QuerySet

from awards.eligibility.units import Staff, count_staff, in_chunks, judge_targets
from awards.models import (
    AnnualRating,
    AwardRecord,
    AwardType,
    ClusterMember,
    CommendationType,
    Hold,
    Initiative,
    Nomination,
)

MERIT = CommendationType.MERIT
# Results of ad-hoc and thematic commendation are not a basis for merit awards (Decree 98 Art. 4);
# career and external ones are not annual achievements either.
COUNTED_TYPES = {MERIT}
NOMINATION_COLUMNS = ("pk", "person_id", "unit_id", "award_type_id", "year", "commendation_type",
                      "campaign_id")  # fmt: skip


class Held(NamedTuple):
    """An award the subject holds (revoked ones are left out)."""

    award_type: AwardType
    year: int
    commendation_type: str

    @property
    def award_type_id(self):
        return self.award_type.pk


class Proposed(NamedTuple):
    """An open nomination of the subject."""

    pk: int
    award_type: AwardType
    year: int
    commendation_type: str
    campaign_id: int

    @property
    def award_type_id(self):
        return self.award_type.pk


class OnHold(NamedTuple):
    reason: str
    start: date
    end: date | None

    def covers_year(self, year):
        return self.start.year <= year and (self.end is None or self.end.year >= year)


class ClusterRole(NamedTuple):
    cluster: str
    year: int
    role: str


class Evidence:
    def __init__(self):
        self.ratings = {}  # (kind, id) -> {year: rating}
        self.awards = defaultdict(list)  # (kind, id) -> [Held]
        self.nominations = defaultdict(list)  # (kind, id) -> [Proposed]
        self.initiatives = defaultdict(list)  # person id -> [Initiative]
        self.holds = defaultdict(list)  # (kind, id) -> [OnHold]
        self.cluster_roles = defaultdict(list)  # unit id -> [ClusterRole]
        self.staff_counts = {}  # (unit id, year) -> Staff
        self.figures_approved = set()  # (unit id, year) whose figures are approved
        self.targets = defaultdict(list)  # (unit id, year) -> [TargetJudged]

    @classmethod
    def load(cls, *, persons=(), units=(), years=(), staff=(), targets=()):
        """`persons` and `units`: the nominees (objects, or a queryset of their ids); `years`: the
        years judged (history is read in full for the nominees, since prerequisites reach back
        many years); `staff`: (unit id, year) pairs whose staff the rules count; `targets`:
        (unit, year) pairs whose indicator results the rules compare with their targets."""
        evidence = cls()
        person_ids, unit_ids = _ids(persons), _ids(units)
        catalogue = {award.pk: award for award in AwardType.objects.all()}
        subjects = _subjects(person_ids, unit_ids)
        if subjects:
            evidence._load_history(subjects, catalogue)
        for part in in_chunks(person_ids):
            initiatives = Initiative.objects.filter(person_id__in=part)
            for initiative in initiatives.order_by("person_id", "-year", "pk"):
                evidence.initiatives[initiative.person_id].append(initiative)
        for part in in_chunks(unit_ids):
            for unit_id, name, year, role in (
                ClusterMember.objects.filter(unit_id__in=part, cluster__year__in=years)
                .order_by("pk")
                .values_list("unit_id", "cluster__name", "cluster__year", "role")
            ):
                evidence.cluster_roles[unit_id].append(ClusterRole(name, year, role))
        if staff:
            evidence.staff_counts = count_staff(staff)
        if targets:
            evidence.figures_approved, evidence.targets = judge_targets(targets)
        return evidence

    def _load_history(self, subjects, catalogue):
        for subject in subjects:
            for person_id, unit_id, year, rating in AnnualRating.objects.filter(
                subject
            ).values_list("person_id", "unit_id", "year", "rating"):
                self.ratings.setdefault(_key(person_id, unit_id), {})[year] = rating
            for person_id, unit_id, award_type_id, year, commendation_type in (
                AwardRecord.objects.filter(subject, revoked=False)
                .order_by("-year", "award_type__display_order", "pk")
                .values_list("person_id", "unit_id", "award_type_id", "year", "commendation_type")
            ):
                self.awards[_key(person_id, unit_id)].append(
                    Held(catalogue[award_type_id], year, commendation_type)
                )
            for pk, person_id, unit_id, award_type_id, year, commendation_type, campaign_id in (
                Nomination.objects.open().filter(subject).values_list(*NOMINATION_COLUMNS)
            ):
                self.nominations[_key(person_id, unit_id)].append(
                    Proposed(pk, catalogue[award_type_id], year, commendation_type, campaign_id)
                )
            for person_id, unit_id, reason, start, end in (
                Hold.objects.filter(subject)
                .order_by("pk")
                .values_list("person_id", "unit_id", "reason", "start", "end")
            ):
                self.holds[_key(person_id, unit_id)].append(OnHold(reason, start, end))

    # Questions the rules ask -------------------------------------------------------------

    def staff(self, unit_id, year):
        return self.staff_counts.get((unit_id, year)) or Staff()

    @staticmethod
    def counted_as_staff(person, year):
        """Whether the nominee is among the staff `staff` counts for their own unit."""
        return person.is_active and (
            person.sector_start is None or person.sector_start.year <= year
        )

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


def _key(person_id, unit_id):
    return ("person", person_id) if person_id else ("unit", unit_id)


def _ids(items):
    """A queryset of ids is kept as it is, to be used as a subquery."""
    if isinstance(items, QuerySet):
        return items
    return {getattr(item, "pk", item) for item in items}


def _subjects(person_ids, unit_ids):
    """Filters on the nominees, for the tables about either a person or a unit."""
    subjects = []
    for persons, units in zip_longest(in_chunks(person_ids), in_chunks(unit_ids)):
        either = []
        if persons is not None:
            either.append(Q(person_id__in=persons))
        if units is not None:
            either.append(Q(unit_id__in=units, person__isnull=True))
        subjects.append(reduce(or_, either))
    return subjects
