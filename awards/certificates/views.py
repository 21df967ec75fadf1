"""Certificate pages: the printable certificate (full design or overprint) as HTML and PDF, its
print CSS and the calibration page (the public verification page is in views_public.py).

Access: the certificate of an award about a person or unit outside the user's subtrees does not
exist for them (404); reading it needs "award.view" on the recipient's unit. In overprint and
calibration, the printer whose offset applies is one the user may print on
(PrinterOffset.usable_by).
"""

from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from awards.certificates.layout import border_url, certificate_css
from awards.certificates.models import Certificate, PrinterOffset
from awards.certificates.rendering import certificate_html, certificate_pdf
from awards.certificates.services import MANAGE_PRINTERS, template_for
from organizations.access import require, scope_of

READ = "award.view"
MODES = {"full", "overprint", "calibration"}


def get_certificate_for_user(user, award_pk):
    certificate = (
        Certificate.objects.visible_to(user)
        .select_related(
            "award__award_type",
            "award__person__unit",
            "award__unit__parent",
            "award__decision",
            "award__nomination",
            "award__decision_line",
        )  # fmt: skip
        .filter(award_id=award_pk)
        .first()
    )
    if certificate is None:
        raise Http404
    award = certificate.award
    require(user, READ, award.person.unit if award.person_id else award.unit)
    return certificate


def _printer(request):
    """The printer chosen on the page (?printer=), among those the user may print on."""
    pk = request.GET.get("printer", "")
    if pk.isdigit():
        return PrinterOffset.objects.usable_by(request.user).filter(pk=int(pk)).first()
    return None


def verify_url(request, certificate):
    return request.build_absolute_uri(reverse("certificate_verify",
                                              args=[certificate.verification_code]))  # fmt: skip


def _css_url(certificate, mode, printer):
    url = reverse("certificate_css", args=[certificate.award_id, mode])
    return f"{url}?printer={printer.pk}" if printer else url


PAGE_VIEWS = {"full": "certificate_detail", "overprint": "certificate_overprint",
              "calibration": "certificate_calibration"}  # fmt: skip
PDF_VIEWS = {"full": "certificate_pdf", "overprint": "certificate_overprint_pdf"}


def _toolbar(request, certificate, mode, printer):
    """The screen-only bar of the printable page: back to the decision, the three modes, the
    PDF, and in overprint and calibration the printer whose offset applies."""
    award_pk = certificate.award_id
    keep = f"?printer={printer.pk}" if printer else ""
    decision = certificate.award.decision
    labels = {"full": _("Full design"), "overprint": _("Overprint"),
              "calibration": _("Calibration")}  # fmt: skip
    modes = []
    for name, label in labels.items():
        url = reverse(PAGE_VIEWS[name], args=[award_pk]) + (keep if name != "full" else "")
        modes.append({"label": label, "current": name == mode, "url": url})
    pdf_url = ""
    if mode in PDF_VIEWS:
        pdf_url = reverse(PDF_VIEWS[mode], args=[award_pk]) + (keep if mode != "full" else "")
    toolbar = {
        "language": translation.get_language(),
        "back_url": reverse("decision_detail", args=[decision.pk]) if decision else "",
        "back_label": decision.number_text if decision else "",
        "modes": modes,
        "pdf_url": pdf_url,
        "shifted": mode != "full",
        "printer": printer,
    }
    if toolbar["shifted"]:
        toolbar["printers"] = list(
            PrinterOffset.objects.usable_by(request.user).select_related("unit")
        )
        if scope_of(request.user).may(MANAGE_PRINTERS):
            back = urlencode({"next": request.get_full_path()})
            toolbar["printers_url"] = f"{reverse('printer_list')}?{back}"
    return toolbar


def _page(request, award_pk, mode):
    certificate = get_certificate_for_user(request.user, award_pk)
    printer = _printer(request) if mode != "full" else None
    template = template_for(certificate.award.award_type)
    border = None
    if mode == "full":
        border = (reverse("certificate_border", args=[award_pk]) if template.border_image
                  else border_url(template, for_pdf=False))  # fmt: skip
    html = certificate_html(
        certificate, mode=mode, verify_url=verify_url(request, certificate),
        css_url=_css_url(certificate, mode, printer), border=border,
        toolbar=_toolbar(request, certificate, mode, printer),
    )  # fmt: skip
    return HttpResponse(html)


def _pdf(request, award_pk, mode):
    certificate = get_certificate_for_user(request.user, award_pk)
    pdf = certificate_pdf(certificate, mode=mode, verify_url=verify_url(request, certificate),
                          printer=_printer(request) if mode != "full" else None)  # fmt: skip
    response = HttpResponse(pdf, content_type="application/pdf")
    suffix = "" if mode == "full" else f"-{mode}"
    response["Content-Disposition"] = (
        f'inline; filename="certificate-{certificate.form_code}-{certificate.year}-'
        f'{certificate.register_number}{suffix}.pdf"'
    )
    return response


@require_safe
def certificate_detail(request, award_pk):
    return _page(request, award_pk, "full")


@require_safe
def certificate_overprint(request, award_pk):
    return _page(request, award_pk, "overprint")


@require_safe
def certificate_calibration(request, award_pk):
    return _page(request, award_pk, "calibration")


@require_safe
def certificate_pdf_view(request, award_pk):
    return _pdf(request, award_pk, "full")


@require_safe
def certificate_overprint_pdf(request, award_pk):
    return _pdf(request, award_pk, "overprint")


@require_safe
def certificate_stylesheet(request, award_pk, mode):
    if mode not in MODES:
        raise Http404
    certificate = get_certificate_for_user(request.user, award_pk)
    template = template_for(certificate.award.award_type)
    printer = _printer(request) if mode != "full" else None
    css = certificate_css(template, mode=mode, dx=printer.dx_mm if printer else 0,
                          dy=printer.dy_mm if printer else 0)  # fmt: skip
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_safe
def certificate_border(request, award_pk):
    certificate = get_certificate_for_user(request.user, award_pk)
    template = template_for(certificate.award.award_type)
    if not template.border_image:
        raise Http404
    response = FileResponse(template.border_image.open("rb"))
    # An uploaded SVG is a document of its own: nothing in it may run or load.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
