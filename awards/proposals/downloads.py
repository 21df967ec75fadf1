"""What the department sends upward with a proposal: the list of nominees and a ZIP of their
dossiers. The texts are Vietnamese, the language of the documents, whatever the interface says.

The ZIP holds one folder per nominee, "01 - Name - AWARDCODE/", with the current version of each
dossier document under the name it was uploaded with (a replaced version is not sent), and the
list of nominees as "danh-sach-de-nghi.csv" (UTF-8 with BOM, so Excel reads the accents). It is
written to a temporary file, not memory: dossiers of fifty nominees run to hundreds of MB.
"""

import csv
import io
import re
import tempfile
import zipfile

from awards.models import DossierDocument

CSV_NAME = "danh-sach-de-nghi.csv"
CSV_HEADER = ["STT", "Họ và tên / Tập thể", "Đơn vị", "Chức vụ", "Danh hiệu, hình thức khen "
              "thưởng", "Mã", "Năm thành tích", "Tóm tắt thành tích", "Thư mục hồ sơ",
              "Kết quả"]  # fmt: skip
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def nominee_rows(proposal):
    """One dict per line, in the proposal's order, with what the list prints."""
    lines = proposal.lines.select_related(
        "nomination__award_type", "nomination__person__unit", "nomination__unit__parent",
        "decision",
    ).order_by("order", "id")  # fmt: skip
    rows = []
    for index, line in enumerate(lines, start=1):
        nomination = line.nomination
        person = nomination.person
        if person is not None:
            name, unit, position = person.full_name, person.unit.name, person.position
        else:
            name, position = nomination.unit.name, ""
            unit = nomination.unit.parent.name if nomination.unit.parent_id else ""
        rows.append({
            "index": index, "line": line, "nomination": nomination, "name": name, "unit": unit,
            "position": position, "award": nomination.award_type, "collective": person is None,
            "folder": folder_name(index, name, nomination.award_type.code),
        })  # fmt: skip
    return rows


def _safe(text):
    return " ".join(UNSAFE.sub(" ", text or "").split())[:80].strip(" .") or "_"


def folder_name(index, name, code):
    return f"{index:02d} - {_safe(name)} - {_safe(code)}"


def _current_documents(nomination_ids):
    """Per nomination, the newest upload of each kind (the one that counts)."""
    newest = {}
    documents = DossierDocument.objects.filter(nomination_id__in=nomination_ids).order_by(
        "nomination_id", "kind", "uploaded_at", "id"
    )
    for document in documents:
        newest[(document.nomination_id, document.kind)] = document
    found = {}
    for (nomination_id, _kind), document in sorted(newest.items()):
        found.setdefault(nomination_id, []).append(document)
    return found


def _unique(name, taken):
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, counter = name, 2
    while candidate.lower() in taken:
        candidate = f"{stem} ({counter}){dot}{extension}"
        counter += 1
    taken.add(candidate.lower())
    return candidate


def nominee_csv(rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in rows:
        line = row["line"]
        writer.writerow([row["index"], row["name"], row["unit"], row["position"],
                         row["award"].name_vi, row["award"].code, row["nomination"].year,
                         " ".join(row["nomination"].summary.split()), row["folder"],
                         line.get_outcome_display()])  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def dossier_zip(proposal):
    """An open temporary file holding the ZIP, positioned at its start; missing files on the
    storage are listed in "THIEU-TEP.txt" rather than failing the whole download."""
    rows = nominee_rows(proposal)
    documents = _current_documents([row["nomination"].pk for row in rows])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    missing = []
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CSV_NAME, nominee_csv(rows))
        for row in rows:
            taken = set()
            for document in documents.get(row["nomination"].pk, []):
                target = f"{row['folder']}/{_unique(_safe(document.original_name), taken)}"
                try:
                    with document.file.open("rb") as source, archive.open(target, "w") as out:
                        while chunk := source.read(1024 * 1024):
                            out.write(chunk)
                except FileNotFoundError:
                    missing.append(f"{row['folder']}/{document.original_name}")
        if missing:
            archive.writestr("THIEU-TEP.txt", "\n".join(["Không tìm thấy tệp:", *missing]))
    handle.seek(0)
    return handle
