"""Importing targets and results: the service, `manage.py import_values`, all-or-nothing."""

import codecs
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from indicators.entry.services import values_import
from indicators.models import DataStatus, Indicator, IndicatorValue, ValueChange
from organizations.models import Unit
from organizations.tabular import ImportRefused
from tests.factories import UnitFactory
from tests.files import csv_bytes, xlsx_bytes
from tests.indicators.factories import IndicatorFactory, PercentIndicatorFactory

pytestmark = pytest.mark.django_db

D = Decimal
HEADER = ("indicator", "unit", "year", "target", "result")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def indicators(tree):
    return {
        "jobs": IndicatorFactory(code="VIEC_LAM"),
        "rate": PercentIndicatorFactory(code="TY_LE_HO_NGHEO", direction="lower"),
    }


def import_csv(lines, **options):
    return values_import(data=csv_bytes(lines), filename="values.csv", **options)


def refusal_of(lines, **options):
    with pytest.raises(ImportRefused) as refusal:
        import_csv(lines, **options)
    return refusal.value


def messages_by_line(refusal):
    messages = {}
    for error in refusal.errors:
        messages.setdefault(error.line, []).append(error.message)
    return {line: " | ".join(texts) for line, texts in messages.items()}


def stored():
    """Every stored figure, to prove that a refused import changed nothing."""
    return (
        sorted(
            IndicatorValue.objects.values_list(
                "indicator__code", "unit__code", "year", "target", "result", "version"
            )
        ),
        ValueChange.objects.count(),
        sorted(DataStatus.objects.values_list("unit__code", "year", "state")),
    )


def figure(code, unit, year):
    cell = IndicatorValue.objects.get(indicator__code=code, unit__code=unit, year=year)
    return cell.target, cell.result


# --- accepted files ---------------------------------------------------------------------------


def test_a_good_csv_saves_every_figure(indicators):
    result = import_csv(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-A1", "2023", "19400", "20486"),
            ("VIEC_LAM", "UNIT-B", "2023", "100", ""),
            ("TY_LE_HO_NGHEO", "DEPT", "2023", "2", "1.86"),
            ("TY_LE_HO_NGHEO", "DEPT", "2022", "", "2.36"),
        ]
    )
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert figure("VIEC_LAM", "UNIT-A1", 2023) == (D("19400"), D("20486"))
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("100"), None)
    assert figure("TY_LE_HO_NGHEO", "DEPT", 2023) == (D("2"), D("1.86"))
    assert figure("TY_LE_HO_NGHEO", "DEPT", 2022) == (None, D("2.36"))


def test_a_line_of_blank_cells_creates_no_figure(indicators):
    result = import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "", "   ")])
    assert (result.created, result.unchanged) == (0, 1)
    assert not IndicatorValue.objects.exists()
    assert not ValueChange.objects.exists()


def test_a_csv_with_a_bom(indicators):
    data = csv_bytes([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "10", "12")], bom=True)
    assert data.startswith(codecs.BOM_UTF8)
    values_import(data=data, filename="values.csv")
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("10"), D("12"))


def test_extra_columns_are_ignored_and_columns_may_come_in_any_order(indicators):
    lines = [
        ("ghi chú", "result", "year", "unit", "indicator", "target", "người nhập"),
        ("bỏ qua", "12", "2023", "UNIT-B", "VIEC_LAM", "10", "Chị Mỷ"),
    ]
    import_csv(lines)
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("10"), D("12"))


def test_an_xlsx_file_with_native_numbers(indicators):
    data = xlsx_bytes(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-B", 2023, 19400, 20486),
            ("TY_LE_HO_NGHEO", "DEPT", 2023, 2, 1.86),
            ("TY_LE_HO_NGHEO", "DEPT", 2022, None, 2.36),
            ("VIEC_LAM", "UNIT-A", 2023.0, 17500.0, None),
        ]
    )
    result = values_import(data=data, filename="values.xlsx")
    assert result.created == 4
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("19400"), D("20486"))
    assert figure("TY_LE_HO_NGHEO", "DEPT", 2023) == (D("2"), D("1.86"))
    assert figure("TY_LE_HO_NGHEO", "DEPT", 2022) == (None, D("2.36"))
    assert figure("VIEC_LAM", "UNIT-A", 2023) == (D("17500"), None)


