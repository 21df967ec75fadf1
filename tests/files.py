"""Files as a clerk's Excel writes them, for the import tests."""

import codecs
import csv
import io

from openpyxl import Workbook


def csv_bytes(lines, *, delimiter=",", bom=False):
    """UTF-8 CSV, optionally with the BOM Excel writes and with Excel's regional semicolons."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    data = buffer.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def xlsx_bytes(lines):
    """A workbook whose first sheet holds the lines; numbers and dates stay native."""
    workbook = Workbook()
    for cells in lines:
        workbook.active.append(list(cells))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(title="Thi dua"):
    """A real one-page PDF (a dossier check parses PDFs; a bare "%PDF" header is refused)."""
    from awards.demo import demo_pdf

    return demo_pdf(title)


def docx_bytes(text="Báo cáo thành tích"):
    """The smallest archive Word's parts checker accepts: content types and the document."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
    return buffer.getvalue()


def zip_bytes(members):
    """Any zip archive: {name: text}."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()
