"""Importing annual ratings (`subject,year,rating`): service, command and scoping."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.history.services import ratings_import
from awards.models import AnnualRating
from organizations.access import units_where
from organizations.models import AuditEntry
from organizations.tabular import ImportRefused
from tests.factories import PersonFactory
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ("subject", "year", "rating")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(lines, **options):
    return ratings_import(data=csv_bytes(lines), filename="ratings.csv", **options)


def refusal(lines, **options):
    with pytest.raises(ImportRefused) as raised:
        run(lines, **options)
    return {error.line: error.message for error in raised.value.errors}


def stored():
    return sorted(
        (r.person.code if r.person else r.unit.code, r.year, r.rating)
        for r in AnnualRating.objects.select_related("person", "unit")
    )


def test_good_csv_stores_person_and_unit_ratings(person_a, person_b, tree):
    result = run([HEADER, ("PA1", 2023, "HTXSNV"), ("PB1", "2023", "htnv"),
                  ("UNIT-A", 2023, "HTTNV")])  # fmt: skip
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert stored() == [("PA1", 2023, "HTXSNV"), ("PB1", 2023, "HTNV"), ("UNIT-A", 2023, "HTTNV")]
    unit_rating = AnnualRating.objects.get(unit=tree["a"])
    assert unit_rating.person is None


def test_csv_with_bom_and_semicolons_is_read(person_a):
    data = csv_bytes([HEADER, ("PA1", 2022, "HTTNV")], bom=True, delimiter=";")
    result = ratings_import(data=data, filename="ratings.csv")
    assert result.created == 1
    assert stored() == [("PA1", 2022, "HTTNV")]


def test_xlsx_with_numeric_years_and_codes_is_read(tree):
    PersonFactory(code="1024", unit=tree["a"])
    data = xlsx_bytes([HEADER, (1024, 2023, "HTXSNV"), ("UNIT-B", 2023.0, "KHTNV")])
    result = ratings_import(data=data, filename="ratings.xlsx")
    assert result.created == 2
    assert stored() == [("1024", 2023, "HTXSNV"), ("UNIT-B", 2023, "KHTNV")]


def test_reimport_updates_and_never_duplicates(person_a):
    run([HEADER, ("PA1", 2023, "HTTNV"), ("PA1", 2022, "HTNV")])
    result = run([HEADER, ("PA1", 2023, "HTXSNV"), ("PA1", 2022, "HTNV")])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert stored() == [("PA1", 2022, "HTNV"), ("PA1", 2023, "HTXSNV")]


def test_every_change_is_audited(person_a, officer):
    run([HEADER, ("PA1", 2023, "HTTNV")], actor=officer)
    run([HEADER, ("PA1", 2023, "HTXSNV")], actor=officer)
    entries = list(AuditEntry.objects.order_by("id").values_list("action", "changes", "actor"))
    assert entries[0][0] == "import.create"
    assert entries[0][1]["person"] == [None, "PA1"]
    assert entries[1] == ("import.update", {"rating": ["HTTNV", "HTXSNV"]}, officer.pk)


def test_each_bad_line_is_named_and_nothing_is_saved(person_a):
    lines = [
        HEADER,
        ("PA1", 2023, "HTTNV"),  # good, yet not saved
        ("NOBODY", 2023, "HTTNV"),
        ("PA1", "20x3", "HTTNV"),
        ("PA1", 1989, "HTTNV"),
        ("PA1", 2024, "GOOD"),
        ("", 2024, "HTTNV"),
        ("PA1", 2023, "HTNV"),  # same subject and year as line 2
        ("PA1", 2025, ""),
    ]
    errors = refusal(lines)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "NOBODY" in errors[3]
    assert "20x3" in errors[4]
    assert "1989" in errors[5] and "1990" in errors[5]
    assert "GOOD" in errors[6] and "HTXSNV" in errors[6]
    assert "empty" in errors[7]
    assert "line 2" in errors[8]
    assert "empty" in errors[9]
    assert AnnualRating.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_code_naming_a_person_and_a_unit_is_refused_as_ambiguous(tree):
    PersonFactory(code="UNIT-B", unit=tree["a"])
    errors = refusal([HEADER, ("UNIT-B", 2023, "HTTNV")])
    assert "ambiguous" in errors[2]
    assert AnnualRating.objects.count() == 0


def test_missing_column_is_refused_on_line_one(person_a):
    errors = refusal([("subject", "year"), ("PA1", 2023)])
    assert "rating" in errors[1]


def test_allowed_units_hide_other_units_people_as_unknown(clerk_a, person_a, person_b, tree):
    allowed = units_where(clerk_a, "award.inputs")
    errors = refusal(
        [HEADER, ("PA1", 2023, "HTTNV"), ("PB1", 2023, "HTTNV"), ("UNIT-B", 2023, "HTTNV"),
         ("UNIT-A1", 2023, "HTTNV")],
        allowed_units=allowed,
    )  # fmt: skip
    assert set(errors) == {3, 4}
    assert errors[3] == "Unknown person or unit code “PB1”."
    assert errors[4] == "Unknown person or unit code “UNIT-B”."
    result = run([HEADER, ("PA1", 2023, "HTTNV"), ("UNIT-A1", 2023, "HTTNV")],
                 allowed_units=allowed)  # fmt: skip
    assert result.created == 2


def test_command_imports_a_file(tmp_path, person_a, capsys):
    path = tmp_path / "ratings.csv"
    path.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "HTXSNV")]))
    call_command("import_ratings", str(path))
    assert "1 created" in capsys.readouterr().out
    assert stored() == [("PA1", 2023, "HTXSNV")]


def test_command_refusal_exits_non_zero_and_lists_lines(tmp_path, person_a, capsys):
    path = tmp_path / "ratings.csv"
    path.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "HTXSNV"), ("PA1", 2023, "BAD")]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_ratings", str(path))
    err = capsys.readouterr().err
    assert "Line 3:" in err and "BAD" in err
    assert AnnualRating.objects.count() == 0


def test_command_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_ratings", str(tmp_path / "absent.csv"))


def test_command_with_an_actor_keeps_to_its_units_and_names_it_in_the_log(
    tmp_path, clerk_a, person_a, person_b, capsys
):
    path = tmp_path / "ratings.csv"
    path.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "HTXSNV"), ("PB1", 2023, "HTTNV")]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_ratings", str(path), "--actor", "clerk_a")
    assert capsys.readouterr().err.splitlines() == ["Line 3: Unknown person or unit code “PB1”."]

    path.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "HTXSNV")]))
    call_command("import_ratings", str(path), "--actor", "clerk_a")
    assert AuditEntry.objects.get(action="import.create").actor == clerk_a


def test_command_without_an_actor_names_the_system_user_in_the_audit_reason(
    tmp_path, person_a, monkeypatch
):
    monkeypatch.setattr("getpass.getuser", lambda: "thidua-ops")
    path = tmp_path / "ratings.csv"
    path.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "HTXSNV")]))
    call_command("import_ratings", str(path))
    entry = AuditEntry.objects.get(action="import.create")
    assert (entry.actor, entry.reason) == (None, "command line import by thidua-ops")


def test_command_refuses_an_actor_without_a_role_for_ratings(tmp_path, viewer, person_a):
    path = tmp_path / "ratings.csv"
    path.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "HTXSNV")]))
    with pytest.raises(CommandError, match="holds no role"):
        call_command("import_ratings", str(path), "--actor", "viewer")
    assert not AnnualRating.objects.exists()
