"""Printing every certificate of a decision in one PDF as a background job (issue 9): one page
per annex line in annex order, in full design or overprint, with the job's progress and its
file for its owner only; and the printers' offsets that officers set."""

import shutil
import subprocess
from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from awards.certificates import rendering
from awards.certificates.layout import positions_of
from awards.certificates.models import PrinterOffset
from awards.certificates.services import template_for
from organizations.jobs import services as jobs
from organizations.models import AuditEntry, Job
from tests.awards.factories import award_type
from tests.awards.factories_certificates import issued_with_certificates
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
PEOPLE = ["Nguyễn Thị Hồng Nhung", "Trần Đức Thắng", "Lê Thị Ánh Tuyết"]


def page_texts(data):
    """The text of each page, as pdftotext reads it (pages end with a form feed)."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                            check=True)  # fmt: skip
    return result.stdout.decode().split("\f")[:-1]


@pytest.fixture
def decision(tree):
    """The department's decision: two collectives, then three people; the annex order (line
    `order`) is not the order the lines were written in."""
    people = [PersonFactory(unit=tree["a"], full_name=name) for name in PEOPLE]
    collectives = [tree["a1"], UnitFactory(code="UNIT-A2", name="Xã Phố Bảng", parent=tree["a"])]
    return issued_with_certificates(unit=tree["dept"], people=people, collectives=collectives,
                                    orders=[2, 1, 5, 3, 4])  # fmt: skip


# Annex order: collectives first, then individuals, each by their line's order.
ANNEX = ["Xã Phố Bảng", "Xã Lũng Cú", "Trần Đức Thắng", "Lê Thị Ánh Tuyết",
         "Nguyễn Thị Hồng Nhung"]  # fmt: skip


def print_all(client, decision, capture, **data):
    """Send the print form; the job runs inline once the request's transaction commits."""
    with capture(execute=True):
        response = client.post(reverse("decision_certificates_print", args=[decision.pk]),
                               {"mode": "full", **data})  # fmt: skip
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    return job


