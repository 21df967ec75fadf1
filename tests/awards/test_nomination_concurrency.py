"""Two officers accepting the same nomination at once (PostgreSQL row locks).

The test holds the nomination row locked from its own connection, starts two threads that both
call nomination_accept, waits until both are queued on that lock and then lets them go: they
genuinely race, and the lock plus the state check must let exactly one win.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from awards.models import AwardType, Nomination
from awards.services_nominations import WorkflowError, nomination_accept
from organizations.models import AuditEntry, Role
from tests.awards.factories import CampaignFactory, NominationFactory
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
)


def waiting_on_locks():
    """Sessions of this test database waiting for a lock."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE NOT l.granted AND a.datname = current_database()"
        )
        return cursor.fetchone()[0]


def race(nomination, *actions, timeout=20):
    """Run the actions in threads that start together while the nomination row is locked,
    then release it. Returns each action's outcome: its return value or the exception."""
    outcomes = [None] * len(actions)
    barrier = threading.Barrier(len(actions) + 1)

    def run(index, action):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = action()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, action), daemon=True)
        for i, action in enumerate(actions)
    ]
    with transaction.atomic():
        Nomination.objects.select_for_update().get(pk=nomination.pk)
        for thread in threads:
            thread.start()
        barrier.wait(timeout=timeout)
        deadline = time.monotonic() + timeout
        while waiting_on_locks() < len(actions):
            assert time.monotonic() < deadline, "the threads never queued on the nomination lock"
            time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=timeout)
        assert not thread.is_alive(), "a thread is stuck"
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
