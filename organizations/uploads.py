"""Whether an uploaded file is what its extension says.

The extension alone proves nothing and the first bytes alone are easy to fake (any zip starts
like a .docx, an HTML page may begin with "%PDF"): Office files must hold the parts of their
format, and a PDF must parse.
"""

import io
import zipfile

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
IMAGE_STARTS = {"jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}


def content_matches(extension, data):
    extension = extension.lower().lstrip(".")
    if extension == "pdf":
        return _pdf_parses(data)
    if extension in OFFICE_PARTS:
        return data.startswith(b"PK\x03\x04") and _zip_holds(data, OFFICE_PARTS[extension])
    if extension == "doc":
        return data.startswith(OLE)
    if extension in IMAGE_STARTS:
        return data.startswith(IMAGE_STARTS[extension])
    return False


def _zip_holds(data, member):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and member in names


def _pdf_parses(data):
    if not data.startswith(b"%PDF-"):
        return False
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return False
