"""Importing the unit tree from CSV or XLSX: through the service, the command and the web page."""

import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from organizations.models import AuditEntry, Unit
from organizations.services import units_import
from organizations.tabular import ImportRefused
from tests.factories import tree_path
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the default language and catalogues."""
    with translation.override("en"):
        yield


def import_csv(lines, *, actor=None, **options):
    return units_import(data=csv_bytes(lines, **options), filename="units.csv", actor=actor)


def refusal_of(lines, **options):
    with pytest.raises(ImportRefused) as refusal:
        import_csv(lines, **options)
    return refusal.value


def messages_by_line(refusal):
    return {error.line: error.message for error in refusal.errors}


def unit(code):
    return Unit.objects.get(code=code)


def snapshot():
    """Everything an import could change, to prove that a refused import changed nothing."""
    return (
        sorted(Unit.objects.values_list("code", "name", "parent__code", "path", "depth", "kind")),
        AuditEntry.objects.count(),
    )


HEADER = ("code", "name", "parent")
NEW_BRANCH = [
    HEADER,
    # The child comes first: the import must save parents before children all the same.
    ("XA-DV1", "Xã Lũng Cú", "PLD-DV"),
    ("PLD-DV", "Phòng LĐTBXH huyện Đồng Văn", "DEPT"),
    ("ROOT2", "Ban Thi đua – Khen thưởng tỉnh", ""),
]


# Reading files ----------------------------------------------------------------------------------


def test_good_csv_creates_units_under_their_parents(tree):
    result = import_csv(NEW_BRANCH)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    dept, division, commune = unit("DEPT"), unit("PLD-DV"), unit("XA-DV1")
    assert division.parent == dept
    assert commune.parent == division
    assert commune.name == "Xã Lũng Cú"
    assert commune.path == tree_path(dept, division, commune)
    assert commune.depth == 2
    assert unit("ROOT2").parent is None
    assert unit("ROOT2").path == tree_path(unit("ROOT2"))


def test_imported_units_can_be_found_without_diacritics(tree):
    import_csv([HEADER, ("XA-SL", "Ủy ban nhân dân xã Sủng Là", "UNIT-A")])
    assert list(Unit.objects.search("sung la").values_list("code", flat=True)) == ["XA-SL"]


def test_csv_with_a_utf8_bom_is_read_like_plain_utf8(db):
    result = import_csv([HEADER, ("SO", "Sở Lao động", "")], bom=True)
    assert result.created == 1
    assert unit("SO").name == "Sở Lao động"


def test_semicolon_separated_csv_from_vietnamese_excel_is_read(db):
    lines = [HEADER, ("SO", "Sở Lao động, Thương binh", ""), ("VP", "Văn phòng", "SO")]
    result = import_csv(lines, delimiter=";", bom=True)
    assert result.created == 2
    assert unit("SO").name == "Sở Lao động, Thương binh"
    assert unit("VP").parent.code == "SO"


def test_optional_short_name_and_kind_columns_are_imported(db):
    lines = [
        ("Code", "Name", "Parent", "Short_Name", "Kind"),
        ("SO", "Sở Lao động – Thương binh và Xã hội", "", "Sở LĐTBXH", "Department"),
    ]
    import_csv(lines)
    assert unit("SO").short_name == "Sở LĐTBXH"
    assert unit("SO").kind == Unit.Kind.DEPARTMENT


def test_xlsx_workbook_is_imported_with_numeric_codes_read_as_text(db):
    data = xlsx_bytes(
        [
            ("code", "name", "parent", "kind"),
            ("SO", "Sở Lao động", None, "department"),
            (101, "Trường Trung cấp nghề", "SO", "school"),
            (None, None, None, None),
            (102, "Trung tâm Dịch vụ việc làm", 101, None),
        ]
    )
    result = units_import(data=data, filename="Đơn vị.XLSX")
    assert result.created == 3
    assert unit("101").parent.code == "SO"
    assert unit("102").parent.code == "101"
    assert unit("101").kind == Unit.Kind.SCHOOL


def test_xlsx_errors_are_named_by_the_row_number_excel_shows(db):
    data = xlsx_bytes([HEADER, ("SO", "Sở", None), ("VP", "Văn phòng", "KHONG-CO")])
    with pytest.raises(ImportRefused) as refusal:
        units_import(data=data, filename="units.xlsx")
    assert [error.line for error in refusal.value.errors] == [3]
    assert not Unit.objects.exists()


def test_a_damaged_xlsx_is_refused_on_line_one(db):
    with pytest.raises(ImportRefused) as refusal:
        units_import(data=b"PK\x03\x04 not really a workbook", filename="units.xlsx")
    assert [str(error) for error in refusal.value.errors] == [
        "Line 1: The file is not a readable XLSX workbook."
    ]


def test_a_csv_that_is_not_utf8_is_refused_with_advice(db):
    # Excel's plain "CSV" on a Vietnamese Windows writes Windows-1258 (tones as combining marks).
    data = "code,name,parent\r\nVP,Văn pho\u0300ng,\r\n".encode("cp1258")
    with pytest.raises(ImportRefused) as refusal:
        units_import(data=data, filename="units.csv")
    assert "CSV UTF-8" in str(refusal.value)
    assert not Unit.objects.exists()


def test_other_file_types_are_refused(db):
    with pytest.raises(ImportRefused, match="Only CSV and XLSX"):
        units_import(data=b"code,name,parent\n", filename="units.pdf")


def test_missing_required_columns_are_named(db):
    refusal = refusal_of([("code", "ten"), ("SO", "Sở")])
    assert [str(error) for error in refusal.errors] == ["Line 1: Missing column(s): name, parent."]


def test_an_empty_file_is_refused(db):
    with pytest.raises(ImportRefused, match="empty"):
        units_import(data=b"", filename="units.csv")


def test_a_file_over_the_size_limit_is_refused(db, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    data = csv_bytes([HEADER]) + b"X" * (1024 * 1024)
    with pytest.raises(ImportRefused, match="larger than 1 MB"):
        units_import(data=data, filename="units.csv")


# Line numbers and refusals --------------------------------------------------------------------


def test_header_is_line_one_so_the_first_data_row_is_line_two(db):
    refusal = refusal_of([HEADER, ("SO", "", "")])
    assert [str(error) for error in refusal.errors] == ["Line 2: The name is empty."]


def test_blank_lines_are_skipped_but_still_counted(db):
    refusal = refusal_of([HEADER, ("SO", "Sở", ""), ("", "", ""), ("VP", "Văn phòng", "NOPE")])
    assert list(messages_by_line(refusal)) == [4]


def test_import_refuses_unknown_parent_and_names_the_line(tree):
    refusal = refusal_of([HEADER, ("VP", "Văn phòng", "DEPT"), ("KHTC", "Phòng KHTC", "NOPE")])
    assert [str(error) for error in refusal.errors] == [
        "Line 3: The parent unit NOPE is neither in the file nor stored."
    ]


def test_import_refuses_a_code_repeated_in_the_file_and_names_both_lines(db):
    refusal = refusal_of(
        [HEADER, ("SO", "Sở", ""), ("VP", "Văn phòng", "SO"), ("SO", "Sở (bản sao)", "")]
    )
    assert messages_by_line(refusal) == {4: "The code SO already appears on line 2."}


def test_import_refuses_a_cycle_inside_the_file_on_every_line_of_it(db):
    refusal = refusal_of(
        [HEADER, ("SO", "Sở", ""), ("A", "Phòng A", "B"), ("B", "Phòng B", "C"), ("C", "C", "A")]
    )
    assert set(messages_by_line(refusal)) == {3, 4, 5}
    assert messages_by_line(refusal)[3] == (
        "Unit A would end up inside itself (a cycle through its parent B)."
    )


def test_import_refuses_a_unit_that_is_its_own_parent(db):
    refusal = refusal_of([HEADER, ("SO", "Sở", "SO")])
    assert list(messages_by_line(refusal)) == [2]
    assert "cycle" in refusal.errors[0].message


def test_import_refuses_a_cycle_through_stored_units(tree):
    # Stored: DEPT > UNIT-A > UNIT-A1. Putting DEPT under UNIT-A1 would close a loop.
    before = snapshot()
    refusal = refusal_of([HEADER, ("UNIT-B", "Phòng B", "DEPT"), ("DEPT", "Sở", "UNIT-A1")])
    assert messages_by_line(refusal) == {
        3: "Unit DEPT would end up inside itself (a cycle through its parent UNIT-A1)."
    }
    assert snapshot() == before


def test_units_below_a_cycle_are_not_blamed_for_it(db):
    refusal = refusal_of(
        [HEADER, ("A", "Phòng A", "B"), ("B", "Phòng B", "A"), ("A1", "Tổ A1", "A")]
    )
    assert set(messages_by_line(refusal)) == {2, 3}


def test_import_refuses_an_empty_code_and_an_unknown_kind(db):
    refusal = refusal_of(
        [("code", "name", "parent", "kind"), ("", "Sở", "", ""), ("VP", "Văn phòng", "", "bureau")]
    )
    assert messages_by_line(refusal)[2] == "The code is empty."
    assert messages_by_line(refusal)[3].startswith("Unknown kind “bureau”")


def test_import_reports_every_bad_line_at_once_in_line_order(tree):
    refusal = refusal_of(
        [
            HEADER,
            ("OK", "Đơn vị tốt", "DEPT"),
            ("X1", "Không có cha", "NOPE"),
            ("X2", "", "DEPT"),
            ("OK", "Trùng mã", "DEPT"),
        ]
    )
    assert [error.line for error in refusal.errors] == [3, 4, 5]
    assert str(refusal).splitlines()[0].startswith("Line 3: ")


def test_nothing_is_saved_when_any_line_is_bad(tree):
    before = snapshot()
    refusal_of(
        [
            HEADER,
            ("NEW", "Đơn vị mới", "DEPT"),
            ("UNIT-B", "Tên mới của phòng B", "DEPT"),
            ("UNIT-A", "Phòng A chuyển sang B", "UNIT-B"),
            ("BAD", "Đơn vị lỗi", "NOPE"),
        ]
    )
    assert snapshot() == before
    assert not Unit.objects.filter(code="NEW").exists()
    assert unit("UNIT-B").name == "Phòng LĐTBXH huyện Mèo Vạc"
    assert unit("UNIT-A").parent.code == "DEPT"


# Updating -------------------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(tree):
    first = import_csv(NEW_BRANCH)
    counts = (Unit.objects.count(), AuditEntry.objects.count())
    paths = dict(Unit.objects.values_list("code", "path"))

    second = import_csv(NEW_BRANCH)

    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert (Unit.objects.count(), AuditEntry.objects.count()) == counts
    assert dict(Unit.objects.values_list("code", "path")) == paths


def test_reimporting_a_stored_tree_with_surrounding_spaces_counts_it_unchanged(tree):
    result = import_csv([HEADER, (" UNIT-A ", " Phòng LĐTBXH huyện Đồng Văn ", " DEPT ")])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_reimport_with_a_new_name_updates_only_that_unit(tree):
    result = import_csv(
        [
            HEADER,
            ("UNIT-A", "Phòng LĐTBXH huyện Đồng Văn (mới)", "DEPT"),
            ("UNIT-B", tree["b"].name, "DEPT"),
        ]
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert unit("UNIT-A").name == "Phòng LĐTBXH huyện Đồng Văn (mới)"
    assert list(Unit.objects.search("dong van (moi)").values_list("code", flat=True)) == ["UNIT-A"]


def test_reimport_with_a_changed_parent_moves_the_whole_subtree(tree):
    dept, a, a1, b = tree["dept"], tree["a"], tree["a1"], tree["b"]
    result = import_csv([HEADER, ("UNIT-A", a.name, "UNIT-B")])
    assert result.updated == 1
    assert unit("UNIT-A").path == tree_path(dept, b, a)
    assert unit("UNIT-A").depth == 2
    assert unit("UNIT-A1").path == tree_path(dept, b, a, a1)
    assert unit("UNIT-A1").depth == 3
    assert set(Unit.objects.filter(path__startswith=unit("UNIT-B").path).values_list(
        "code", flat=True
    )) == {"UNIT-B", "UNIT-A", "UNIT-A1"}  # fmt: skip


def test_reimport_that_swaps_a_parent_and_its_child_reorders_the_tree(tree):
    # Stored DEPT > UNIT-A > UNIT-A1 becomes DEPT > UNIT-A1 > UNIT-A in one file.
    dept, a, a1 = tree["dept"], tree["a"], tree["a1"]
    result = import_csv([HEADER, ("UNIT-A", a.name, "UNIT-A1"), ("UNIT-A1", a1.name, "DEPT")])
    assert result.updated == 2
    assert unit("UNIT-A1").path == tree_path(dept, a1)
    assert unit("UNIT-A").path == tree_path(dept, a1, a)
    assert unit("UNIT-A").depth == 2


def test_import_can_move_a_stored_unit_under_a_unit_created_by_the_same_file(tree):
    result = import_csv(
        [HEADER, ("UNIT-A", tree["a"].name, "NEW-HUB"), ("NEW-HUB", "Khối huyện", "DEPT")]
    )
    assert (result.created, result.updated) == (1, 1)
    hub = unit("NEW-HUB")
    assert unit("UNIT-A1").path == hub.path + tree_path(tree["a"], tree["a1"])[1:]
    assert unit("UNIT-A1").depth == 3


def test_reimport_can_make_a_unit_a_root(tree):
    import_csv([HEADER, ("UNIT-A", tree["a"].name, "")])
    assert unit("UNIT-A").parent is None
    assert unit("UNIT-A").path == tree_path(tree["a"])
    assert unit("UNIT-A1").path == tree_path(tree["a"], tree["a1"])
    assert unit("UNIT-A1").depth == 1


def test_imported_tree_moved_by_a_second_import_keeps_paths_consistent(db):
    import_csv([HEADER, ("R", "Gốc", ""), ("X", "X", "R"), ("X1", "X1", "X"), ("Y", "Y", "R")])
    import_csv([HEADER, ("R", "Gốc", ""), ("X", "X", "Y"), ("X1", "X1", "X"), ("Y", "Y", "R")])
    for stored in Unit.objects.all():
        expected = (stored.parent.path if stored.parent else "/") + f"{stored.pk:08d}/"
        assert stored.path == expected, stored.code
        assert stored.depth == expected.count("/") - 2
    assert unit("X1").path == tree_path(unit("R"), unit("Y"), unit("X"), unit("X1"))


def test_import_without_the_kind_column_keeps_the_stored_kind(tree):
    import_csv([HEADER, ("UNIT-A", "Tên mới", "DEPT")])
    assert unit("UNIT-A").kind == Unit.Kind.DIVISION


# Audit ----------------------------------------------------------------------------------------


def unit_audit(action):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Unit), action=action
    )


def test_import_writes_an_audit_row_for_each_created_unit(tree, officer):
    import_csv(NEW_BRANCH, actor=officer)
    created = unit_audit("import.create")
    assert sorted(created.values_list("object_id", flat=True)) == sorted(
        str(unit(code).pk) for code in ("PLD-DV", "XA-DV1", "ROOT2")
    )
    assert set(created.values_list("actor", flat=True)) == {officer.pk}
    entry = created.get(object_id=str(unit("XA-DV1").pk))
    assert entry.object_repr == "Xã Lũng Cú"
    assert entry.changes["code"] == [None, "XA-DV1"]
    assert entry.changes["name"] == [None, "Xã Lũng Cú"]
    assert entry.changes["parent"] == [None, "Phòng LĐTBXH huyện Đồng Văn"]


def test_import_writes_an_audit_row_with_old_and_new_values_for_each_updated_unit(tree, officer):
    import_csv(
        [HEADER, ("UNIT-A", "Phòng Đồng Văn", "UNIT-B"), ("UNIT-B", tree["b"].name, "DEPT")],
        actor=officer,
    )
    updated = unit_audit("import.update")
    assert updated.count() == 1
    entry = updated.get()
    assert entry.object_id == str(tree["a"].pk)
    assert entry.actor == officer
    assert entry.changes == {
        "name": ["Phòng LĐTBXH huyện Đồng Văn", "Phòng Đồng Văn"],
        "parent": ["Sở Lao động – Thương binh và Xã hội", "Phòng LĐTBXH huyện Mèo Vạc"],
    }


def test_unchanged_rows_write_no_audit_row(tree):
    import_csv([HEADER, ("UNIT-A", tree["a"].name, "DEPT")])
    assert not AuditEntry.objects.exists()


# Management command ---------------------------------------------------------------------------


def run_command(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_units", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_a_csv_file_and_reports_the_counts(tree, tmp_path):
    path = tmp_path / "đơn vị.csv"
    path.write_bytes(csv_bytes(NEW_BRANCH, bom=True))
    out, err = run_command(path)
    assert "Import finished: 3 created, 0 updated, 0 unchanged." in out
    assert err == ""
    assert unit("XA-DV1").parent.code == "PLD-DV"

    out, _err = run_command(path)
    assert "Import finished: 0 created, 0 updated, 3 unchanged." in out


def test_command_imports_an_xlsx_file(tree, tmp_path):
    path = tmp_path / "units.xlsx"
    path.write_bytes(xlsx_bytes([HEADER, ("VP", "Văn phòng Sở", "DEPT")]))
    out, _err = run_command(path)
    assert "1 created" in out
    assert unit("VP").parent == tree["dept"]


def test_command_audit_rows_have_no_actor(tree, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes([HEADER, ("VP", "Văn phòng Sở", "DEPT")]))
    run_command(path)
    assert unit_audit("import.create").get().actor is None


def test_command_refuses_a_bad_file_writing_each_bad_line_to_stderr(tree, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(
        csv_bytes(
            [
                HEADER,
                ("VP", "Văn phòng", "DEPT"),
                ("X1", "Không có cha", "NOPE"),
                ("X2", "", "DEPT"),
                ("DEPT", "Sở", "UNIT-A1"),
            ],
            delimiter=";",
        )
    )
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported."):
        call_command("import_units", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "Line 3: The parent unit NOPE is neither in the file nor stored.",
        "Line 4: The name is empty.",
        "Line 5: Unit DEPT would end up inside itself (a cycle through its parent UNIT-A1).",
    ]
    assert snapshot() == before


def test_command_names_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run_command(tmp_path / "missing.csv")


# Web upload -----------------------------------------------------------------------------------


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(client, data, name="units.csv", **extra):
    return client.post(reverse("import_units"), {"file": SimpleUploadedFile(name, data)}, **extra)


def test_officer_sees_the_upload_form_with_the_expected_columns(english_client, officer):
    english_client.force_login(officer)
    response = english_client.get(reverse("import_units"))
    assert response.status_code == 200
    page = response.content.decode()
    for column in ("code", "name", "parent", "short_name", "kind"):
        assert f"<code>{column}</code>" in page
    assert 'type="file"' in page


def test_officer_uploads_a_good_file_and_sees_the_counts(english_client, officer, tree):
    english_client.force_login(officer)
    response = upload(english_client, csv_bytes(NEW_BRANCH), follow=True)
    assert response.redirect_chain == [(reverse("import_units"), 302)]
    assert "Import finished: 3 created, 0 updated, 0 unchanged." in response.content.decode()
    assert unit("XA-DV1").parent.code == "PLD-DV"
    assert set(unit_audit("import.create").values_list("actor", flat=True)) == {officer.pk}


def test_officer_uploads_an_xlsx_file(english_client, officer, tree):
    english_client.force_login(officer)
    data = xlsx_bytes([HEADER, ("VP", "Văn phòng Sở", "DEPT")])
    response = upload(english_client, data, name="units.xlsx", follow=True)
    assert "1 created" in response.content.decode()
    assert unit("VP").parent == tree["dept"]


def test_refused_upload_lists_every_bad_line_and_saves_nothing(english_client, officer, tree):
    english_client.force_login(officer)
    before = snapshot()
    response = upload(
        english_client,
        csv_bytes(
            [HEADER, ("VP", "Văn phòng", "DEPT"), ("X1", "Lỗi", "NOPE"), ("VP", "Trùng", "DEPT")]
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="import-errors"' in page
    assert "2 problems found" in page
    assert "<li>Line 3: The parent unit NOPE is neither in the file nor stored.</li>" in page
    assert "<li>Line 4: The code VP already appears on line 2.</li>" in page
    assert "Nothing was imported." in page
    assert snapshot() == before


def test_upload_without_a_file_shows_the_form_again(english_client, officer, tree):
    english_client.force_login(officer)
    before = snapshot()
    # What a browser sends when no file was chosen: an empty, non-file "file" field.
    response = english_client.post(reverse("import_units"), {"file": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert 'id="import-errors"' not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["clerk_a", "viewer", "council", "approver"])
def test_only_officers_may_import_units(client, request, persona, tree):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    assert client.get(reverse("import_units")).status_code == 403
    assert upload(client, csv_bytes([HEADER, ("VP", "Văn phòng", "DEPT")])).status_code == 403
    assert snapshot() == before


def test_superuser_may_import_units(client, superuser, tree):
    client.force_login(superuser)
    assert upload(client, csv_bytes([HEADER, ("VP", "Văn phòng", "DEPT")])).status_code == 302
    assert unit("VP").parent == tree["dept"]
