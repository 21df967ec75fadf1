from dataclasses import asdict, dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    WARNING = "warning", _("Warning")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


@dataclass(frozen=True)
class RuleResult:
    rule: str
    outcome: str
    blocking: bool
    message: str

    def as_dict(self):
        return {**asdict(self), "message": str(self.message)}

    @property
    def blocks(self):
        return self.blocking and self.outcome == Outcome.FAIL


@dataclass(frozen=True)
class Case:
    """What one rule needs to judge: who, for what, for which year, and the evidence."""

    award_type: object
    year: int
    person: object | None
    unit: object
    evidence: object
    commendation_type: str = "merit"
    nomination_id: int | None = None
    campaign: object | None = None

    @property
    def individual(self):
        return self.person is not None

    @property
    def subject_key(self):
        return ("person", self.person.pk) if self.person else ("unit", self.unit.pk)


class Rule:
    """One legal or configured requirement. Subclasses set `name` and `codes` (the award types
    they judge; None = every type) and implement `check`."""

    name = ""
    codes = None
    blocking = True
    individual_only = False
    collective_only = False

    def applies(self, case):
        if self.codes is not None and case.award_type.code not in self.codes:
            return False
        if self.individual_only and not case.individual:
            return False
        return not (self.collective_only and case.individual)

    def check(self, case):
        raise NotImplementedError

    def result(self, outcome, message, blocking=None):
        return RuleResult(
            rule=self.name,
            outcome=outcome,
            blocking=self.blocking if blocking is None else blocking,
            message=message,
        )

    def passed(self, message):
        return self.result(Outcome.PASS, message)

    def failed(self, message):
        return self.result(Outcome.FAIL, message)

    def warned(self, message):
        return self.result(Outcome.WARNING, message, blocking=False)

    def not_applicable(self, message):
        return self.result(Outcome.NOT_APPLICABLE, message, blocking=False)


def basis(award_type):
    """“Law 06/2022/QH15, Điều 24” — the legal basis printed after each verdict."""
    parts = [award_type.legal_document, award_type.legal_article]
    return ", ".join(p for p in parts if p)


def consecutive(years, end, count):
    """True when each of the `count` years ending with `end` is in `years`."""
    return all(end - offset in years for offset in range(count))