def test_a_whole_count_written_with_decimals_is_accepted(indicators):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "100.00", "7.0")])
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("100"), D("7"))


def test_the_edges_of_the_year_and_percent_ranges_are_accepted(indicators):
    import_csv(
        [
            HEADER,
            ("TY_LE_HO_NGHEO", "DEPT", "1990", "0", "100"),
            ("TY_LE_HO_NGHEO", "DEPT", "2100", "100.0", "0.01"),
        ]
    )
    assert figure("TY_LE_HO_NGHEO", "DEPT", 1990) == (D("0"), D("100"))
    assert figure("TY_LE_HO_NGHEO", "DEPT", 2100) == (D("100"), D("0.01"))


# --- refusals ----------------------------------------------------------------------------------

BAD_LINES = [
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "mười", "12"), "not a number", id="non-numeric"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "10", "1,5"), "not a number", id="comma"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "10", "-1"), "negative", id="negative"),
    pytest.param(("TY_LE_HO_NGHEO", "DEPT", "2023", "-0.5", ""), "negative", id="neg-percent"),
    pytest.param(("TY_LE_HO_NGHEO", "DEPT", "2023", "", "100.01"), "exceed 100", id="pct>100"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "10.5", ""), "whole numbers", id="fractional"),
    pytest.param(("NO_SUCH", "UNIT-B", "2023", "10", ""), "NO_SUCH", id="unknown-indicator"),
    pytest.param(("VIEC_LAM", "NO-UNIT", "2023", "10", ""), "NO-UNIT", id="unknown-unit"),
    pytest.param(("VIEC_LAM", "UNIT-B", "1989", "10", ""), "year", id="year-1989"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2101", "10", ""), "year", id="year-2101"),
    pytest.param(("VIEC_LAM", "UNIT-B", "20x3", "10", ""), "year", id="year-20x3"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023.5", "10", ""), "year", id="year-fraction"),
    pytest.param(("VIEC_LAM", "UNIT-B", "", "10", ""), "year", id="year-blank"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "NaN", ""), "not a number", id="nan"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "Infinity", ""), "not a number", id="inf"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "1" + "0" * 14, ""), "14 digits", id="10^14"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "", "1e30"), "14 digits", id="1e30"),
    pytest.param(("VIEC_LAM", "UNIT-B", "1e999999999", "1", ""), "year", id="year-1e999999999"),
    pytest.param(("VIEC_LAM", "UNIT-B", "2023", "--", ""), "not a number", id="double-dash"),
]


@pytest.mark.parametrize(("bad", "expected"), BAD_LINES)
def test_each_kind_of_bad_line_is_named_and_nothing_is_saved(indicators, bad, expected):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-A", "2022", "1", "2")])
    before = stored()
    lines = [
        HEADER,
        ("VIEC_LAM", "UNIT-A", "2022", "5", "6"),  # a valid update of an existing cell
        ("VIEC_LAM", "UNIT-A1", "2023", "10", "12"),  # a valid new cell
        bad,  # line 4
        ("TY_LE_HO_NGHEO", "DEPT", "2023", "2", "1.86"),
    ]
    errors = messages_by_line(refusal_of(lines))
    assert set(errors) == {4}
    assert expected.lower() in errors[4].lower()
    assert stored() == before


def test_every_bad_line_is_named_at_once(indicators):
    refusal = refusal_of(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-B", "2023", "abc", ""),  # 2
            ("VIEC_LAM", "UNIT-B", "2022", "10", "12"),  # 3: good
            ("TY_LE_HO_NGHEO", "DEPT", "2023", "", "101"),  # 4
            ("", "", "", "", ""),  # 5: blank line, skipped
            ("VIEC_LAM", "ZZZ", "1989", "-3", "1.5"),  # 6: four problems
        ]
    )
    errors = messages_by_line(refusal)
    assert set(errors) == {2, 4, 6}
    assert [e.line for e in refusal.errors] == sorted(e.line for e in refusal.errors)
    assert "ZZZ" in errors[6] and "year" in errors[6]
    assert "negative" in errors[6] and "whole numbers" in errors[6]
    assert "Line 6:" in str(refusal)
    assert IndicatorValue.objects.count() == 0