def download(client, job):
    response = client.get(reverse("job_output", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@needs_pdftotext
@pytest.mark.parametrize("mode", ["full", "overprint"])
def test_the_bulk_pdf_has_one_page_per_annex_line_in_annex_order(
    client, officer, decision, mode, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    job = print_all(client, decision, django_capture_on_commit_callbacks, mode=mode)
    assert (job.state, job.kind, job.result) == (Job.State.DONE, "certificates", {"count": 5})
    data = download(client, job)
    assert len(PdfReader(BytesIO(data)).pages) == len(ANNEX)
    pages = page_texts(data)
    for name, text in zip(ANNEX, pages, strict=True):
        assert name in text
    if mode == "full":
        assert all("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text for text in pages)
    else:
        assert not any("CỘNG HÒA" in text or "TẶNG" in text for text in pages)
        assert job.filename.endswith("-in-chong.pdf")


def test_certificates_of_several_award_types_keep_each_its_paper(tree):
    people = [PersonFactory(unit=tree["a"]) for _ in range(2)]
    decision = issued_with_certificates(unit=tree["dept"], people=people)
    bang_khen = decision.lines.order_by("order").first().award_record
    bang_khen.award_type = award_type("BK_TINH")
    bang_khen.save()
    from awards.certificates.printing import decision_certificates

    certificates = decision_certificates(decision, _superuser())
    data = rendering.certificates_pdf(certificates, mode="full", verify_url=lambda c: "x")
    sizes = [(round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72
              * 25.4)) for p in PdfReader(BytesIO(data)).pages]  # fmt: skip
    assert sizes == [(400, 300), (297, 210)]


def test_the_fonts_are_embedded_once_however_many_pages(tree):
    people = [PersonFactory(unit=tree["a"], full_name=f"Đặng Thị Ngọc Ánh {n}") for n in range(6)]
    decision = issued_with_certificates(unit=tree["dept"], people=people)
    from awards.certificates.printing import decision_certificates

    certificates = decision_certificates(decision, _superuser())
    data = rendering.certificates_pdf(certificates, mode="full", verify_url=lambda c: "x",
                                      chunk=2)  # fmt: skip
    reader = PdfReader(BytesIO(data))
    fonts = {font.get_object().indirect_reference.idnum for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}  # fmt: skip
    assert len(reader.pages) == 6 and len(fonts) == 2  # Noto Serif regular and bold


def test_the_job_reports_its_progress_every_chunk_and_ends_at_100(
    client, officer, decision, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rendering, "CHUNK", 2)
    seen = []
    save = jobs.JobProgress._save

    def recording(self, **values):
        save(self, **values)
        row = Job.objects.get(pk=self.job.pk)
        seen.append((row.phase, row.progress_done, row.progress_total))

    monkeypatch.setattr(jobs.JobProgress, "_save", recording)
    client.force_login(officer)
    job = print_all(client, decision, django_capture_on_commit_callbacks)
    assert seen == [("layout", 0, 5), ("layout", 2, 5), ("layout", 4, 5), ("layout", 5, 5),
                    ("writing", 5, 5)]  # fmt: skip
    status = client.get(reverse("job_status", args=[job.pk])).json()
    assert (status["state"], status["percent"], status["finished"]) == ("done", 100, True)


def test_the_job_page_offers_the_file_to_its_owner_only(
    client, officer, officer_a, superuser, decision, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    job = print_all(client, decision, django_capture_on_commit_callbacks)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "5 certificates, one per page, in the order of the annex." in page
    assert reverse("job_output", args=[job.pk]) in page
    assert reverse("decision_detail", args=[decision.pk]) in page
    response = client.get(reverse("job_output", args=[job.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    assert job.filename == f"giay-chung-nhan-{decision.number}-qd-sldtbxh.pdf"
    client.force_login(officer_a)
    assert client.get(reverse("job_output", args=[job.pk])).status_code == 404
    client.force_login(superuser)
    assert client.get(reverse("job_output", args=[job.pk])).status_code == 200


def test_there_is_no_file_before_the_job_is_done(client, officer, decision):
    job = Job.objects.create(user=officer, kind="certificates", filename="x.pdf",
                             target={"pk": decision.pk})  # fmt: skip
    client.force_login(officer)
    assert client.get(reverse("job_output", args=[job.pk])).status_code == 404
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "js/job-progress.js" in page and reverse("job_output", args=[job.pk]) not in page


def test_a_district_clerk_prints_the_certificates_of_their_district_only(
    client, clerk_a, tree, django_capture_on_commit_callbacks
):
    people = [PersonFactory(unit=tree["a"], full_name="Vàng Thị Mỷ"),
              PersonFactory(unit=tree["b"], full_name="Ly Thị Dính")]  # fmt: skip
    decision = issued_with_certificates(unit=tree["dept"], people=people)
    client.force_login(clerk_a)
    page = client.get(reverse("decision_certificates_print", args=[decision.pk]))
    assert page.status_code == 200
    job = print_all(client, decision, django_capture_on_commit_callbacks)
    data = download(client, job)
    assert len(PdfReader(BytesIO(data)).pages) == 1
    assert job.result == {"count": 1}


def test_the_job_fails_plainly_when_the_user_may_no_longer_print(
    client, officer, decision, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("decision_certificates_print", args=[decision.pk]), {"mode": "full"})
    officer.memberships.all().delete()
    for callback in callbacks:
        callback()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and not job.output
    with translation.override("en"):
        assert job.errors == [{"line": None, "message": (
            "You may no longer print the certificates of this decision.")}]  # fmt: skip


def test_the_print_page_asks_for_the_mode_and_a_usable_printer(client, clerk_a, decision, tree):
    ours = PrinterOffset.objects.create(unit=tree["a"], name="Máy in huyện Đồng Văn")
    theirs = PrinterOffset.objects.create(unit=tree["b"], name="Máy in huyện Mèo Vạc")
    client.force_login(clerk_a)
    page = client.get(reverse("decision_certificates_print", args=[decision.pk])).content.decode()
    assert 'name="mode"' in page and ours.name in page and theirs.name not in page
    response = client.post(reverse("decision_certificates_print", args=[decision.pk]),
                           {"mode": "overprint", "printer": theirs.pk})  # fmt: skip
    assert response.status_code == 200 and not Job.objects.exists()


def test_only_an_issued_decision_prints_its_certificates(client, approver, tree):
    from tests.awards.factories_decisions import DecisionFactory

    draft = DecisionFactory(unit=tree["dept"])
    client.force_login(approver)
    assert client.get(reverse("decision_certificates_print", args=[draft.pk])).status_code == 404


def test_the_decision_page_has_the_print_every_certificate_button(client, officer, decision):
    client.force_login(officer)
    page = client.get(reverse("decision_detail", args=[decision.pk])).content.decode()
    assert reverse("decision_certificates_print", args=[decision.pk]) in page


# --- Printers -----------------------------------------------------------------------------------


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("printing-root", password="x")


def english(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_an_officer_sets_a_printers_offset_and_the_audit_log_says_so(client, officer, tree):
    english(client, officer)
    values = {"unit": tree["dept"].pk, "name": "HP LaserJet phòng 203", "dx_mm": "1.5",
              "dy_mm": "-2"}  # fmt: skip
    response = client.post(reverse("printer_list"), values)
    assert response.status_code == 302
    printer = PrinterOffset.objects.get()
    assert (printer.unit, str(printer.dx_mm), str(printer.dy_mm)) == (tree["dept"], "1.5", "-2.0")
    entry = AuditEntry.objects.get(action="printer.offset")
    assert entry.actor == officer and entry.object_repr == "HP LaserJet phòng 203"
    assert entry.changes["dx_mm"] == [None, "1.5"]
    client.post(reverse("printer_edit", args=[printer.pk]), {"unit": tree["dept"].pk,
                "name": printer.name, "dx_mm": "0.5", "dy_mm": "-2"})  # fmt: skip
    printer.refresh_from_db()
    assert str(printer.dx_mm) == "0.5"
    assert AuditEntry.objects.filter(action="printer.offset").latest("pk").changes == {
        "dx_mm": ["1.5", "0.5"]}  # fmt: skip


def test_a_vietnamese_officer_types_millimetres_with_a_decimal_comma(client, officer, tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    client.force_login(officer)
    client.post(reverse("printer_list"), {"unit": tree["dept"].pk, "name": "Canon",
                                          "dx_mm": "-1,5", "dy_mm": "2"})  # fmt: skip
    assert str(PrinterOffset.objects.get().dx_mm) == "-1.5"


def test_an_offset_out_of_range_is_refused_and_the_form_keeps_what_was_typed(client, officer,
                                                                             tree):  # fmt: skip
    english(client, officer)
    response = client.post(reverse("printer_list"), {"unit": tree["dept"].pk, "name": "Epson L3110",
                           "dx_mm": "25", "dy_mm": "abc"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and not PrinterOffset.objects.exists()
    assert "Ensure this value is less than or equal to 20." in page
    assert "Enter a number." in page
    assert 'value="Epson L3110"' in page and 'value="25"' in page and 'value="abc"' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.post(reverse("printer_list"), {"unit": tree["dept"].pk, "name": "Epson",
                       "dx_mm": "25", "dy_mm": "0"}).content.decode()  # fmt: skip
    assert "Ensure this value" not in page and "20" in page


def test_two_printers_of_one_office_need_two_names(client, officer, tree):
    PrinterOffset.objects.create(unit=tree["dept"], name="Canon")
    english(client, officer)
    page = client.post(reverse("printer_list"), {"unit": tree["dept"].pk, "name": "canon",
                       "dx_mm": "0", "dy_mm": "0"}).content.decode()  # fmt: skip
    assert "This unit already has a printer of that name." in page
    assert PrinterOffset.objects.count() == 1


def test_printers_are_set_by_officers_of_their_office(client, clerk_a, officer_a, tree):
    department = PrinterOffset.objects.create(unit=tree["dept"], name="Máy in Sở")
    district = PrinterOffset.objects.create(unit=tree["a"], name="Máy in huyện")
    other = PrinterOffset.objects.create(unit=tree["b"], name="Máy in Mèo Vạc")
    client.force_login(clerk_a)
    assert client.get(reverse("printer_list")).status_code == 403
    client.force_login(officer_a)
    page = client.get(reverse("printer_list")).content.decode()
    assert department.name in page and district.name in page and other.name not in page
    assert client.get(reverse("printer_edit", args=[district.pk])).status_code == 200
    assert client.get(reverse("printer_edit", args=[department.pk])).status_code == 403
    assert client.get(reverse("printer_edit", args=[other.pk])).status_code == 404
    response = client.post(reverse("printer_list"), {"unit": tree["dept"].pk, "name": "X",
                                                     "dx_mm": "0", "dy_mm": "0"})  # fmt: skip
    assert response.status_code == 200 and not PrinterOffset.objects.filter(name="X").exists()


def test_saving_a_printer_from_the_calibration_page_goes_back_to_it_with_the_printer(
    client, officer, decision, tree
):
    award_pk = decision.lines.first().award_record_id
    calibration = reverse("certificate_calibration", args=[award_pk])
    client.force_login(officer)
    page = client.get(calibration).content.decode()
    assert reverse("printer_list") in page  # the toolbar links the printers
    response = client.post(reverse("printer_list"), {"unit": tree["dept"].pk, "name": "Canon",
                           "dx_mm": "3", "dy_mm": "-2", "next": calibration})  # fmt: skip
    printer = PrinterOffset.objects.get()
    assert response.url == f"{calibration}?printer={printer.pk}"
    page = client.get(response.url).content.decode()
    assert f"calibration.css?printer={printer.pk}" in page
    css = client.get(reverse("certificate_css", args=[award_pk, "calibration"]),
                     {"printer": printer.pk}).content.decode()  # fmt: skip
    template = template_for(decision.lines.first().award_type)
    left, top = positions_of(template)["recipient"][:2]
    assert f".f-recipient {{ left: {left + 3:g}mm; top: {top - 2:g}mm;" in css


def test_another_districts_printer_shifts_nothing(client, clerk_a, decision, tree):
    theirs = PrinterOffset.objects.create(unit=tree["b"], name="Mèo Vạc", dx_mm=5, dy_mm=5)
    award_pk = decision.lines.first().award_record_id
    client.force_login(clerk_a)
    css = client.get(reverse("certificate_css", args=[award_pk, "overprint"]),
                     {"printer": theirs.pk}).content.decode()  # fmt: skip
    template = template_for(decision.lines.first().award_type)
    left = positions_of(template)["recipient"][0]
    assert f".f-recipient {{ left: {left:g}mm;" in css
