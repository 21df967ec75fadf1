"""Downloads of the printed documents: the decision, the council minutes and the proposal as PDF,
the decision and the proposal as Word, the decision as a signed PDF.

Each answers exactly as its HTML page does (the same access helpers: 404 outside the user's
units, 403 without the role)."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from awards.council.views import get_session_for_user, minutes_context
from awards.decisions.views import decision_document_context, get_decision_for_user
from awards.documents import docx, signing
from awards.documents.pdf import pdf_response, render_pdf
from awards.proposals.views import get_proposal_for_user, proposal_document_context

DECISION_CSS = ["css/decision.css"]
PROPOSAL_CSS = ["css/official-document.css"]
MINUTES_CSS = ["css/council-minutes.css"]


def _filename(prefix, number_text, pk, extension):
    ascii_text = (number_text or "").replace("/", "-").replace("Đ", "D").replace("đ", "d")
    stem = slugify(ascii_text)
    return f"{prefix}-{stem or pk}.{extension}"


def _decision_pdf(request, decision, *, links=True):
    return render_pdf(
        request,
        "awards/decisions/_decision_document.html",
        decision_document_context(decision, request.user),
        stylesheets=DECISION_CSS,
        title=decision.number_text or "Dự thảo quyết định",
        links=links,
    )


def signed_decision_pdf(request, decision, *, key):
    """The issued decision as printed, signed with `key`. The same for every reader (the public
    verification page links it too): the document and nothing else, not even links to the
    application's pages."""
    data = _decision_pdf(request, decision, links=False)
    return signing.sign_pdf(data, key=key, reason=f"Quyết định {decision.number_text}")


def signed_filename(decision):
    name = _filename("quyet-dinh", decision.number_text, decision.pk, "pdf")
    return name.replace(".pdf", "-da-ky.pdf")


@require_safe
def decision_pdf(request, pk):
    decision = get_decision_for_user(request.user, pk)
    data = _decision_pdf(request, decision)
    return pdf_response(data, _filename("quyet-dinh", decision.number_text, decision.pk, "pdf"))


@require_safe
def decision_pdf_signed(request, pk):
    """Only an issued decision is signed, and only while a signing key is in use."""
    decision = get_decision_for_user(request.user, pk)
    key = signing.current_key()
    if key is None or decision.state != decision.State.ISSUED:
        raise Http404
    return pdf_response(signed_decision_pdf(request, decision, key=key), signed_filename(decision))


@require_safe
def decision_docx(request, pk):
    decision = get_decision_for_user(request.user, pk)
    data = docx.decision_docx(decision_document_context(decision, request.user))
    return _docx_response(data, _filename("quyet-dinh", decision.number_text, decision.pk, "docx"))


@require_safe
def council_minutes_pdf(request, pk):
    session = get_session_for_user(request.user, pk)
    data = render_pdf(request, "awards/council/_minutes_document.html", minutes_context(session),
                      stylesheets=MINUTES_CSS, title=session.title)  # fmt: skip
    return pdf_response(data, f"bien-ban-hop-hoi-dong-{session.pk}.pdf")


@require_safe
def proposal_pdf(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    data = render_pdf(
        request,
        "awards/proposals/_proposal_document.html",
        proposal_document_context(proposal),
        stylesheets=PROPOSAL_CSS,
        title=proposal.number_text or "Tờ trình",
    )
    return pdf_response(data, _filename("to-trinh", proposal.number_text, proposal.pk, "pdf"))


@require_safe
def proposal_docx(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    data = docx.proposal_docx(proposal_document_context(proposal))
    return _docx_response(data, _filename("to-trinh", proposal.number_text, proposal.pk, "docx"))


def _docx_response(data, filename):
    response = HttpResponse(data, content_type=docx.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
