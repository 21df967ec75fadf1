"""Printing many certificates and setting printers up.

- Print every certificate of an issued decision: the page says how many and asks for the mode
  (and the printer in overprint); sending it starts a background job and opens the job's page.
  The decision must be one the user reads (else 404); the certificates printed are those the
  user may open one by one, as for a single certificate's PDF.
- Printer offsets: officers ("award.history") list and set the printers of their units; others
  get 403, a printer outside the units the user may print on does not exist for them (404).
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awards.certificates import services
from awards.certificates.forms import PrintAllForm, PrinterOffsetForm
from awards.certificates.models import PrinterOffset
from awards.certificates.printing import KIND, print_all_start, printable
from awards.decisions.views import get_decision_for_user
from awards.models import Decision
from organizations.access import require, scope_of
from organizations.http import next_url
from organizations.models import Job

RECENT_JOBS = 5


@require_http_methods(["GET", "POST"])
def decision_certificates_print(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.state != Decision.State.ISSUED:
        raise Http404
    count = printable(decision, request.user).count()
    form = PrintAllForm(request.POST or None, user=request.user)
    if request.method == "POST" and count and form.is_valid():
        job = print_all_start(
            user=request.user, decision=decision, mode=form.cleaned_data["mode"],
            printer=form.cleaned_data["printer"], base_url=request.build_absolute_uri("/"),
        )  # fmt: skip
        return redirect("job_detail", pk=job.pk)
    jobs = Job.objects.filter(user=request.user, kind=KIND, target__pk=decision.pk)
    return render(request, "awards/certificates/print_all.html", {
        "decision": decision, "count": count, "form": form,
        "jobs": jobs[:RECENT_JOBS],
    })  # fmt: skip


def _back(request, printer, fallback):
    """Back where the officer came from (a certificate's calibration page), now with the printer
    just saved selected, so the next test print uses its offset."""
    target = next_url(request, "")
    if not target:
        return redirect(fallback)
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "printer"]
    query.append(("printer", str(printer.pk)))
    return redirect(urlunsplit(parts._replace(query=urlencode(query))))


def _require_printer_officer(user):
    if not scope_of(user).may(services.MANAGE_PRINTERS):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def printer_list(request):
    _require_printer_officer(request.user)
    form = PrinterOffsetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        printer = services.printer_offset_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Printer “%(name)s” saved.") % {"name": printer.name})
        return _back(request, printer, request.path)
    scope = scope_of(request.user)
    printers = list(PrinterOffset.objects.usable_by(request.user).select_related("unit"))
    for printer in printers:
        printer.can_edit = scope.may(services.MANAGE_PRINTERS, printer.unit)
    return render(request, "awards/certificates/printer_list.html",
                  {"form": form, "printers": printers,
                   "next": next_url(request, "")})  # fmt: skip


@require_http_methods(["GET", "POST"])
def printer_edit(request, pk):
    printer = get_object_or_404(PrinterOffset.objects.usable_by(request.user)
                                .select_related("unit"), pk=pk)  # fmt: skip
    require(request.user, services.MANAGE_PRINTERS, printer.unit)
    form = PrinterOffsetForm(request.POST or None, user=request.user, printer=printer)
    if request.method == "POST" and form.is_valid():
        services.printer_offset_set(actor=request.user, printer=printer, **form.cleaned_data)
        messages.success(request, _("Printer “%(name)s” saved.") % {"name": printer.name})
        return _back(request, printer, reverse("printer_list"))
    return render(request, "awards/certificates/printer_form.html",
                  {"form": form, "printer": printer, "next": next_url(request, "")})  # fmt: skip
