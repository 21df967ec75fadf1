"""Saving a unit's figures and moving its year through submit → approve / return → reopen."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from indicators.entry.services import (
    LockedFigures,
    StaleCells,
    WorkflowError,
    figures_approve,
    figures_reopen,
    figures_return,
    figures_save,
    figures_submit,
)
from indicators.models import DataStatus, IndicatorValue, ValueChange
from organizations.models import AuditEntry
from tests.indicators.factories import IndicatorFactory, PercentIndicatorFactory

pytestmark = pytest.mark.django_db

D = Decimal
State = DataStatus.State


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def jobs(tree):
    return IndicatorFactory(code="VIEC_LAM")


@pytest.fixture
def rate(tree):
    return PercentIndicatorFactory(code="TY_LE_HO_NGHEO", direction="lower")


def row(target=None, result=None, note="", version=0):
    return {
        "target": None if target is None else D(str(target)),
        "result": None if result is None else D(str(result)),
        "note": note,
        "version": version,
    }


def stored():
    return (
        sorted(
            IndicatorValue.objects.values_list(
                "indicator__code", "unit__code", "year", "target", "result", "note", "version"
            )
        ),
        ValueChange.objects.count(),
    )


def state_of(unit, year=2023):
    return DataStatus.objects.get(unit=unit, year=year).state


def audit_of(unit, year=2023):
    status = DataStatus.objects.get(unit=unit, year=year)
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(DataStatus), object_id=str(status.pk)
        )
        .order_by("id")
        .values_list("actor__username", "action", "from_state", "to_state", "reason")
    )


# --- saving ------------------------------------------------------------------------------------


def test_saving_creates_cells_with_who_and_when_and_history(tree, clerk_a, jobs, rate):
    started = timezone.now()
    changed = figures_save(
        actor=clerk_a,
        unit=tree["a"],
        year=2023,
        rows={jobs: row(9700, 10243, note="Số liệu sơ bộ"), rate: row(result="3.12")},
    )
    assert changed == 2
    cell = IndicatorValue.objects.get(indicator=jobs, unit=tree["a"], year=2023)
    assert (cell.target, cell.result, cell.note) == (D("9700"), D("10243"), "Số liệu sơ bộ")
    assert cell.target_by == clerk_a and cell.result_by == clerk_a
    assert cell.target_at >= started and cell.result_at >= started
    assert cell.version == 1
    history = sorted(cell.changes.values_list("field", "old", "new", "changed_by__username"))
    assert history == [
        ("note", "", "Số liệu sơ bộ", "clerk_a"),
        ("result", "", "10243", "clerk_a"),
        ("target", "", "9700", "clerk_a"),
    ]
    assert all(c.changed_at >= started and c.source == "grid" for c in cell.changes.all())
    poverty = IndicatorValue.objects.get(indicator=rate, unit=tree["a"], year=2023)
    assert (poverty.target, poverty.result) == (None, D("3.12"))
    assert poverty.target_by is None


def test_saving_over_a_cell_records_old_and_new(tree, clerk_a, officer, jobs):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 10000)})
    cell = IndicatorValue.objects.get()
    figures_save(actor=officer, unit=tree["a"], year=2023, rows={jobs: row(9700, 10243, version=1)})
    cell.refresh_from_db()
    assert cell.result == D("10243") and cell.version == 2
    assert cell.result_by == officer and cell.target_by == clerk_a
    latest = cell.changes.order_by("-id").first()
    assert (latest.field, latest.old, latest.new, latest.changed_by) == (
        "result",
        "10000",
        "10243",
        officer,
    )
    assert cell.changes.count() == 3


def test_saving_the_same_figures_changes_nothing(tree, clerk_a, jobs):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 10000)})
    before = stored()
    changed = figures_save(
        actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row("9700.00", 10000, version=1)}
    )
    assert changed == 0
    assert stored() == before


def test_an_empty_row_creates_no_cell(tree, clerk_a, jobs, rate):
    assert figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row()}) == 0
    assert IndicatorValue.objects.count() == 0


def test_clearing_a_figure_is_recorded(tree, clerk_a, jobs):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 10000)})
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, None, version=1)})
    cell = IndicatorValue.objects.get()
    assert cell.result is None
    latest = cell.changes.order_by("-id").first()
    assert (latest.field, latest.old, latest.new) == ("result", "10000", "")


def test_a_stale_version_saves_nothing(tree, clerk_a, officer, jobs, rate):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 10000)})
    figures_save(actor=officer, unit=tree["a"], year=2023, rows={jobs: row(9700, 10100, version=1)})
    before = stored()
    # clerk_a's form still shows version 1 of VIEC_LAM, and also fills in a new cell.
    with pytest.raises(StaleCells) as stale:
        figures_save(
            actor=clerk_a,
            unit=tree["a"],
            year=2023,
            rows={jobs: row(9700, 10243, version=1), rate: row(result="3.12")},
        )
    assert [c.indicator for c in stale.value.conflicts] == [jobs]
    assert stale.value.conflicts[0].stored.result == D("10100")
    assert stored() == before


def test_a_cell_created_since_the_form_was_opened_is_stale(tree, clerk_a, officer, jobs):
    figures_save(actor=officer, unit=tree["a"], year=2023, rows={jobs: row(9700)})
    with pytest.raises(StaleCells):
        figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9000, version=0)})
    assert IndicatorValue.objects.get().target == D("9700")


def test_the_same_indicator_in_another_unit_or_year_is_not_a_conflict(tree, clerk_a, jobs):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700)})
    figures_save(actor=clerk_a, unit=tree["a1"], year=2023, rows={jobs: row(1)})
    figures_save(actor=clerk_a, unit=tree["a"], year=2024, rows={jobs: row(2)})
    assert IndicatorValue.objects.count() == 3


@pytest.mark.parametrize("state", [State.SUBMITTED, State.APPROVED])
def test_submitted_or_approved_figures_are_locked(tree, clerk_a, jobs, state):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 10000)})
    DataStatus.objects.filter(unit=tree["a"], year=2023).update(state=state)
    before = stored()
    with pytest.raises(LockedFigures) as locked:
        figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 1, version=1)})
    assert "UNIT-A" in str(locked.value) and "2023" in str(locked.value)
    assert stored() == before
    # Other years and units stay open.
    figures_save(actor=clerk_a, unit=tree["a"], year=2024, rows={jobs: row(1)})
    figures_save(actor=clerk_a, unit=tree["a1"], year=2023, rows={jobs: row(1)})


@pytest.mark.parametrize("state", [State.OPEN, State.RETURNED])
def test_open_and_returned_figures_can_be_saved(tree, clerk_a, jobs, state):
    DataStatus.objects.create(unit=tree["a"], year=2023, state=state)
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700)})
    assert IndicatorValue.objects.get().target == D("9700")


# --- the approval workflow ---------------------------------------------------------------------


def test_submit_then_approve_locks_and_is_audited(tree, clerk_a, officer, jobs):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700, 10000)})
    status = figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    assert status.state == State.SUBMITTED and status.is_locked
    status = figures_approve(actor=officer, unit=tree["a"], year=2023)
    assert status.state == State.APPROVED and status.is_locked
    stored_status = DataStatus.objects.get(unit=tree["a"], year=2023)
    assert stored_status.changed_by == officer and stored_status.changed_at is not None
    assert audit_of(tree["a"]) == [
        ("clerk_a", "figures.submitted", "open", "submitted", ""),
        ("officer", "figures.approved", "submitted", "approved", ""),
    ]
    with pytest.raises(LockedFigures):
        figures_save(actor=officer, unit=tree["a"], year=2023, rows={jobs: row(9700, 1, version=1)})


def test_return_requires_a_reason_and_reopens_entry(tree, clerk_a, officer, jobs):
    figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    for reason in ("", "   ", None):
        with pytest.raises(WorkflowError):
            figures_return(actor=officer, unit=tree["a"], year=2023, reason=reason)
    assert state_of(tree["a"]) == State.SUBMITTED
    status = figures_return(actor=officer, unit=tree["a"], year=2023, reason="  Thiếu số xã  ")
    assert status.state == State.RETURNED and not status.is_locked
    assert DataStatus.objects.get(unit=tree["a"], year=2023).reason == "Thiếu số xã"
    assert audit_of(tree["a"])[-1] == (
        "officer",
        "figures.returned",
        "submitted",
        "returned",
        "Thiếu số xã",
    )
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700)})
    figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    assert audit_of(tree["a"])[-1][2:4] == ("returned", "submitted")


def test_reopen_requires_a_reason_and_unlocks(tree, clerk_a, officer, jobs):
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9700)})
    figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    figures_approve(actor=officer, unit=tree["a"], year=2023)
    audits = AuditEntry.objects.count()
    for reason in ("", "  "):
        with pytest.raises(WorkflowError):
            figures_reopen(actor=officer, unit=tree["a"], year=2023, reason=reason)
    assert state_of(tree["a"]) == State.APPROVED
    assert AuditEntry.objects.count() == audits
    figures_reopen(actor=officer, unit=tree["a"], year=2023, reason="Sửa số liệu theo kiểm toán")
    assert state_of(tree["a"]) == State.OPEN
    assert audit_of(tree["a"])[-1] == (
        "officer",
        "figures.open",
        "approved",
        "open",
        "Sửa số liệu theo kiểm toán",
    )
    figures_save(actor=clerk_a, unit=tree["a"], year=2023, rows={jobs: row(9800, version=1)})
    assert IndicatorValue.objects.get().target == D("9800")


@pytest.mark.parametrize(
    ("steps", "forbidden"),
    [
        pytest.param([], "approve", id="approve-an-open-year"),
        pytest.param([], "return", id="return-an-open-year"),
        pytest.param([], "reopen", id="reopen-an-open-year"),
        pytest.param(["submit"], "submit", id="submit-twice"),
        pytest.param(["submit"], "reopen", id="reopen-a-submitted-year"),
        pytest.param(["submit", "approve"], "approve", id="approve-twice"),
        pytest.param(["submit", "approve"], "submit", id="submit-an-approved-year"),
        pytest.param(["submit", "approve"], "return", id="return-an-approved-year"),
        pytest.param(["submit", "return"], "approve", id="approve-a-returned-year"),
        pytest.param(["submit", "return"], "reopen", id="reopen-a-returned-year"),
    ],
)
def test_invalid_transitions_are_refused(tree, clerk_a, officer, steps, forbidden):
    actions = {
        "submit": lambda: figures_submit(actor=clerk_a, unit=tree["a"], year=2023),
        "approve": lambda: figures_approve(actor=officer, unit=tree["a"], year=2023),
        "return": lambda: figures_return(actor=officer, unit=tree["a"], year=2023, reason="x"),
        "reopen": lambda: figures_reopen(actor=officer, unit=tree["a"], year=2023, reason="x"),
    }
    for step in steps:
        actions[step]()
    state = DataStatus.objects.filter(unit=tree["a"], year=2023).values_list("state", flat=True)
    before = (list(state), AuditEntry.objects.count())
    with pytest.raises(WorkflowError):
        actions[forbidden]()
    assert (list(state), AuditEntry.objects.count()) == before


def test_statuses_are_per_unit_and_year(tree, clerk_a, officer):
    figures_submit(actor=clerk_a, unit=tree["a"], year=2023)
    figures_approve(actor=officer, unit=tree["a"], year=2023)
    figures_submit(actor=clerk_a, unit=tree["a1"], year=2023)
    assert state_of(tree["a"]) == State.APPROVED
    assert state_of(tree["a1"]) == State.SUBMITTED
    assert not DataStatus.objects.filter(year=2024).exists()
    with pytest.raises(WorkflowError):
        figures_approve(actor=officer, unit=tree["a"], year=2024)
