"""Two people acting on the same year or cell at once (PostgreSQL row locks).

Each test first holds the unit's status row locked from the test's own connection, starts two
threads that both try the same thing, waits until both are queued on that lock and then lets
them go: they genuinely race, and the locks and the version check must let exactly one win.
"""

from decimal import Decimal

import pytest
from django.db import connection

from indicators.entry.services import StaleCells, WorkflowError, figures_approve, figures_save
from indicators.models import DataStatus, IndicatorValue, ValueChange
from organizations.models import AuditEntry
from tests.concurrency import race
from tests.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
)

D = Decimal


@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_at_once_approve_once(tree, clerk_a, officer, approver):
    status = DataStatus.objects.create(unit=tree["a"], year=2023, state=DataStatus.State.SUBMITTED)
    outcomes = race(
        status,
        lambda: figures_approve(actor=officer, unit=tree["a"], year=2023),
        lambda: figures_approve(actor=approver, unit=tree["a"], year=2023),
    )
    succeeded = [o for o in outcomes if isinstance(o, DataStatus)]
    refused = [o for o in outcomes if isinstance(o, WorkflowError)]
    assert len(succeeded) == 1 and len(refused) == 1, outcomes
    status.refresh_from_db()
    assert status.state == DataStatus.State.APPROVED
    approvals = AuditEntry.objects.filter(action="figures.approved", to_state="approved")
    assert approvals.count() == 1
    assert approvals.get().actor == status.changed_by


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_cell_and_version_save_once(tree, clerk_a, officer):
    jobs = IndicatorFactory(code="VIEC_LAM")
    figures_save(
        actor=clerk_a,
        unit=tree["a"],
        year=2023,
        rows={jobs: {"target": D(9700), "result": D(10000), "note": "", "version": 0}},
    )
    cell = IndicatorValue.objects.get()
    status = DataStatus.objects.get(unit=tree["a"], year=2023)
    history = ValueChange.objects.count()

    def save(actor, result):
        return lambda: figures_save(
            actor=actor,
            unit=tree["a"],
            year=2023,
            rows={jobs: {"target": D(9700), "result": D(result), "note": "",
                         "version": cell.version}},
        )  # fmt: skip

    outcomes = race(status, save(clerk_a, 10243), save(officer, 10500))
    stale = [o for o in outcomes if isinstance(o, StaleCells)]
    saved = [i for i, o in enumerate(outcomes) if o == 1]
    assert len(stale) == 1 and len(saved) == 1, outcomes
    cell.refresh_from_db()
    assert cell.version == 2
    assert cell.result == (D(10243), D(10500))[saved[0]]
    assert ValueChange.objects.count() == history + 1
    assert stale[0].conflicts[0].stored.result == cell.result
