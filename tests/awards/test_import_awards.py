"""Importing the department's past awards (`award_type,recipient,year,commendation_type,
decision_number,decision_date,issuer`)."""

from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.history.services import awards_import
from awards.models import AwardRecord
from organizations.models import AuditEntry
from organizations.tabular import ImportRefused
from tests.awards.factories import AwardRecordFactory, award_type
from tests.factories import PersonFactory
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ("award_type", "recipient", "year", "commendation_type", "decision_number",
          "decision_date", "issuer")  # fmt: skip


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(lines, **options):
    return awards_import(data=csv_bytes(lines), filename="awards.csv", **options)


def refusal(lines, **options):
    with pytest.raises(ImportRefused) as raised:
        run(lines, **options)
    return {error.line: error.message for error in raised.value.errors}


def stored():
    return sorted(
        (r.award_type.code, r.person.code if r.person else r.unit.code, r.year,
         r.commendation_type, r.decision_number, r.decision_date, r.issuer, r.source)
        for r in AwardRecord.objects.select_related("award_type", "person", "unit")
    )  # fmt: skip


def test_good_csv_imports_person_and_unit_awards(person_a, tree):
    result = run([
        HEADER,
        ("BK_TINH", "PA1", 2022, "merit", "1234/QĐ-UBND", "15/03/2023", "Chủ tịch UBND tỉnh"),
        ("co_tinh", "UNIT-A", 2021, "MERIT", "99/QĐ-UBND", "2022-02-01", "UBND tỉnh"),
        ("GK_SO", "PA1", 2023, "adhoc", "", "", ""),
    ])  # fmt: skip
    assert result.created == 3
    assert stored() == [
        ("BK_TINH", "PA1", 2022, "merit", "1234/QĐ-UBND", date(2023, 3, 15),
         "Chủ tịch UBND tỉnh", "imported"),
        ("CO_TINH", "UNIT-A", 2021, "merit", "99/QĐ-UBND", date(2022, 2, 1), "UBND tỉnh",
         "imported"),
        ("GK_SO", "PA1", 2023, "adhoc", "", None, "", "imported"),
    ]  # fmt: skip


def test_csv_with_bom_is_read(person_a):
    data = csv_bytes([HEADER, ("LDTT", "PA1", 2023, "merit", "1/QĐ", "", "Giám đốc Sở")], bom=True)
    assert awards_import(data=data, filename="a.csv").created == 1


def test_xlsx_with_date_cells(person_a):
    data = xlsx_bytes([HEADER, ("CSTDCS", "PA1", 2023, "merit", "7/QĐ", datetime(2024, 1, 5),
                                "Giám đốc Sở")])  # fmt: skip
    assert awards_import(data=data, filename="a.xlsx").created == 1
    assert stored()[0][5] == date(2024, 1, 5)


def test_optional_columns_may_be_left_out(person_a):
    data = csv_bytes([("award_type", "recipient", "year", "commendation_type"),
                      ("LDTT", "PA1", 2020, "merit")])  # fmt: skip
    assert awards_import(data=data, filename="a.csv").created == 1


def test_reimport_updates_the_decision_and_never_duplicates(person_a, officer):
    run([HEADER, ("LDTT", "PA1", 2023, "merit", "1/QĐ", "", "Giám đốc Sở")])
    result = run([HEADER, ("LDTT", "PA1", 2023, "merit", "12/QĐ-SLĐTBXH", "10/01/2024",
                           "Giám đốc Sở")], actor=officer)  # fmt: skip
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert AwardRecord.objects.count() == 1
    changes = AuditEntry.objects.get(action="import.update").changes
    assert changes == {"decision_number": ["1/QĐ", "12/QĐ-SLĐTBXH"],
                       "decision_date": [None, "2024-01-10"]}  # fmt: skip
    # Another commendation type is another record.
    assert run([HEADER, ("LDTT", "PA1", 2023, "adhoc", "", "", "")]).created == 1


