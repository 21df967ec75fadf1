"""Benchmarks of printed certificates (issue 9): one certificate as PDF, and the 500 certificates
of one decision in one PDF, with the peak memory of that bulk run.

`bench_certificates()` seeds a decision of 500 granted awards (on whatever database is
configured and migrated, under codes of its own so it can share it) and returns one dict per
measure: {"name", "value", "unit", "target", "ok"}. The bulk PDF is made in a forked child
process, so its peak resident memory is measured on its own (os.wait4 gives that child's
rusage) and includes what a worker holds before it starts: Django, the loaded rows, the fonts.

Alone: `python -m tests.bench.certificates` (SQLite in memory unless DATABASE_URL says
otherwise) prints the results and exits non-zero when a target is missed.
"""

import os
import pickle
import secrets
import sys
import time
from datetime import date

COUNT = 500
SINGLE_TARGET_S = 0.3
BULK_TARGET_S = 25.0
BULK_TARGET_MIB = 1024
VERIFY_BASE = "https://thidua.example.gov.vn"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Ngọc", "Minh", "Quốc", "Thị Thu", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hằng", "Hương", "Khánh", "Lộc", "Mỹ", "Nhung", "Phúc",
         "Quỳnh", "Sơn", "Thắng", "Tuyết", "Uyên", "Việt", "Xuân", "Yến", "Ánh"]  # fmt: skip


def seed(count=COUNT):
    """An issued decision of a department granting Lao động tiên tiến to `count` people of ten
    district offices, one annex line and one certificate each; returns the decision."""
    from awards.certificates.services import certificate_issue
    from awards.models import AwardRecord, AwardType, Decision, DecisionLine
    from organizations.models import Person, Unit

    tag = secrets.token_hex(3).upper()
    department = Unit.objects.create(code=f"BC{tag}", name="Sở Lao động – Thương binh và Xã hội",
                                     kind="department")  # fmt: skip
    offices = [Unit.objects.create(code=f"BC{tag}-{n}", name=f"Phòng LĐTBXH huyện số {n}",
                                   kind="division", parent=department)
               for n in range(10)]  # fmt: skip
    people = Person.objects.bulk_create(
        Person(code=f"BC{tag}-{n:04d}", unit=offices[n % 10], sex="F" if n % 2 else "M",
               full_name=f"{FAMILY[n % 12]} {MIDDLE[n % 8]} {GIVEN[n % 20]} {n}",
               position="Chuyên viên")
        for n in range(count)
    )  # fmt: skip
    ldtt = AwardType.objects.get(code="LDTT")
    decision = Decision.objects.create(
        unit=department, state=Decision.State.ISSUED, number=1, year=2024,
        number_text=f"1/QĐ-BC{tag}", issuer_code=f"BC{tag}", issuer_name=department.name,
        decision_date=date(2024, 1, 15), subject="Về việc tặng danh hiệu Lao động tiên tiến",
        signer_name="Nguyễn Văn Hùng", signer_title="GIÁM ĐỐC",
    )  # fmt: skip
    for order, person in enumerate(people, start=1):
        award = AwardRecord.objects.create(
            person=person, award_type=ldtt, year=2023, source="granted", decision=decision,
            decision_number=decision.number_text, decision_date=decision.decision_date,
            issuer=decision.issuer_name,
        )  # fmt: skip
        DecisionLine.objects.create(
            decision=decision, award_type=ldtt, person=person, unit=person.unit, order=order,
            recipient_name=person.full_name, position=person.position,
            unit_name=person.unit.name, award_record=award,
        )  # fmt: skip
        certificate_issue(award=award)
    return decision


def _reader():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="bench-certificates", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def _result(name, value, unit, target):
    return {"name": name, "value": round(value, 3), "unit": unit, "target": target,
            "ok": value <= target}  # fmt: skip


def time_one(certificate):
    """(wall, CPU) seconds, best of three after a warm-up (the first run loads WeasyPrint, the
    fonts and the templates)."""
    from awards.certificates.rendering import certificate_pdf

    url = f"{VERIFY_BASE}/verify/{certificate.verification_code}/"
    certificate_pdf(certificate, mode="full", verify_url=url)
    runs = []
    for _run in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        certificate_pdf(certificate, mode="full", verify_url=url)
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    return min(runs)


def bulk_in_child(certificates, templates):
    """(seconds, CPU seconds, pages, peak RSS in MiB) of the bulk PDF made in a forked child.
    The rows are loaded before the fork, so the child needs no database connection of its
    own."""
    from awards.certificates.printing import verify_urls
    from awards.certificates.rendering import certificates_pdf

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, count the pages, report, and leave without cleanup
        os.close(read)
        try:
            from io import BytesIO

            from pypdf import PdfReader

            started = time.perf_counter()
            data = certificates_pdf(certificates, mode="full", verify_url=verify_urls(VERIFY_BASE),
                                    templates=templates)  # fmt: skip
            elapsed = time.perf_counter() - started
            report = (elapsed, len(PdfReader(BytesIO(data)).pages))
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            report = error
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(report, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        report = pickle.load(pipe)
    _pid, _status, usage = os.wait4(pid, 0)
    if isinstance(report, BaseException):
        raise report
    elapsed, pages = report
    return elapsed, usage.ru_utime + usage.ru_stime, pages, usage.ru_maxrss / 1024  # KiB (Linux)


def bench_certificates(count=COUNT):
    from awards.certificates.printing import decision_certificates, templates_of

    decision = seed(count)
    started = time.perf_counter()
    certificates = decision_certificates(decision, _reader())
    templates = templates_of(certificates)
    loading = time.perf_counter() - started
    single, single_cpu = time_one(certificates[0])
    elapsed, cpu, pages, peak = bulk_in_child(certificates, templates)
    bulk = _result(f"certificates_pdf_{count}", loading + elapsed, "s", BULK_TARGET_S)
    bulk["ok"] = bulk["ok"] and pages == count
    # CPU time too: on a busy machine the wall-clock time says more about the neighbours.
    return [
        _result("certificate_pdf", single, "s", SINGLE_TARGET_S),
        _result("certificate_pdf_cpu", single_cpu, "s", SINGLE_TARGET_S),
        bulk,
        _result(f"certificates_pdf_{count}_cpu", loading + cpu, "s", BULK_TARGET_S),
        _result(f"certificates_pdf_{count}_peak_rss", peak, "MiB", BULK_TARGET_MIB),
    ]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = bench_certificates()
    for row in results:
        print(f"{row['name']:<30} {row['value']:9.3f} {row['unit']:<4} (≤ {row['target']}) "
              f"{'ok' if row['ok'] else 'MISSED'}")  # fmt: skip
    return 0 if all(row["ok"] for row in results) else 1


if __name__ == "__main__":
    sys.exit(main())
