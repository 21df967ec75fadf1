"""Permission-matrix rows for the certificate pages (awards/certificates/views.py).

A certificate belongs to its award's recipient: person_a's is read by every role on unit A or
the department (award.view is every role's), clerk_b does not know it exists (404).
"""

from django.core.files.base import ContentFile

from awards.certificates.models import PrinterOffset
from awards.certificates.services import template_for
from tests.awards.factories_certificates import granted, issued_with_certificates
from tests.matrix.outcomes import OFFICERS_ONLY, PERSONAS, UNIT_A_READ

# A printer of the department: everyone below it may print on it, only its officers set it up.
DEPARTMENT_PRINTER = {**dict.fromkeys(PERSONAS[1:], 403), "officer": 200, "superuser": 200}


def certificate_of_person_a(get):
    return granted(person=get("person_a"))


def signed_certificate_of_person_a(get):
    """The verification code of person_a's certificate, with a signing key in use."""
    from awards.documents import signing

    signing.make_demo_key()
    return certificate_of_person_a(get).verification_code


def _award_pk(get):
    return [certificate_of_person_a(get).award_id]


def _with_uploaded_border(get):
    """The shipped border is a static file; this page serves the one an admin uploads."""
    certificate = certificate_of_person_a(get)
    layout = template_for(certificate.award.award_type)
    layout.border_image.save(
        "border.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    )
    return [certificate.award_id]


def _decision_naming_person_a(get):
    """The department's issued decision granting person_a: read by everyone on the department
    or on unit A (where its recipient works), unknown to clerk_b."""
    return [issued_with_certificates(unit=get("tree")["dept"], people=[get("person_a")]).pk]


def _department_printer(get):
    return [PrinterOffset.objects.create(unit=get("tree")["dept"], name="Máy in Sở").pk]


def _css(mode):
    return lambda get: [*_award_pk(get), mode]


ROWS = {
    "certificate_detail": (_award_pk, UNIT_A_READ),
    "certificate_pdf": (_award_pk, UNIT_A_READ),
    "certificate_overprint": (_award_pk, UNIT_A_READ),
    "certificate_overprint_pdf": (_award_pk, UNIT_A_READ),
    "certificate_calibration": (_award_pk, UNIT_A_READ),
    "certificate_css": (_css("overprint"), UNIT_A_READ),
    "certificate_border": (_with_uploaded_border, UNIT_A_READ),
    "decision_certificates_print": (_decision_naming_person_a, UNIT_A_READ),
    "printer_list": (lambda get: [], OFFICERS_ONLY),
    "printer_edit": (_department_printer, DEPARTMENT_PRINTER),
}
