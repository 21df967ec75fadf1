"""Certificates through the browser (issue 9): the Director opens an issued decision, one of its
certificates as a printable page and as PDF, then prints them all in the background and watches
the progress bar until the file is offered; opens the overprint and calibration pages; the
emulation officer sets the office printer's offset from the calibration page. An anonymous
visitor opens the QR code's link: valid, then revoked once the award is revoked.

The background job goes through the database queue, run by a worker thread started once the job
is queued, so the page really polls its progress.

Screenshots (Vietnamese and English) for a person checking the pages:
THIDUA_JOURNEY_SHOTS=/tmp/shots/issue9.
"""

import os
import re
import threading
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.certificates import rendering
from awards.decisions.revocation import award_revoke
from awards.documents import signing
from awards.models import AwardRecord
from organizations.jobs import services as jobs
from organizations.models import Job
from tests.awards.factories_certificates import issued_with_certificates
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factories import PersonFactory

SHOTS = os.environ.get("THIDUA_JOURNEY_SHOTS")
NAMES = ["Vàng Thị Mỷ", "Giàng Seo Phử", "Lò Văn Páo", "Nguyễn Thị Hồng Nhung"]


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def decision(tree, approver, officer):
    """The department's issued decision: unit A1 as a collective, then four people of unit A."""
    approver.first_name = "Nguyễn Văn Hùng"
    approver.save()
    people = [PersonFactory(unit=tree["a"], full_name=name, sex="F" if "Thị" in name else "M")
              for name in NAMES]  # fmt: skip
    signing.make_demo_key()
    return issued_with_certificates(unit=tree["dept"], people=people, collectives=[tree["a1"]])


