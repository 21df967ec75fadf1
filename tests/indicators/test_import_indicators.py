"""Importing the indicator catalogue from CSV or XLSX: the service and `import_indicators`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.catalogue.imports import indicators_import
from indicators.models import Indicator
from organizations.models import AuditEntry, Role
from organizations.tabular import ImportRefused
from tests.factories import MembershipFactory, UserFactory
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ("code", "name", "unit_of_measure", "direction", "value_type")
GOOD = [
    HEADER,
    ("DAO_TAO_NGHE", "Tuyển sinh, đào tạo nghề", "người", "higher", "count"),
    ("TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo", "%", "lower", "percent"),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def catalogue():
    return sorted(
        Indicator.objects.values_list("code", "name", "unit_of_measure", "direction", "value_type")
    )


def refusal_of(lines):
    with pytest.raises(ImportRefused) as refusal:
        indicators_import(data=csv_bytes(lines), filename="indicators.csv")
    return {error.line: error.message for error in refusal.value.errors}


def run_command(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    call_command("import_indicators", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_csv_creates_the_indicators():
    result = indicators_import(data=csv_bytes(GOOD), filename="indicators.csv")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert catalogue() == [
        ("DAO_TAO_NGHE", "Tuyển sinh, đào tạo nghề", "người", "higher", "count"),
        ("TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo", "%", "lower", "percent"),
    ]
    assert AuditEntry.objects.filter(action="indicator.import.create").count() == 2


def test_a_csv_with_a_bom_and_extra_columns():
    lines = [
        ("code", "name", "ghi chú", "unit_of_measure", "direction", "value_type"),
        ("VIEC_LAM", "Giải quyết việc làm", "bỏ qua", "người", "higher", "count"),
    ]
    indicators_import(data=csv_bytes(lines, bom=True), filename="indicators.csv")
    assert catalogue() == [("VIEC_LAM", "Giải quyết việc làm", "người", "higher", "count")]


def test_an_xlsx_file():
    indicators_import(data=xlsx_bytes(GOOD), filename="indicators.xlsx")
    assert [row[0] for row in catalogue()] == ["DAO_TAO_NGHE", "TY_LE_HO_NGHEO"]


def test_reimporting_updates_instead_of_duplicating():
    indicators_import(data=csv_bytes(GOOD), filename="indicators.csv")
    changed = [GOOD[0], ("DAO_TAO_NGHE", "Đào tạo nghề", "lượt người", "higher", "count"), GOOD[2]]
    result = indicators_import(data=csv_bytes(changed), filename="indicators.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Indicator.objects.count() == 2
    assert Indicator.objects.get(code="DAO_TAO_NGHE").name == "Đào tạo nghề"
    assert Indicator.objects.get(code="DAO_TAO_NGHE").unit_of_measure == "lượt người"


def test_each_bad_line_is_named_and_nothing_is_saved():
    lines = [
        HEADER,
        ("OK_1", "Good", "người", "higher", "count"),
        ("BAD_DIR", "Bad direction", "người", "up", "count"),
        ("BAD_TYPE", "Bad type", "người", "higher", "ratio"),
        ("", "No code", "người", "higher", "count"),
        ("NO_NAME", "", "người", "higher", "count"),
        ("OK_1", "Twice", "người", "higher", "count"),
    ]
    errors = refusal_of(lines)
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "direction" in errors[3]
    assert "value_type" in errors[4]
    assert "code" in errors[5].lower()
    assert "name" in errors[6].lower()
    assert "line 2" in errors[7]
    assert Indicator.objects.count() == 0


def test_a_missing_column_is_refused():
    errors = refusal_of([("code", "name", "direction"), ("X", "Y", "higher")])
    assert set(errors) == {1}
    assert "unit_of_measure" in errors[1] and "value_type" in errors[1]


def test_the_command_imports_a_file(tmp_path):
    out, err = run_command(tmp_path, "indicators.csv", csv_bytes(GOOD, bom=True))
    assert "2 created" in out
    assert err == ""
    assert Indicator.objects.count() == 2


def test_the_command_imports_an_xlsx_file(tmp_path):
    out, _err = run_command(tmp_path, "indicators.xlsx", xlsx_bytes(GOOD))
    assert "2 created" in out
    assert Indicator.objects.count() == 2


def test_the_command_refuses_with_each_bad_line_on_stderr(tmp_path):
    lines = [*GOOD, ("BAD_DIR", "Bad", "người", "sideways", "count"), ("X", "", "%", "lower", "x")]
    path = tmp_path / "indicators.csv"
    path.write_bytes(csv_bytes(lines))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stdout=StringIO(), stderr=err)
    assert "Line 4:" in err.getvalue()
    assert "Line 5:" in err.getvalue()
    assert "Line 2:" not in err.getvalue()
    assert Indicator.objects.count() == 0


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_indicators", str(tmp_path / "nope.csv"), stdout=StringIO())


# --- department-wide only ---------------------------------------------------------------------


@pytest.fixture
def district_officer(tree):
    user = UserFactory(username="district_officer")
    MembershipFactory(user=user, unit=tree["a"], role=Role.OFFICER)
    return user


def test_an_officer_of_one_district_may_not_import_the_catalogue(district_officer):
    with pytest.raises(ImportRefused) as refusal:
        indicators_import(data=csv_bytes(GOOD), filename="i.csv", actor=district_officer)
    assert [str(error) for error in refusal.value.errors] == [
        "Line 1: The indicator catalogue is shared by every unit: only an officer of the whole "
        "department may import it."
    ]
    assert not Indicator.objects.exists()


def test_a_department_officer_imports_the_catalogue_under_their_name(officer):
    indicators_import(data=csv_bytes(GOOD), filename="i.csv", actor=officer)
    entries = AuditEntry.objects.filter(action="indicator.import.create")
    assert set(entries.values_list("actor", flat=True)) == {officer.pk}


def test_the_command_as_an_officer_of_one_district_is_refused(district_officer, tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_bytes(csv_bytes(GOOD))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), "--actor", "district_officer",
                     stdout=StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().startswith("Line 1: The indicator catalogue is shared by every unit")
    assert not Indicator.objects.exists()


def test_the_command_without_an_actor_names_the_system_user_in_the_audit_reason(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("getpass.getuser", lambda: "thidua-ops")
    run_command(tmp_path, "indicators.csv", csv_bytes(GOOD))
    assert set(AuditEntry.objects.values_list("actor", "reason")) == {
        (None, "command line import by thidua-ops")
    }


# --- cells the database could not store -------------------------------------------------------


def test_texts_longer_than_the_database_holds_are_refused_on_their_line():
    errors = refusal_of(
        [
            HEADER,
            ("C" * 33, "Tên", "người", "higher", "count"),
            ("OK_1", "N" * 256, "người", "higher", "count"),
            ("OK_2", "Tên", "u" * 51, "higher", "count"),
        ]
    )
    assert errors == {
        2: "code: 33 characters, more than the 32 allowed.",
        3: "name: 256 characters, more than the 255 allowed.",
        4: "unit_of_measure: 51 characters, more than the 50 allowed.",
    }
    assert not Indicator.objects.exists()


def test_an_invisible_character_inside_a_code_is_refused():
    errors = refusal_of([HEADER, ("VIEC\u200bLAM", "Việc làm", "người", "higher", "count")])
    assert errors == {2: "code: contains the invisible character U+200B; retype the cell."}
