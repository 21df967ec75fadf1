"""Bonus money (domain.md §2.4, §6 rule 18): coefficient × the base salary in force on the decision
date, rounded up to the next 10,000 VND."""

from datetime import date
from decimal import Decimal

import pytest

from awards.decisions import services
from awards.decisions.granting import bonus_for, round_up_bonus
from awards.decisions.services import WorkflowError
from awards.models import BaseSalary
from tests.awards.factories import award_type
from tests.awards.factories_decisions import DRAFT_TEXTS, passed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        (702_000, 710_000),  # 0.3 × 2,340,000
        (1_800_000, 1_800_000),  # an exact multiple stays
        (540_000, 540_000),
        (1_872_000, 1_880_000),  # 0.8 × 2,340,000
        (1, 10_000),
        (10_001, 20_000),
        (0, 0),
    ],
)
def test_amounts_are_rounded_up_to_the_next_ten_thousand_dong(amount, rounded):
    assert round_up_bonus(Decimal(amount)) == Decimal(rounded)


@pytest.mark.parametrize(
    ("code", "on_date", "base", "bonus"),
    [
        ("LDTT", date(2024, 6, 30), 1_800_000, 540_000),
        ("LDTT", date(2024, 7, 1), 2_340_000, 710_000),
        ("CSTDCS", date(2024, 7, 1), 2_340_000, 2_340_000),
        ("TTLDTT", date(2024, 7, 1), 2_340_000, 1_880_000),
        ("CSTDCS", date(2023, 6, 30), 1_490_000, 1_490_000),
        ("GK_SO", date(2023, 7, 1), 1_800_000, 540_000),
        ("KNC_LDTBXH", date(2024, 7, 1), 2_340_000, 0),  # a coefficient of 0 pays nothing
    ],
)
def test_the_base_salary_in_force_on_the_decision_date_prices_the_award(code, on_date, base, bonus):
    assert bonus_for(award_type=award_type(code), on_date=on_date) == (
        Decimal(base),
        Decimal(bonus),
    )


def test_a_collective_receiving_a_certificate_of_merit_gets_twice_an_individuals_amount():
    _base, amount = bonus_for(award_type=award_type("GK_SO"), on_date=date(2024, 7, 1),
                              collective=True)  # fmt: skip
    assert amount == Decimal(1_410_000)  # 0.6 × 2,340,000 = 1,404,000, rounded up
    _base, title = bonus_for(award_type=award_type("TTLDTT"), on_date=date(2024, 7, 1),
                             collective=True)  # fmt: skip
    assert title == Decimal(1_880_000)  # titles carry their own collective coefficient


def test_a_date_before_any_recorded_base_salary_is_refused():
    with pytest.raises(WorkflowError, match="No base salary is recorded for 30/06/2019"):
        bonus_for(award_type=award_type("LDTT"), on_date=date(2019, 6, 30))


def test_a_new_base_salary_row_applies_from_its_date():
    BaseSalary.objects.create(valid_from=date(2025, 7, 1), amount=2_500_000)
    assert bonus_for(award_type=award_type("LDTT"), on_date=date(2025, 7, 1))[1] == 750_000
    assert bonus_for(award_type=award_type("LDTT"), on_date=date(2025, 6, 30))[1] == 710_000


@pytest.mark.parametrize(("on_date", "each"), [(date(2024, 6, 30), 540_000),
                                               (date(2024, 7, 1), 710_000)])  # fmt: skip
def test_issuing_prices_every_line_and_the_total_on_the_decision_date(
    approver, tree, person_a, person_b, on_date, each
):
    nominations = [passed(person=person_a), passed(person=person_b)]
    decision = services.decision_draft(actor=approver, unit=tree["dept"], nominations=nominations,
                                       **DRAFT_TEXTS)  # fmt: skip
    services.decision_issue(actor=approver, decision=decision, decision_date=on_date)
    decision.refresh_from_db()
    assert [line.bonus_amount for line in decision.lines.all()] == [each, each]
    assert decision.total_bonus == 2 * each
    assert decision.base_salary == (1_800_000 if on_date.month == 6 else 2_340_000)
    for nomination in nominations:
        nomination.refresh_from_db()
        assert nomination.award.bonus_amount == each
