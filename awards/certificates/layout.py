"""Where each text goes on a certificate, and the print CSS that puts it there.

Fixed texts (motto, issuer, “TẶNG”, award name) are pre-printed on the office's blanks, so the
overprint mode leaves them out and prints only the variable fields, shifted by the printer's
offset. Every position is in millimetres from the paper's top left corner.
"""

from decimal import Decimal

from django.contrib.staticfiles import finders
from django.templatetags.static import static

BANG_KHEN = (400, 300)  # Decree 50/2006 Art. 28: 400 × 300 mm, landscape
A4_LANDSCAPE = (297, 210)

FIXED_FIELDS = ["motto", "motto2", "issuer", "grant_word", "award_title"]
VARIABLE_FIELDS = ["recipient", "position", "achievement", "decision", "register",
                   "place_date", "signer_title", "signer_name", "qr"]  # fmt: skip
RED_FIELDS = {"issuer", "award_title"}
CENTRED = {"motto", "motto2", "issuer", "grant_word", "award_title", "recipient", "position",
           "achievement", "place_date", "signer_title", "signer_name"}  # fmt: skip

# [x, y, width] as shares of the paper, font size in pt on a 400 mm wide sheet.
_SHARES = {
    "motto": (0.15, 0.11, 0.70, 17),
    "motto2": (0.15, 0.155, 0.70, 16),
    "issuer": (0.10, 0.22, 0.80, 19),
    "grant_word": (0.15, 0.29, 0.70, 17),
    "award_title": (0.10, 0.335, 0.80, 34),
    "recipient": (0.12, 0.45, 0.76, 22),
    "position": (0.12, 0.52, 0.76, 15),
    "achievement": (0.15, 0.57, 0.70, 15),
    "decision": (0.12, 0.72, 0.36, 13),
    "register": (0.12, 0.76, 0.36, 13),
    "place_date": (0.52, 0.72, 0.36, 13),
    "signer_title": (0.52, 0.76, 0.36, 14),
    # Above the border's inner frame (92 % of the height), with room to sign and stamp.
    "signer_name": (0.52, 0.875, 0.36, 15),
    "qr": (0.12, 0.80, 0.06, 0),
}

FORM_CODES = {"GK_SO": "GK", "BK_TINH": "BK", "BK_BO": "BK", "BK_TTG": "BK",
              "LDTT": "LĐTT", "CSTDCS": "CSTĐCS", "CSTD_TINH": "CSTĐ", "CSTD_BO": "CSTĐ",
              "CSTDTQ": "CSTĐTQ", "TTLDTT": "TTLĐTT", "TTLDXS": "TTLĐXS",
              "CO_TINH": "CTĐ", "CO_BO": "CTĐ", "CO_CP": "CTĐ", "KNC_LDTBXH": "KNC"}  # fmt: skip


def paper_for(code):
    """Bằng khen on 400 × 300 mm; everything else on A4 landscape until the admin says
    otherwise."""
    return BANG_KHEN if code.startswith("BK_") else A4_LANDSCAPE


def default_positions(width, height):
    scale = width / 400
    return {
        name: [round(x * width, 1), round(y * height, 1), round(w * width, 1),
               round(size * scale, 1)]
        for name, (x, y, w, size) in _SHARES.items()
    }  # fmt: skip


def positions_of(template):
    """The template's stored positions over the defaults for its paper (a field the admin did
    not store keeps its default place)."""
    positions = default_positions(template.width_mm, template.height_mm)
    for name, value in (template.positions or {}).items():
        if name in positions and isinstance(value, list | tuple) and len(value) == 4:
            positions[name] = [float(v) for v in value]
    return positions


def _mm(value):
    return f"{Decimal(str(value)).quantize(Decimal('0.1')).normalize():f}mm"


def font_faces(for_pdf):
    """Noto Serif (OFL, static/fonts/, Latin and Vietnamese in one file per weight); WeasyPrint
    reads the files from disk, a browser from /static/."""
    faces = []
    for weight in (400, 700):
        name = f"fonts/noto-serif-vi-{weight}.woff2"
        url = _file_url(name) if for_pdf else static(name)
        faces.append(f"@font-face {{ font-family: 'Noto Serif'; font-weight: {weight}; "
                     f"src: url('{url}') format('woff2'); }}")  # fmt: skip
    return faces


def _file_url(name):
    path = finders.find(name)
    return f"file://{path}" if path else static(name)


def border_url(template, for_pdf):
    if template.border_image:
        if for_pdf:
            return f"file://{template.border_image.path}"
        return None  # uploaded files go through a checked view (see views.certificate_border)
    name = "img/certificate-border.svg"
    return _file_url(name) if for_pdf else static(name)


