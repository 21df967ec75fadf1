"""The XLSX template of a unit's year and the upload of a filled file."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.entry import services
from indicators.models import IndicatorValue
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PercentIndicatorFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2024
HEADER = ["indicator", "unit", "year", "target", "result", "name", "unit_of_measure"]


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def indicators():
    return [
        IndicatorFactory(code="DAO_TAO_NGHE", name="Tuyển sinh, đào tạo nghề", display_order=10),
        PercentIndicatorFactory(
            code="TY_LE_QUA_DAO_TAO", name="Tỷ lệ lao động qua đào tạo", display_order=20
        ),
        IndicatorFactory(code="VIEC_LAM", name="Giải quyết việc làm", display_order=30),
        IndicatorFactory(code="RETIRED", is_active=False),
    ]


def template_url(unit, year=YEAR):
    return reverse("figures_template", args=[unit.pk, year])


def upload_url(unit, year=YEAR):
    return reverse("figures_upload", args=[unit.pk, year])


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, unit, content, name="bieu-mau.xlsx", **kwargs):
    return client.post(upload_url(unit), {"file": SimpleUploadedFile(name, content)}, **kwargs)


def test_the_template_is_an_xlsx_prefilled_with_the_units_indicators(client, clerk_a, tree,
                                                                     indicators):  # fmt: skip
    trained, rate, _jobs, _retired = indicators
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=None)  # fmt: skip
    IndicatorValueFactory(indicator=rate, unit=tree["a"], year=YEAR, target=Decimal("71"),
                          result=Decimal("69.5"))  # fmt: skip
    client.force_login(clerk_a)
    response = client.get(template_url(tree["a"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="bieu-mau-unit-a-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1:] == [
        ("DAO_TAO_NGHE", "UNIT-A", 2024, 17500, None, "Tuyển sinh, đào tạo nghề", "người"),
        ("TY_LE_QUA_DAO_TAO", "UNIT-A", 2024, 71, 69.5, "Tỷ lệ lao động qua đào tạo", "%"),
        ("VIEC_LAM", "UNIT-A", 2024, None, None, "Giải quyết việc làm", "người"),
    ]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["C"].width


def test_a_filled_template_uploads_cleanly(client, clerk_a, tree, indicators):
    trained, rate, jobs, _retired = indicators
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=None)  # fmt: skip
    client.force_login(clerk_a)
    workbook = load_workbook(io.BytesIO(client.get(template_url(tree["a"])).content))
    sheet = workbook.active
    sheet["E2"] = 17605
    sheet["E3"] = 69.5
    sheet["D4"] = 19400
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, tree["a"], buffer.getvalue())
    assert response.status_code == 302
    assert response["Location"] == reverse("figures_entry", args=[tree["a"].pk, YEAR])
    cells = {c.indicator_id: c for c in IndicatorValue.objects.filter(unit=tree["a"], year=YEAR)}
    assert (cells[trained.pk].target, cells[trained.pk].result) == (17500, 17605)
    assert cells[rate.pk].result == Decimal("69.5")
    assert cells[jobs.pk].target == 19400
    page = client.get(response["Location"]).content.decode()
    assert "Upload finished: 2 figures created, 1 updated, 0 unchanged." in page


def test_an_unchanged_template_uploads_without_changing_anything(client, clerk_a, tree,
                                                                 indicators):  # fmt: skip
    IndicatorValueFactory(indicator=indicators[0], unit=tree["a"], year=YEAR)
    client.force_login(clerk_a)
    content = client.get(template_url(tree["a"])).content
    response = upload(client, tree["a"], content, follow=True)
    # The indicators without figures stay without a stored cell: blank means "leave as is".
    assert "0 figures created, 0 updated, 3 unchanged" in response.content.decode()
    stored = IndicatorValue.objects.get(indicator=indicators[0])
    assert (stored.version, stored.target, stored.result) == (1, 100, 105)
    assert IndicatorValue.objects.count() == 1


def test_an_upload_with_a_bad_line_names_it_and_saves_nothing(client, clerk_a, tree, indicators):
    content = xlsx([
        HEADER[:5],
        ["DAO_TAO_NGHE", "UNIT-A", 2024, 17500, 17605],
        ["TY_LE_QUA_DAO_TAO", "UNIT-A", 2024, 71, 120],
        ["VIEC_LAM", "UNIT-A", 2024, "nhiều", None],
    ])  # fmt: skip
    client.force_login(clerk_a)
    response = upload(client, tree["a"], content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "2 problems found" in page
    assert "Line 3: result: A percentage cannot exceed 100." in page
    assert "Line 4: target: “nhiều” is not a number." in page
    assert IndicatorValue.objects.count() == 0


def test_an_upload_cannot_write_figures_of_a_unit_outside_the_uploaders_scope(
    client, clerk_a, tree, indicators
):
    content = xlsx([HEADER[:5], ["DAO_TAO_NGHE", "UNIT-B", 2024, 1, 2],
                    ["DAO_TAO_NGHE", "UNIT-A1", 2024, 3, 4]])  # fmt: skip
    client.force_login(clerk_a)
    page = upload(client, tree["a"], content).content.decode()
    assert "Line 2: Unknown unit code “UNIT-B”." in page
    assert IndicatorValue.objects.count() == 0


def test_an_upload_into_approved_figures_is_refused(client, clerk_a, officer, tree, indicators):
    services.figures_submit(actor=clerk_a, unit=tree["a"], year=YEAR)
    services.figures_approve(actor=officer, unit=tree["a"], year=YEAR)
    content = xlsx([HEADER[:5], ["DAO_TAO_NGHE", "UNIT-A", 2024, 1, 2]])
    client.force_login(clerk_a)
    page = upload(client, tree["a"], content).content.decode()
    assert "Line 2:" in page and "approved and locked" in page
    assert IndicatorValue.objects.count() == 0


def test_a_csv_upload_is_accepted_too(client, clerk_a, tree, indicators):
    content = "\ufeffindicator,unit,year,target,result\nVIEC_LAM,UNIT-A1,2024,,4480\n".encode()
    client.force_login(clerk_a)
    assert upload(client, tree["a"], content, name="so-lieu.csv").status_code == 302
    assert IndicatorValue.objects.get(unit=tree["a1"]).result == 4480


def test_the_upload_page_explains_the_steps(client, clerk_a, tree):
    client.force_login(clerk_a)
    page = client.get(upload_url(tree["a"])).content.decode()
    assert template_url(tree["a"]) in page
    assert 'enctype="multipart/form-data"' in page
    assert " style=" not in page


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("clerk_b", 404), ("viewer", 403), ("council", 403), ("approver", 403)],
)
def test_only_those_who_enter_figures_may_download_or_upload(client, tree, indicators, persona,
                                                             expected, request):  # fmt: skip
    client.force_login(request.getfixturevalue(persona))
    assert client.get(template_url(tree["a"])).status_code == expected
    content = xlsx([HEADER[:5], ["DAO_TAO_NGHE", "UNIT-A", 2024, 1, 2]])
    assert upload(client, tree["a"], content).status_code == expected
    assert IndicatorValue.objects.count() == 0


def test_an_upload_needs_its_csrf_token(officer, tree, indicators):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    content = xlsx([HEADER[:5], ["DAO_TAO_NGHE", "UNIT-A", 2024, 1, 2]])
    assert upload(client, tree["a"], content).status_code == 403
    assert IndicatorValue.objects.count() == 0


def filled_template(client, unit, **cells):
    """The unit's template as the clerk saves it after typing `cells` ({"E2": 5, …})."""
    workbook = load_workbook(io.BytesIO(client.get(template_url(unit)).content))
    for reference, value in cells.items():
        workbook.active[reference] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_cell_emptied_in_the_template_leaves_the_stored_figure(client, clerk_a, tree,
                                                                 indicators):  # fmt: skip
    trained = indicators[0]
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=Decimal("17605"))  # fmt: skip
    client.force_login(clerk_a)
    content = filled_template(client, tree["a"], D2=None, E2=18000)
    assert upload(client, tree["a"], content).status_code == 302
    stored = IndicatorValue.objects.get(indicator=trained, unit=tree["a"])
    assert (stored.target, stored.result) == (Decimal("17500"), Decimal("18000"))
    assert list(stored.changes.values_list("field", flat=True)) == ["result"]


