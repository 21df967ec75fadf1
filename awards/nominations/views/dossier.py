"""A nomination's dossier: upload, remove, download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from awards.nominations import services
from awards.nominations.forms import DossierUploadForm
from awards.nominations.views._common import EDIT, get_nomination_for_user
from awards.nominations.views.detail import _render_detail


@require_POST
def dossier_upload(request, pk):
    nomination = get_nomination_for_user(request.user, pk, action=EDIT)
    if nomination.state not in services.EDITABLE_STATES:
        messages.error(request, _("The dossier of a submitted nomination cannot be changed."))
        return redirect("nomination_detail", pk=nomination.pk)
    kind = request.POST.get("kind", "")
    form = DossierUploadForm(
        request.POST, request.FILES, award_type=nomination.award_type, auto_id=f"id_{kind}_%s"
    )
    if form.is_valid():
        try:
            document = services.dossier_upload(
                actor=request.user,
                nomination=nomination,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as refusal:
            form.add_error("file", refusal)
        except services.WorkflowError as refusal:
            messages.error(request, str(refusal))
            return redirect("nomination_detail", pk=nomination.pk)
        else:
            messages.success(
                request, _("“%(name)s” was added to the dossier.") % {"name": document}
            )
            return redirect(reverse("nomination_detail", args=[nomination.pk]) + "#dossier")
    messages.error(request, _("The file was not added to the dossier; see the reason below."))
    return _render_detail(request, nomination, failed_upload=form, status=400)


@require_POST
def dossier_remove(request, pk, document_pk):
    nomination = get_nomination_for_user(request.user, pk, action=EDIT)
    document = nomination.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404
    try:
        services.dossier_remove(actor=request.user, document=document)
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("“%(name)s” was removed from the dossier.") % {"name": document}
        )
    return redirect(reverse("nomination_detail", args=[nomination.pk]) + "#dossier")


@require_safe
def dossier_download(request, pk, document_pk):
    nomination = get_nomination_for_user(request.user, pk)
    document = nomination.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=document.original_name)
