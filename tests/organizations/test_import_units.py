"""Importing the unit tree from CSV or XLSX: through the service, the command and the web page."""

import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from organizations.access import units_where
from organizations.imports import units_import
from organizations.models import AuditEntry, Role, Unit
from organizations.tabular import ImportRefused
from tests.factories import MembershipFactory, UnitFactory, UserFactory, tree_path
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
    # Without ROOT2: a new top-level unit lies outside every officer's units.
    response = upload(english_client, csv_bytes(NEW_BRANCH[:3]), follow=True)
    assert response.redirect_chain == [(reverse("import_units"), 302)]
    assert "Import finished: 2 created, 0 updated, 0 unchanged." in response.content.decode()
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


# An officer of one district: the file is limited to the district -----------------------------


@pytest.fixture
def district_officer(tree):
    user = UserFactory(username="district_officer")
    MembershipFactory(user=user, unit=tree["a"], role=Role.OFFICER)
    return user


def import_as(user, lines):
    return units_import(
        data=csv_bytes(lines),
        filename="units.csv",
        actor=user,
        allowed_units=units_where(user, "directory.import"),
    )


def refusal_as(user, lines):
    with pytest.raises(ImportRefused) as refusal:
        import_as(user, lines)
    return [str(error) for error in refusal.value.errors]


def test_a_district_officer_adds_moves_and_renames_units_inside_the_district(
    tree, district_officer
):
    result = import_as(
        district_officer,
        [
            HEADER,
            ("XA-MOI", "Xã Sủng Là", "UNIT-A"),
            ("TO-1", "Tổ công tác 1", "XA-MOI"),
            ("UNIT-A1", "Xã Lũng Cú (mới)", "XA-MOI"),
            # Its own top unit keeps its parent: only the unit itself is touched.
            ("UNIT-A", "Phòng Đồng Văn", "DEPT"),
        ],
    )
    assert (result.created, result.updated) == (2, 2)
    assert unit("UNIT-A1").parent.code == "XA-MOI"
    assert unit("TO-1").path.startswith(unit("UNIT-A").path)
    assert unit("UNIT-A").name == "Phòng Đồng Văn"


def test_a_district_officer_cannot_take_another_districts_unit(tree, district_officer):
    before = snapshot()
    assert refusal_as(district_officer, [HEADER, ("UNIT-B", tree["b"].name, "UNIT-A")]) == [
        "Line 2: The unit UNIT-B is outside your units."
    ]
    assert snapshot() == before


def test_a_district_officer_cannot_rename_the_department(tree, district_officer):
    assert refusal_as(district_officer, [HEADER, ("DEPT", "Sở mới", "")]) == [
        "Line 2: The unit DEPT is outside your units."
    ]


def test_a_district_officer_cannot_move_a_unit_out_of_the_district(tree, district_officer):
    before = snapshot()
    assert refusal_as(district_officer, [HEADER, ("UNIT-A1", tree["a1"].name, "UNIT-B")]) == [
        "Line 2: The parent unit UNIT-B is outside your units."
    ]
    assert snapshot() == before


def test_a_district_officer_cannot_move_the_district_itself(tree, district_officer):
    # UNIT-A is inside the officer's units, but its current parent DEPT is not.
    assert refusal_as(district_officer, [HEADER, ("UNIT-A", tree["a"].name, "UNIT-B")]) == [
        "Line 2: The parent unit UNIT-B is outside your units.",
        "Line 2: The current parent unit DEPT is outside your units.",
    ]
    assert refusal_as(district_officer, [HEADER, ("UNIT-A", tree["a"].name, "")]) == [
        "Line 2: A unit without a parent would lie outside your units.",
        "Line 2: The current parent unit DEPT is outside your units.",
    ]


def test_a_new_unit_under_a_new_unit_outside_the_district_is_refused(tree, district_officer):
    assert refusal_as(
        district_officer,
        [HEADER, ("HUB", "Khối mới", "UNIT-B"), ("XA-X", "Xã X", "HUB"), ("OK", "Tổ", "UNIT-A1")],
    ) == [
        "Line 2: The parent unit UNIT-B is outside your units.",
        "Line 3: The parent unit HUB is outside your units.",
    ]
    assert not Unit.objects.filter(code="OK").exists()


def test_only_the_command_line_and_superusers_add_a_top_level_unit(
    tree, officer, district_officer, superuser
):
    for user in (officer, district_officer):
        assert refusal_as(user, [HEADER, ("ROOT2", "Ban Thi đua tỉnh", "")]) == [
            "Line 2: A unit without a parent would lie outside your units."
        ]
    assert import_as(superuser, [HEADER, ("ROOT2", "Ban Thi đua tỉnh", "")]).created == 1
    assert import_csv([HEADER, ("ROOT3", "Ban khác", "")]).created == 1


def test_a_department_officer_may_move_units_between_districts(tree, officer):
    assert import_as(officer, [HEADER, ("UNIT-A1", tree["a1"].name, "UNIT-B")]).updated == 1
    assert unit("UNIT-A1").parent == tree["b"]


def test_the_upload_page_limits_a_district_officer_to_the_district(
    english_client, district_officer, tree
):
    english_client.force_login(district_officer)
    before = snapshot()
    response = upload(english_client, csv_bytes([HEADER, ("UNIT-B", "Phòng B", "UNIT-A")]))
    assert "<li>Line 2: The unit UNIT-B is outside your units.</li>" in response.content.decode()
    assert snapshot() == before


