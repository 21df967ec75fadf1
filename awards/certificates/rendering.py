"""The certificate as printable HTML and as PDF (WeasyPrint), in full design, overprint or
calibration mode."""

import base64
from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string

from awards.certificates.layout import (
    CENTRED,
    FIXED_FIELDS,
    RED_FIELDS,
    border_url,
    certificate_css,
    positions_of,
)
from awards.certificates.services import template_for
from awards.decisions.text import place_date, vn_date

MODES = ("full", "overprint", "calibration")
FIELD_LABELS = {"motto": "Quốc hiệu", "motto2": "Tiêu ngữ", "issuer": "Cơ quan", "grant_word":
                "Tặng", "award_title": "Hình thức", "recipient": "Người nhận", "position":
                "Chức vụ, đơn vị", "achievement": "Thành tích", "decision": "Quyết định",
                "register": "Số vào sổ", "place_date": "Địa danh, ngày", "signer_title":
                "Chức vụ người ký", "signer_name": "Người ký", "qr": "QR"}  # fmt: skip


def vietnamese_date(value):
    """“ngày 15 tháng 01 năm 2024” (Decree 30/2020: day below 10, January and February with a
    leading zero)."""
    return vn_date(value)


def salutation(award):
    if award.person_id is None:
        return "Tập thể"
    return "Ông" if award.person.sex == "M" else "Bà"


def achievement_phrase(award):
    """“Đã có thành tích …” from the nomination's summary (or the year when there is none)."""
    summary = (award.nomination.summary if award.nomination_id else "").strip().rstrip(".")
    if not summary:
        return f"Đã có thành tích xuất sắc trong công tác năm {award.year}"
    if summary.lower().startswith("đã có thành tích"):
        return "Đ" + summary[1:]
    return f"Đã có thành tích {summary[0].lower()}{summary[1:]}"


def _position_and_unit(award):
    line = getattr(award, "decision_line", None)
    if award.person_id:
        if line is not None:
            parts = [line.position, line.unit_name]
        else:
            parts = [award.person.position, award.person.unit.name]
    else:
        parent = award.unit.parent
        parts = [line.unit_name] if line is not None and line.unit_name else [
            parent.name if parent else ""]  # fmt: skip
    return ", ".join(p for p in parts if p)


@dataclass
class Field:
    name: str
    text: str
    css: str
    label: str


def fields_of(certificate, verify_url):
    """{field name: text} of everything printed on the certificate."""
    award = certificate.award
    decision = award.decision
    template = template_for(award.award_type)
    recipient = award.person.full_name if award.person_id else award.unit.name
    number = award.decision_number or (decision.number_text if decision else "")
    when = vietnamese_date(award.decision_date) if award.decision_date else ""
    return {
        "motto": template.motto_line1,
        "motto2": template.motto_line2,
        "issuer": template.issuer_line or (award.issuer or "").upper(),
        "grant_word": template.grant_word,
        "award_title": template.award_title,
        "recipient": f"{salutation(award)}: {recipient}",
        "position": _position_and_unit(award),
        "achievement": achievement_phrase(award),
        "decision": f"Quyết định số {number} {when}".strip(),
        "register": certificate.register_text,
        "place_date": place_date(
            award.decision_date, getattr(settings, "THIDUA_DECISION_PLACE", "")
        ),  # fmt: skip
        "signer_title": (decision.signer_title if decision else "").upper(),
        "signer_name": decision.signer_name if decision else "",
        "qr": verify_url,
    }


def qr_data_uri(url):
    svg = segno.make(url, error="m").svg_inline(scale=4, border=0)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _classes(name):
    classes = ["field", f"f-{name}"]
    if name in CENTRED:
        classes.append("centred")
    if name in RED_FIELDS:
        classes.append("red")
    if name in ("recipient", "signer_name", "grant_word", "motto"):
        classes.append("bold")
    return " ".join(classes)


def page_context(certificate, *, mode, verify_url):
    template = template_for(certificate.award.award_type)
    texts = fields_of(certificate, verify_url)
    shown = [n for n in positions_of(template) if mode != "overprint" or n not in FIXED_FIELDS]
    fields = [Field(name, texts[name], _classes(name), FIELD_LABELS[name]) for name in shown]
    return {
        "certificate": certificate,
        "template": template,
        "mode": mode,
        "fields": fields,
        "qr": qr_data_uri(verify_url),
    }


def certificate_html(certificate, *, mode, verify_url, css_url=None, border=None):
    context = page_context(certificate, mode=mode, verify_url=verify_url)
    return render_to_string("awards/certificates/certificate_print.html",
                            {**context, "css_url": css_url, "border": border})  # fmt: skip


def certificate_pdf(certificate, *, mode, verify_url, printer=None):
    """The certificate as one PDF page on the template's paper; fonts are embedded, so the text
    layer keeps every diacritic."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    template = template_for(certificate.award.award_type)
    border = border_url(template, for_pdf=True) if mode == "full" else None
    css = certificate_css(template, mode=mode, for_pdf=True, border=border,
                          dx=printer.dx_mm if printer else 0,
                          dy=printer.dy_mm if printer else 0)  # fmt: skip
    html = certificate_html(certificate, mode=mode, verify_url=verify_url, border=border)
    # @font-face rules load only through a font configuration shared by the CSS and the writer.
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=css, font_config=fonts)], font_config=fonts
    )
