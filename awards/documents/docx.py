"""Decisions and proposals as Word files (.docx), built with python-docx in the layout of Decree
30/2020/NĐ-CP: issuer block left and national motto right, number and place-date line, title,
trích yếu, bases, articles, recipients and signature, then the annex table. Offices edit and
file decisions in Word, so the text is plain paragraphs they can change."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from awards.decisions.text import vnd

FONT = "Times New Roman"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _new_document():
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)
    return document


def _para(container, text="", *, bold=False, italic=False, align=None, size=None, indent=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return paragraph


def _title(document, text):
    _para(document, text, bold=True, align=CENTER, size=14).paragraph_format.space_before = Pt(12)


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_text(cell, lines):
    """Fill a cell with (text, bold, italic) lines, centred; the first replaces the empty one."""
    first = True
    for text, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic


def _heading(document, *, issuer_lines, number, place_date):
    """Issuer left, national motto right; the number under the issuer, place-date under the
    motto (the short rules of the paper form are underlines here)."""
    table = document.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    _cell_text(left, issuer_lines)
    _cell_text(right, [(MOTTO, True, False), (SLOGAN, True, False)])
    _cell_text(table.rows[1].cells[0], [(f"Số: {number}", False, False)])
    _cell_text(table.rows[1].cells[1], [(place_date, False, True)])
    return table


def _signature(document, *, recipients, titles, name):
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    run = paragraph.add_run("Nơi nhận:")
    run.bold = run.italic = True
    for line in recipients:
        left.add_paragraph().add_run(line).font.size = Pt(11)
    _cell_text(right, [(title, True, False) for title in titles] + [("", False, False)] * 4
               + [(name, True, False)])  # fmt: skip


def _table(document, header, *, widths=None):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, [(text, True, False)])
    if widths:
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _row(table, values, *, bold=False, merge_from=None):
    cells = table.add_row().cells
    if merge_from is not None:
        cells[merge_from].merge(cells[-1])
        values = values[: merge_from + 1]
        cells = cells[: merge_from + 1]
    for cell, value in zip(cells, values, strict=False):
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        cell.paragraphs[0].add_run(str(value)).bold = bold


def _save(document):
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def decision_docx(context):
    """The decision and its annex; `context` is decisions.views.decision_document_context."""
    decision = context["decision"]
    document = _new_document()
    issuer = []
    if decision.unit.parent_id and decision.kind != "outside":
        issuer.append((decision.unit.parent.name.upper(), False, False))
    issuer.append((decision.issuer_name.upper(), True, False))
    number = decision.number_text or f"      /QĐ-{decision.issuer_code}"
    _heading(document, issuer_lines=issuer, number=number, place_date=context["place_date"])
    if decision.state == "draft":
        _para(document, "DỰ THẢO", bold=True, align=CENTER)
    _title(document, "QUYẾT ĐỊNH")
    for line in decision.subject.splitlines():
        _para(document, line, bold=True, align=CENTER)
    if decision.kind != "outside":
        _para(document, context["authority"], bold=True, align=CENTER)
        for basis in context["legal_bases"]:
            _para(document, basis, italic=True, align=JUSTIFY, indent=True)
        if decision.proposal_phrase:
            _para(document, f"Xét đề nghị của {decision.proposal_phrase}.", italic=True,
                  align=JUSTIFY, indent=True)  # fmt: skip
        _para(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER)
        for number_, article in enumerate(context["articles"], start=1):
            paragraph = _para(document, align=JUSTIFY, indent=True)
            paragraph.add_run(f"Điều {number_}. ").bold = True
            paragraph.add_run(article)
        _signature(document, recipients=["- Như Điều 3;", "- Lưu: VT."],
                   titles=context["signer_title"] or ["GIÁM ĐỐC"],
                   name=decision.signer_name)  # fmt: skip
    if context["sections"]:
        page_break = document.add_paragraph().add_run()
        page_break.add_break(WD_BREAK.PAGE)
        _para(document, "DANH SÁCH", bold=True, align=CENTER)
        _para(document, "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG",
              bold=True, align=CENTER)  # fmt: skip
        _para(document, context["annex_note"], italic=True, align=CENTER)
        table = _table(document, ["TT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị",
                                  "Danh hiệu, hình thức khen thưởng", "Số tiền (đồng)"],
                       widths=[1, 4.5, 2.5, 3.5, 3.5, 2.5])  # fmt: skip
        for section in context["sections"]:
            _row(table, [section["number"], section["title"]], bold=True, merge_from=1)
            for index, line in enumerate(section["lines"], start=1):
                bonus = vnd(line.bonus) if line.bonus is not None else "—"
                _row(table, [index, line.recipient_name, line.position, line.unit_name,
                             line.award_type.name_vi, bonus])  # fmt: skip
        _row(table, ["", "Tổng cộng", "", "", "", vnd(context["total"])], bold=True)
    return _save(document)


def proposal_docx(context):
    """The proposal upward (tờ trình) and its list of nominees; `context` is
    proposals.views.proposal_document_context."""
    proposal = context["proposal"]
    document = _new_document()
    issuer = [(context["superior"], False, False)] if context["superior"] else []
    issuer.append((context["issuer"], True, False))
    _heading(document, issuer_lines=issuer, number=proposal.number_text or "……/TTr-……",
             place_date=context["place_date"])  # fmt: skip
    _title(document, "TỜ TRÌNH")
    _para(document, proposal.subject, bold=True, align=CENTER)
    _para(document, f"Kính gửi: {proposal.authority}", align=CENTER)
    for paragraph in proposal.body.splitlines():
        if paragraph.strip():
            _para(document, paragraph.strip(), align=JUSTIFY, indent=True)
    _para(document, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True)
    header = ["STT", "Họ và tên / Tập thể", "Đơn vị", "Chức vụ",
              "Danh hiệu, hình thức khen thưởng", "Tóm tắt thành tích"]  # fmt: skip
    table = _table(document, header)
    both = context["collectives"] and context["individuals"]
    for roman, title, rows in (("I. ", "Tập thể", context["collectives"]),
                               ("II. ", "Cá nhân", context["individuals"])):  # fmt: skip
        if not rows:
            continue
        _row(table, [f"{roman if both else ''}{title}"], bold=True, merge_from=0)
        for index, row in enumerate(rows, start=1):
            nomination = row["nomination"]
            position = "" if row["collective"] else row["position"]
            award = f"{row['award'].name_vi} năm {nomination.year}"
            _row(table, [index, row["name"], row["unit"], position, award, nomination.summary])
    _signature(document, recipients=["- Như trên;", "- Lưu: VT, TĐKT."],
               titles=[proposal.signer_title.upper()] if proposal.signer_title else [],
               name=proposal.signer_name)  # fmt: skip
    return _save(document)
