"""Importing staff lists from CSV or XLSX: through the service, the command and the web page."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from organizations.access import units_where
from organizations.imports import people_import
from organizations.models import AuditEntry, Person, Role
from organizations.tabular import ImportRefused, years_from_today
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the default language and catalogues."""
    with translation.override("en"):
        yield


def import_csv(lines, *, actor=None, **options):
    return people_import(data=csv_bytes(lines, **options), filename="people.csv", actor=actor)


def refusal_of(lines, **options):
    with pytest.raises(ImportRefused) as refusal:
        import_csv(lines, **options)
    return refusal.value


def messages_by_line(refusal):
    return {error.line: error.message for error in refusal.errors}


def person(code):
    return Person.objects.select_related("unit").get(code=code)


def snapshot():
    """Everything an import could change, to prove that a refused import changed nothing."""
    return (
        sorted(
            Person.objects.values_list(
                "code", "full_name", "sex", "position", "unit__code", "sector_start",
                "date_of_birth",
            )
        ),
        AuditEntry.objects.count(),
    )  # fmt: skip


HEADER = ("code", "unit", "full_name", "sex", "position", "sector_start")
HEADER_WITH_BIRTH = (*HEADER, "date_of_birth")
STAFF = [
    HEADER_WITH_BIRTH,
    ("NV027", "UNIT-A", "Sùng Mí Páo", "M", "Trưởng phòng", "2004-03-01", "01/01/1978"),
    ("NV028", "UNIT-A", "Vàng Thị Mỷ", "Nữ", "Chuyên viên", "01/03/2014", "1991-04-22"),
    ("NV029", "UNIT-A1", "Thào Văn Chứ", "Nam", "Công chức xã", "", ""),
]


# Reading files ----------------------------------------------------------------------------------


def test_good_csv_creates_people_in_their_units(tree):
    result = import_csv(STAFF)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    pao = person("NV027")
    assert pao.full_name == "Sùng Mí Páo"
    assert pao.unit == tree["a"]
    assert pao.sex == Person.Sex.MALE
    assert pao.position == "Trưởng phòng"
    assert person("NV029").unit == tree["a1"]


def test_dates_are_read_as_year_month_day_and_as_day_month_year(tree):
    import_csv(STAFF)
    assert person("NV027").sector_start == date(2004, 3, 1)
    assert person("NV027").date_of_birth == date(1978, 1, 1)
    assert person("NV028").sector_start == date(2014, 3, 1)
    assert person("NV028").date_of_birth == date(1991, 4, 22)


def test_empty_dates_are_stored_as_unknown(tree):
    import_csv(STAFF)
    assert person("NV029").sector_start is None
    assert person("NV029").date_of_birth is None