def test_a_duplicate_row_is_refused_naming_the_first_line(indicators):
    refusal = refusal_of(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-B", "2023", "10", ""),
            ("TY_LE_HO_NGHEO", "DEPT", "2023", "2", ""),
            ("VIEC_LAM", "UNIT-B", "2023", "", "12"),
        ]
    )
    errors = messages_by_line(refusal)
    assert set(errors) == {4}
    assert "line 2" in errors[4]
    assert IndicatorValue.objects.count() == 0


def test_a_missing_column_is_refused(indicators):
    errors = messages_by_line(
        refusal_of([("indicator", "unit", "target"), ("VIEC_LAM", "UNIT-B", "1")])
    )
    assert set(errors) == {1}
    assert "year" in errors[1] and "result" in errors[1]


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(indicators):
    with pytest.raises(ImportRefused):
        values_import(data=b"indicator,unit,year,target,result\n", filename="values.pdf")


# --- re-import and history ---------------------------------------------------------------------


def test_reimporting_updates_the_same_cells_and_keeps_the_history(indicators, officer):
    first = import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "19400", "20000")], actor=officer)
    assert first.created == 1
    cell = IndicatorValue.objects.get()
    version = cell.version
    assert cell.target_by == officer and cell.result_by == officer
    assert cell.result_at is not None

    started = timezone.now()
    again = import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "19400", "20486")], actor=officer)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 0)
    assert IndicatorValue.objects.count() == 1
    cell.refresh_from_db()
    assert (cell.target, cell.result) == (D("19400"), D("20486"))
    assert cell.version == version + 1
    assert cell.result_at >= started

    history = list(cell.changes.order_by("id").values_list("field", "old", "new", "source"))
    assert history == [
        ("target", "", "19400", "import"),
        ("result", "", "20000", "import"),
        ("result", "20000", "20486", "import"),
    ]
    latest = cell.changes.order_by("-id").first()
    assert latest.changed_by == officer
    assert latest.changed_at >= started

    same = import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "19400.00", "20486")])
    assert (same.created, same.updated, same.unchanged) == (0, 0, 1)
    assert cell.changes.count() == 3
    cell.refresh_from_db()
    assert cell.version == version + 1


def test_the_command_line_records_no_person_but_still_the_history(indicators, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_bytes([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "1", "2")]))
    call_command("import_values", str(path), stdout=StringIO())
    path.write_bytes(csv_bytes([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "1", "3")]))
    out = StringIO()
    call_command("import_values", str(path), stdout=out)
    assert "1 updated" in out.getvalue()
    change = ValueChange.objects.filter(field="result").order_by("-id").first()
    assert (change.old, change.new, change.changed_by) == ("2", "3", None)


# --- locked years ------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [DataStatus.State.APPROVED, DataStatus.State.SUBMITTED])
def test_locked_cells_are_refused_naming_the_unit_and_year(indicators, state):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "10", "12")])
    DataStatus.objects.update_or_create(
        unit=Unit.objects.get(code="UNIT-B"), year=2023, defaults={"state": state}
    )
    before = stored()
    refusal = refusal_of(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-A", "2023", "5", "6"),  # open: fine on its own
            ("VIEC_LAM", "UNIT-B", "2023", "11", "13"),  # line 3: locked
            ("VIEC_LAM", "UNIT-B", "2022", "11", "13"),  # another year: open
        ]
    )
    errors = messages_by_line(refusal)
    assert set(errors) == {3}
    assert "UNIT-B" in errors[3] and "2023" in errors[3] and "locked" in errors[3]
    assert stored() == before


@pytest.mark.parametrize("state", [DataStatus.State.OPEN, DataStatus.State.RETURNED])
def test_open_and_returned_years_accept_an_import(indicators, state):
    DataStatus.objects.create(unit=Unit.objects.get(code="UNIT-B"), year=2023, state=state)
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "10", "12")])
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("10"), D("12"))


# --- web uploads are limited to the uploader's units --------------------------------------------