@pytest.fixture
def worker(settings, monkeypatch):
    """Background jobs through the database queue; `start()` runs a worker thread over what is
    queued. Each progress report waits a little, so the bar moves while the browser polls."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(rendering, "CHUNK", 1)
    report = jobs.JobProgress.__call__

    def slowly(self, done):
        report(self, done)
        threading.Event().wait(0.6)

    monkeypatch.setattr(jobs.JobProgress, "__call__", slowly)
    threads = []

    def start():
        from django.db import connection
        from django_tasks_db.management.commands.db_worker import Worker

        def run():
            try:
                Worker(queue_names=["default"], interval=0.1, batch=True, backend_name="default",
                       startup_delay=False, max_tasks=None, worker_id="journey",
                       excluded_queue_names=[]).run()  # fmt: skip
            finally:
                connection.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        threads.append(thread)

    yield start
    for thread in threads:
        thread.join(timeout=60)


def test_the_director_prints_certificates_and_the_public_verifies_them(
    page, browser, live_server, decision, worker, approver, tmp_path
):
    lines = list(decision.lines.order_by("order"))
    first = lines[1].award_record  # the first person (the collective's line comes first)
    decision_url = reverse("decision_detail", args=[decision.pk])

    # 1. The Director opens the issued decision and one certificate, as a page and as PDF.
    sign_in(page, live_server, "approver", PASSWORD)
    page.goto(decision_url)
    certificates = page.locator("#certificates")
    expect(certificates.get_by_role("link", name="Print every certificate")).to_be_visible()
    certificates.locator("summary").click()
    shot(page, "en-01-decision")
    with page.expect_navigation():
        certificates.locator(f"a[href='{reverse('certificate_detail', args=[first.pk])}']").click()
    sheet = page.locator(".sheet")
    expect(sheet).to_contain_text("Bà: Vàng Thị Mỷ")
    expect(sheet).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(sheet).to_contain_text("Số vào sổ: 1/LĐTT")
    shot(page, "en-02-certificate")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download the PDF").click()
    single = Path(pdf.value.path()).read_bytes()
    assert len(PdfReader(BytesIO(single)).pages) == 1

    # 2. … prints all of them in the background and watches the progress until the file is ready.
    page.goto(decision_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Print every certificate").click()
    expect(page.locator("main")).to_contain_text("5 certificates, one per page")
    page.get_by_label("plain paper (full design)").check()
    shot(page, "en-03-print-all")
    with page.expect_navigation():
        page.get_by_role("button", name="Make the PDF").click()
    job = Job.objects.get()
    expect(page.locator("[data-job-state]")).to_have_text("Waiting to start")
    shot(page, "en-04-job-queued")
    worker()
    bar = page.locator("[data-job-bar]")
    # Between the first and the last page: the bar moved without reloading the page.
    expect(bar).to_have_text(re.compile(r"^[2-8]0 %$"), timeout=20_000)
    expect(page.locator("[data-job-state]")).to_have_text("Running")
    shot(page, "en-05-job-progress")
    download_link = page.locator("[data-job-file]")
    expect(download_link).to_be_visible(timeout=30_000)  # the page reloaded itself when done
    expect(page.locator("#job-result")).to_have_text(
        "5 certificates, one per page, in the order of the annex."
    )
    shot(page, "en-06-job-done")
    with page.expect_download() as bulk:
        download_link.click()
    data = Path(bulk.value.path()).read_bytes()
    assert bulk.value.suggested_filename == job.filename
    assert len(PdfReader(BytesIO(data)).pages) == len(lines)

    # 3. Overprint (the variable fields only) and the calibration page (grid and boxes).
    page.goto(reverse("certificate_detail", args=[first.pk]))
    with page.expect_navigation():
        page.locator(".toolbar").get_by_role("link", name="Overprint").click()
    expect(sheet).to_contain_text("Bà: Vàng Thị Mỷ")
    expect(sheet).not_to_contain_text("CỘNG HÒA")
    shot(page, "en-07-overprint")
    with page.expect_navigation():
        page.locator(".toolbar").get_by_role("link", name="Calibration").click()
    expect(page.locator(".grid")).to_have_count(1)
    expect(sheet).to_contain_text("Số vào sổ")
    shot(page, "en-08-calibration")
    expect(page.get_by_role("link", name="Printer offsets")).to_have_count(0)  # officers' work
    calibration_url = page.url

    # 4. The emulation officer sets the office printer's offset from the calibration page.
    officer = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900},
                                  base_url=live_server.url)  # fmt: skip
    officer.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    office = officer.new_page()
    sign_in(office, live_server, "officer", PASSWORD)
    office.goto(calibration_url)
    with office.expect_navigation():
        office.get_by_role("link", name="Printer offsets").click()
    office.get_by_label("Unit").fill(decision.unit.code)
    office.locator("#id_name").fill("HP LaserJet phòng 203")
    office.get_by_label("Shift right (mm)").fill("25")
    office.get_by_label("Shift down (mm)").fill("-1.5")
    with office.expect_navigation():
        office.get_by_role("button", name="Save").click()
    expect(office.locator("#printer-form")).to_contain_text(
        "Ensure this value is less than or equal to 20."
    )
    expect(office.locator("#id_name")).to_have_value("HP LaserJet phòng 203")
    shot(office, "en-09-printer-error")
    office.get_by_label("Shift right (mm)").fill("2.5")
    with office.expect_navigation():
        office.get_by_role("button", name="Save").click()
    expect(office.locator(".toolbar")).to_contain_text("Offset: 2.5 mm right, -1.5 mm down")
    expect(office.locator("#toolbar-printer")).to_have_value(str(_printer_pk()))
    shot(office, "en-10-calibration-with-printer")
    officer.close()

    # 5. An anonymous visitor opens the QR code's link: valid, with the signed decision…
    visitor = browser.new_context(locale="en-US", base_url=live_server.url)
    visitor.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    anonymous = visitor.new_page()
    verify_url = reverse("certificate_verify", args=[first.certificate.verification_code])
    anonymous.goto(verify_url)
    expect(anonymous.locator(".alert-success")).to_contain_text("Valid")
    expect(anonymous.locator("main")).to_contain_text("Vàng Thị Mỷ")
    expect(anonymous.locator("#signed-decision")).to_contain_text("Thi đua demo, VN")
    shot(anonymous, "en-11-verify-valid")
    # … then revoked, once the Director revokes the award.
    award_revoke(actor=approver, award=AwardRecord.objects.get(pk=first.pk),
                 reason="Khai man thành tích", decision_number="25/QĐ-SLĐTBXH",
                 decision_date=date(2024, 6, 1))  # fmt: skip
    anonymous.reload()
    expect(anonymous.locator(".alert-danger")).to_contain_text("Revoked")
    shot(anonymous, "en-12-verify-revoked")
    visitor.close()

    # The same pages in Vietnamese, the language the site opens in.
    if SHOTS:
        vietnamese_tour(browser, live_server, decision, first, job, calibration_url, verify_url)


def _printer_pk():
    from awards.certificates.models import PrinterOffset

    return PrinterOffset.objects.get().pk


def vietnamese_tour(browser, live_server, decision, award, job, calibration_url, verify_url):
    pages = [
        ("approver", reverse("decision_detail", args=[decision.pk]), "vi-01-decision"),
        ("approver", reverse("certificate_detail", args=[award.pk]), "vi-02-certificate"),
        ("approver", reverse("decision_certificates_print", args=[decision.pk]), "vi-03-print-all"),
        ("approver", reverse("job_detail", args=[job.pk]), "vi-06-job-done"),
        ("approver", reverse("certificate_overprint", args=[award.pk]), "vi-07-overprint"),
        ("officer", calibration_url, "vi-08-calibration"),
        ("officer", reverse("printer_list"), "vi-09-printers"),
        (None, verify_url, "vi-12-verify-revoked"),
    ]
    for username in ("approver", "officer", None):
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      base_url=live_server.url)  # fmt: skip
        visitor = context.new_page()
        if username:
            sign_in(visitor, live_server, username, PASSWORD)
        for who, url, name in pages:
            if who == username:
                visitor.goto(url)
                expect(visitor.locator("html")).to_have_attribute("lang", "vi")
                shot(visitor, name)
        context.close()
