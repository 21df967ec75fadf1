"""Permission-matrix rows for the campaign and registration pages (awards/campaigns/views.py).

The campaign is launched and aimed at unit A: clerk_b does not know it exists (404); the
department-wide roles see it because it reaches part of their subtree. Managing campaigns needs
"campaign.manage" (officers); registrations need "registration.edit" on the unit (clerks and
officers). The POST-only endpoints check the method first: a GET is a 405 for every signed-in
persona, whatever the object; their permissions are tested with POSTs in
tests/awards/test_campaigns.py and tests/awards/test_registrations.py.
"""

from django.core.files.base import ContentFile

from awards.models import CampaignDocument
from tests.awards.factories import CampaignFactory
from tests.files import pdf_bytes
from tests.matrix.outcomes import ALL_OK, OFFICERS_ONLY, PERSONAS, UNIT_A_READ

METHOD_NOT_ALLOWED = dict.fromkeys(PERSONAS[1:], 405)
MANAGE_UNIT_A_CAMPAIGN = {**OFFICERS_ONLY, "clerk_b": 404}
EDIT_UNIT_A = {
    "clerk_a": 200,
    "clerk_b": 404,
    "officer": 200,
    "council": 403,
    "approver": 403,
    "viewer": 403,
    "superuser": 200,
    "officer_a": 200,
    "viewer_a": 403,
    "council_a": 403,
    "approver_a": 403,
}


def _campaign(get):
    campaign = CampaignFactory(state="open")
    campaign.target_units.set([get("tree")["a"]])
    return campaign


def _campaign_args(get):
    return [_campaign(get).pk]


def _document_args(get):
    campaign = _campaign(get)
    document = CampaignDocument(campaign=campaign, title="Kế hoạch thi đua")
    document.file.save("ke-hoach.pdf", ContentFile(pdf_bytes()), save=True)
    return [campaign.pk, document.pk]


def _unit_a_2024(get):
    return [get("tree")["a"].pk, 2024]


ROWS = {
    "campaign_screening": (_campaign_args, MANAGE_UNIT_A_CAMPAIGN),
    "campaign_list": (lambda get: [], ALL_OK),
    "campaign_create": (lambda get: [], OFFICERS_ONLY),
    "campaign_detail": (_campaign_args, UNIT_A_READ),
    "campaign_update": (_campaign_args, MANAGE_UNIT_A_CAMPAIGN),
    "campaign_transition": (lambda get: [*_campaign_args(get), "launch"], METHOD_NOT_ALLOWED),
    "campaign_document_upload": (_campaign_args, METHOD_NOT_ALLOWED),
    "campaign_document_download": (_document_args, UNIT_A_READ),
    "registration_list": (lambda get: [], ALL_OK),
    "registration_results": (lambda get: [], ALL_OK),
    "registration_edit": (_unit_a_2024, EDIT_UNIT_A),
    "registration_transition": (lambda get: [*_unit_a_2024(get), "submit"], METHOD_NOT_ALLOWED),
}
