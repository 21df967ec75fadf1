"""The reports as XLSX workbooks for the office's own files and for attaching to papers.

Headers are Vietnamese whatever the interface language: the sheets follow the department's
forms (the annex of a decision is printed as "DANH SÁCH … I. Tập thể, II. Cá nhân"), so they
are written as such rather than translated. Every cell goes through append_row, which keeps
text typed by users from being read as a formula.
"""

import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename

from organizations.tabular import append_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY = "#,##0"
PERCENT = "0.0"


def _workbook():
    from openpyxl import Workbook

    return Workbook()


def _bold(row):
    from openpyxl.styles import Font

    for cell in row:
        cell.font = Font(bold=True)


def _title(sheet, *lines):
    for line in lines:
        append_row(sheet, [line])
    _bold(sheet[1])
    append_row(sheet, [])


def _header(sheet, headers, widths):
    from openpyxl.utils import get_column_letter

    append_row(sheet, headers)
    _bold(sheet[sheet.max_row])
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a string: sheet.cell() would add a row
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _indent(sheet, column, level):
    from openpyxl.styles import Alignment

    sheet.cell(row=sheet.max_row, column=column).alignment = Alignment(indent=level)


def _number(value, places=1):
    return None if value is None else float(round(Decimal(value), places))


def response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    reply = HttpResponse(buffer.getvalue(), content_type=XLSX)
    reply["Content-Disposition"] = content_disposition_header(True, get_valid_filename(filename))
    return reply


def _years(year_from, year_to):
    return f"Năm {year_from}" if year_from == year_to else f"Từ năm {year_from} đến năm {year_to}"


def awards_workbook(report, scope_name):
    """Two sheets: units × award types, and years × award types."""
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = "Theo đơn vị"
    names = [t.name_vi for t in report.award_types]
    _title(sheet, "THỐNG KÊ KHEN THƯỞNG THEO ĐƠN VỊ VÀ HÌNH THỨC",
           f"{_years(report.year_from, report.year_to)} · {scope_name}")  # fmt: skip
    _header(sheet, ["STT", "Đơn vị", *names, "Tổng cộng"], [6, 48, *[14] * len(names), 12])
    for number, row in enumerate(report.rows, start=1):
        append_row(sheet, [number, row.unit.name, *row.counts, row.total])
        _indent(sheet, 2, row.indent)
    append_row(sheet, ["", "Tổng cộng", *report.totals, report.total])
    _bold(sheet[sheet.max_row])

    by_year = workbook.create_sheet("Theo năm")
    _title(by_year, "THỐNG KÊ KHEN THƯỞNG THEO NĂM VÀ HÌNH THỨC",
           f"{_years(report.year_from, report.year_to)} · {scope_name}")  # fmt: skip
    _header(by_year, ["Năm", *names, "Tổng cộng"], [8, *[14] * len(names), 12])
    for year, counts, total in report.years:
        append_row(by_year, [year, *counts, total])
    append_row(by_year, ["Tổng cộng", *report.totals, report.total])
    _bold(by_year[by_year.max_row])
    return workbook


ANNEX_HEADERS = ["STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị", "Danh hiệu/Hình thức",
                 "Tiền thưởng (đồng)"]  # fmt: skip


def annex_workbook(decision, groups):
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    if decision.number_text and decision.decision_date:
        date = decision.decision_date
        attached = (f"(Kèm theo Quyết định số {decision.number_text} ngày {date:%d} tháng "
                    f"{date:%m} năm {date:%Y} của {decision.issuer_name})")  # fmt: skip
    else:
        attached = "(Kèm theo dự thảo Quyết định, chưa ban hành; tiền thưởng tạm tính)"
    _title(sheet, "DANH SÁCH", attached)
    _header(sheet, ANNEX_HEADERS, [6, 36, 24, 40, 40, 18])
    total = None  # a higher authority's decision carries no bonus of ours: no total either
    for heading, lines in groups:
        if not lines:
            continue
        append_row(sheet, [heading])
        _bold(sheet[sheet.max_row])
        for number, line in enumerate(lines, start=1):
            append_row(sheet, [number, line.recipient_name, line.position, line.unit_name,
                               line.award_type.name_vi, line.bonus])  # fmt: skip
            sheet.cell(row=sheet.max_row, column=6).number_format = MONEY
            if line.bonus is not None:
                total = (total or Decimal(0)) + line.bonus
    append_row(sheet, ["", "Tổng cộng", "", "", "", total])
    _bold(sheet[sheet.max_row])
    sheet.cell(row=sheet.max_row, column=6).number_format = MONEY
    return workbook


PERFORMANCE_HEADERS = ["Đơn vị", "Tình trạng số liệu", "Số chỉ tiêu có kế hoạch và kết quả",
                       "Số chỉ tiêu đạt", "Tỷ lệ chỉ tiêu đạt (%)", "Bình quân % kế hoạch",
                       "Khen thưởng tập thể", "Số lượt khen thưởng cá nhân", "Cờ thi đua",
                       "Cờ thi đua có dựa trên kế hoạch đạt?"]  # fmt: skip
STATES_VI = {"open": "Đang nhập", "submitted": "Đã gửi", "returned": "Bị trả lại",
             "approved": "Đã duyệt"}  # fmt: skip


def performance_workbook(rows, year, scope_name):
    workbook = _workbook()
    sheet = workbook.active
    sheet.title = f"Năm {year}"
    _title(sheet, "KẾT QUẢ THỰC HIỆN CHỈ TIÊU VÀ KHEN THƯỞNG", f"Năm {year} · {scope_name}",
           "Chỉ tính số liệu chỉ tiêu đã được phê duyệt.")  # fmt: skip
    _header(sheet, PERFORMANCE_HEADERS, [48, 14, 16, 12, 14, 14, 40, 14, 30, 18])
    for row in rows:
        backed = {None: "", True: "Có", False: "Không"}[row.flags_backed]
        judged, met = (row.judged, row.met) if row.approved else (None, None)
        append_row(sheet, [
            row.unit.name, STATES_VI.get(row.state, row.state) if row.has_figures
            else "Không có số liệu", judged, met,
            _number(row.met_share), _number(row.mean_percent),
            "; ".join(r.award_type.name_vi for r in row.collective), row.individual_count,
            "; ".join(r.award_type.name_vi for r in row.flags), backed,
        ])  # fmt: skip
        _indent(sheet, 1, row.indent)
        for column in (5, 6):
            sheet.cell(row=sheet.max_row, column=column).number_format = PERCENT
    return workbook