def test_each_bad_line_is_named_and_nothing_is_saved(person_a, tree):
    lines = [
        HEADER,
        ("LDTT", "PA1", 2023, "merit", "", "", ""),
        ("NOPE", "PA1", 2023, "merit", "", "", ""),
        ("LDTT", "NOBODY", 2023, "merit", "", "", ""),
        ("LDTT", "PA1", 1900, "merit", "", "", ""),
        ("LDTT", "PA1", 2022, "bonus", "", "", ""),
        ("LDTT", "PA1", 2021, "merit", "", "tomorrow", ""),
        ("LDTT", "PA1", 2023, "merit", "2/QĐ", "", ""),  # same key as line 2
        ("LDTT", "", 2023, "merit", "", "", ""),
    ]
    errors = refusal(lines)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "NOPE" in errors[3]
    assert "NOBODY" in errors[4]
    assert "1900" in errors[5]
    assert "bonus" in errors[6] and "external" in errors[6]
    assert "tomorrow" in errors[7]
    assert "line 2" in errors[8]
    assert "empty" in errors[9]
    assert AwardRecord.objects.count() == 0


def test_recipient_must_match_the_award_type(person_a, tree):
    errors = refusal([
        HEADER,
        ("LDTT", "UNIT-A", 2023, "merit", "", "", ""),  # individual title to a unit
        ("TTLDTT", "PA1", 2023, "merit", "", "", ""),  # collective title to a person
        ("KNC_LDTBXH", "UNIT-A", 2023, "career", "", "", ""),
        ("BK_TINH", "UNIT-A", 2023, "merit", "", "", ""),  # both: fine
    ])  # fmt: skip
    assert set(errors) == {2, 3, 4}
    assert errors[2] == "LDTT is awarded to individuals only; UNIT-A is a unit."
    assert errors[3] == "TTLDTT is awarded to collectives only; PA1 is a person."


def test_an_ambiguous_recipient_is_refused(tree):
    PersonFactory(code="UNIT-A", unit=tree["b"])
    errors = refusal([HEADER, ("BK_TINH", "UNIT-A", 2023, "merit", "", "", "")])
    assert "ambiguous" in errors[2]


def test_an_award_granted_through_thidua_is_not_rewritten(person_a):
    AwardRecordFactory(award_type=award_type("LDTT"), person=person_a, year=2023,
                       decision_number="5/QĐ", source="granted")  # fmt: skip
    same = run([HEADER, ("LDTT", "PA1", 2023, "merit", "5/QĐ", "", "")])
    assert same.unchanged == 1
    errors = refusal([HEADER, ("GK_SO", "PA1", 2022, "merit", "", "", ""),
                      ("LDTT", "PA1", 2023, "merit", "6/QĐ", "", "")])  # fmt: skip
    assert set(errors) == {3}
    assert "granted through Thi đua" in errors[3]
    assert AwardRecord.objects.count() == 1  # line 2 rolled back with the rest


def test_command_exit_status_and_stderr(tmp_path, person_a, capsys):
    path = tmp_path / "awards.csv"
    path.write_bytes(csv_bytes([HEADER, ("XX", "PA1", 2023, "merit", "", "", "")]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_awards", str(path))
    assert "Line 2:" in capsys.readouterr().err
    path.write_bytes(csv_bytes([HEADER, ("LDTT", "PA1", 2023, "merit", "", "", "")]))
    call_command("import_awards", str(path))
    call_command("import_awards", str(path))
    assert "1 unchanged" in capsys.readouterr().out
    assert AwardRecord.objects.get().source == "imported"


def test_a_decision_date_outside_a_plausible_range_is_refused(person_a):
    errors = refusal([HEADER, ("BK_TINH", "PA1", 2022, "merit", "12/QĐ", "31/12/1899", "UBND")])
    assert set(errors) == {2}
    assert errors[2].startswith("decision_date: 1899-12-31 is outside 1900-01-01 – ")
    assert not AwardRecord.objects.exists()
