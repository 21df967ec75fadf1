"""The wording of a decision: Vietnamese administrative conventions and the texts a draft starts
with. The decision is a legal document, so its text is Vietnamese whatever the interface language;
the officer edits every default before issuing."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

LAW = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng;"
)
DECREE_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
    "một số điều của Luật Thi đua, khen thưởng;"
)
DECREE_152_IN_FORCE = datetime.date(2025, 7, 1)
PROPOSAL_PREFIX = "Xét đề nghị của"
DEFAULT_SIGNER_TITLE = "GIÁM ĐỐC"


def vn_date(value):
    """“ngày 15 tháng 01 năm 2024”: days below 10 and the months January and February take a
    leading zero (Decree 30/2020/NĐ-CP, Appendix I)."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def place_date(value, place=None):
    """“Hà Giang, ngày 15 tháng 01 năm 2024”; dots stand for what is not known yet."""
    place = place if place is not None else getattr(settings, "THIDUA_DECISION_PLACE", "")
    place = place or "……"
    if value is None:
        return f"{place}, ngày … tháng … năm …"
    return f"{place}, {vn_date(value)}"


def vnd(amount):
    """710000 → “710.000”: Vietnamese documents group thousands with dots."""
    if amount is None:
        return ""
    return f"{int(Decimal(amount)):,}".replace(",", ".")


def default_issuer_code(unit):
    """The unit's code as printed after “QĐ-”; the officer corrects it (e.g. SLĐTBXH)."""
    return "".join((unit.code or "").split()).upper()


def default_subject(year):
    return f"Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm {year}"


def default_legal_bases(unit, on_date=None):
    on_date = on_date or timezone.localdate()
    decree = DECREE_152 if on_date >= DECREE_152_IN_FORCE else DECREE_98
    function = (
        "Căn cứ Quyết định số …/QĐ-UBND ngày … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu "
        f"tổ chức của {unit.name};"
    )
    return "\n".join([LAW, decree, function])


def default_proposal_phrase(unit):
    return f"Hội đồng Thi đua - Khen thưởng {unit.name}"


def clean_proposal_phrase(text):
    """Stored without its “Xét đề nghị của” (the layout prints it) and the final dot."""
    text = " ".join((text or "").split())
    if text.lower().startswith(PROPOSAL_PREFIX.lower()):
        text = text[len(PROPOSAL_PREFIX) :].strip()
    return text.rstrip(" ;.")


def draft_defaults(*, unit, year, actor=None, on_date=None, issuer_code=None):
    """What a new draft's form starts with (`issuer_code`: the one the unit used last)."""
    return {
        "issuer_code": issuer_code or default_issuer_code(unit),
        "issuer_name": unit.name,
        "subject": default_subject(year),
        "legal_bases": default_legal_bases(unit, on_date),
        "proposal_phrase": default_proposal_phrase(unit),
        "signer_name": actor.get_full_name() if actor is not None else "",
        "signer_title": DEFAULT_SIGNER_TITLE,
    }


def authority_line(decision):
    """“GIÁM ĐỐC SỞ …”: who decides, printed above the bases. A deputy signs “KT. GIÁM ĐỐC”, but
    the decision is still the director's."""
    title = (decision.signer_title or DEFAULT_SIGNER_TITLE).splitlines()[0].strip()
    for prefix in ("KT.", "TM.", "Q.", "TL."):
        if title.upper().startswith(prefix):
            title = title[len(prefix) :].strip()
    return f"{title} {decision.issuer_name}".upper()


def _reference(decision):
    """“Quyết định số 3/QĐ-SLĐTBXH ngày 25 tháng 11 năm 2010 của Sở …”."""
    when = f" {vn_date(decision.decision_date)}" if decision.decision_date else ""
    return f"Quyết định số {decision.number_text}{when} của {decision.issuer_name}"


def articles(decision, *, collectives, individuals, base_salary, total):
    """The text of Điều 1, 2 and 3 for the decision's kind."""
    kinds = type(decision).Kind
    amends = decision.amends
    recipients = []
    if collectives:
        recipients.append(f"{len(collectives)} tập thể")
    if individuals:
        recipients.append(f"{len(individuals)} cá nhân")
    listed = " và ".join(recipients)
    years = sorted({line.nomination.year for line in [*collectives, *individuals]
                    if line.nomination_id})  # fmt: skip
    year = ", ".join(str(y) for y in years) or (decision.campaign.year if decision.campaign else "")
    money = (
        f"Tiền thưởng thực hiện theo quy định của pháp luật về thi đua, khen thưởng, tính trên mức "
        f"lương cơ sở {vnd(base_salary)} đồng; tổng số tiền thưởng: {vnd(total)} đồng (chi tiết "
        "tại danh sách kèm theo)."
        if base_salary
        else "Tiền thưởng thực hiện theo quy định của pháp luật về thi đua, khen thưởng."
    )
    execute = (
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng các phòng, đơn vị có "
        f"liên quan{' và các tập thể, cá nhân có tên tại Điều 1' if listed else ''} chịu trách "
        "nhiệm thi hành Quyết định này."
    )
    if decision.kind == kinds.REVOKE and amends is not None:
        first = f"Thu hồi, hủy bỏ {_reference(amends)}."
        return [first, "Các tập thể, cá nhân có liên quan nộp lại hiện vật và tiền thưởng đã "
                       "nhận theo quy định.", execute]  # fmt: skip
    if decision.kind == kinds.AMEND and amends is not None:
        first = f"Sửa đổi, bổ sung {_reference(amends)}"
        first += f": tặng thưởng cho {listed} có tên trong danh sách kèm theo." if listed else "."
        return [first, money if listed else "Các nội dung khác giữ nguyên.", execute]
    first = (
        f"Tặng danh hiệu thi đua và hình thức khen thưởng cho {listed or '…'} có tên trong danh "
        f"sách kèm theo, vì đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year or '…'}."
    )
    return [first, money, execute]


def annex_note(decision):
    number = decision.number_text or f"      /QĐ-{decision.issuer_code}"
    when = vn_date(decision.decision_date) if decision.decision_date else "ngày … tháng … năm …"
    return f"(Kèm theo Quyết định số {number} {when} của {decision.issuer_name})"
