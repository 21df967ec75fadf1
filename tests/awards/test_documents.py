"""Printed documents: the decision, the council minutes and the proposal as A4 PDF (read back
with pdftotext), the decision and the proposal as Word files (read back with python-docx), and
the decision as a PAdES-signed PDF that validates while intact and fails once tampered with."""

import subprocess
from datetime import date
from io import BytesIO

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from awards.documents import signing
from awards.documents.pdf import StaticOnly, url_fetcher
from awards.models import AgendaItem, CouncilMember, CouncilSession, DecisionLine, Nomination
from tests.awards.factories import NominationFactory, award_type
from tests.awards.factories_decisions import DecisionFactory, line_for_person
from tests.awards.factories_proposals import passed, signed
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NAMES = ["Nguyễn Thị Hồng Nhung", "Trần Đức Thắng", "Lê Thị Ánh Tuyết"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def decision(tree):
    """The department's issued decision 7/QĐ-SLĐTBXH: unit A (collective), then three people."""
    decision = DecisionFactory(unit=tree["dept"], issued=True, number=7,
                               issuer_code="SLĐTBXH", number_text="7/QĐ-SLĐTBXH")  # fmt: skip
    DecisionLine.objects.create(
        decision=decision, award_type=award_type("TTLDTT"), person=None, unit=tree["a"],
        recipient_name="Phòng Lao động - Việc làm", unit_name=tree["dept"].name, order=1,
        bonus_amount=1_440_000,
    )  # fmt: skip
    for order, name in enumerate(NAMES, start=2):
        person = PersonFactory(unit=tree["a"], full_name=name, position="Chuyên viên")
        line = line_for_person(decision, person)
        line.order, line.bonus_amount = order, 540_000
        line.save()
    return decision


def pdf_text(data):
    """The text layer in reading order, a table cell's wrapped lines joined by one space."""
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def signed_in(client, user):
    client.force_login(user)
    return client


# --- PDF -----------------------------------------------------------------------------------------


def test_the_decision_pdf_reads_back_its_number_the_motto_and_the_recipients(client, officer,
                                                                            decision):  # fmt: skip
    response = signed_in(client, officer).get(reverse("decision_pdf", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = pdf_text(response.content)
    assert "7/QĐ-SLĐTBXH" in text
    assert MOTTO in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    for name in NAMES:
        assert name in text
    assert "Phòng Lao động - Việc làm" in text


def test_the_decision_pdf_is_a4_and_leaves_out_the_screen_controls(client, approver, tree):
    from pypdf import PdfReader

    draft = DecisionFactory(unit=tree["dept"])
    line_for_person(draft, PersonFactory(unit=tree["a"], full_name="Phạm Văn Đồng"))
    response = signed_in(client, approver).get(reverse("decision_pdf", args=[draft.pk]))
    page = PdfReader(BytesIO(response.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = pdf_text(response.content)
    assert "DỰ THẢO" in text and "Phạm Văn Đồng" in text
    assert "Remove" not in text and "Take " not in text


def test_the_decision_page_offers_the_pdf_and_word_downloads(client, officer, decision):
    page = signed_in(client, officer).get(reverse("decision_detail", args=[decision.pk]))
    html = page.content.decode()
    assert reverse("decision_pdf", args=[decision.pk]) in html
    assert reverse("decision_docx", args=[decision.pk]) in html
    assert reverse("decision_pdf_signed", args=[decision.pk]) not in html


def test_the_council_minutes_pdf_names_the_nominees(client, officer, council, tree):
    session = CouncilSession.objects.create(
        unit=tree["dept"], title="Phiên họp xét khen thưởng", date=date(2024, 1, 10),
        place="Phòng họp số 2",
    )  # fmt: skip
    CouncilMember.objects.create(session=session, user=council)
    person = PersonFactory(unit=tree["a"], full_name="Võ Thị Sáu Hương")
    nomination = NominationFactory(person=person, state=Nomination.State.ACCEPTED)
    AgendaItem.objects.create(session=session, nomination=nomination, order=1)
    client = signed_in(client, officer)
    assert reverse("council_minutes_pdf", args=[session.pk]) in client.get(
        reverse("council_session_minutes", args=[session.pk])).content.decode()  # fmt: skip
    response = client.get(reverse("council_minutes_pdf", args=[session.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Võ Thị Sáu Hương" in text
    assert "Phiên họp xét khen thưởng" in text


@pytest.fixture
def proposal(approver, tree):
    people = [PersonFactory(unit=tree["a"], full_name=name) for name in NAMES[:2]]
    return signed(approver, tree["dept"], [passed(person) for person in people])


def test_the_proposal_pdf_reads_back_its_number_the_motto_and_the_nominees(client, officer,
                                                                           proposal):  # fmt: skip
    client = signed_in(client, officer)
    page = client.get(reverse("proposal_print", args=[proposal.pk])).content.decode()
    assert reverse("proposal_pdf", args=[proposal.pk]) in page
    assert reverse("proposal_docx", args=[proposal.pk]) in page
    text = pdf_text(client.get(reverse("proposal_pdf", args=[proposal.pk])).content)
    assert "12/TTr-SLĐTBXH" in text and MOTTO in text and "TỜ TRÌNH" in text
    for name in NAMES[:2]:
        assert name in text


def test_a_document_pdf_is_refused_outside_the_users_units(client, clerk_b, decision, proposal):
    client = signed_in(client, clerk_b)
    assert client.get(reverse("decision_pdf", args=[decision.pk])).status_code == 404
    assert client.get(reverse("decision_docx", args=[decision.pk])).status_code == 404
    assert client.get(reverse("proposal_pdf", args=[proposal.pk])).status_code == 404


def test_the_pdf_renderer_fetches_only_the_projects_static_files():
    assert url_fetcher("http://testserver/static/css/decision.css").startswith(b"/*")
    for url in ("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
                "http://testserver/static/../config/settings.py",
                "http://testserver/media/keys/demo.p12"):  # fmt: skip
        with pytest.raises(StaticOnly):
            url_fetcher(url)


# --- Word ----------------------------------------------------------------------------------------


def paragraphs_and_cells(document):
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def test_the_decision_docx_holds_the_layout_and_the_annex_rows_in_order(client, officer,
                                                                         decision):  # fmt: skip
    response = signed_in(client, officer).get(reverse("decision_docx", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(BytesIO(response.content))
    text = paragraphs_and_cells(document)
    assert "Số: 7/QĐ-SLĐTBXH" in text
    assert MOTTO in text and "QUYẾT ĐỊNH" in text and "Căn cứ Luật Thi đua" in text
    assert "Điều 1. Tặng danh hiệu" in text and "GIÁM ĐỐC" in text
    annex = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in annex.rows]
    assert rows[0][:2] == ["TT", "Họ và tên / Tên tập thể"]
    assert rows[1][0] == "I" and rows[1][1] == "TẬP THỂ"
    assert rows[2][:2] == ["1", "Phòng Lao động - Việc làm"]
    assert rows[2][5] == "1.440.000"
    assert rows[3][0] == "II" and rows[3][1] == "CÁ NHÂN"
    assert [row[1] for row in rows[4:7]] == NAMES
    assert [row[0] for row in rows[4:7]] == ["1", "2", "3"]
    assert rows[-1][1] == "Tổng cộng"


def test_the_proposal_docx_lists_its_nominees(client, officer, proposal):
    response = signed_in(client, officer).get(reverse("proposal_docx", args=[proposal.pk]))
    document = Document(BytesIO(response.content))
    text = paragraphs_and_cells(document)
    assert "Số: 12/TTr-SLĐTBXH" in text and "TỜ TRÌNH" in text and MOTTO in text
    names = [row.cells[1].text for row in document.tables[1].rows]
    assert [n for n in names if n in NAMES] == NAMES[:2]


# --- Signed PDF ----------------------------------------------------------------------------------


def trust_root(key):
    with key.pkcs12.open("rb") as handle:
        _private, certificate, _others = pkcs12.load_key_and_certificates(
            handle.read(), signing.passphrase_of(key)
        )
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def status_of(data, key):
    signature = PdfFileReader(BytesIO(data)).embedded_signatures[0]
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[trust_root(key)]))


def test_the_signed_decision_pdf_validates_against_the_demo_key(client, officer, decision, media):
    key = signing.make_demo_key()
    assert (media / "keys").is_dir() and key.pkcs12.path.startswith(str(media / "keys"))
    client = signed_in(client, officer)
    page = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert reverse("decision_pdf_signed", args=[decision.pk]) in page
    response = client.get(reverse("decision_pdf_signed", args=[decision.pk]))
    assert response.status_code == 200
    status = status_of(response.content, key)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert "7/QĐ-SLĐTBXH" in pdf_text(response.content)


def test_a_tampered_signed_pdf_is_not_intact(decision, media, rf, officer):
    from awards.documents.views import _decision_pdf

    key = signing.make_demo_key()
    request = rf.get("/")
    request.user = officer
    data = signing.sign_pdf(_decision_pdf(request, decision), key=key)
    signature = PdfFileReader(BytesIO(data)).embedded_signatures[0]
    start, length = signature.byte_range[0], signature.byte_range[1]
    # Change one byte of the signed content (inside the first signed range, past the header).
    position = data.index(b"stream", start + 200, start + length) + 20
    tampered = bytearray(data)
    tampered[position] = (tampered[position] + 1) % 256
    assert not status_of(bytes(tampered), key).intact


def test_an_incremental_update_after_signing_is_not_covered(decision, media, rf, officer):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from awards.documents.views import _decision_pdf

    key = signing.make_demo_key()
    request = rf.get("/")
    request.user = officer
    data = signing.sign_pdf(_decision_pdf(request, decision), key=key)
    writer = IncrementalPdfFileWriter(BytesIO(data))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    status = status_of(out.getvalue(), key)
    assert status.coverage.name != "ENTIRE_FILE"
    assert not status.docmdp_ok and not status.bottom_line


def test_there_is_no_signed_pdf_without_a_key_or_for_a_draft(client, approver, decision, tree,
                                                            media):  # fmt: skip
    client = signed_in(client, approver)
    assert client.get(reverse("decision_pdf_signed", args=[decision.pk])).status_code == 404
    signing.make_demo_key()
    draft = DecisionFactory(unit=tree["dept"])
    assert client.get(reverse("decision_pdf_signed", args=[draft.pk])).status_code == 404


def test_the_admin_refuses_a_key_file_with_the_wrong_passphrase(admin_client, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = signing.demo_pkcs12("Sở Lao động", "dung-mat-khau")
    upload = SimpleUploadedFile("so.p12", data, content_type="application/x-pkcs12")
    url = reverse("admin:awards_signingkey_add")
    response = admin_client.post(url, {"name": "Khóa Sở", "pkcs12": upload, "passphrase": "sai",
                                       "active": "on"})  # fmt: skip
    assert response.status_code == 200 and "does not open" in response.content.decode()
    upload = SimpleUploadedFile("so.p12", data, content_type="application/x-pkcs12")
    response = admin_client.post(url, {"name": "Khóa Sở", "pkcs12": upload,
                                       "passphrase": "dung-mat-khau", "active": "on"})  # fmt: skip
    assert response.status_code == 302
    key = signing.current_key()
    assert key.subject == "CN=Sở Lao động,C=VN" and key.not_after is not None


def test_load_demo_makes_one_self_signed_key_that_signs_the_demo_decision(media, client):
    from io import StringIO

    from django.core.management import call_command

    from awards.models import Decision, SigningKey

    call_command("load_demo", "--force", stdout=StringIO())
    call_command("load_demo", "--force", stdout=StringIO())
    key = SigningKey.objects.get()
    assert key.active and "Thi đua demo" in key.subject
    decision = Decision.objects.filter(state="issued").exclude(kind="outside").first()
    client.force_login(_superuser())
    response = client.get(reverse("decision_pdf_signed", args=[decision.pk]))
    status = status_of(response.content, key)
    assert status.intact and status.valid and status.trusted


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("signer-check", password="x")


# --- The signed decision behind a certificate's QR code ------------------------------------------


@pytest.fixture
def certificate(decision, tree):
    from tests.awards.factories_certificates import granted

    return granted(person=PersonFactory(unit=tree["a"], full_name="Đinh Thị Ngọc Ánh"),
                   decision=decision)  # fmt: skip


def english(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_verification_page_links_the_signed_decision_that_validates(client, certificate,
                                                                       media):  # fmt: skip
    key = signing.make_demo_key()
    code = certificate.verification_code
    page = english(client).get(reverse("certificate_verify", args=[code])).content.decode()
    url = reverse("certificate_decision_pdf", args=[code])
    assert url in page
    assert "Signed with the certificate of Thi đua demo, VN." in page
    assert "self-signed" in page
    start, end = (timezone.localtime(moment) for moment in (key.not_before, key.not_after))
    assert f"It is valid from {start:%d/%m/%Y} to {end:%d/%m/%Y}." in page
    response = client.get(url)  # anonymous: the QR code is all it takes
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    status = status_of(response.content, key)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    text = pdf_text(response.content)
    assert "7/QĐ-SLĐTBXH" in text and NAMES[0] in text


def test_the_public_signed_decision_is_the_decision_and_nothing_else(client, certificate, media,
                                                                    officer):  # fmt: skip
    from pypdf import PdfReader

    signing.make_demo_key()
    public = client.get(reverse("certificate_decision_pdf", args=[certificate.verification_code]))
    reader = PdfReader(BytesIO(public.content))
    links = [annotation for page in reader.pages for annotation in page.get("/Annots") or []
             if annotation.get_object()["/Subtype"] == "/Link"]  # fmt: skip
    assert links == []  # no address (nor id) of the application's own pages
    assert b"/nominations/" not in public.content and b"testserver" not in public.content
    # A signed-in reader downloads the same document.
    inside = signed_in(client, officer).get(
        reverse("decision_pdf_signed", args=[certificate.award.decision_id]))  # fmt: skip
    assert pdf_text(inside.content) == pdf_text(public.content)


def test_a_tampered_copy_of_the_public_signed_decision_is_not_intact(client, certificate, media):
    key = signing.make_demo_key()
    data = client.get(reverse("certificate_decision_pdf", args=[certificate.verification_code]))
    data = data.content
    signature = PdfFileReader(BytesIO(data)).embedded_signatures[0]
    start, length = signature.byte_range[0], signature.byte_range[1]
    position = data.index(b"stream", start + 200, start + length) + 20
    tampered = bytearray(data)
    tampered[position] = (tampered[position] + 1) % 256
    assert not status_of(bytes(tampered), key).intact


def test_without_a_signing_key_nothing_signed_is_offered(client, certificate, media):
    code = certificate.verification_code
    page = client.get(reverse("certificate_verify", args=[code])).content.decode()
    assert reverse("certificate_decision_pdf", args=[code]) not in page
    assert client.get(reverse("certificate_decision_pdf", args=[code])).status_code == 404


def test_an_outside_decision_is_not_signed_here(client, tree, media):
    from tests.awards.factories_certificates import granted

    signing.make_demo_key()
    outside = DecisionFactory(unit=tree["dept"], issued=True, kind="outside")
    certificate = granted(person=PersonFactory(unit=tree["a"]), decision=outside)
    code = certificate.verification_code
    assert reverse("certificate_decision_pdf", args=[code]) not in client.get(
        reverse("certificate_verify", args=[code])).content.decode()  # fmt: skip
    assert client.get(reverse("certificate_decision_pdf", args=[code])).status_code == 404


def test_a_wrong_code_gets_no_pdf(client, certificate, media):
    signing.make_demo_key()
    response = client.get(reverse("certificate_decision_pdf", args=["not-a-real-code"]))
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_the_public_signed_decision_is_limited_per_address(client, certificate, media,
                                                          monkeypatch):  # fmt: skip
    from awards.certificates import views_public

    signing.make_demo_key()
    monkeypatch.setattr(views_public, "PDF_LIMIT", 2)
    url = reverse("certificate_decision_pdf", args=[certificate.verification_code])
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(url, REMOTE_ADDR="203.0.113.8").status_code == 200
