"""Indicator journeys through the browser: the XLSX template round trip and the approval
workflow, the entry grid driven by the keyboard alone (English and Vietnamese number formats),
and the report with its met / not met labels and its CSV export."""

import csv
import re
import unicodedata
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from indicators.models import DataStatus, Indicator, IndicatorValue
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PercentIndicatorFactory,
)

YEAR = 2025
MAX_TABS = 80
CSV_HEADER = (
    "indicator,unit,year,target,result,previous_result,percent_of_plan,exceeded_by,change,"
    "change_percent,met"
)


# --- helpers (copied small on purpose: test modules do not import each other) -----------------


def focus_by_tabbing(page, condition, *, key="Tab", limit=MAX_TABS):
    """Press Tab until the JavaScript predicate `condition` holds for document.activeElement
    (`el`); bounded, so an unreachable control fails the test instead of looping forever."""
    predicate = f"() => {{ const el = document.activeElement; return !!el && ({condition}); }}"
    for presses in range(limit + 1):
        if page.evaluate(predicate):
            return presses
        page.keyboard.press(key)
    where = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"{limit} presses of {key} never reached {condition}; focus is on {where}")


def focused_name(page):
    return page.evaluate("() => document.activeElement && document.activeElement.name")


def choose_language(page, label):
    page.locator("#language-select").select_option(label=unicodedata.normalize("NFC", label))
    with page.expect_navigation():
        page.locator(".language-switcher button[type=submit]").click()


def sign_out(page):
    """Through the account menu, as a user would: open the dropdown, press "Sign out"."""
    page.locator("#main-nav .navbar-nav").last.locator(".dropdown-toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def sign_in_with_keyboard(page, username):
    page.goto(reverse("login"))
    focus_by_tabbing(page, "el.id === 'id_username'")  # autofocus: normally no press at all
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert focused_name(page) == "password"
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(reverse("home")) + "$"))


def entry_url(unit):
    return reverse("figures_entry", args=[unit.pk, YEAR])


def cell(page, indicator, column):
    return page.locator(f"#entry-grid input[name='i{indicator.pk}-{column}']")


def value_of(indicator, unit):
    return IndicatorValue.objects.get(indicator=indicator, unit=unit, year=YEAR)


def report_row(page, indicator):
    return page.locator("table.report-table tbody tr", has_text=indicator.code)


# Report columns, in the order ReportTable declares them.
REPORT_COLUMNS = [
    "indicator",
    "unit",
    "state",
    "target",
    "result",
    "previous_result",
    "percent_of_plan",
    "exceeded_by",
    "change",
    "change_percent",
    "met",
]


def report_cell(page, indicator, column):
    return report_row(page, indicator).locator("td").nth(REPORT_COLUMNS.index(column))


@pytest.fixture
def indicators(tree):
    """A count indicator and a percentage, with last year's results of UNIT-A."""
    jobs = IndicatorFactory(
        code="VIEC_LAM", name="Số lao động được tạo việc làm", unit_of_measure="người",
        display_order=1,
    )  # fmt: skip
    trained = PercentIndicatorFactory(
        code="TY_LE_DAO_TAO", name="Tỷ lệ lao động qua đào tạo", display_order=2
    )
    IndicatorValueFactory(indicator=jobs, unit=tree["a"], year=YEAR - 1, target=None,
                          result=Decimal("90"))  # fmt: skip
    IndicatorValueFactory(indicator=trained, unit=tree["a"], year=YEAR - 1, target=None,
                          result=Decimal("68"))  # fmt: skip
    return {"jobs": jobs, "trained": trained}