def test_allowed_units_limit_a_web_upload(indicators, tree, clerk_a):
    mine = Unit.objects.visible_to(clerk_a)
    refusal = refusal_of(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-A1", "2023", "10", "12"),
            ("VIEC_LAM", "UNIT-B", "2023", "10", "12"),  # line 3: not clerk_a's
            ("VIEC_LAM", "DEPT", "2023", "10", "12"),  # line 4: above clerk_a
        ],
        actor=clerk_a,
        allowed_units=mine,
    )
    errors = messages_by_line(refusal)
    assert set(errors) == {3, 4}
    assert "UNIT-B" in errors[3] and "DEPT" in errors[4]
    assert IndicatorValue.objects.count() == 0

    import_csv(
        [
            HEADER,
            ("VIEC_LAM", "UNIT-A1", "2023", "10", "12"),
            ("VIEC_LAM", "UNIT-A", "2023", "1", ""),
        ],
        actor=clerk_a,
        allowed_units=mine,
    )
    assert IndicatorValue.objects.count() == 2


# --- the command -------------------------------------------------------------------------------


def run_import(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    call_command("import_values", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_csv_with_bom_and_xlsx(indicators, tmp_path):
    out, err = run_import(
        tmp_path,
        "values.csv",
        csv_bytes([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "10", "12")], bom=True),
    )
    assert "1 created" in out and err == ""
    out, _err = run_import(
        tmp_path, "values.xlsx", xlsx_bytes([HEADER, ("VIEC_LAM", "UNIT-B", 2023, 10, 15)])
    )
    assert "1 updated" in out
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("10"), D("15"))


def test_the_command_refuses_a_bad_file_with_every_bad_line_on_stderr(indicators, tmp_path):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2022", "1", "2")])
    before = stored()
    path = tmp_path / "values.csv"
    path.write_bytes(
        csv_bytes(
            [
                HEADER,
                ("VIEC_LAM", "UNIT-B", "2022", "5", "6"),
                ("VIEC_LAM", "UNIT-B", "2101", "5", "6"),
                ("TY_LE_HO_NGHEO", "DEPT", "2023", "", "250"),
                ("VIEC_LAM", "UNIT-A", "2023", "1.25", ""),
            ]
        )
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_values", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["Line 3", "Line 4", "Line 5"]
    assert stored() == before


def test_the_command_refuses_a_locked_year(indicators, tmp_path):
    DataStatus.objects.create(
        unit=Unit.objects.get(code="DEPT"), year=2023, state=DataStatus.State.APPROVED
    )
    path = tmp_path / "values.xlsx"
    path.write_bytes(xlsx_bytes([HEADER, ("TY_LE_HO_NGHEO", "DEPT", 2023, 2, 1.86)]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_values", str(path), stdout=StringIO(), stderr=err)
    assert "Line 2:" in err.getvalue() and "DEPT" in err.getvalue()
    assert IndicatorValue.objects.count() == 0


def test_the_indicator_types_come_from_the_catalogue(indicators):
    Indicator.objects.filter(code="VIEC_LAM").update(value_type=Indicator.ValueType.PERCENT)
    errors = messages_by_line(refusal_of([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "150", "")]))
    assert "exceed 100" in errors[2]


# --- blank leaves a figure as it is; "-" clears it ------------------------------------------------


def test_a_blank_cell_leaves_the_stored_figure_as_it_is(indicators, officer):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "19400", "20000")])
    result = import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "", "20486")], actor=officer)
    assert result.updated == 1
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("19400"), D("20486"))
    latest = ValueChange.objects.order_by("-id").first()
    assert (latest.field, latest.old, latest.new) == ("result", "20000", "20486")
    assert ValueChange.objects.count() == 3


def test_a_dash_clears_a_stored_figure_and_keeps_it_in_the_history(indicators, officer):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "19400", "20000")])
    result = import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", " - ", "")], actor=officer)
    assert result.updated == 1
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (None, D("20000"))
    latest = ValueChange.objects.order_by("-id").first()
    assert (latest.field, latest.old, latest.new, latest.changed_by) == (
        "target", "19400", "", officer,
    )  # fmt: skip


