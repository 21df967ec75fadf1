"""Permission-matrix rows for the nomination pages (awards/nominations/views/).

A nomination of unit A does not exist for clerk_b (404); council, approver and viewer may read it
but not change it (403). The POST-only URLs check the method first: a GET is a 405 for every
signed-in persona; their permissions are tested with POSTs in tests/awards/test_nomination_views.py
and tests/awards/test_dossier_uploads.py.
"""

from django.core.files.base import ContentFile

from awards.models import DossierDocument
from tests.awards.factories import CampaignFactory, NominationFactory
from tests.files import pdf_bytes
from tests.matrix.outcomes import ALL_OK, MANAGE_PEOPLE, PERSONAS, UNIT_A_MANAGE, UNIT_A_READ

# Starting a nomination needs "nomination.edit" somewhere: clerks (in their own units) and
# officers; the read-only roles get a 403.
NOMINATE = MANAGE_PEOPLE
POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)


def _nomination_a(get):
    """A draft nomination of person_a (unit A), with one dossier file."""
    nomination = NominationFactory(person=get("person_a"), campaign=CampaignFactory())
    document = DossierDocument(nomination=nomination, kind="to_trinh", original_name="to-trinh.pdf",
                               size=9)  # fmt: skip
    document.file.save("to-trinh.pdf", ContentFile(pdf_bytes()), save=True)
    return nomination, document


def _nomination(get):
    return [_nomination_a(get)[0].pk]


def _document(get):
    nomination, document = _nomination_a(get)
    return [nomination.pk, document.pk]


ROWS = {
    "nomination_list": (lambda get: [], ALL_OK),
    "nomination_create": (lambda get: [], NOMINATE),
    "nomination_detail": (_nomination, UNIT_A_READ),
    "nomination_update": (_nomination, UNIT_A_MANAGE),
    "nomination_transition": (lambda get: [*_nomination(get), "accept"], POST_ONLY),
    "dossier_upload": (_nomination, POST_ONLY),
    "dossier_download": (_document, UNIT_A_READ),
    "dossier_remove": (_document, POST_ONLY),
}
