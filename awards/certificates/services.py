"""Writes for certificates: issue one for a granted award (with the next register number),
backfill the awards granted before certificates existed, and the layout an award type starts
with.

Numbering: issuing locks the (issuer, form, year) counter row, so two grants at once take turns
and register numbers are gap-free and never given twice (a failed grant rolls its number back).
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from awards.certificates.layout import FORM_CODES, default_positions, paper_for
from awards.certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateTemplate,
    PrinterOffset,
)
from awards.models import AwardRecord
from organizations.audit.services import audit_record, changes_between, changes_created
from organizations.scope import scope_of

# Printers are the emulation office's equipment: its officers set them up on their units.
MANAGE_PRINTERS = "award.history"

__all__ = ["certificate_issue", "certificates_backfill", "printer_offset_set", "template_for"]

FALLBACK_ISSUER = "KT"


def template_for(award_type):
    """The award type's layout, created with the defaults the first time it is needed."""
    found = CertificateTemplate.objects.filter(award_type=award_type).first()
    if found is not None:
        return found
    width, height = paper_for(award_type.code)
    template = CertificateTemplate(
        award_type=award_type,
        form_code=FORM_CODES.get(award_type.code, award_type.code[:10]),
        width_mm=width, height_mm=height,
        award_title=award_type.name_vi.upper(),
        positions=default_positions(width, height),
    )  # fmt: skip
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:  # created meanwhile by another request
        return CertificateTemplate.objects.get(award_type=award_type)
    return template


def _next_number(issuer_code, form_code, year):
    counters = CertificateCounter.objects.select_for_update()
    try:
        with transaction.atomic():
            counter, _created = counters.get_or_create(issuer_code=issuer_code,
                                                       form_code=form_code, year=year)  # fmt: skip
    except IntegrityError:
        counter = counters.get(issuer_code=issuer_code, form_code=form_code, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _issuer_code(award):
    if award.decision_id and award.decision.issuer_code:
        return award.decision.issuer_code
    return FALLBACK_ISSUER


@transaction.atomic
def certificate_issue(*, award, actor=None):
    """The certificate of a granted award, with the next register number of its issuer and form
    in the year of its decision; the existing one when it already has a certificate."""
    existing = Certificate.objects.filter(award=award).first()
    if existing is not None:
        return existing
    template = template_for(award.award_type)
    issuer_code = _issuer_code(award)
    year = award.decision_date.year if award.decision_date else award.year
    number = _next_number(issuer_code, template.form_code, year)
    certificate = Certificate.objects.create(
        award=award, issuer_code=issuer_code, form_code=template.form_code, year=year,
        register_number=number, register_text=f"Số vào sổ: {number}/{template.form_code}",
    )  # fmt: skip
    audit_record(actor=actor, obj=certificate, action="certificate.issue",
                 changes={"award": award.pk, "register": certificate.register_text})  # fmt: skip
    return certificate


def certificates_backfill(*, actor=None):
    """A certificate for every granted award that has none, in the order they were granted;
    returns how many were issued."""
    awards = (
        AwardRecord.objects.filter(source=AwardRecord.Source.GRANTED, certificate__isnull=True)
        .select_related("award_type", "decision")
        .order_by("decision_date", "decision_id", "decision_line__order", "pk")
    )
    count = 0
    for award in awards:
        certificate_issue(award=award, actor=actor)
        count += 1
    return count


@transaction.atomic
def printer_offset_set(*, actor, unit, name, dx_mm, dy_mm, printer=None):
    """Record a printer of `unit` (or change `printer`) with the shift it needs, in mm, to put
    the overprinted fields on the office's blanks; refused (PermissionDenied) to anyone who may
    not set up printers on that unit, the unit the printer leaves included."""
    scope = scope_of(actor)
    for office in {unit, printer.unit if printer else unit}:
        if not scope.may(MANAGE_PRINTERS, office):
            raise PermissionDenied
    values = {"unit": unit, "name": name, "dx_mm": dx_mm, "dy_mm": dy_mm}
    if printer is None:
        printer = PrinterOffset(**values)
        changes = changes_created({**values, "unit": unit.code})
    else:
        changes = changes_between(printer, values)
        if "unit" in changes:
            changes["unit"] = [printer.unit.code, unit.code]
        for field, value in values.items():
            setattr(printer, field, value)
    printer.full_clean()
    printer.save()
    audit_record(actor=actor, obj=printer, action="printer.offset", changes=changes)
    return printer