# Cells the database could not store -------------------------------------------------------------


def test_a_code_or_name_longer_than_the_database_holds_is_refused_on_its_line(tree):
    refusal = refusal_of(
        [
            ("code", "name", "parent", "short_name"),
            ("X" * 33, "Đơn vị", "DEPT", ""),
            ("OK", "N" * 256, "DEPT", ""),
            ("OK2", "Đơn vị", "DEPT", "S" * 101),
        ]
    )
    assert [str(error) for error in refusal.errors] == [
        "Line 2: code: 33 characters, more than the 32 allowed.",
        "Line 3: name: 256 characters, more than the 255 allowed.",
        "Line 4: short_name: 101 characters, more than the 100 allowed.",
    ]
    assert not Unit.objects.filter(code__in=["OK", "OK2"]).exists()


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        ("VP", "Văn\x00 phòng", "name: contains the control character U+0000"),
        ("V\u200bP", "Văn phòng", "code: contains the invisible character U+200B"),
        ("VP", "Văn \u202ephòng", "name: contains the text-direction control character U+202E"),
        ("VP\u2066", "Văn phòng", "code: contains the text-direction control character U+2066"),
    ],
)
def test_control_invisible_and_direction_characters_are_refused_on_their_line(
    tree, code, name, expected
):
    refusal = refusal_of([HEADER, ("OK", "Đơn vị tốt", "DEPT"), (code, name, "DEPT")])
    assert [error.line for error in refusal.errors] == [3]
    assert refusal.errors[0].message.startswith(expected)
    assert not Unit.objects.filter(code="OK").exists()


def test_invisible_characters_around_a_code_are_dropped(tree):
    import_csv([HEADER, ("\u200bVP\ufeff", "\u200bVăn phòng ", "DEPT\u200b")])
    assert unit("VP").name == "Văn phòng"
    assert unit("VP").parent == tree["dept"]


def test_a_unit_created_by_another_import_meanwhile_is_refused_on_its_line(tree, monkeypatch):
    from organizations.imports import units as module

    checked = module._tree_errors

    def another_import_commits_meanwhile(*args):
        UnitFactory(code="VP", name="Văn phòng (the other file)", parent=tree["dept"])
        return checked(*args)

    monkeypatch.setattr(module, "_tree_errors", another_import_commits_meanwhile)
    refusal = refusal_of([HEADER, ("NEW", "Mới", "DEPT"), ("VP", "Văn phòng", "DEPT")])
    assert [str(error) for error in refusal.errors] == [
        "Line 3: VP was created by someone else while this file was being imported; nothing "
        "was imported. Import the file again to update it."
    ]
    assert not Unit.objects.filter(code="NEW").exists()


# The command as an account ----------------------------------------------------------------------


def test_command_with_an_actor_names_it_in_the_log_and_keeps_to_its_units(
    tree, tmp_path, district_officer
):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes([HEADER, ("XA-MOI", "Xã mới", "UNIT-A")]))
    call_command("import_units", str(path), "--actor", "district_officer", stdout=io.StringIO())
    assert unit_audit("import.create").get().actor == district_officer

    path.write_bytes(csv_bytes([HEADER, ("UNIT-B", "Phòng B", "UNIT-A")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported."):
        call_command("import_units", str(path), "--actor", "district_officer",
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().splitlines() == ["Line 2: The unit UNIT-B is outside your units."]


@pytest.mark.parametrize(
    ("username", "message"), [("nobody", "No active account"), ("clerk_a", "holds no role")]
)
def test_command_refuses_an_actor_that_may_not_import(tree, clerk_a, tmp_path, username, message):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes([HEADER, ("VP", "Văn phòng", "DEPT")]))
    with pytest.raises(CommandError, match=message):
        call_command("import_units", str(path), "--actor", username, stdout=io.StringIO())
    assert not Unit.objects.filter(code="VP").exists()


def test_command_without_an_actor_names_the_system_user_in_the_audit_reason(
    tree, tmp_path, monkeypatch
):
    monkeypatch.setattr("getpass.getuser", lambda: "thidua-ops")
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes([HEADER, ("VP", "Văn phòng", "DEPT")]))
    run_command(path)
    entry = unit_audit("import.create").get()
    assert (entry.actor, entry.reason) == (None, "command line import by thidua-ops")


# Queries: the same whatever the file's length ----------------------------------------------


@pytest.mark.parametrize("count", [10, 200])
def test_an_import_costs_the_same_queries_for_10_or_200_lines(
    tree, officer, count, django_assert_max_num_queries
):
    lines = [HEADER, *((f"N{i}", f"Đơn vị {i}", "UNIT-A" if i % 2 else "DEPT")
                       for i in range(count))]  # fmt: skip
    # The officer's roles and units, the stored tree, a savepoint and its release, the insert,
    # the new keys, the parents and paths, the audit's content type (unless cached), the audit.
    with django_assert_max_num_queries(10):
        assert import_as(officer, lines).created == count
    moved = [HEADER, *((f"N{i}", f"Đơn vị {i} (mới)", "UNIT-B") for i in range(count))]
    # The same less the roles (read once per user), the insert and its keys.
    with django_assert_max_num_queries(7):
        assert import_as(officer, moved).updated == count
