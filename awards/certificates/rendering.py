"""The certificate as printable HTML and as PDF (WeasyPrint), in full design, overprint or
calibration mode."""

import base64
from dataclasses import dataclass
from io import BytesIO

import segno
from django.conf import settings
from django.template.loader import render_to_string

from awards.certificates.layout import (
    CENTRED,
    FIXED_FIELDS,
    RED_FIELDS,
    border_url,
    certificates_css,
    positions_of,
)
from awards.certificates.services import template_for
from awards.decisions.text import place_date, vn_date

MODES = ("full", "overprint", "calibration")
# Pages laid out between two progress reports of a many-page PDF.
CHUNK = 50
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


def fields_of(certificate, verify_url, template=None):
    """{field name: text} of everything printed on the certificate."""
    award = certificate.award
    decision = award.decision
    template = template or template_for(award.award_type)
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


def qr_data_uri(url, *, raster=False):
    """The QR code of `url` as a data: URI. A browser gets SVG; a PDF gets a PNG of one pixel
    per module, drawn without smoothing (crisp at any size), which WeasyPrint embeds in a
    fraction of the time it takes to draw the SVG's paths on each of hundreds of pages. The
    mask is fixed: choosing the best of eight costs more than the code itself, and any mask
    scans."""
    code = segno.make(url, error="m", mask=0, boost_error=False)
    if raster:
        buffer = BytesIO()
        code.save(buffer, kind="png", scale=1, border=0)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    return code.svg_data_uri(scale=4, border=0)


def _classes(name):
    classes = ["field", f"f-{name}"]
    if name in CENTRED:
        classes.append("centred")
    if name in RED_FIELDS:
        classes.append("red")
    if name in ("recipient", "signer_name", "grant_word", "motto"):
        classes.append("bold")
    return " ".join(classes)


def page_context(certificate, *, mode, verify_url, template=None, for_pdf=False):
    template = template or template_for(certificate.award.award_type)
    texts = fields_of(certificate, verify_url, template)
    shown = [n for n in positions_of(template) if mode != "overprint" or n not in FIXED_FIELDS]
    fields = [Field(name, texts[name], _classes(name), FIELD_LABELS[name]) for name in shown]
    return {
        "certificate": certificate,
        "template": template,
        "mode": mode,
        "fields": fields,
        "qr": qr_data_uri(verify_url, raster=for_pdf),
    }


def certificate_html(certificate, *, mode, verify_url, css_url=None, border=None, toolbar=None):
    context = page_context(certificate, mode=mode, verify_url=verify_url)
    return render_to_string("awards/certificates/certificate_print.html",
                            {**context, "css_url": css_url, "border": border,
                             "toolbar": toolbar})  # fmt: skip


def certificate_pdf(certificate, *, mode, verify_url, printer=None):
    """The certificate as one PDF page on the template's paper; fonts are embedded, so the text
    layer keeps every diacritic."""
    return certificates_pdf([certificate], mode=mode, verify_url=lambda _c: verify_url,
                            printer=printer)  # fmt: skip


def scope_of_template(template):
    return f"t{template.pk}"


def certificates_pdf(certificates, *, mode, verify_url, printer=None, templates=None,
                     progress=None, chunk=None):  # fmt: skip
    """Certificates as one PDF, one page each, in the given order, each on its template's paper.

    `verify_url(certificate)` is the address its QR code opens; `templates` ({award type id:
    template}) saves a query per certificate when the caller has them. The pages are laid out
    `chunk` at a time, `progress(done)` is called after each chunk, and the PDF is written once
    at the end, so each font face is embedded once however many pages there are.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    if not certificates:
        raise ValueError("no certificate to print")
    chunk = chunk or CHUNK
    templates = dict(templates or {})
    for certificate in certificates:
        award_type = certificate.award.award_type
        if award_type.pk not in templates:
            templates[award_type.pk] = template_for(award_type)
    used = {scope_of_template(t): t for t in templates.values()}
    css = certificates_css(used, mode=mode, dx=printer.dx_mm if printer else 0,
                           dy=printer.dy_mm if printer else 0)  # fmt: skip
    # @font-face rules load only through a font configuration shared by the CSS and the writer.
    fonts = FontConfiguration()
    stylesheet = CSS(string=css, font_config=fonts)
    borders = {scope: border_url(t, for_pdf=True) if mode == "full" else None
               for scope, t in used.items()}  # fmt: skip
    documents = []
    for start in range(0, len(certificates), chunk):
        sheets = []
        for certificate in certificates[start : start + chunk]:
            template = templates[certificate.award.award_type_id]
            scope = scope_of_template(template)
            context = page_context(certificate, mode=mode, verify_url=verify_url(certificate),
                                   template=template, for_pdf=True)  # fmt: skip
            sheets.append({**context, "scope": scope, "border": borders[scope]})
        html = render_to_string("awards/certificates/certificates_pdf.html", {"sheets": sheets})
        documents.append(
            HTML(string=html, base_url=str(settings.BASE_DIR)).render(
                stylesheets=[stylesheet], font_config=fonts
            )
        )
        if progress is not None:
            progress(min(start + chunk, len(certificates)))
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
