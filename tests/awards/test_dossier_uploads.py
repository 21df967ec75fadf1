"""Dossier files: accepted types and sizes, history per document, private downloads."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import DossierDocument
from awards.nominations.services import (
    DOSSIER_MAX_BYTES,
    WorkflowError,
    dossier_remove,
    dossier_upload,
    nomination_submit,
)
from awards.nominations.services import dossier as services_nominations
from tests.awards.factories import NominationFactory
from tests.awards.test_nomination_services import PDF, draft, pdf, ready
from tests.files import docx_bytes, xlsx_bytes, zip_bytes

pytestmark = pytest.mark.django_db

GOOD = {
    "ban-khai.pdf": PDF,
    "bao-cao.docx": docx_bytes(),
    "bang-tinh.xlsx": xlsx_bytes([["Họ và tên"], ["Vàng Thị Mỷ"]]),
    "to-trinh-cu.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
    "anh-chup.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 40,
    "anh-chup.JPEG": b"\xff\xd8\xff\xdb" + b"\x00" * 40,
    "scan.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
}
BAD = {
    "virus.exe": b"MZ\x90\x00",  # not an accepted type
    "to-trinh.pdf": b"\x89PNG\r\n\x1a\n",  # a PNG called .pdf
    "bao-cao.docx": PDF,  # a PDF called .docx
    "bang-tinh.xlsx": b"\xd0\xcf\x11\xe0",  # an old .xls renamed
    "anh.png": b"GIF89a",
    "khong-duoi": PDF,  # no extension
    "rong.pdf": b"",  # empty
    "trang-web.pdf": b"%PDF-1.4\n<html><script>alert(1)</script></html>",  # does not parse
    "nen.docx": zip_bytes({"readme.txt": "any zip"}),  # a zip without Word's parts
    "so-lieu.xlsx": zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "x"}),
}


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client, nomination, kind, name, content):
    return client.post(
        reverse("dossier_upload", args=[nomination.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def nomination(clerk_a, person_a):
    return draft(clerk_a, person=person_a)


@pytest.fixture
def clerk(client, clerk_a):
    client.force_login(clerk_a)
    return client


@pytest.mark.parametrize("name", sorted(GOOD))
def test_accepted_types_are_stored(name, clerk, nomination, settings):
    response = upload(clerk, nomination, "to_trinh", name, GOOD[name])
    assert response.status_code == 302
    document = DossierDocument.objects.get()
    assert (document.kind, document.original_name, document.size) == (
        "to_trinh",
        name,
        len(GOOD[name]),
    )
    assert document.file.name.startswith(f"dossiers/{nomination.pk}/to_trinh/")
    assert Path(document.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    assert Path(document.file.path).read_bytes() == GOOD[name]


@pytest.mark.parametrize("name", sorted(BAD))
def test_wrong_types_are_refused_and_nothing_is_stored(name, clerk, nomination, settings):
    response = upload(clerk, nomination, "to_trinh", name, BAD[name])
    assert response.status_code == 400
    errors = response.context["dossier"][0]["form"].errors["file"]
    assert errors
    assert errors[0] in response.content.decode() or "&" in errors[0]
    assert not DossierDocument.objects.exists()
    assert stored_files(settings) == []


def test_the_refusal_says_why(clerk, nomination):
    html = upload(clerk, nomination, "to_trinh", "to-trinh.pdf", b"\x89PNG\r\n").content.decode()
    assert "not really a PDF file" in html
    html = upload(clerk, nomination, "to_trinh", "virus.exe", b"MZ").content.decode()
    assert "is not an accepted file type" in html


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(clerk, nomination, settings):
    big = PDF + b"0" * (DOSSIER_MAX_BYTES + 1 - len(PDF))
    response = upload(clerk, nomination, "to_trinh", "qua-lon.pdf", big)
    assert response.status_code == 400
    assert "the limit is 10 MB" in response.content.decode()
    assert not DossierDocument.objects.exists()
    assert stored_files(settings) == []


def test_a_file_of_exactly_the_limit_is_accepted(clerk_a, nomination, monkeypatch):
    monkeypatch.setattr(services_nominations, "DOSSIER_MAX_BYTES", len(PDF))
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf())
    with pytest.raises(ValidationError, match="limit"):
        dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh",
                       file=pdf(content=PDF + b"!"))  # fmt: skip
    assert DossierDocument.objects.count() == 1


def test_the_service_refuses_what_the_form_refuses(clerk_a, nomination, settings):
    with pytest.raises(ValidationError, match="not really"):
        dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh",
                       file=SimpleUploadedFile("x.pdf", b"PK\x03\x04"))  # fmt: skip
    with pytest.raises(ValidationError, match="does not ask"):
        dossier_upload(actor=clerk_a, nomination=nomination, kind="ban_khai", file=pdf())
    assert stored_files(settings) == []


def test_a_document_the_award_does_not_ask_for_is_refused(clerk, nomination):
    response = upload(clerk, nomination, "ban_khai", "ban-khai.pdf", PDF)
    assert response.status_code == 400
    assert not DossierDocument.objects.exists()


def test_a_new_upload_keeps_the_old_one_and_the_newest_counts(clerk, nomination):
    upload(clerk, nomination, "to_trinh", "ban-dau.pdf", PDF)
    upload(clerk, nomination, "to_trinh", "da-sua.pdf", PDF + b"v2")
    assert DossierDocument.objects.count() == 2
    row = clerk.get(reverse("nomination_detail", args=[nomination.pk])).context["dossier"][0]
    assert row["current"].original_name == "da-sua.pdf"
    assert [d.original_name for d in row["older"]] == ["ban-dau.pdf"]


def test_a_vietnamese_file_name_is_kept_for_the_download(clerk, nomination):
    upload(clerk, nomination, "to_trinh", "Tờ trình đề nghị khen thưởng năm 2023.pdf", PDF)
    document = DossierDocument.objects.get()
    response = clerk.get(reverse("dossier_download", args=[nomination.pk, document.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_downloads_are_private_to_those_who_see_the_nomination(
    client, clerk_a, clerk_b, viewer, nomination
):
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf())
    document = DossierDocument.objects.get()
    url = reverse("dossier_download", args=[nomination.pk, document.pk])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    other = NominationFactory()
    wrong_pair = reverse("dossier_download", args=[other.pk, document.pk])
    client.force_login(clerk_a)
    assert client.get(wrong_pair).status_code == 404


def test_media_files_are_not_served_publicly(client, clerk_a, nomination, settings):
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf())
    document = DossierDocument.objects.get()
    client.force_login(clerk_a)
    assert client.get(f"/{settings.MEDIA_URL}{document.file.name}").status_code == 404


def test_only_editors_of_the_unit_may_upload(client, clerk_b, viewer, nomination, settings):
    client.force_login(clerk_b)
    assert upload(client, nomination, "to_trinh", "a.pdf", PDF).status_code == 404
    client.force_login(viewer)
    assert upload(client, nomination, "to_trinh", "a.pdf", PDF).status_code == 403
    assert stored_files(settings) == []


def test_a_submitted_dossier_is_closed(clerk, clerk_a, person_a, settings):
    nomination = ready(clerk_a, person_a)
    nomination_submit(actor=clerk_a, nomination=nomination)
    count = DossierDocument.objects.count()
    response = upload(clerk, nomination, "to_trinh", "muon.pdf", PDF)
    assert response.status_code == 302
    assert DossierDocument.objects.count() == count
    with pytest.raises(WorkflowError):
        dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf())
    with pytest.raises(WorkflowError):
        dossier_remove(actor=clerk_a, document=DossierDocument.objects.first())


def test_removing_a_document_from_a_draft(
    clerk, clerk_a, nomination, django_capture_on_commit_callbacks
):
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf())
    document = DossierDocument.objects.get()
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the row has
        response = clerk.post(reverse("dossier_remove", args=[nomination.pk, document.pk]))
    assert response.status_code == 302
    assert not DossierDocument.objects.exists()
    assert not path.exists()


def test_the_detail_page_flags_missing_documents(clerk, clerk_a, nomination):
    dossier_upload(actor=clerk_a, nomination=nomination, kind="to_trinh", file=pdf())
    response = clerk.get(reverse("nomination_detail", args=[nomination.pk]))
    assert [row["kind"] for row in response.context["dossier"] if not row["current"]] == [
        "bao_cao_thanh_tich",
        "bien_ban_hoi_dong",
    ]
    assert len(response.context["missing"]) == 2
    assert "2 required documents are missing." in response.content.decode()
