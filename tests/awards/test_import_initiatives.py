"""Importing initiatives (`person,year,title,level`): service, command and scoping."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.history.services import initiatives_import
from awards.models import Initiative
from organizations.access import units_where
from organizations.models import AuditEntry
from organizations.tabular import ImportRefused
from tests.factories import PersonFactory
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ("person", "year", "title", "level")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(lines, **options):
    return initiatives_import(data=csv_bytes(lines), filename="initiatives.csv", **options)


def refusal(lines, **options):
    with pytest.raises(ImportRefused) as raised:
        run(lines, **options)
    return {error.line: error.message for error in raised.value.errors}


def stored():
    return sorted(Initiative.objects.values_list("person__code", "year", "title", "level"))


def test_good_csv_creates_initiatives(person_a, person_b):
    result = run([HEADER, ("PA1", 2023, "Số hóa hồ sơ", "grassroots"),
                  ("PB1", 2022, "Quy trình  chi trả   trợ cấp", "Province")])  # fmt: skip
    assert result.created == 2
    assert stored() == [("PA1", 2023, "Số hóa hồ sơ", "grassroots"),
                        ("PB1", 2022, "Quy trình chi trả trợ cấp", "province")]  # fmt: skip


def test_csv_with_bom_is_read(person_a):
    data = csv_bytes([HEADER, ("PA1", 2023, "Sáng kiến", "ministry")], bom=True)
    assert initiatives_import(data=data, filename="i.csv").created == 1


def test_xlsx_is_read(person_a):
    data = xlsx_bytes([HEADER, ("PA1", 2023, "Sáng kiến A", "national")])
    assert initiatives_import(data=data, filename="i.xlsx").created == 1
    assert stored() == [("PA1", 2023, "Sáng kiến A", "national")]


def test_reimport_updates_the_level_and_never_duplicates(person_a, officer):
    run([HEADER, ("PA1", 2023, "Sáng kiến A", "grassroots"), ("PA1", 2023, "B", "grassroots")])
    result = run([HEADER, ("PA1", 2023, "Sáng kiến A", "province"),
                  ("PA1", 2023, "B", "grassroots")], actor=officer)  # fmt: skip
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Initiative.objects.count() == 2
    assert Initiative.objects.get(title="Sáng kiến A").level == "province"
    entry = AuditEntry.objects.get(action="import.update")
    assert entry.changes == {"level": ["grassroots", "province"]}
    assert entry.actor == officer


def test_each_bad_line_is_named_and_nothing_is_saved(person_a, tree):
    lines = [
        HEADER,
        ("PA1", 2023, "Good", "grassroots"),
        ("NOBODY", 2023, "T", "grassroots"),
        ("UNIT-A", 2023, "T", "grassroots"),  # a unit code is not a person
        ("PA1", "year", "T", "grassroots"),
        ("PA1", 2023, "", "grassroots"),
        ("PA1", 2023, "T", "world"),
        ("PA1", 2023, "Good", "province"),  # same person, year and title as line 2
        ("PA1", 2023, "x" * 501, "grassroots"),
    ]
    errors = refusal(lines)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "NOBODY" in errors[3]
    assert errors[4] == "Unknown person code “UNIT-A”."
    assert "year" in errors[5]
    assert "title" in errors[6]
    assert "world" in errors[7] and "grassroots" in errors[7]
    assert "line 2" in errors[8]
    assert "500" in errors[9]
    assert Initiative.objects.count() == 0


def test_clerks_may_only_name_their_units_people(clerk_a, person_a, person_b, tree):
    person_a1 = PersonFactory(code="PA1-1", unit=tree["a1"])
    allowed = units_where(clerk_a, "award.inputs")
    errors = refusal([HEADER, ("PB1", 2023, "T", "grassroots")], allowed_units=allowed)
    assert errors == {2: "Unknown person code “PB1”."}
    result = run([HEADER, ("PA1", 2023, "T", "grassroots"),
                  (person_a1.code, 2023, "T", "grassroots")], allowed_units=allowed)  # fmt: skip
    assert result.created == 2


def test_command_imports_and_refuses(tmp_path, person_a, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([HEADER, ("PA1", 2023, "T", "grassroots")]))
    call_command("import_initiatives", str(good))
    assert "1 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER, ("PA1", 2024, "T", "grassroots"), ("X", 2024, "T", "")]))
    with pytest.raises(CommandError):
        call_command("import_initiatives", str(bad))
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("Line 3:") and "X" in err[0]
    assert err[1].startswith("Line 3:") and "level" in err[1]
    assert Initiative.objects.count() == 1