def base_css(*, mode="full", for_pdf=False):
    """What every certificate page shares, whatever its paper: the fonts (declared once, so a
    PDF of many pages embeds each face once), the field boxes and the screen preview."""
    lines = [*font_faces(for_pdf)]
    lines += [
        "html, body { margin: 0; padding: 0; background: #fff; }",
        ".sheet { position: relative; overflow: hidden; page-break-after: always;"
        " break-after: page; font-family: 'Noto Serif', 'DejaVu Serif', serif; color: #000; }",
        ".field { position: absolute; margin: 0; line-height: 1.25; }",
        ".centred { text-align: center; }",
        ".red { color: #c00000; font-weight: 700; }",
        ".bold { font-weight: 700; }",
        ".qr img { width: 100%; height: auto; display: block; image-rendering: pixelated; }",
        ".border { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }",
        "@media screen { html, body { background: #888; } .sheet { background: #fff;"
        " margin: 8mm auto;"
        " box-shadow: 0 0 4mm rgba(0,0,0,.4); } }",
        *TOOLBAR_CSS,
    ]
    if mode == "calibration":
        lines += [
            ".grid { position: absolute; left: 0; top: 0; width: 100%; height: 100%;"
            " background-image: linear-gradient(to right, rgba(0,0,255,.25) 0.2mm, transparent"
            " 0.2mm), linear-gradient(to bottom, rgba(0,0,255,.25) 0.2mm, transparent 0.2mm);"
            " background-size: 10mm 10mm; }",
            ".field { outline: 0.3mm dashed #c00000; min-height: 6mm; }",
            ".field .label { font: 7pt sans-serif; color: #c00000; }",
        ]
    return lines


# The screen-only bar above a certificate page (mode, printer, downloads); never printed.
TOOLBAR_CSS = [
    ".toolbar { font: 14px/1.4 system-ui, sans-serif; background: #f8f9fa; color: #212529;"
    " padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center;"
    " border-bottom: 1px solid #ccc; }",
    ".toolbar a { color: #0d6efd; }",
    ".toolbar strong { font-weight: 600; }",
    ".toolbar form { display: flex; gap: 6px; align-items: center; margin: 0; }",
    ".toolbar select, .toolbar button { font: inherit; padding: 2px 6px; }",
    ".toolbar .offset { color: #6c757d; }",
    "@media print { .toolbar { display: none; } }",
]


def template_css(template, *, mode="full", dx=0, dy=0, scope=None):
    """The paper and the field boxes of one template. With `scope` (a class name), the rules
    apply only inside sheets of that class and the paper is a named page, so certificates of
    several award types (several papers) share one document."""
    width, height = template.width_mm, template.height_mm
    dx, dy = Decimal(str(dx or 0)), Decimal(str(dy or 0))
    if scope:
        lines = [
            f"@page {scope} {{ size: {width}mm {height}mm; margin: 0; }}",
            f".sheet.{scope} {{ page: {scope}; width: {width}mm; height: {height}mm; }}",
        ]
        prefix = f".{scope} "
    else:
        lines = [
            f"@page {{ size: {width}mm {height}mm; margin: 0; }}",
            f".sheet {{ width: {width}mm; height: {height}mm; }}",
        ]
        prefix = ""
    shift = mode in ("overprint", "calibration")
    for name, (x, y, w, size) in positions_of(template).items():
        if mode == "overprint" and name in FIXED_FIELDS:
            continue
        left = Decimal(str(x)) + (dx if shift else 0)
        top = Decimal(str(y)) + (dy if shift else 0)
        rule = f"{prefix}.f-{name} {{ left: {_mm(left)}; top: {_mm(top)}; width: {_mm(w)};"
        if size:
            rule += f" font-size: {Decimal(str(size)).normalize():f}pt;"
        lines.append(rule + " }")
    return lines


def certificate_css(template, *, mode="full", dx=0, dy=0, for_pdf=False):
    """The print CSS of one template in one mode: paper size and every field's box. `dx`, `dy`
    (mm) shift every field; only overprint and calibration use them."""
    lines = base_css(mode=mode, for_pdf=for_pdf)
    lines += template_css(template, mode=mode, dx=dx, dy=dy)
    return "\n".join(lines) + "\n"


def certificates_css(templates, *, mode="full", dx=0, dy=0):
    """The print CSS of a PDF holding certificates of several templates (`{scope: template}`)."""
    lines = base_css(mode=mode, for_pdf=True)
    for scope, template in templates.items():
        lines += template_css(template, mode=mode, dx=dx, dy=dy, scope=scope)
    return "\n".join(lines) + "\n"
