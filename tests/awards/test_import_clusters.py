"""Importing emulation clusters and blocks (`cluster,kind,year,unit,role`)."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.history.services import clusters_import
from awards.models import Cluster, ClusterMember
from organizations.models import AuditEntry
from organizations.tabular import ImportRefused
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ("cluster", "kind", "year", "unit", "role")
BLOCK = "Khối các phòng huyện"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(lines, **options):
    return clusters_import(data=csv_bytes(lines), filename="clusters.csv", **options)


def refusal(lines, **options):
    with pytest.raises(ImportRefused) as raised:
        run(lines, **options)
    return {error.line: error.message for error in raised.value.errors}


def stored():
    return sorted(
        ClusterMember.objects.values_list("cluster__name", "cluster__kind", "cluster__year",
                                          "unit__code", "role")
    )  # fmt: skip


GOOD = [
    HEADER,
    (BLOCK, "block", 2023, "UNIT-A", "leader"),
    (BLOCK, "block", 2023, "UNIT-B", "deputy"),
    (BLOCK, "block", 2023, "UNIT-A1", "member"),
    (BLOCK, "block", 2023, "UNIT-A", "winner"),
    ("Cụm 1", "Cluster", 2023, "UNIT-B", "member"),
]


def test_good_csv_creates_clusters_and_members(tree):
    result = run(GOOD)
    assert result.created == 5
    assert Cluster.objects.count() == 2
    assert stored() == sorted([
        (BLOCK, "block", 2023, "UNIT-A", "leader"),
        (BLOCK, "block", 2023, "UNIT-B", "deputy"),
        (BLOCK, "block", 2023, "UNIT-A1", "member"),
        (BLOCK, "block", 2023, "UNIT-A", "winner"),
        ("Cụm 1", "cluster", 2023, "UNIT-B", "member"),
    ])  # fmt: skip


def test_csv_with_bom_and_xlsx_are_read(tree):
    assert clusters_import(data=csv_bytes(GOOD, bom=True), filename="c.csv").created == 5
    ClusterMember.objects.all().delete()
    Cluster.objects.all().delete()
    assert clusters_import(data=xlsx_bytes(GOOD), filename="c.xlsx").created == 5


def test_reimport_is_idempotent_and_updates_the_kind(tree, officer):
    run(GOOD)
    again = run(GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    changed = run([HEADER, ("Cụm 1", "block", 2023, "UNIT-B", "member")], actor=officer)
    assert changed.updated == 1
    assert Cluster.objects.get(name="Cụm 1").kind == "block"
    assert ClusterMember.objects.count() == 5
    assert AuditEntry.objects.filter(action="import.update").get().changes == {
        "kind": ["cluster", "block"]
    }


def test_a_new_winner_replaces_the_stored_one(tree):
    run(GOOD)
    result = run([HEADER, (BLOCK, "block", 2023, "UNIT-B", "winner")])
    assert result.updated == 1
    winners = ClusterMember.objects.filter(role="winner")
    assert [w.unit.code for w in winners] == ["UNIT-B"]
    entry = AuditEntry.objects.filter(changes__has_key="winner").get()
    assert entry.changes == {"winner": ["UNIT-A", "UNIT-B"]}


def test_a_second_winner_in_the_file_is_refused_naming_both_lines(tree):
    errors = refusal([
        HEADER,
        (BLOCK, "block", 2023, "UNIT-A", "winner"),
        ("Cụm 1", "cluster", 2023, "UNIT-A", "winner"),
        (BLOCK, "block", 2023, "UNIT-B", "winner"),
        (BLOCK, "block", 2024, "UNIT-B", "winner"),  # another year: fine
    ])  # fmt: skip
    assert set(errors) == {4}
    assert "Lines 2 and 4" in errors[4]
    assert "UNIT-A" in errors[4] and "UNIT-B" in errors[4]
    assert Cluster.objects.count() == 0


def test_each_bad_line_is_named_and_nothing_is_saved(tree):
    lines = [
        HEADER,
        (BLOCK, "block", 2023, "UNIT-A", "member"),
        ("", "block", 2023, "UNIT-A", "member"),
        (BLOCK, "group", 2023, "UNIT-B", "member"),
        (BLOCK, "block", "next", "UNIT-B", "member"),
        (BLOCK, "block", 2023, "NOWHERE", "member"),
        (BLOCK, "block", 2023, "UNIT-B", "captain"),
        (BLOCK, "cluster", 2023, "UNIT-B", "member"),  # kind differs from line 2
        (BLOCK, "block", 2023, "UNIT-A", "member"),  # same as line 2
    ]
    errors = refusal(lines)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "name is empty" in errors[3]
    assert "group" in errors[4]
    assert "next" in errors[5]
    assert "NOWHERE" in errors[6]
    assert "captain" in errors[7] and "winner" in errors[7]
    assert "line 2" in errors[8]
    assert "line 2" in errors[9]
    assert Cluster.objects.count() == 0 and ClusterMember.objects.count() == 0


def test_a_person_code_is_not_a_unit(person_a):
    errors = refusal([HEADER, (BLOCK, "block", 2023, "PA1", "member")])
    assert errors == {2: "Unknown unit code “PA1”."}


def test_command_exit_status_and_stderr(tmp_path, tree, capsys):
    path = tmp_path / "clusters.csv"
    path.write_bytes(csv_bytes([HEADER, (BLOCK, "block", 2023, "UNIT-A", "winner"),
                                (BLOCK, "block", 2023, "UNIT-B", "winner")]))  # fmt: skip
    with pytest.raises(CommandError):
        call_command("import_clusters", str(path))
    assert "Line 3: Lines 2 and 3" in capsys.readouterr().err
    path.write_bytes(csv_bytes(GOOD))
    call_command("import_clusters", str(path))
    assert "5 created" in capsys.readouterr().out
