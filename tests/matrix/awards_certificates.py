"""Permission-matrix rows for the certificate pages (awards/certificates/views.py).

A certificate belongs to its award's recipient: person_a's is read by every role on unit A or
the department (award.view is every role's), clerk_b does not know it exists (404).
"""

from django.core.files.base import ContentFile

from awards.certificates.services import template_for
from tests.awards.factories_certificates import granted
from tests.matrix.outcomes import UNIT_A_READ


def certificate_of_person_a(get):
    return granted(person=get("person_a"))


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
}
