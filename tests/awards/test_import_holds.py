"""Importing discipline and investigation holds (`subject,reason,start,end`)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.history.services import holds_import
from awards.models import Hold
from organizations.models import AuditEntry
from organizations.tabular import ImportRefused, years_from_today
from tests.factories import PersonFactory
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ("subject", "reason", "start", "end")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(lines, **options):
    return holds_import(data=csv_bytes(lines), filename="holds.csv", **options)


def refusal(lines, **options):
    with pytest.raises(ImportRefused) as raised:
        run(lines, **options)
    return {error.line: error.message for error in raised.value.errors}


def stored():
    return sorted(
        (h.person.code if h.person else h.unit.code, h.reason, h.start, h.end)
        for h in Hold.objects.select_related("person", "unit")
    )


def test_good_csv_with_both_date_styles(person_a, tree):
    result = run([HEADER, ("PA1", "Xem xét kỷ luật", "2024-06-01", "31/12/2024"),
                  ("UNIT-B", "Thanh tra", "15/03/2024", "")])  # fmt: skip
    assert result.created == 2
    assert stored() == [
        ("PA1", "Xem xét kỷ luật", date(2024, 6, 1), date(2024, 12, 31)),
        ("UNIT-B", "Thanh tra", date(2024, 3, 15), None),
    ]


def test_csv_with_bom_is_read(person_a):
    data = csv_bytes([HEADER, ("PA1", "Khiếu nại", "2024-01-02", "")], bom=True)
    assert holds_import(data=data, filename="h.csv").created == 1


def test_xlsx_with_real_date_cells(person_a):
    data = xlsx_bytes([HEADER, ("PA1", "Điều tra", datetime(2023, 5, 4), None)])
    assert holds_import(data=data, filename="h.xlsx").created == 1
    assert stored() == [("PA1", "Điều tra", date(2023, 5, 4), None)]


def test_the_end_column_is_optional(person_a):
    result = holds_import(data=csv_bytes([("subject", "reason", "start"),
                                          ("PA1", "Kỷ luật", "2024-01-01")]),
                          filename="h.csv")  # fmt: skip
    assert result.created == 1


def test_reimport_sets_the_end_and_never_duplicates(person_a, officer):
    run([HEADER, ("PA1", "Kỷ luật", "2024-01-01", "")])
    result = run([HEADER, ("PA1", "Kỷ luật", "01/01/2024", "2024-09-30")], actor=officer)
    assert (result.created, result.updated) == (0, 1)
    assert stored() == [("PA1", "Kỷ luật", date(2024, 1, 1), date(2024, 9, 30))]
    assert AuditEntry.objects.get(action="import.update").changes == {"end": [None, "2024-09-30"]}
    # Without an end column, the stored end stays.
    again = holds_import(data=csv_bytes([("subject", "reason", "start"),
                                         ("PA1", "Kỷ luật", "2024-01-01")]),
                         filename="h.csv")  # fmt: skip
    assert again.unchanged == 1
    assert stored()[0][3] == date(2024, 9, 30)


def test_each_bad_line_is_named_and_nothing_is_saved(person_a):
    lines = [
        HEADER,
        ("PA1", "Good", "2024-01-01", ""),
        ("NOBODY", "R", "2024-01-01", ""),
        ("PA1", "", "2024-01-01", ""),
        ("PA1", "R", "", ""),
        ("PA1", "R", "31/02/2024", ""),
        ("PA1", "R", "2024-05-01", "2024-04-30"),
        ("PA1", "R", "2024-05-01", "soon"),
        ("PA1", "Good", "01/01/2024", "2024-12-31"),  # same key as line 2
    ]
    errors = refusal(lines)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "NOBODY" in errors[3]
    assert "reason" in errors[4]
    assert "start" in errors[5]
    assert "31/02/2024" in errors[6]
    assert "before the start" in errors[7]
    assert "soon" in errors[8] and errors[8].startswith("end:")
    assert "line 2" in errors[9]
    assert Hold.objects.count() == 0


def test_a_code_naming_a_person_and_a_unit_is_ambiguous(tree):
    PersonFactory(code="UNIT-A", unit=tree["b"])
    errors = refusal([HEADER, ("UNIT-A", "R", "2024-01-01", "")])
    assert "ambiguous" in errors[2]


def test_command_exit_status_and_stderr(tmp_path, person_a, capsys):
    bad = tmp_path / "holds.csv"
    bad.write_bytes(csv_bytes([HEADER, ("PA1", "R", "2024-13-01", "")]))
    with pytest.raises(CommandError):
        call_command("import_holds", str(bad))
    assert "Line 2:" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([HEADER, ("PA1", "R", "2024-12-01", "")]))
    call_command("import_holds", str(good))
    assert Hold.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "column"),
    [("31/12/1989", "", "start"), ("2024-01-01", "3024-01-01", "end"),
     (years_from_today(5) + timedelta(days=1), "", "start")],
)  # fmt: skip
def test_dates_outside_a_plausible_range_are_refused_on_their_line(person_a, start, end, column):
    data = xlsx_bytes(
        [HEADER, ("PA1", "Kỷ luật", "2024-01-01", ""), ("PA1", "Thanh tra", start, end)]
    )
    with pytest.raises(ImportRefused) as raised:
        holds_import(data=data, filename="holds.xlsx")
    [error] = raised.value.errors
    assert error.line == 3
    assert error.message.startswith(f"{column}: ") and " is outside 1990-01-01 – " in error.message
    assert not Hold.objects.exists()


def test_a_reason_with_a_text_direction_control_is_refused(person_a):
    assert refusal([HEADER, ("PA1", "Kỷ \u202eluật", "2024-01-01", "")]) == {
        2: "reason: contains the text-direction control character U+202E; retype the cell."
    }
