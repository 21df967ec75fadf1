"""Certificate pages: the printable certificate (full design or overprint) as HTML and PDF, its
print CSS, the calibration page, and the public verification page behind the QR code.

Access: the certificate of an award about a person or unit outside the user's subtrees does not
exist for them (404); reading it needs "award.view" on the recipient's unit. The verification
page is public, shows only what the certificate itself prints about the award, and is limited per
address.
"""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from awards.certificates.layout import border_url, certificate_css
from awards.certificates.models import Certificate, PrinterOffset
from awards.certificates.rendering import certificate_html, certificate_pdf, vietnamese_date
from awards.certificates.services import template_for
from organizations.access import require, scope_of
from organizations.ratelimit import allow

READ = "award.view"
MODES = {"full", "overprint", "calibration"}
VERIFY_LIMIT = 30  # per address per minute
VERIFY_WINDOW = 60


def get_certificate_for_user(user, award_pk):
    scope = scope_of(user)
    found = Certificate.objects.select_related(
        "award__award_type", "award__person__unit", "award__unit__parent", "award__decision",
        "award__nomination", "award__decision_line",
    ).filter(award_id=award_pk)  # fmt: skip
    if not scope.is_superuser:
        found = found.filter(
            (Q(award__person__isnull=False) & scope.unit_filter(prefix="award__person__unit__"))
            | (Q(award__person__isnull=True) & scope.unit_filter(prefix="award__unit__"))
        )
    certificate = found.first()
    if certificate is None:
        raise Http404
    award = certificate.award
    require(user, READ, award.person.unit if award.person_id else award.unit)
    return certificate


def _printer(request):
    pk = request.GET.get("printer", "")
    if pk.isdigit():
        return PrinterOffset.objects.filter(pk=int(pk)).first()
    return None


def verify_url(request, certificate):
    return request.build_absolute_uri(reverse("certificate_verify",
                                              args=[certificate.verification_code]))  # fmt: skip


def _css_url(certificate, mode, printer):
    url = reverse("certificate_css", args=[certificate.award_id, mode])
    return f"{url}?printer={printer.pk}" if printer else url


def _page(request, award_pk, mode):
    certificate = get_certificate_for_user(request.user, award_pk)
    printer = _printer(request)
    template = template_for(certificate.award.award_type)
    border = None
    if mode == "full":
        border = (reverse("certificate_border", args=[award_pk]) if template.border_image
                  else border_url(template, for_pdf=False))  # fmt: skip
    html = certificate_html(
        certificate, mode=mode, verify_url=verify_url(request, certificate),
        css_url=_css_url(certificate, mode, printer), border=border,
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
    css = certificate_css(template, mode=mode, border=mode == "full",
                          dx=printer.dx_mm if printer else 0,
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


def _client_address(request):
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


@login_not_required
@require_safe
def certificate_verify(request, code):
    if not allow("certificate-verify", _client_address(request), limit=VERIFY_LIMIT,
                 seconds=VERIFY_WINDOW):  # fmt: skip
        return render(request, "awards/certificates/verify_throttled.html", status=429)
    certificate = (
        Certificate.objects.select_related("award__award_type", "award__person", "award__unit")
        .filter(verification_code=code)
        .first()
    )
    if certificate is None:
        return render(request, "awards/certificates/verify_not_found.html", status=404)
    award = certificate.award
    context = {
        "recipient": award.person.full_name if award.person_id else award.unit.name,
        "award_name": award.award_type.name_vi,
        "decision_number": award.decision_number,
        "decision_date": vietnamese_date(award.decision_date) if award.decision_date else "",
        "issuer": award.issuer,
        "revoked": award.revoked,
    }
    return render(request, "awards/certificates/verify.html", context)
