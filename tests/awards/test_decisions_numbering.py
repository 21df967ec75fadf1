"""Decision numbers (domain.md §6 rule 19): “n/QĐ-<issuer>”, sequential per issuer and calendar
year, gap-free and never given twice — also when ten approvers issue at the same moment."""

from datetime import date

import pytest
from django.db import connection

from awards.decisions import services
from awards.models import Decision, DecisionCounter, Nomination
from organizations.models import Role
from tests.awards.factories_decisions import DRAFT_TEXTS, passed
from tests.concurrency import race
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def issue(actor, unit, on_date, issuer_code="DEPT", person=None):
    person = person or PersonFactory(unit=unit)
    decision = services.decision_draft(actor=actor, unit=unit, nominations=[passed(person=person)],
                                       issuer_code=issuer_code, **DRAFT_TEXTS)  # fmt: skip
    services.decision_issue(actor=actor, decision=decision, decision_date=on_date)
    return decision


def test_numbers_follow_each_other_for_an_issuer_within_a_year(approver, tree):
    numbers = [issue(approver, tree["dept"], date(2024, 3, day)).number_text for day in (1, 2, 3)]
    assert numbers == ["1/QĐ-DEPT", "2/QĐ-DEPT", "3/QĐ-DEPT"]
    assert DecisionCounter.objects.get(issuer_code="DEPT", year=2024).last_number == 3


def test_numbering_starts_again_at_one_in_a_new_year(approver, tree):
    december = issue(approver, tree["dept"], date(2023, 12, 29))
    issue(approver, tree["dept"], date(2023, 12, 30))
    january = issue(approver, tree["dept"], date(2024, 1, 2))
    assert (december.number, december.year) == (1, 2023)
    assert (january.number, january.year, january.number_text) == (1, 2024, "1/QĐ-DEPT")


def test_each_issuer_has_its_own_sequence(approver, tree):
    first = issue(approver, tree["dept"], date(2024, 3, 1), issuer_code="SLĐTBXH")
    other = issue(approver, tree["a"], date(2024, 3, 1), issuer_code="PLĐTBXH")
    second = issue(approver, tree["dept"], date(2024, 3, 2), issuer_code="SLĐTBXH")
    assert [first.number_text, other.number_text, second.number_text] == [
        "1/QĐ-SLĐTBXH", "1/QĐ-PLĐTBXH", "2/QĐ-SLĐTBXH"]  # fmt: skip


def test_an_issue_that_fails_gives_its_number_back(approver, tree, person_a):
    issue(approver, tree["dept"], date(2024, 3, 1))
    nomination = passed(person=person_a)
    decision = services.decision_draft(actor=approver, unit=tree["dept"],
                                       nominations=[nomination], **DRAFT_TEXTS)  # fmt: skip
    Nomination.objects.filter(pk=nomination.pk).update(state=Nomination.State.WITHDRAWN)
    with pytest.raises(services.WorkflowError, match="cannot be granted"):
        services.decision_issue(actor=approver, decision=decision, decision_date=date(2024, 3, 2))
    decision.refresh_from_db()
    assert decision.state == Decision.State.DRAFT and decision.number is None
    assert DecisionCounter.objects.get(issuer_code="DEPT", year=2024).last_number == 1
    assert issue(approver, tree["dept"], date(2024, 3, 3)).number_text == "2/QĐ-DEPT"


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks need PostgreSQL (DATABASE_URL)")  # fmt: skip
@pytest.mark.django_db(transaction=True)
def test_ten_approvers_issuing_at_once_get_numbers_one_to_ten(tree):
    approvers = []
    for index in range(10):
        user = UserFactory(username=f"director{index}")
        MembershipFactory(user=user, unit=tree["dept"], role=Role.APPROVER)
        approvers.append(user)
    drafts = [
        services.decision_draft(actor=user, unit=tree["dept"],
                                nominations=[passed(person=PersonFactory(unit=tree["a"]))],
                                **DRAFT_TEXTS)
        for user in approvers
    ]  # fmt: skip
    counter = DecisionCounter.objects.create(issuer_code="DEPT", year=2024)
    on_date = date(2024, 5, 20)

    def issuing(user, decision):
        return lambda: services.decision_issue(actor=user, decision=decision, decision_date=on_date)

    outcomes = race(counter, *[issuing(u, d) for u, d in zip(approvers, drafts, strict=True)])
    assert all(isinstance(o, Decision) for o in outcomes), outcomes
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 11))
    counter.refresh_from_db()
    assert counter.last_number == 10
