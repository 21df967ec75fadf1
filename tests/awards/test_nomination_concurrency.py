"""Two officers accepting the same nomination at once (PostgreSQL row locks).

The test holds the nomination row locked from its own connection, starts two threads that both
call nomination_accept, waits until both are queued on that lock and then lets them go: they
genuinely race, and the lock plus the state check must let exactly one win.
"""

import pytest
from django.db import connection

from awards.models import AwardType, Nomination
from awards.nominations.services import WorkflowError, nomination_accept
from organizations.models import AuditEntry, Role
from tests.awards.factories import CampaignFactory, NominationFactory
from tests.concurrency import race
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
)


@pytest.mark.django_db(transaction=True)
def test_two_officers_accepting_at_once_accept_once(tree, officer, person_a):
    second_officer = UserFactory(username="officer2")
    MembershipFactory(user=second_officer, unit=tree["dept"], role=Role.OFFICER)
    ldtt = AwardType.objects.get(code="LDTT")
    nomination = NominationFactory(
        person=person_a, award_type=ldtt, campaign=CampaignFactory(award_types=[ldtt]),
        state=Nomination.State.SUBMITTED,
    )  # fmt: skip
    outcomes = race(
        nomination,
        lambda: nomination_accept(actor=officer, nomination=nomination),
        lambda: nomination_accept(actor=second_officer, nomination=nomination),
    )
    succeeded = [o for o in outcomes if isinstance(o, Nomination)]
    refused = [o for o in outcomes if isinstance(o, WorkflowError)]
    assert len(succeeded) == 1 and len(refused) == 1, outcomes
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.ACCEPTED
    accepted = AuditEntry.objects.filter(action="nomination.accept", object_id=str(nomination.pk))
    assert accepted.count() == 1
    entry = accepted.get()
    assert (entry.from_state, entry.to_state) == ("submitted", "accepted")
    assert entry.actor in (officer, second_officer)
