from dataclasses import dataclass

from awards.eligibility.base import Case
from awards.eligibility.evidence import Evidence
from awards.eligibility.rules import RULES


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


def evaluate_many(candidates):
    """Verdicts for many candidates, reading the evidence once (a bounded number of queries)."""
    candidates = list(candidates)
    evidence = Evidence.load(
        persons=[c.person for c in candidates if c.person is not None],
        units=[c.unit for c in candidates if c.person is None],
        years={c.year for c in candidates},
    )
    return [
        judge(Case(award_type=c.award_type, year=c.year, person=c.person, unit=c.unit,
                   evidence=evidence, commendation_type=c.commendation_type,
                   nomination_id=c.nomination_id, campaign=c.campaign))
        for c in candidates
    ]  # fmt: skip


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