@pytest.fixture
def vi_page(request, browser, live_server):
    """Like the `page` fixture, but a browser whose language is Vietnamese (vi-VN)."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and problems.append(f"console error on {page.url}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"JavaScript exception: {error}"))

    def check():
        __tracebackhide__ = True
        if not page.is_closed():
            page.evaluate("0")
        if problems:
            raise AssertionError("The browser reported errors:\n" + "\n".join(problems))

    request.node._browser_console_check = check
    yield page
    try:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed and not page.is_closed():
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            target = request.config.rootpath / "test-artifacts" / "screenshots" / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
    finally:
        context.close()


# --- 1. template round trip and approval ------------------------------------------------------


def fill_template(path, lines):
    """Write {line number: (target, result)} into the downloaded workbook (header = line 1)."""
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    target_col, result_col = header.index("target") + 1, header.index("result") + 1
    for line, (target, result) in lines.items():
        sheet.cell(row=line, column=target_col, value=target)
        sheet.cell(row=line, column=result_col, value=result)
    workbook.save(path)


def upload(page, path):
    page.locator("input[type=file][name=file]").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()


def test_clerk_fills_the_template_fixes_a_bad_line_submits_and_officer_approves(
    page, live_server, clerk_a, officer, tree, indicators, tmp_path
):
    jobs, trained = indicators["jobs"], indicators["trained"]
    unit = tree["a"]
    sign_in(page, live_server, "clerk_a", PASSWORD)

    # From the status page to the unit's grid.
    page.goto(f"{reverse('figures_status')}?year={YEAR}")
    row = page.locator("table.status-table tbody tr", has=page.get_by_role(
        "link", name=unit.display_name, exact=True))  # fmt: skip
    expect(row).to_contain_text("Being entered")
    with page.expect_navigation():
        row.get_by_role("link", name="Enter figures").click()
    expect(page).to_have_url(f"{live_server.url}{entry_url(unit)}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Figures {YEAR}")
    # Last year's results are shown next to this year's cells.
    expect(page.locator("#col-previous")).to_have_text(f"Result {YEAR - 1}")
    jobs_row = page.locator("tr[data-row]", has=page.locator(f"#ind-{jobs.pk}"))
    expect(jobs_row.locator("td.previous")).to_have_text("90")

    # Download the template.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download template").click()
    download = download_info.value
    assert download.suggested_filename == f"bieu-mau-unit-a-{YEAR}.xlsx"
    workbook_path = tmp_path / download.suggested_filename
    download.save_as(workbook_path)
    sheet = load_workbook(workbook_path).active
    assert [c.value for c in sheet[1]][:5] == ["indicator", "unit", "year", "target", "result"]
    assert [(r[0], r[1], r[2]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("VIEC_LAM", "UNIT-A", YEAR),
        ("TY_LE_DAO_TAO", "UNIT-A", YEAR),
    ]

    # A percentage of 120 on line 3: refused, nothing saved, the line is named.
    fill_template(workbook_path, {2: (100, 105), 3: (70, 120)})
    page.get_by_role("link", name="Upload file").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Upload figures")
    upload(page, workbook_path)
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("1 problem found")
    expect(errors.locator("li")).to_have_text(["Line 3: result: A percentage cannot exceed 100."])
    expect(page.get_by_role("alert").first).to_contain_text("Nothing was saved")
    assert not IndicatorValue.objects.filter(year=YEAR).exists()

    # Fixed and uploaded again: saved, and the grid shows the figures.
    fill_template(workbook_path, {3: (70, 69.5)})
    upload(page, workbook_path)
    expect(page).to_have_url(f"{live_server.url}{entry_url(unit)}")
    expect(page.get_by_role("status").first).to_contain_text(
        "Upload finished: 2 figures created, 0 updated, 0 unchanged."
    )
    expect(cell(page, jobs, "target")).to_have_value("100")
    expect(cell(page, jobs, "result")).to_have_value("105")
    expect(cell(page, trained, "target")).to_have_value("70")
    expect(cell(page, trained, "result")).to_have_value("69.5")
    assert (value_of(jobs, unit).target, value_of(jobs, unit).result) == (100, 105)
    assert value_of(trained, unit).result == Decimal("69.5")

    # Submit the year.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".state-badge")).to_have_text("Submitted")
    expect(page.locator("#locked-notice")).to_contain_text("submitted and locked")
    expect(page.locator("#entry-grid input[data-col]")).to_have_count(0)
    assert DataStatus.objects.get(unit=unit, year=YEAR).state == DataStatus.State.SUBMITTED

    # The officer approves on the status page.
    sign_out(page)
    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{reverse('figures_status')}?year={YEAR}")
    row = page.locator("table.status-table tbody tr", has=page.get_by_role(
        "link", name=unit.display_name, exact=True))  # fmt: skip
    expect(row.locator(".state-badge")).to_have_text("Submitted")
    with page.expect_navigation():
        row.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"The figures of {unit.name} for {YEAR} were approved and locked."
    )
    expect(row.locator(".state-badge")).to_have_text("Approved")
    assert DataStatus.objects.get(unit=unit, year=YEAR).state == DataStatus.State.APPROVED

    # The report computes the columns.
    page.goto(f"{reverse('indicator_report')}?year={YEAR}&unit={unit.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Indicator report {YEAR}")
    expect(page.locator("table.report-table tbody tr")).to_have_count(2)
    expected = {
        jobs: {
            "state": "Approved",
            "target": "100",
            "result": "105",
            "previous_result": "90",
            "percent_of_plan": "105.0",
            "exceeded_by": "+5.0",
            "change": "+15",
            "change_percent": "+16.7",
            "met": "Met",
        },
        trained: {
            "state": "Approved",
            "target": "70.00",
            "result": "69.50",
            "previous_result": "68.00",
            "percent_of_plan": "99.3",
            "exceeded_by": "\u22120.7",
            "change": "+1.50\u00a0pts",
            "change_percent": "+2.2",
            "met": "Not met",
        },
    }
    for indicator, columns in expected.items():
        for column, text in columns.items():
            expect(report_cell(page, indicator, column)).to_have_text(text)
    expect(report_cell(page, jobs, "met").locator("i.bi-check-circle-fill")).to_have_count(1)
    expect(report_cell(page, trained, "met").locator("i.bi-x-circle-fill")).to_have_count(1)

    # Back to the clerk: the approved grid is read-only.
    sign_out(page)
    sign_in(page, live_server, "clerk_a", PASSWORD)
    page.goto(entry_url(unit))
    expect(page.locator(".state-badge")).to_have_text("Approved")
    expect(page.locator("#locked-notice")).to_contain_text(
        f"The figures of {unit.name} for {YEAR} are approved and locked."
    )
    expect(page.locator("#entry-grid input[data-col]")).to_have_count(0)
    expect(page.locator("#entry-save")).to_have_count(0)
    expect(page.get_by_role("link", name="Upload file")).to_have_count(0)
    expect(page.locator("#entry-grid .locked-value")).to_contain_text(["100", "105"])


# --- 2. the grid with the keyboard only --------------------------------------------------------


def test_clerk_fills_and_saves_the_grid_with_the_keyboard_only(
    page, live_server, clerk_a, tree, indicators
):
    """No mouse and no page.fill: typing, Tab, Enter and Ctrl+Enter."""
    jobs, trained = indicators["jobs"], indicators["trained"]
    unit = tree["a"]
    sign_in_with_keyboard(page, "clerk_a")
    page.goto(entry_url(unit))

    focus_by_tabbing(page, f"el.name === 'i{jobs.pk}-target'")
    page.keyboard.type("250")
    page.keyboard.press("Tab")
    assert focused_name(page) == f"i{jobs.pk}-result"
    page.keyboard.type("1,240")  # English thousands separator
    page.keyboard.press("Enter")  # the cell below, same column
    assert focused_name(page) == f"i{trained.pk}-result"
    page.keyboard.type("69.5")
    page.keyboard.press("Shift+Enter")  # and back up
    assert focused_name(page) == f"i{jobs.pk}-result"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused_name(page) == f"i{trained.pk}-note"
    page.keyboard.type("Theo báo cáo quý IV")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")

    expect(page).to_have_url(f"{live_server.url}{entry_url(unit)}")
    expect(page.get_by_role("status").first).to_contain_text("Saved: 2 indicators changed.")
    expect(cell(page, jobs, "target")).to_have_value("250")
    expect(cell(page, jobs, "result")).to_have_value("1,240")
    expect(cell(page, trained, "result")).to_have_value("69.5")
    jobs_value, trained_value = value_of(jobs, unit), value_of(trained, unit)
    assert (jobs_value.target, jobs_value.result) == (Decimal("250"), Decimal("1240"))
    assert (trained_value.target, trained_value.result) == (None, Decimal("69.5"))
    assert trained_value.note == "Theo báo cáo quý IV"


def test_clerk_types_vietnamese_numbers_in_the_grid(
    vi_page, live_server, clerk_a, tree, indicators
):
    """In Vietnamese "17.605" is seventeen thousand six hundred and five, "69,5" is 69.5."""
    page = vi_page
    jobs, trained = indicators["jobs"], indicators["trained"]
    unit = tree["a"]
    sign_in(page, live_server, "clerk_a", PASSWORD)
    choose_language(page, "Tiếng Việt")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.goto(entry_url(unit))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    focus_by_tabbing(page, f"el.name === 'i{jobs.pk}-target'")
    page.keyboard.type("17.605")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_name(page) == f"i{trained.pk}-result"
    page.keyboard.type("69,5")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")

    expect(page.locator(".alert-success")).to_have_count(1)
    expect(cell(page, jobs, "target")).to_have_value("17.605")
    expect(cell(page, trained, "result")).to_have_value("69,5")
    jobs_value, trained_value = value_of(jobs, unit), value_of(trained, unit)
    assert (jobs_value.target, jobs_value.result) == (Decimal("17605"), None)
    assert trained_value.result == Decimal("69.5")


# --- 3. the report -----------------------------------------------------------------------------


def test_report_shows_met_and_not_met_with_icons_and_text(
    page, live_server, officer, tree, indicators, tmp_path
):
    jobs, trained = indicators["jobs"], indicators["trained"]
    households = IndicatorFactory(
        code="HO_THOAT_NGHEO", name="Số hộ thoát nghèo", unit_of_measure="hộ", display_order=3
    )
    unit = tree["a"]
    IndicatorValueFactory(indicator=jobs, unit=unit, year=YEAR, target=100, result=105)
    IndicatorValueFactory(indicator=trained, unit=unit, year=YEAR, target=70, result=60)
    IndicatorValueFactory(indicator=households, unit=unit, year=YEAR, target=None, result=12)
    assert Indicator.objects.count() == 3

    sign_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{reverse('indicator_report')}?year={YEAR}&unit={unit.pk}")
    expect(page.locator("table.report-table tbody tr")).to_have_count(3)
    expect(page.locator("p[role=status]")).to_have_text(
        re.compile(r"3 rows:\s+1 met,\s+1 not met,\s+1 without a target or a result")
    )
    # Words and an icon in every met cell: the colour is never the only signal.
    for indicator, text, icon in [
        (jobs, "Met", "bi-check-circle-fill"),
        (trained, "Not met", "bi-x-circle-fill"),
        (households, "No target", "bi-dash-circle"),
    ]:
        met = report_cell(page, indicator, "met")
        expect(met).to_have_text(text)
        expect(met.locator(f"i.{icon}[aria-hidden=true]")).to_have_count(1)
    expect(report_cell(page, trained, "percent_of_plan")).to_have_text("85.7")
    expect(report_cell(page, trained, "exceeded_by")).to_have_text("\u221214.3")
    expect(report_cell(page, households, "percent_of_plan")).to_have_text("")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"indicator-report-{YEAR}-UNIT-A.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == CSV_HEADER
    lines = list(csv.DictReader(text.splitlines()))
    assert [(line["indicator"], line["met"]) for line in lines] == [
        ("VIEC_LAM", "true"),
        ("TY_LE_DAO_TAO", "false"),
        ("HO_THOAT_NGHEO", ""),
    ]