def test_an_xlsx_formula_without_a_saved_value_is_refused_and_erases_nothing(indicators):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "100", "120")])
    before = stored()
    # openpyxl, like a report generator, saves formulas without calculating them.
    data = xlsx_bytes([HEADER, ("VIEC_LAM", "UNIT-A", 2023, 5, 6),
                       ("VIEC_LAM", "UNIT-B", 2023, 100, "=D3*1.2")])  # fmt: skip
    with pytest.raises(ImportRefused) as refusal:
        values_import(data=data, filename="values.xlsx")
    assert [str(error) for error in refusal.value.errors] == [
        "Line 3: result: a formula without a saved value: open the file in Excel and save it again."
    ]
    assert stored() == before


def test_a_figure_with_more_decimals_than_stored_is_rounded_and_reads_back_unchanged(indicators):
    data = xlsx_bytes([HEADER, ("TY_LE_HO_NGHEO", "DEPT", 2023, 100 / 3, None)])
    values_import(data=data, filename="values.xlsx")
    assert figure("TY_LE_HO_NGHEO", "DEPT", 2023) == (D("33.3333"), None)
    again = values_import(data=data, filename="values.xlsx")
    assert (again.updated, again.unchanged) == (0, 1)


def test_the_largest_stored_figure_is_accepted(indicators):
    import_csv([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "9" * 14, "")])
    assert figure("VIEC_LAM", "UNIT-B", 2023) == (D("9" * 14), None)


def test_a_cell_created_by_another_import_meanwhile_refuses_the_file_cleanly(
    indicators, tree, monkeypatch
):
    from indicators.entry.services import imports

    insert = imports.insert_rows

    def another_import_commits_meanwhile(model, objects):
        if model is IndicatorValue:
            IndicatorValue.objects.create(indicator=indicators["jobs"], unit=tree["b"], year=2023)
        return insert(model, objects)

    monkeypatch.setattr(imports, "insert_rows", another_import_commits_meanwhile)
    refusal = refusal_of([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "10", "12")])
    assert [str(error) for error in refusal.errors] == [
        "Line 1: Someone else changed the same records at the same time. Nothing was imported; "
        "please import the file again."
    ]
    assert not ValueChange.objects.exists()


# --- the command as an account ------------------------------------------------------------------


def test_the_command_with_an_actor_keeps_to_its_units_and_names_it_in_the_history(
    indicators, clerk_a, tmp_path
):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_bytes([HEADER, ("VIEC_LAM", "UNIT-A1", "2023", "1", "2")]))
    call_command("import_values", str(path), "--actor", "clerk_a", stdout=StringIO())
    assert set(ValueChange.objects.values_list("changed_by", flat=True)) == {clerk_a.pk}

    path.write_bytes(csv_bytes([HEADER, ("VIEC_LAM", "UNIT-B", "2023", "1", "2")]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_values", str(path), "--actor", "clerk_a", stdout=StringIO(),
                     stderr=err)  # fmt: skip
    assert err.getvalue().splitlines() == ["Line 2: Unknown unit code “UNIT-B”."]
    assert not IndicatorValue.objects.filter(unit__code="UNIT-B").exists()


# --- queries: the same whatever the file's length -------------------------------------------


@pytest.fixture
def many_units(tree):
    return [UnitFactory(code=f"XA-{i}", parent=tree["a"]) for i in range(100)]


@pytest.mark.parametrize("count", [10, 200])
def test_an_import_costs_the_same_queries_for_10_or_200_lines(
    indicators, many_units, clerk_a, count, django_assert_max_num_queries
):
    mine = Unit.objects.visible_to(clerk_a)

    def figures(result):
        return [HEADER, *((code, f"XA-{i % 100}", "2023", "10", str(result))
                          for i in range(count // 2)
                          for code in ("VIEC_LAM", "TY_LE_HO_NGHEO"))]  # fmt: skip

    # The indicators, the units, a savepoint, the approval states created then locked, the
    # cells, their insert and their keys, the history rows, the savepoint's release.
    with django_assert_max_num_queries(10):
        assert import_csv(figures(12), actor=clerk_a, allowed_units=mine).created == count
    # The same with an update instead of the insert and its keys.
    with django_assert_max_num_queries(9):
        assert import_csv(figures(13), actor=clerk_a, allowed_units=mine).updated == count