def test_a_dash_in_the_template_clears_the_stored_figure(client, clerk_a, tree, indicators):
    trained = indicators[0]
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=Decimal("17605"))  # fmt: skip
    client.force_login(clerk_a)
    assert upload(client, tree["a"], filled_template(client, tree["a"], E2="-")).status_code == 302
    stored = IndicatorValue.objects.get(indicator=trained, unit=tree["a"])
    assert (stored.target, stored.result) == (Decimal("17500"), None)
    change = stored.changes.get()
    assert (change.field, change.old, change.new, change.source) == (
        "result",
        "17605",
        "",
        "import",
    )


def test_a_formula_saved_without_its_value_is_refused_with_its_line(client, clerk_a, tree,
                                                                   indicators):  # fmt: skip
    trained = indicators[0]
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR, target=Decimal("17500"),
                          result=Decimal("17605"))  # fmt: skip
    client.force_login(clerk_a)
    # A formula typed in and saved by a program rather than Excel has no calculated value;
    # read as empty, it used to erase the stored result.
    content = filled_template(client, tree["a"], E2="=D2*1.01", D4=19400)
    page = upload(client, tree["a"], content).content.decode()
    assert ("Line 2: result: a formula without a saved value: open the file in Excel and save "
            "it again.") in page  # fmt: skip
    stored = IndicatorValue.objects.get(indicator=trained, unit=tree["a"])
    assert (stored.target, stored.result, stored.version) == (17500, 17605, 1)
    assert IndicatorValue.objects.count() == 1


def test_the_upload_page_says_how_to_clear_a_figure(client, clerk_a, tree):
    client.force_login(clerk_a)
    page = client.get(upload_url(tree["a"])).content.decode()
    assert "A blank cell leaves the stored figure as it is" in page
    assert "type a dash (-)" in page
