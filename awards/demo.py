"""Demo awards data built on the demo directory and indicators: clusters and blocks, ratings,
initiatives, past awards, a closed 2023 campaign with nominations in every state — the seed
article's three awards among them, granted through the cycle in awards/demo_cycle.py — and an
open campaign for 2024, the year the demo's targets are for."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from awards import demo_cycle
from awards.models import (
    AnnualRating,
    AwardRecord,
    AwardType,
    Campaign,
    Cluster,
    ClusterMember,
    Initiative,
    Nomination,
)
from organizations.audit.services import audit_record
from organizations.models import Person, Unit

# The year of the campaign left open for the clerks: the year the demo's targets are for.
OPEN_YEAR = 2024
ISSUER_DEPARTMENT = "Giám đốc Sở Lao động – Thương binh và Xã hội"

CLUSTERS = [
    ("Khối các phòng chuyên môn thuộc Sở", "block",
     {"VP": "leader", "KHTC": "member", "LDVL": "winner", "BTXH": "deputy", "NCC": "member",
      "TTRA": "member"}),
    ("Cụm thi đua các huyện vùng cao", "cluster",
     {"PLD-MV": "leader", "PLD-YM": "deputy", "PLD-DV": "winner", "PLD-QB": "member"}),
    ("Khối các đơn vị sự nghiệp", "block",
     {"TTDVVL": "leader", "TTCTXH": "member", "BTXHTH": "member", "CDN": "winner",
      "TCNDTNT": "deputy"}),
]  # fmt: skip

EXCELLENT_PEOPLE = {"NV005", "NV009", "NV012", "NV017", "NV023", "NV027", "NV031"}
# person code -> years holding Chiến sĩ thi đua cơ sở (merit)
FIGHTERS = {"NV005": [2021, 2022, 2023], "NV027": [2021, 2022, 2023], "NV009": [2022, 2023],
            "NV017": [2023], "NV012": [2019, 2020, 2021]}  # fmt: skip
EXCELLENT_UNITS = {"PLD-DV", "LDVL", "CDN"}
# The three awards the seed article names, handed over at the conference of 4 January 2024 —
# CO_TINH for PLD-DV (125/QĐ-UBND of 28/12/2023), BK_TINH for NV009 (126/QĐ-UBND of the same
# day), KNC_LDTBXH for NV001 (1890/QĐ-LĐTBXH of 20/12/2023) — are granted by demo_cycle.
# person code, award, state, summary. Each goes through the same services as in the browser.
NOMINATIONS_2023 = [
    ("NV028", "LDTT", "draft", "Hoàn thành tốt nhiệm vụ chuyên môn về giảm nghèo."),
    ("NV029", "LDTT", "submitted", "Rà soát, cập nhật kịp thời danh sách hộ nghèo của xã."),
    ("NV013", "CSTDCS", "returned", "Sáng kiến rà soát hộ nghèo trên thiết bị di động."),
    ("NV018", "LDTT", "resubmitted", "Tư vấn việc làm cho 1.200 lao động."),
    ("NV027", "CSTD_TINH", "accepted", "Ba năm liền Chiến sĩ thi đua cơ sở; sáng kiến cấp tỉnh."),
    ("NV020", "GK_SO", "withdrawn", "Hỗ trợ trẻ em có hoàn cảnh đặc biệt."),
]
REASONS = {"returned": "Thiếu biên bản họp Hội đồng Thi đua – Khen thưởng của đơn vị."}


def _upsert(model, lookup, values):
    instance, _created = model.objects.update_or_create(**lookup, defaults=values)
    return instance


def load():
    # The demo replays a finished season: the nominators find its notifications in the app, but
    # nobody is e-mailed about 2023 (the mails would go out when the transaction commits).
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _load()
    # Awards granted before certificates existed (a demo loaded earlier) get theirs now.
    from awards.certificates.services import certificates_backfill

    certificates_backfill()
    # A self-signed key so the signed PDF of a decision can be tried (never for real documents).
    from awards.documents.signing import ensure_demo_key

    ensure_demo_key()


@transaction.atomic
def _load():
    units = {u.code: u for u in Unit.objects.all()}
    people = {p.code: p for p in Person.objects.select_related("unit")}
    awards = {a.code: a for a in AwardType.objects.all()}
    officer = get_user_model().objects.filter(username="officer").first()
    clerk = get_user_model().objects.filter(username="clerk").first()

    for name, kind, members in CLUSTERS:
        cluster = _upsert(Cluster, {"name": name, "year": 2023}, {"kind": kind})
        for code, role in members.items():
            ClusterMember.objects.get_or_create(cluster=cluster, unit=units[code], role=role)

    proposed_ldtt = {code for code, award, _state, _summary in NOMINATIONS_2023 if award == "LDTT"}
    # Some 2023 titles are granted through the cycle (demo_cycle), not imported.
    granted_here = demo_cycle.replaced_imports(people)
    for code, person in people.items():
        for year in range(2019, 2024):
            rating = "HTXSNV" if code in EXCELLENT_PEOPLE and year >= 2021 else "HTTNV"
            _upsert(AnnualRating, {"person": person, "year": year}, {"rating": rating})
            if year == 2023 and (code in proposed_ldtt or (code, "LDTT") in granted_here):
                continue  # their Lao động tiên tiến 2023 is a nomination
            _upsert(AwardRecord, {"award_type": awards["LDTT"], "person": person, "year": year,
                                  "commendation_type": "merit"},
                    {"decision_number": f"{year % 100 * 10 + 5}/QĐ-SLĐTBXH",
                     "decision_date": date(year, 12, 25), "issuer": ISSUER_DEPARTMENT})  # fmt: skip
    for code, years in FIGHTERS.items():
        for year in years:
            if year == 2023 and (code, "CSTDCS") in granted_here:
                continue
            _upsert(AwardRecord, {"award_type": awards["CSTDCS"], "person": people[code],
                                  "year": year, "commendation_type": "merit"},
                    {"decision_number": f"{year % 100 * 10 + 6}/QĐ-SLĐTBXH",
                     "decision_date": date(year, 12, 26), "issuer": ISSUER_DEPARTMENT})  # fmt: skip
    for code in ("NV005", "NV027"):
        _upsert(Initiative, {"person": people[code], "year": 2022,
                             "title": "Số hóa hồ sơ chính sách người có công"},
                {"level": "province"})  # fmt: skip
    _upsert(
        Initiative,
        {
            "person": people["NV013"],
            "year": 2023,
            "title": "Rà soát hộ nghèo bằng thiết bị di động",
        },
        {"level": "grassroots"},
    )
    for code, unit in units.items():
        for year in (2022, 2023):
            rating = "HTXSNV" if code in EXCELLENT_UNITS else "HTTNV"
            _upsert(AnnualRating, {"unit": unit, "year": year}, {"rating": rating})

    closed = _campaign("Phong trào thi đua năm 2023", 2023, date(2023, 11, 15), date(2024, 1, 31),
                       Campaign.State.CLOSED, awards, officer)  # fmt: skip
    # The demo's story stays in 2024 whatever today is (2023 results, 2024 targets); only the
    # nomination window stretches to include today so that the clerks can still nominate.
    today = timezone.localdate()
    current = _campaign(
        f"Phong trào thi đua năm {OPEN_YEAR}",
        OPEN_YEAR,
        min(date(OPEN_YEAR, 1, 15), today),
        max(date(OPEN_YEAR + 1, 1, 31), today + timedelta(days=60)),
        Campaign.State.OPEN,
        awards,
        officer,
    )
    for code, award, state, summary in NOMINATIONS_2023:
        _nomination(closed, awards[award], summary, clerk, officer, person=people[code],
                    state=state)  # fmt: skip

    def nominate(award, summary, person=None, unit=None, campaign=closed):
        return _nomination(campaign, award, summary, clerk, officer, person=person, unit=unit)

    demo_cycle.run(campaign=closed, current=current, awards=awards, people=people, units=units,
                   nominate=nominate, skip_ldtt=proposed_ldtt)  # fmt: skip


def _campaign(name, year, opens, closes, state, awards, officer):
    campaign = _upsert(Campaign, {"name": name},
                       {"type": "annual", "year": year, "nominations_open": opens,
                        "nominations_close": closes, "state": state, "created_by": officer,
                        "starts_on": date(year, 1, 1), "ends_on": date(year, 12, 31),
                        "description": "Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ "
                                       "phát triển kinh tế – xã hội ngành Lao động – Thương binh "
                                       "và Xã hội."})  # fmt: skip
    campaign.award_types.set(awards.values())
    return campaign


def _nomination(
    campaign, award, summary, clerk, officer, *, person=None, unit=None, state="accepted"
):
    """A nomination brought to `state` through the services, as the unit's clerk (or, for the
    units the demo clerk does not cover, the officer) and the officer would; made once."""
    from django.core.files.base import ContentFile

    from awards.nominations import services as flow
    from organizations.access import scope_of

    unit = person.unit if person is not None else unit
    found = Nomination.objects.filter(campaign=campaign, award_type=award, person=person,
                                      unit=unit).first()  # fmt: skip
    if found is not None:
        return found
    author = clerk if scope_of(clerk).may("nomination.edit", unit) else officer
    # The campaign is closed now; the nomination was made while it was open.
    nomination = Nomination.objects.create(
        campaign=campaign, award_type=award, person=person, unit=unit, year=campaign.year,
        summary=summary, created_by=author,
    )  # fmt: skip
    audit_record(actor=author, obj=nomination, action="nomination.create", to_state="draft")
    if state == "draft":
        return nomination
    if state == "withdrawn":
        flow.nomination_withdraw(
            actor=author,
            nomination=nomination,
            reason="Đơn vị rút để đề nghị vào đợt khen thưởng chuyên đề.",
        )
        return nomination
    code = person.code if person is not None else unit.code
    for kind in flow.required_kinds(award):
        name = f"{kind}-{code}.pdf"
        flow.dossier_upload(
            actor=author,
            nomination=nomination,
            kind=kind,
            file=ContentFile(demo_pdf(f"{kind} - {code}"), name=name),
        )
    try:
        flow.nomination_submit(actor=author, nomination=nomination)
    except flow.WorkflowError:
        # A blocking rule fails on the demo's thin history: the officer overrides it in writing.
        flow.nomination_override(
            actor=officer,
            nomination=nomination,
            reason="Hội đồng Thi đua – Khen thưởng cơ sở đã xem xét và "
            "thống nhất đề nghị (dữ liệu năm trước chưa nhập đủ).",
        )
        flow.nomination_submit(actor=author, nomination=nomination)
    if state in ("returned", "resubmitted"):
        flow.nomination_return(actor=officer, nomination=nomination, reason=REASONS["returned"])
    if state == "resubmitted":
        flow.nomination_submit(actor=author, nomination=nomination)
    if state == "accepted":
        flow.nomination_accept(actor=officer, nomination=nomination)
    return nomination


def demo_pdf(title):
    """A one-page PDF whose only line is the title: enough to open, print and verify."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
