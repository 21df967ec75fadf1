"""Every certificate of an issued decision in one PDF, one page each in the order of the annex
(collectives, then individuals, each in line order), in full design or overprint. With hundreds
of recipients this takes tens of seconds, so it runs as a background job (organizations.jobs,
kind "certificates") that reports its progress every chunk of pages and keeps the file for the
user who asked.

The certificates printed are those the user may open one by one (Certificate.visible_to), so a
district clerk printing the department's decision gets their district's pages only. Revoked
awards are left out: their certificates are no longer valid.
"""

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from awards.certificates.models import Certificate, CertificateTemplate, PrinterOffset
from awards.certificates.rendering import certificates_pdf
from awards.certificates.services import template_for
from awards.decisions.queries import visible_decisions
from awards.models import Decision
from organizations.jobs.services import JobFile, JobRefused, job_start

KIND = "certificates"
PRINT_MODES = ("full", "overprint")


def printable(decision, user):
    """The decision's certificates the user may print (those of revoked awards left out)."""
    return Certificate.objects.visible_to(user).filter(
        award__decision_line__decision=decision, award__revoked=False
    )


def decision_certificates(decision, user):
    """The decision's certificates the user may print, in annex order, with everything a page
    prints loaded (one query)."""
    certificates = printable(decision, user).select_related(
        "award__award_type", "award__person__unit", "award__unit__parent", "award__decision",
        "award__nomination", "award__decision_line",
    )  # fmt: skip

    def annex_order(certificate):
        line = certificate.award.decision_line
        return (line.person_id is not None, line.order, line.pk)

    return sorted(certificates, key=annex_order)


def templates_of(certificates):
    """{award type id: layout} of the certificates' award types, in one query (a layout made the
    first time it is needed costs its own)."""
    types = {c.award.award_type_id: c.award.award_type for c in certificates}
    found = {t.award_type_id: t for t in CertificateTemplate.objects.filter(award_type__in=types)}
    for pk, award_type in types.items():
        if pk not in found:
            found[pk] = template_for(award_type)
    return found


def verify_urls(base_url):
    """The address each certificate's QR code opens, on the site the print was asked from."""
    base = base_url.rstrip("/")
    return lambda certificate: base + reverse("certificate_verify",
                                              args=[certificate.verification_code])  # fmt: skip


def print_filename(decision, mode):
    number = (decision.number_text or str(decision.pk)).replace("Đ", "D").replace("đ", "d")
    suffix = "-in-chong" if mode == "overprint" else ""
    return f"giay-chung-nhan-{slugify(number.replace('/', '-')) or decision.pk}{suffix}.pdf"


def print_all_start(*, user, decision, mode, printer, base_url):
    """Queue the job that prints every certificate of `decision` the user may print."""
    assert mode in PRINT_MODES, mode
    target = {"pk": decision.pk, "mode": mode, "printer": printer.pk if printer else None,
              "base_url": base_url}  # fmt: skip
    return job_start(user=user, kind=KIND, target=target,
                     filename=print_filename(decision, mode))  # fmt: skip


def print_job_run(*, job, progress):
    """The job's runner: checks again what the user may print now, then lays the pages out a
    chunk at a time (each chunk moves the progress bar) and writes the PDF once."""
    user, target = job.user, job.target
    decision = None
    if user.is_active:
        decision = (visible_decisions(user)
                    .filter(pk=target["pk"], state=Decision.State.ISSUED).first())  # fmt: skip
    if decision is None:
        raise JobRefused(_("You may no longer print the certificates of this decision."))
    certificates = decision_certificates(decision, user)
    if not certificates:
        raise JobRefused(_("This decision has no certificate for you to print."))
    mode = target["mode"]
    printer = None
    if mode == "overprint" and target.get("printer"):
        printer = PrinterOffset.objects.usable_by(user).filter(pk=target["printer"]).first()
    total = len(certificates)
    progress.start(total, "layout")

    def laid_out(done):
        progress(done)
        if done == total:
            progress.phase("writing")

    data = certificates_pdf(
        certificates, mode=mode, verify_url=verify_urls(target["base_url"]), printer=printer,
        templates=templates_of(certificates), progress=laid_out,
    )  # fmt: skip
    return JobFile(data=data, result={"count": total})
