"""Certificates (issue 9): register numbers per issuer, form and year; every award type prints
with its Vietnamese recipient name readable in the PDF; overprint prints only the variable
fields, shifted by the printer's offset; the public QR page says valid or revoked and nothing
else."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from awards.certificates.layout import FIXED_FIELDS, certificate_css, positions_of
from awards.certificates.models import Certificate, CertificateCounter, PrinterOffset
from awards.certificates.rendering import (
    achievement_phrase,
    certificate_html,
    certificate_pdf,
    vietnamese_date,
)
from awards.certificates.services import certificate_issue, template_for
from awards.decisions import services as decisions
from awards.decisions.revocation import award_revoke
from awards.models import AwardRecord, AwardType
from tests.awards.factories import AwardRecordFactory, award_type
from tests.awards.factories_certificates import granted
from tests.awards.factories_decisions import DRAFT_TEXTS, DecisionFactory, passed
from tests.concurrency import race
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
VERIFY = "https://thidua.example/verify/x/"


def pdf_text(data):
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                            check=True)  # fmt: skip
    return result.stdout.decode()


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


# --- Register numbers ---------------------------------------------------------------------------


def test_vietnamese_dates_put_a_zero_before_small_days_and_the_first_two_months():
    assert vietnamese_date(date(2024, 1, 15)) == "ngày 15 tháng 01 năm 2024"
    assert vietnamese_date(date(2024, 11, 5)) == "ngày 05 tháng 11 năm 2024"


def test_register_numbers_follow_each_other_per_issuer_form_and_year(tree):
    dept = DecisionFactory(unit=tree["dept"], issued=True, issuer_code="SLĐTBXH")
    other = DecisionFactory(unit=tree["a"], issued=True, issuer_code="PLĐTBXH")
    texts = [
        granted(person=PersonFactory(unit=tree["a"]), decision=dept).register_text,
        granted(person=PersonFactory(unit=tree["a"]), decision=dept).register_text,
        granted(person=PersonFactory(unit=tree["a"]), decision=dept, code="GK_SO").register_text,
        granted(person=PersonFactory(unit=tree["a"]), decision=other).register_text,
        granted(person=PersonFactory(unit=tree["a"]), decision=dept).register_text,
    ]
    assert texts == ["Số vào sổ: 1/LĐTT", "Số vào sổ: 2/LĐTT", "Số vào sổ: 1/GK",
                     "Số vào sổ: 1/LĐTT", "Số vào sổ: 3/LĐTT"]  # fmt: skip
    assert CertificateCounter.objects.get(issuer_code="SLĐTBXH", form_code="LĐTT",
                                          year=2024).last_number == 3  # fmt: skip


def test_the_register_starts_again_at_one_in_a_new_year(tree):
    decision = DecisionFactory(unit=tree["dept"], issued=True)
    first = granted(person=PersonFactory(unit=tree["a"]), decision=decision)
    later = DecisionFactory(unit=tree["dept"], issued=True, decision_date=date(2025, 1, 10))
    second = granted(person=PersonFactory(unit=tree["a"]), decision=later)
    assert (first.year, first.register_number) == (2024, 1)
    assert (second.year, second.register_number) == (2025, 1)


def test_verification_codes_are_long_random_and_unique(person_a, person_b):
    codes = {granted(person=person_a).verification_code,
             granted(person=person_b).verification_code}  # fmt: skip
    assert len(codes) == 2 and all(len(code) == 16 for code in codes)


def test_issuing_a_decision_gives_every_award_its_certificate(approver, tree, person_a):
    unit = tree["a"]
    nominations = [passed(person=person_a), passed(person=PersonFactory(unit=unit)),
                   passed(unit=unit, code="TTLDTT")]  # fmt: skip
    decision = decisions.decision_draft(actor=approver, unit=tree["dept"], nominations=nominations,
                                        issuer_code="SLĐTBXH", **DRAFT_TEXTS)  # fmt: skip
    decisions.decision_issue(actor=approver, decision=decision, decision_date=date(2024, 3, 1))
    certificates = Certificate.objects.filter(award__decision=decision)
    assert certificates.count() == 3
    assert sorted(certificates.values_list("form_code", "register_number")) == [
        ("LĐTT", 1), ("LĐTT", 2), ("TTLĐTT", 1)]  # fmt: skip


def test_issuing_twice_keeps_the_first_certificate(person_a):
    certificate = granted(person=person_a)
    assert certificate_issue(award=certificate.award) == certificate
    assert Certificate.objects.count() == 1


def test_the_backfill_command_issues_certificates_for_granted_awards_only(tree, person_a):
    decision = DecisionFactory(unit=tree["dept"], issued=True)
    AwardRecordFactory(person=person_a, source="granted", decision=decision,
                       decision_date=decision.decision_date)  # fmt: skip
    AwardRecordFactory(person=PersonFactory(unit=tree["a"]))  # imported: no certificate
    call_command("issue_certificates", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Certificate.objects.values_list("award__person", flat=True)) == [person_a.pk]
    call_command("issue_certificates", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Certificate.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks need PostgreSQL (DATABASE_URL)")  # fmt: skip
@pytest.mark.django_db(transaction=True)
def test_ten_grants_at_once_get_register_numbers_one_to_ten(tree):
    decision = DecisionFactory(unit=tree["dept"], issued=True, issuer_code="SLĐTBXH")
    awards = [AwardRecordFactory(person=PersonFactory(unit=tree["a"]), source="granted",
                                 decision=decision, decision_date=decision.decision_date)
              for _ in range(10)]  # fmt: skip
    template_for(award_type("LDTT"))
    counter = CertificateCounter.objects.create(issuer_code="SLĐTBXH", form_code="LĐTT",
                                                year=2024)  # fmt: skip

    def issuing(award):
        return lambda: certificate_issue(award=award)

    outcomes = race(counter, *[issuing(a) for a in awards])
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    numbers = sorted(Certificate.objects.values_list("register_number", flat=True))
    assert numbers == list(range(1, 11))


# --- Rendering ----------------------------------------------------------------------------------


def test_the_achievement_phrase_comes_from_the_nomination_summary(person_a):
    certificate = granted(person=person_a)
    assert achievement_phrase(certificate.award) == (
        "Đã có thành tích xuất sắc trong công tác năm 2023"
    )
    nomination = passed(person=PersonFactory(unit=person_a.unit))
    nomination.summary = "Hoàn thành xuất sắc nhiệm vụ rà soát hộ nghèo năm 2023."
    nomination.save()
    award = certificate.award
    award.nomination = nomination
    assert achievement_phrase(award) == (
        "Đã có thành tích hoàn thành xuất sắc nhiệm vụ rà soát hộ nghèo năm 2023"
    )


def test_a_man_is_ong_a_woman_ba_and_a_unit_tap_the(tree, person_a):
    man = PersonFactory(unit=tree["a"], full_name="Giàng Seo Phử", sex="M")
    texts = [certificate_html(granted(**subject), mode="overprint", verify_url=VERIFY)
             for subject in ({"person": man}, {"person": person_a},
                             {"unit": tree["a1"], "code": "TTLDTT"})]  # fmt: skip
    assert "Ông: Giàng Seo Phử" in texts[0]
    assert "Bà: Vàng Thị Mỷ" in texts[1]
    assert "Tập thể: Xã Lũng Cú" in texts[2]


@needs_pdftotext
def test_every_award_type_prints_a_pdf_with_the_vietnamese_recipient_name(tree):
    for index, kind in enumerate(AwardType.objects.order_by("display_order")):
        if kind.recipient == AwardType.Recipient.COLLECTIVE:
            unit = UnitFactory(code=f"CERT-{index}", name=f"Phòng Lao động huyện Đồng Văn {index}",
                               parent=tree["a"])  # fmt: skip
            certificate, name = granted(unit=unit, code=kind.code), unit.name
        else:
            name = f"Nguyễn Thị Hồng Nhung Ưng Ý {index}"
            person = PersonFactory(unit=tree["a"], full_name=name, sex="F")
            certificate = granted(person=person, code=kind.code)
        text = pdf_text(certificate_pdf(certificate, mode="full", verify_url=VERIFY))
        assert name in text, (kind.code, text)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Đã có thành tích xuất sắc trong công tác năm 2023" in text
    assert AwardType.objects.count() == 16


def test_a_bang_khen_is_400_by_300_mm_and_other_awards_a4_landscape():
    assert (template_for(award_type("BK_TINH")).width_mm,
            template_for(award_type("BK_TINH")).height_mm) == (400, 300)  # fmt: skip
    layout = template_for(award_type("GK_SO"))
    assert (layout.width_mm, layout.height_mm) == (297, 210)
    assert "@page { size: 297mm 210mm; margin: 0; }" in certificate_css(layout)


@needs_pdftotext
def test_overprint_prints_only_the_variable_fields(person_a):
    certificate = granted(person=person_a)
    html = certificate_html(certificate, mode="overprint", verify_url=VERIFY)
    text = pdf_text(certificate_pdf(certificate, mode="overprint", verify_url=VERIFY))
    for printed in (html, text):
        assert "CỘNG HÒA" not in printed and "Hạnh phúc" not in printed
        assert "LAO ĐỘNG TIÊN TIẾN" not in printed and "TẶNG" not in printed
        assert "Vàng Thị Mỷ" in printed and "Số vào sổ: 1/LĐTT" in printed
    assert "certificate-border" not in html


def _boxes(css):
    return {name: (float(left), float(top)) for name, left, top in
            re.findall(r"\.f-(\w+) \{ left: ([\d.]+)mm; top: ([\d.]+)mm;", css)}  # fmt: skip


def test_the_printer_offset_moves_every_overprinted_field_by_the_same_millimetres():
    layout = template_for(award_type("BK_TINH"))
    plain = _boxes(certificate_css(layout, mode="overprint"))
    shifted = _boxes(certificate_css(layout, mode="overprint", dx="2.5", dy="-1.5"))
    assert set(plain) == set(positions_of(layout)) - set(FIXED_FIELDS)
    for name, (left, top) in plain.items():
        assert shifted[name] == (pytest.approx(left + 2.5), pytest.approx(top - 1.5)), name
    calibration = _boxes(certificate_css(layout, mode="calibration", dx="2.5", dy="-1.5"))
    assert set(calibration) == set(positions_of(layout))
    # The full design is for plain paper: no printer shift.
    assert _boxes(certificate_css(layout, mode="full", dx=9, dy=9))["recipient"] == (
        tuple(positions_of(layout)["recipient"][:2])
    )


def test_stored_positions_replace_the_defaults(person_a):
    layout = template_for(award_type("LDTT"))
    layout.positions = {"recipient": [20, 30, 200, 30]}
    layout.save()
    css = certificate_css(layout, mode="overprint", dx=1, dy=1)
    assert ".f-recipient { left: 21mm; top: 31mm; width: 200mm; font-size: 30pt; }" in css


# --- Pages --------------------------------------------------------------------------------------


def test_the_certificate_pages_answer_in_html_css_and_pdf(client, clerk_a, person_a):
    certificate = granted(person=person_a)
    printer = PrinterOffset.objects.create(unit=person_a.unit, name="HP Phòng TĐKT", dx_mm=3,
                                           dy_mm=-2)  # fmt: skip
    client.force_login(clerk_a)
    pk = certificate.award_id
    page = client.get(reverse("certificate_detail", args=[pk]))
    assert page.status_code == 200 and "Vàng Thị Mỷ" in page.content.decode()
    assert reverse("certificate_css", args=[pk, "full"]) in page.content.decode()
    assert 'style="' not in page.content.decode()  # the CSP allows no inline style
    overprint = client.get(reverse("certificate_overprint", args=[pk]), {"printer": printer.pk})
    assert f"overprint.css?printer={printer.pk}" in overprint.content.decode()
    css = client.get(reverse("certificate_css", args=[pk, "overprint"]), {"printer": printer.pk})
    assert css["Content-Type"].startswith("text/css")
    left, top = positions_of(template_for(award_type("LDTT")))["recipient"][:2]
    assert _boxes(css.content.decode())["recipient"] == (pytest.approx(left + 3),
                                                          pytest.approx(top - 2))  # fmt: skip
    assert client.get(reverse("certificate_css", args=[pk, "nonsense"])).status_code == 404
    pdf = client.get(reverse("certificate_pdf", args=[pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    calibration = client.get(reverse("certificate_calibration", args=[pk]))
    assert "Số vào sổ" in calibration.content.decode()


def test_a_certificate_outside_the_users_units_does_not_exist_for_them(client, clerk_b,
                                                                      person_a):  # fmt: skip
    certificate = granted(person=person_a)
    client.force_login(clerk_b)
    for name in ("certificate_detail", "certificate_pdf", "certificate_overprint"):
        assert client.get(reverse(name, args=[certificate.award_id])).status_code == 404


def test_the_decision_and_the_award_history_link_the_certificates(client, officer, person_a):
    certificate = granted(person=person_a)
    url = reverse("certificate_detail", args=[certificate.award_id])
    client.force_login(officer)
    from awards.models import DecisionLine

    DecisionLine.objects.create(decision=certificate.award.decision, award_type=award_type("LDTT"),
                                person=person_a, unit=person_a.unit, order=1,
                                recipient_name=person_a.full_name,
                                award_record=certificate.award)  # fmt: skip
    detail = client.get(reverse("decision_detail", args=[certificate.award.decision_id]))
    assert url in detail.content.decode()
    assert url in client.get(reverse("award_history")).content.decode()


# --- Public verification ------------------------------------------------------------------------


def test_the_verification_page_says_valid_then_revoked(client, approver, tree):
    person = PersonFactory(unit=tree["a"], full_name="Vàng Thị Mỷ", sex="F", code="NV-7788",
                           date_of_birth=date(1987, 4, 23), position="Kế toán trưởng")  # fmt: skip
    certificate = granted(person=person)
    url = reverse("certificate_verify", args=[certificate.verification_code])
    page = client.get(url).content.decode()
    assert "Vàng Thị Mỷ" in page and "Lao động tiên tiến" in page
    assert certificate.award.decision_number in page and "ngày 15 tháng 01 năm 2024" in page
    assert "Valid" in page or "Hợp lệ" in page
    for secret in ("NV-7788", "1987", "23/04", "Kế toán trưởng", certificate.register_text):
        assert secret not in page
    award_revoke(actor=approver, award=AwardRecord.objects.get(pk=certificate.award_id),
                 reason="Khai man thành tích", decision_number="25/QĐ-SLĐTBXH",
                 decision_date=date(2024, 6, 1))  # fmt: skip
    page = client.get(url).content.decode()
    assert "Revoked" in page or "Đã thu hồi" in page or "thu hồi" in page


def test_a_wrong_code_is_plainly_not_found(client, person_a):
    granted(person=person_a)
    response = client.get(reverse("certificate_verify", args=["not-a-real-code"]))
    assert response.status_code == 404
    assert "Vàng Thị Mỷ" not in response.content.decode()


def test_the_verification_page_is_limited_per_address(client, person_a, settings):
    from django.core.cache import cache

    cache.clear()
    url = reverse("certificate_verify", args=[granted(person=person_a).verification_code])
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.9").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    assert client.get(url, REMOTE_ADDR="203.0.113.10").status_code == 200
    cache.clear()
