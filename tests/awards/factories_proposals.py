"""Proposals upward: passed nominations of awards decided above the department, and proposals."""

from datetime import date

from django.core.files.base import ContentFile

from awards.models import DossierDocument
from awards.proposals.services import proposal_draft, proposal_sign
from tests.awards.factories import NominationFactory, award_type


def passed(person=None, code="BK_TINH", *, unit=None, **kwargs):
    """A nomination the council passed (the council's services are not needed for that)."""
    if unit is not None:
        kwargs.update(person=None, unit=unit)
    else:
        kwargs["person"] = person
    kwargs.setdefault("state", "passed")
    return NominationFactory(award_type=award_type(code), **kwargs)


def dossier_file(nomination, name, content, kind="to_trinh"):
    document = DossierDocument(nomination=nomination, kind=kind, original_name=name,
                               size=len(content))  # fmt: skip
    document.file.save(name, ContentFile(content), save=True)
    return document


def draft(actor, unit, nominations, **overrides):
    values = {"authority": "", "subject": "Về việc đề nghị tặng Bằng khen năm 2023",
              "body": "Căn cứ thành tích năm 2023.", "signer_name": "Nguyễn Văn An",
              "signer_title": "GIÁM ĐỐC", **overrides}  # fmt: skip
    return proposal_draft(actor=actor, unit=unit, nominations=nominations, **values)


def signed(actor, unit, nominations, number_text="12/TTr-SLĐTBXH"):
    proposal = draft(actor, unit, nominations)
    return proposal_sign(actor=actor, proposal=proposal, signed_on=date(2024, 2, 1),
                         number_text=number_text)  # fmt: skip
