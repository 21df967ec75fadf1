from dataclasses import dataclass, replace

from awards.eligibility.base import Case
from awards.eligibility.evidence import Evidence
from awards.eligibility.rules import RULES
from awards.models import Nomination

# What a nomination's rules never read: its texts and the checklist stored at submission.
UNREAD = ["summary", "eligibility", "indicator_evidence"]
# The screening lists nominations by award, then by unit in tree order, then by name.
SCREENING_ORDER = ["award_type__display_order", "unit__path", "person__sort_name", "pk"]


@dataclass(frozen=True)
class Verdict:
    results: list

    @property
    def eligible(self):
        return not any(result.blocks for result in self.results)

    @property
    def blocking_failures(self):
        return [result for result in self.results if result.blocks]

    def as_dict(self):
        return {"eligible": self.eligible, "rules": [r.as_dict() for r in self.results]}


@dataclass(frozen=True)
class Candidate:
    award_type: object
    year: int
    person: object | None
    unit: object
    commendation_type: str = "merit"
    nomination_id: int | None = None
    campaign: object | None = None


def judge(case):
    return Verdict([rule.check(case) for rule in RULES if rule.applies(case)])


def _judge_all(cases, *, persons, units):
    """Verdicts for cases built without evidence: the rules say what they need beyond the
    nominees' own history, the evidence is read once, then every case is judged."""
    if not cases:
        return []
    needs = {"staff": set(), "targets": set()}
    for case in cases:
        for rule in RULES:
            if rule.applies(case):
                for kind, unit in rule.needs(case):
                    needs[kind].add((unit, case.year))
    evidence = Evidence.load(persons=persons, units=units, years={c.year for c in cases},
                             staff=needs["staff"], targets=needs["targets"])  # fmt: skip
    return [judge(replace(case, evidence=evidence)) for case in cases]


def _case(candidate):
    return Case(award_type=candidate.award_type, year=candidate.year, person=candidate.person,
                unit=candidate.unit, evidence=None, commendation_type=candidate.commendation_type,
                nomination_id=candidate.nomination_id, campaign=candidate.campaign)  # fmt: skip


def evaluate_many(candidates):
    """Verdicts for many candidates, reading the evidence once (a bounded number of queries)."""
    cases = [_case(c) for c in candidates]
    return _judge_all(
        cases,
        persons=[c.person for c in cases if c.person is not None],
        units=[c.unit for c in cases if c.person is None],
    )


def screen(nominations, *, campaign=None):
    """(nomination, verdict) for each of these nominations (a queryset, in its order), judged
    against today's data; `campaign`, when they all belong to it, spares reading it per row.
    The nominees' history is read through subqueries on the same queryset, so a campaign of
    thousands costs the same few queries as one of ten."""
    related = ["award_type", "person", "unit"] + ([] if campaign else ["campaign"])
    rows = list(nominations.select_related(*related).defer(*UNREAD))
    cases = [
        Case(award_type=n.award_type, year=n.year, person=n.person, unit=n.unit, evidence=None,
             commendation_type=n.commendation_type, nomination_id=n.pk,
             campaign=campaign or n.campaign)
        for n in rows
    ]  # fmt: skip
    subjects = nominations.order_by()
    verdicts = _judge_all(
        cases,
        persons=subjects.filter(person__isnull=False).values("person_id")
        if any(case.individual for case in cases) else (),
        units=subjects.filter(person__isnull=True).values("unit_id")
        if not all(case.individual for case in cases) else (),
    )  # fmt: skip
    return list(zip(rows, verdicts, strict=True))


def screen_campaign(campaign):
    """Every open nomination of the campaign judged now: what the screening page shows, for the
    whole campaign at once (the page judges one page of it)."""
    nominations = Nomination.objects.open().filter(campaign=campaign)
    return screen(nominations.order_by(*SCREENING_ORDER), campaign=campaign)


def evaluate(*, award_type, year, person=None, unit=None, commendation_type="merit",
             nomination_id=None, campaign=None):  # fmt: skip
    if person is not None:
        unit = person.unit
    return evaluate_many([Candidate(award_type, year, person, unit, commendation_type,
                                    nomination_id, campaign)])[0]  # fmt: skip


def evaluate_nomination(nomination):
    return evaluate(
        award_type=nomination.award_type, year=nomination.year, person=nomination.person,
        unit=nomination.unit, commendation_type=nomination.commendation_type,
        nomination_id=nomination.pk, campaign=nomination.campaign,
    )  # fmt: skip
