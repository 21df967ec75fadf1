"""The public pages behind a certificate's QR code: the verification page and the signed PDF of
the decision that granted the award.

Both are open to anyone and limited per address. The page shows only what the certificate
itself prints about the award (recipient, award, decision, issuer) and whether it still holds;
the PDF is the decision as issued, signed, without links into the application. A wrong code is
a plain "not found". The code is long and random (Certificate.verification_code), so only
someone holding the certificate can reach either.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from awards.certificates.models import Certificate
from awards.certificates.rendering import vietnamese_date
from awards.documents import signing
from awards.documents.pdf import pdf_response
from awards.documents.views import signed_decision_pdf, signed_filename
from awards.models import Decision
from organizations.ratelimit import allow

VERIFY_LIMIT = 30  # per address per minute
VERIFY_WINDOW = 60
# Each signed copy is laid out and signed afresh (about a second of work): fewer per address.
PDF_LIMIT = 10
PDF_WINDOW = 60


def _client_address(request):
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def _throttled(request):
    return render(request, "awards/certificates/verify_throttled.html", status=429)


def _not_found(request):
    return render(request, "awards/certificates/verify_not_found.html", status=404)


def signed_decision_of(certificate):
    """The decision to offer signed with a certificate, or None: only a decision issued here
    (an outside decision is another authority's document), and only while a key is in use."""
    decision = certificate.award.decision
    if decision is None or decision.state != Decision.State.ISSUED:
        return None
    if decision.kind == Decision.Kind.OUTSIDE:
        return None
    return decision


def signature_in_words(key):
    return {
        "subject": signing.name_in_words(key.subject),
        "issuer": signing.name_in_words(key.issuer),
        "self_signed": bool(key.issuer) and key.issuer == key.subject,
        "not_before": key.not_before,
        "not_after": key.not_after,
    }


@login_not_required
@require_safe
def certificate_verify(request, code):
    if not allow("certificate-verify", _client_address(request), limit=VERIFY_LIMIT,
                 seconds=VERIFY_WINDOW):  # fmt: skip
        return _throttled(request)
    certificate = (
        Certificate.objects.select_related(
            "award__award_type", "award__person", "award__unit", "award__decision"
        )  # fmt: skip
        .filter(verification_code=code)
        .first()
    )
    if certificate is None:
        return _not_found(request)
    award = certificate.award
    key = signing.current_key() if signed_decision_of(certificate) else None
    context = {
        "code": code,
        "recipient": award.person.full_name if award.person_id else award.unit.name,
        "award_name": award.award_type.name_vi,
        "decision_number": award.decision_number,
        "decision_date": vietnamese_date(award.decision_date) if award.decision_date else "",
        "issuer": award.issuer,
        "revoked": award.revoked,
        "signature": signature_in_words(key) if key else None,
    }
    return render(request, "awards/certificates/verify.html", context)


@login_not_required
@require_safe
def certificate_decision_pdf(request, code):
    if not allow("certificate-decision-pdf", _client_address(request), limit=PDF_LIMIT,
                 seconds=PDF_WINDOW):  # fmt: skip
        return _throttled(request)
    certificate = (
        Certificate.objects.select_related("award__decision__unit__parent")
        .filter(verification_code=code)
        .first()
    )
    decision = signed_decision_of(certificate) if certificate else None
    key = signing.current_key() if decision else None
    if key is None:
        return _not_found(request)
    data = signed_decision_pdf(request, decision, key=key)
    return pdf_response(data, signed_filename(decision))