@pytest.mark.parametrize(
    ("written", "stored"),
    [("M", "M"), ("f", "F"), ("Nam", "M"), ("Nữ", "F"), ("NỮ", "F"), ("nu", "F"), ("Male", "M")],
)
def test_sex_is_read_in_vietnamese_and_english(tree, written, stored):
    import_csv([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", written, "", "")])
    assert person("NV1").sex == stored


def test_full_names_are_trimmed_and_inner_spaces_collapsed(tree):
    import_csv([HEADER, (" NV1 ", " UNIT-A ", "  Lò   Thị  Xuân ", "F", " Điều dưỡng ", "")])
    assert person("NV1").full_name == "Lò Thị Xuân"
    assert person("NV1").position == "Điều dưỡng"


def test_csv_with_a_utf8_bom_is_read_like_plain_utf8(tree):
    result = import_csv(STAFF, bom=True)
    assert result.created == 3
    assert person("NV028").full_name == "Vàng Thị Mỷ"


def test_semicolon_separated_csv_from_vietnamese_excel_is_read(tree):
    lines = [HEADER, ("NV1", "UNIT-B", "Ly Thị Dính", "F", "Chuyên viên, kế toán", "15/06/2015")]
    result = import_csv(lines, delimiter=";", bom=True)
    assert result.created == 1
    assert person("NV1").position == "Chuyên viên, kế toán"
    assert person("NV1").sector_start == date(2015, 6, 15)


def test_column_names_are_matched_whatever_their_case(tree):
    header = tuple(column.upper() for column in HEADER)
    import_csv([header, ("NV1", "UNIT-B", "Ly Thị Dính", "F", "", "")])
    assert person("NV1").unit == tree["b"]


def test_xlsx_workbook_is_imported_with_real_date_cells_and_numeric_codes(tree):
    data = xlsx_bytes(
        [
            HEADER_WITH_BIRTH,
            (1001, "UNIT-A", "Sùng Mí Páo", "M", "Trưởng phòng", date(2004, 3, 1),
             datetime(1978, 1, 1)),
            ("NV028", "UNIT-A", "Vàng Thị Mỷ", "Nữ", None, "01/03/2014", "1991-04-22"),
        ]
    )  # fmt: skip
    result = people_import(data=data, filename="Danh sách.xlsx")
    assert result.created == 2
    assert person("1001").sector_start == date(2004, 3, 1)
    assert person("1001").date_of_birth == date(1978, 1, 1)
    assert person("NV028").sector_start == date(2014, 3, 1)
    assert person("NV028").position == ""

    again = people_import(data=data, filename="Danh sách.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_xlsx_errors_are_named_by_the_row_number_excel_shows(tree):
    data = xlsx_bytes(
        [HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", None, None),
         (None, None, None, None, None, None),
         ("NV2", "KHONG-CO", "Chu Thị Nga", "F", None, None)]
    )  # fmt: skip
    with pytest.raises(ImportRefused) as refusal:
        people_import(data=data, filename="people.xlsx")
    assert [str(error) for error in refusal.value.errors] == [
        "Line 4: Unknown unit code “KHONG-CO”."
    ]
    assert not Person.objects.exists()


def test_missing_required_columns_are_named(tree):
    refusal = refusal_of([("code", "unit", "full_name"), ("NV1", "UNIT-A", "Lò Thị Xuân")])
    assert [str(error) for error in refusal.errors] == [
        "Line 1: Missing column(s): sex, position, sector_start."
    ]


# Line numbers and refusals --------------------------------------------------------------------


def test_header_is_line_one_so_the_first_data_row_is_line_two(tree):
    refusal = refusal_of([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "X", "", "")])
    assert list(messages_by_line(refusal)) == [2]


def test_import_refuses_an_unknown_unit_and_names_the_line(tree):
    refusal = refusal_of(
        [HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", ""),
         ("NV2", "PLD-XX", "Chu Thị Nga", "F", "", "")]
    )  # fmt: skip
    assert [str(error) for error in refusal.errors] == ["Line 3: Unknown unit code “PLD-XX”."]


def test_import_refuses_an_empty_unit(tree):
    refusal = refusal_of([HEADER, ("NV1", "", "Lò Thị Xuân", "F", "", "")])
    assert messages_by_line(refusal) == {2: "Unknown unit code “”."}


@pytest.mark.parametrize("sex", ["X", "", "Không rõ", "0"])
def test_import_refuses_a_bad_sex_and_names_the_line(tree, sex):
    refusal = refusal_of(
        [HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", ""),
         ("NV2", "UNIT-A", "Chu Thị Nga", sex, "", "")]
    )  # fmt: skip
    assert messages_by_line(refusal) == {3: f"sex: “{sex}” is not a sex (use M or F, Nam or Nữ)."}


@pytest.mark.parametrize(
    "bad_date",
    ["2024-02-30", "2024-13-01", "30/02/2024", "31/13/2024", "01.03.2014", "hôm qua", "2014"],
)
def test_import_refuses_a_bad_date_in_either_format_and_names_the_line(tree, bad_date):
    refusal = refusal_of(
        [HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", "2019-03-01"),
         ("NV2", "UNIT-A", "Chu Thị Nga", "F", "", bad_date)]
    )  # fmt: skip
    assert messages_by_line(refusal) == {
        3: f"sector_start: “{bad_date}” is not a date (use YYYY-MM-DD or DD/MM/YYYY)."
    }


def test_import_refuses_a_bad_date_of_birth(tree):
    refusal = refusal_of(
        [HEADER_WITH_BIRTH, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", "", "32/01/1997")]
    )
    assert messages_by_line(refusal)[2].startswith("date_of_birth: “32/01/1997” is not a date")


def test_import_refuses_an_empty_full_name(tree):
    refusal = refusal_of([HEADER, ("NV1", "UNIT-A", "   ", "F", "", "")])
    assert messages_by_line(refusal) == {2: "The full name is empty."}


def test_import_refuses_an_empty_code(tree):
    refusal = refusal_of([HEADER, ("", "UNIT-A", "Lò Thị Xuân", "F", "", "")])
    assert messages_by_line(refusal) == {2: "The code is empty."}


def test_import_refuses_a_code_repeated_in_the_file_and_names_both_lines(tree):
    refusal = refusal_of(
        [HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", ""),
         ("NV2", "UNIT-A", "Chu Thị Nga", "F", "", ""),
         ("NV1", "UNIT-B", "Lò Thị Xuân", "F", "", "")]
    )  # fmt: skip
    assert messages_by_line(refusal) == {4: "The code NV1 already appears on line 2."}


def test_import_reports_every_problem_of_every_line_in_line_order(tree):
    refusal = refusal_of(
        [HEADER, ("NV1", "NOPE", "Lò Thị Xuân", "?", "", "hôm qua"),
         ("NV2", "UNIT-A", "Chu Thị Nga", "F", "", ""),
         ("NV3", "UNIT-A", "", "F", "", "")]
    )  # fmt: skip
    assert [error.line for error in refusal.errors] == [2, 2, 2, 4]
    assert str(refusal).splitlines() == [
        "Line 2: Unknown unit code “NOPE”.",
        "Line 2: sex: “?” is not a sex (use M or F, Nam or Nữ).",
        "Line 2: sector_start: “hôm qua” is not a date (use YYYY-MM-DD or DD/MM/YYYY).",
        "Line 4: The full name is empty.",
    ]


def test_nothing_is_saved_when_any_line_is_bad(tree, person_a, person_b):
    before = snapshot()
    refusal_of(
        [
            HEADER,
            ("NEW1", "UNIT-A", "Lò Thị Xuân", "F", "", ""),
            ("PA1", "UNIT-B", "Vàng Thị Mỷ", "F", "Phó trưởng phòng", "2014-03-01"),
            ("PB1", "UNIT-B", "Ly Thị Dính (mới)", "F", "Chuyên viên", ""),
            ("BAD", "UNIT-A", "Chu Thị Nga", "F", "", "30/02/2020"),
        ]
    )
    assert snapshot() == before
    assert not Person.objects.filter(code="NEW1").exists()
    assert person("PA1").unit == tree["a"]
    assert person("PB1").full_name == "Ly Thị Dính"


# Updating -------------------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(tree):
    first = import_csv(STAFF)
    counts = (Person.objects.count(), AuditEntry.objects.count())
    second = import_csv(STAFF)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert (Person.objects.count(), AuditEntry.objects.count()) == counts


def test_reimport_writing_the_same_dates_the_other_way_counts_as_unchanged(tree):
    import_csv(STAFF)
    rewritten = [
        HEADER_WITH_BIRTH,
        ("NV027", "UNIT-A", "Sùng Mí Páo", "Nam", "Trưởng phòng", "01/03/2004", "1978-01-01"),
        ("NV028", "UNIT-A", "Vàng Thị Mỷ", "F", "Chuyên viên", "2014-03-01", "22/04/1991"),
        ("NV029", "UNIT-A1", "Thào Văn Chứ", "m", "Công chức xã", "", ""),
    ]
    result = import_csv(rewritten, delimiter=";")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_reimport_updates_changed_people_and_keeps_columns_that_are_not_in_the_file(tree):
    import_csv(STAFF)
    result = import_csv(
        [
            HEADER,
            ("NV027", "UNIT-B", "Sùng Mí Páo", "M", "Phó Trưởng phòng", "2004-03-01"),
            ("NV028", "UNIT-A", "Vàng Thị Mỷ", "F", "Chuyên viên", "2014-03-01"),
        ]
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert person("NV027").unit == tree["b"]
    assert person("NV027").position == "Phó Trưởng phòng"
    # date_of_birth is not a column of this file, so the stored one stays.
    assert person("NV027").date_of_birth == date(1978, 1, 1)
    assert Person.objects.count() == 3


def test_imported_people_are_found_without_diacritics_and_listed_by_given_name(tree):
    import_csv(STAFF)
    assert list(Person.objects.search("vang thi my").values_list("code", flat=True)) == ["NV028"]
    assert list(Person.objects.values_list("full_name", flat=True)) == [
        "Thào Văn Chứ", "Vàng Thị Mỷ", "Sùng Mí Páo",
    ]  # fmt: skip


# Audit ----------------------------------------------------------------------------------------


def person_audit(action):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), action=action
    )


def test_import_writes_an_audit_row_for_each_created_person(tree, officer):
    import_csv(STAFF, actor=officer)
    created = person_audit("import.create")
    assert sorted(created.values_list("object_repr", flat=True)) == [
        "Sùng Mí Páo", "Thào Văn Chứ", "Vàng Thị Mỷ",
    ]  # fmt: skip
    assert set(created.values_list("actor", flat=True)) == {officer.pk}
    entry = created.get(object_id=str(person("NV028").pk))
    assert entry.changes["code"] == [None, "NV028"]
    assert entry.changes["sex"] == [None, "F"]
    assert entry.changes["sector_start"] == [None, "2014-03-01"]
    assert entry.changes["date_of_birth"] == [None, "1991-04-22"]


def test_import_writes_an_audit_row_with_old_and_new_values_for_each_updated_person(
    tree, officer, person_a, person_b
):
    import_csv(
        [
            HEADER,
            ("PA1", "UNIT-B", person_a.full_name, "F", person_a.position, "2014-03-01"),
            ("PB1", "UNIT-B", person_b.full_name, "F", person_b.position, ""),
        ],
        actor=officer,
    )
    updated = person_audit("import.update")
    assert updated.count() == 1
    entry = updated.get()
    assert entry.object_id == str(person_a.pk)
    assert entry.actor == officer
    assert entry.changes == {
        "unit_id": [str(tree["a"].pk), str(tree["b"].pk)],
        "sector_start": [None, "2014-03-01"],
    }


def test_updated_person_shows_the_import_in_their_history(client, officer, tree, person_a):
    import_csv(
        [HEADER, ("PA1", "UNIT-A", person_a.full_name, "F", "Trưởng phòng", "")], actor=officer
    )
    client.force_login(officer)
    response = client.get(reverse("person_detail", args=[person_a.pk]))
    assert "import.update" in [entry.action for entry in response.context["history"]]


def test_unchanged_rows_write_no_audit_row(tree, person_a):
    import_csv([HEADER, ("PA1", "UNIT-A", person_a.full_name, "F", person_a.position, "")])
    assert not AuditEntry.objects.exists()


# Management command ---------------------------------------------------------------------------


def run_command(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_people", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_a_csv_file_and_reports_the_counts(tree, tmp_path):
    path = tmp_path / "danh sách.csv"
    path.write_bytes(csv_bytes(STAFF, bom=True, delimiter=";"))
    out, err = run_command(path)
    assert "Import finished: 3 created, 0 updated, 0 unchanged." in out
    assert err == ""
    assert person("NV029").unit == tree["a1"]

    out, _err = run_command(path)
    assert "Import finished: 0 created, 0 updated, 3 unchanged." in out
    assert Person.objects.count() == 3


def test_command_imports_an_xlsx_file(tree, tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_bytes(xlsx_bytes([HEADER, ("NV1", "UNIT-B", "Ly Thị Dính", "Nữ", None, None)]))
    out, _err = run_command(path)
    assert "1 created" in out
    assert person("NV1").unit == tree["b"]


def test_command_refuses_a_bad_file_writing_each_bad_line_to_stderr(tree, person_a, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes(
            [
                HEADER,
                ("PA1", "UNIT-B", person_a.full_name, "F", "Trưởng phòng", ""),
                ("NV2", "NOPE", "Chu Thị Nga", "F", "", ""),
                ("NV3", "UNIT-A", "Lò Thị Xuân", "X", "", ""),
                ("NV4", "UNIT-A", "Tạ Văn Sơn", "M", "", "31/02/2010"),
            ]
        )
    )
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported."):
        call_command("import_people", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "Line 3: Unknown unit code “NOPE”.",
        "Line 4: sex: “X” is not a sex (use M or F, Nam or Nữ).",
        "Line 5: sector_start: “31/02/2010” is not a date (use YYYY-MM-DD or DD/MM/YYYY).",
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


def upload(client, data, name="people.csv", **extra):
    return client.post(reverse("import_people"), {"file": SimpleUploadedFile(name, data)}, **extra)


def test_officer_sees_the_upload_form_with_the_expected_columns(english_client, officer):
    english_client.force_login(officer)
    response = english_client.get(reverse("import_people"))
    assert response.status_code == 200
    page = response.content.decode()
    for column in (*HEADER, "date_of_birth"):
        assert f"<code>{column}</code>" in page


def test_officer_uploads_a_good_file_and_sees_the_counts(english_client, officer, tree):
    english_client.force_login(officer)
    response = upload(english_client, csv_bytes(STAFF, bom=True), follow=True)
    assert response.redirect_chain == [(reverse("import_people"), 302)]
    assert "Import finished: 3 created, 0 updated, 0 unchanged." in response.content.decode()
    assert person("NV028").sector_start == date(2014, 3, 1)
    assert set(person_audit("import.create").values_list("actor", flat=True)) == {officer.pk}


def test_officer_uploads_an_xlsx_file(english_client, officer, tree):
    english_client.force_login(officer)
    data = xlsx_bytes([HEADER, ("NV1", "UNIT-B", "Ly Thị Dính", "F", None, date(2015, 6, 1))])
    response = upload(english_client, data, name="people.xlsx", follow=True)
    assert "1 created" in response.content.decode()
    assert person("NV1").sector_start == date(2015, 6, 1)


def test_refused_upload_lists_every_bad_line_and_saves_nothing(
    english_client, officer, tree, person_a
):
    english_client.force_login(officer)
    before = snapshot()
    response = upload(
        english_client,
        csv_bytes(
            [
                HEADER,
                ("PA1", "UNIT-B", person_a.full_name, "F", "Trưởng phòng", ""),
                ("NV2", "NOPE", "Chu Thị Nga", "F", "", ""),
                ("NV3", "UNIT-A", "Lò Thị Xuân", "F", "", "2020-02-30"),
            ]
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="import-errors"' in page
    assert "2 problems found" in page
    assert "<li>Line 3: Unknown unit code “NOPE”.</li>" in page
    assert "<li>Line 4: sector_start: “2020-02-30” is not a date" in page
    assert "Nothing was imported." in page
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["clerk_a", "clerk_b", "viewer"])
def test_only_officers_may_import_people(client, request, persona, tree):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    assert client.get(reverse("import_people")).status_code == 403
    data = csv_bytes([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", "")])
    assert upload(client, data).status_code == 403
    assert snapshot() == before


# An officer of one district: the file is limited to the district -----------------------------


@pytest.fixture
def district_officer(tree):
    user = UserFactory(username="district_officer")
    MembershipFactory(user=user, unit=tree["a"], role=Role.OFFICER)
    return user


def import_as(user, lines):
    return people_import(
        data=csv_bytes(lines),
        filename="people.csv",
        actor=user,
        allowed_units=units_where(user, "directory.import"),
    )


def refusal_as(user, lines):
    with pytest.raises(ImportRefused) as refusal:
        import_as(user, lines)
    return [str(error) for error in refusal.value.errors]


@pytest.fixture
def director(tree):
    return PersonFactory(code="GD01", full_name="Hoàng Văn Thụ", unit=tree["dept"])


def test_a_district_officer_adds_and_updates_staff_of_the_district(
    tree, district_officer, person_a
):
    result = import_as(
        district_officer,
        [HEADER, ("NV1", "UNIT-A1", "Lò Thị Xuân", "F", "", ""),
         ("PA1", "UNIT-A1", person_a.full_name, "F", "Công chức xã", "")],
    )  # fmt: skip
    assert (result.created, result.updated) == (1, 1)
    assert person("PA1").unit == tree["a1"]


def test_a_district_officer_cannot_rename_department_staff(tree, district_officer, director):
    before = snapshot()
    lines = [HEADER, ("GD01", "UNIT-A", "Kẻ Mạo Danh", "M", "", "")]
    assert refusal_as(district_officer, lines) == [
        "Line 2: GD01 works in DEPT, outside your units."
    ]
    assert snapshot() == before


def test_a_district_officer_cannot_move_staff_out_of_or_into_the_district(
    tree, district_officer, person_a, person_b
):
    before = snapshot()
    assert refusal_as(
        district_officer,
        [HEADER, ("PA1", "UNIT-B", person_a.full_name, "F", "", ""),
         ("PB1", "UNIT-A", person_b.full_name, "F", "", ""),
         ("NV9", "DEPT", "Chu Thị Nga", "F", "", "")],
    ) == [
        "Line 2: The unit UNIT-B is outside your units.",
        "Line 3: PB1 works in UNIT-B, outside your units.",
        "Line 4: The unit DEPT is outside your units.",
    ]  # fmt: skip
    assert snapshot() == before


def test_the_upload_page_limits_a_district_officer_to_the_district(
    english_client, district_officer, tree, director
):
    english_client.force_login(district_officer)
    before = snapshot()
    response = upload(english_client, csv_bytes([HEADER, ("GD01", "UNIT-A", "X", "M", "", "")]))
    assert "<li>Line 2: GD01 works in DEPT, outside your units.</li>" in response.content.decode()
    assert snapshot() == before


# Cells the database could not store -------------------------------------------------------------


def test_texts_longer_than_the_database_holds_are_refused_on_their_line(tree):
    refusal = refusal_of(
        [
            HEADER,
            ("N" * 33, "UNIT-A", "Lò Thị Xuân", "F", "", ""),
            ("NV2", "UNIT-A", "Chu " * 110, "F", "", ""),
            ("NV3", "UNIT-A", "Tạ Văn Sơn", "M", "P" * 201, ""),
        ]
    )
    assert [str(error) for error in refusal.errors] == [
        "Line 2: code: 33 characters, more than the 32 allowed.",
        "Line 3: full_name: 439 characters, more than the 200 allowed.",
        "Line 4: position: 201 characters, more than the 200 allowed.",
    ]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("column", "value"),
    [("sector_start", "31/12/1899"), ("sector_start", "01/01/2204"),
     ("date_of_birth", "1850-06-01"), ("date_of_birth", datetime(1098, 3, 1))],
)  # fmt: skip
def test_dates_outside_a_plausible_range_are_refused_on_their_line(tree, column, value):
    cells = {"sector_start": "", "date_of_birth": "", column: value}
    lines = [HEADER_WITH_BIRTH,
             ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", cells["sector_start"],
              cells["date_of_birth"])]  # fmt: skip
    data = xlsx_bytes(lines) if isinstance(value, datetime) else csv_bytes(lines)
    with pytest.raises(ImportRefused) as refusal:
        people_import(data=data, filename="p.xlsx" if isinstance(value, datetime) else "p.csv")
    [error] = refusal.value.errors
    assert error.line == 2
    assert error.message.startswith(f"{column}: ")
    assert " is outside 1900-01-01 – " in error.message
    assert not Person.objects.exists()


def test_the_first_and_last_plausible_dates_are_accepted_and_the_day_after_refused(tree):
    last = years_from_today(1)
    line = ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", last.isoformat(), "1900-01-01")
    import_csv([HEADER_WITH_BIRTH, line])
    assert (person("NV1").sector_start, person("NV1").date_of_birth) == (last, date(1900, 1, 1))
    after = (last + timedelta(days=1)).isoformat()
    refusal = refusal_of([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", after)])
    assert list(messages_by_line(refusal)) == [2]


def test_a_nul_byte_in_any_cell_is_refused_on_its_line(tree):
    refusal = refusal_of([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "Chuyên\x00viên", "")])
    assert [str(error) for error in refusal.errors] == [
        "Line 2: position: contains the control character U+0000; retype the cell."
    ]


def test_a_person_created_by_another_import_meanwhile_is_refused_on_its_line(tree, monkeypatch):
    from organizations.imports import people as module

    names = module._names

    def another_import_commits_meanwhile(row, problems):
        if row.line == 2:
            PersonFactory(code="NV2", full_name="Chu Thị Nga", unit=tree["b"])
        return names(row, problems)

    monkeypatch.setattr(module, "_names", another_import_commits_meanwhile)
    refusal = refusal_of([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", ""),
                          ("NV2", "UNIT-A", "Chu Thị Nga", "F", "", "")])  # fmt: skip
    assert [str(error) for error in refusal.errors] == [
        "Line 3: NV2 was created by someone else while this file was being imported; nothing "
        "was imported. Import the file again to update it."
    ]
    assert not Person.objects.filter(code="NV1").exists()


# The command as an account ----------------------------------------------------------------------


def test_command_with_an_actor_names_it_in_the_log_and_keeps_to_its_units(
    tree, tmp_path, district_officer, director
):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", "")]))
    call_command("import_people", str(path), "--actor", "district_officer", stdout=io.StringIO())
    assert person_audit("import.create").get().actor == district_officer

    path.write_bytes(csv_bytes([HEADER, ("GD01", "UNIT-A", "Kẻ Mạo Danh", "M", "", "")]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", str(path), "--actor", "district_officer",
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().splitlines() == ["Line 2: GD01 works in DEPT, outside your units."]


def test_command_without_an_actor_names_the_system_user_in_the_audit_reason(
    tree, tmp_path, monkeypatch
):
    monkeypatch.setattr("getpass.getuser", lambda: "thidua-ops")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([HEADER, ("NV1", "UNIT-A", "Lò Thị Xuân", "F", "", "")]))
    run_command(path)
    entry = person_audit("import.create").get()
    assert (entry.actor, entry.reason) == (None, "command line import by thidua-ops")


# Queries: the same whatever the file's length ----------------------------------------------


@pytest.mark.parametrize("count", [10, 200])
def test_an_import_costs_the_same_queries_for_10_or_200_lines(
    tree, officer, count, django_assert_max_num_queries
):
    def staff(suffix=""):
        return [HEADER, *((f"NV{i}", "UNIT-A" if i % 2 else "UNIT-B", f"Lò Thị Xuân{suffix}",
                           "F", "", "2014-03-01") for i in range(count))]  # fmt: skip

    # The officer's roles and units, the units and the people named, a savepoint and its
    # release, the insert, the new keys, the audit's content type (unless cached), the audit.
    with django_assert_max_num_queries(10):
        assert import_as(officer, staff()).created == count
    # The same less the roles (read once per user), with an update instead of insert and keys.
    with django_assert_max_num_queries(8):
        assert import_as(officer, staff(" B")).updated == count
