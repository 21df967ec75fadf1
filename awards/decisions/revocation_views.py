"""Revocation pages: the form that revokes an award, a revocation with the awards and nominations
it flagged, and the list of revocations.

Access: an award (and its revocation) about a person or unit outside the user's subtrees does not
exist for them (404). Revoking needs "award.revoke" on the recipient's unit (the Director; 403
otherwise) and, for an award granted here, on the unit whose decision granted it; reading a
revocation needs "award.view".
"""

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from awards.decisions.revocation import REVOKE, WorkflowError, award_revoke, may_revoke
from awards.models import AwardRecord, Revocation
from organizations.access import require, scope_of
from organizations.forms import DateTextInput

VIEW = "award.view"
PER_PAGE = 50


class RevocationForm(forms.Form):
    decision_number = forms.CharField(
        label=gettext_lazy("Revoking decision number"),
        max_length=100,
        help_text=gettext_lazy("As printed, e.g. 25/QĐ-SLĐTBXH."),
    )
    decision_date = forms.DateField(
        label=gettext_lazy("Revoking decision date"), widget=DateTextInput(), localize=True
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Law 2022 ch. VII: fraud in declaring achievements, false information or forged "
            "dossier, appraisal contrary to law, or the standards were not met in the period."
        ),
    )


def _visible(queryset, user, prefix=""):
    scope = scope_of(user)
    if scope.is_superuser:
        return queryset
    about_person = Q(**{f"{prefix}person__isnull": False}) & scope.unit_filter(
        prefix=f"{prefix}person__unit__"
    )
    about_unit = Q(**{f"{prefix}person__isnull": True}) & scope.unit_filter(
        prefix=f"{prefix}unit__"
    )
    return queryset.filter(about_person | about_unit)


class RevocationColumn(tables.Column):
    """Award history: "Revoke" for those who may revoke, the revocation once revoked."""

    def __init__(self, user):
        # The accessor must not be "revocation": reading it would cost a query per row.
        super().__init__(verbose_name=gettext_lazy("Revocation"), accessor="pk",
                         empty_values=(), orderable=False)  # fmt: skip
        self.user = user

    def _revocations(self, table):
        # One query for the whole table, and only when a revoked award is shown.
        if not hasattr(table, "_revocation_ids"):
            awards = table.data.data
            if isinstance(awards, QuerySet):
                awards = awards.filter(revoked=True).values("pk")
            else:
                awards = [record.pk for record in awards if record.revoked]
            table._revocation_ids = dict(
                Revocation.objects.filter(award__in=awards).values_list("award_id", "pk")
            )
        return table._revocation_ids

    def render(self, record, table):
        if record.revoked:
            pk = self._revocations(table).get(record.pk)
            if pk is None:
                return _("revoked")
            return format_html('<a href="{}">{}</a>', reverse("revocation_detail", args=[pk]),
                               _("revoked"))  # fmt: skip
        if may_revoke(self.user, record):
            return format_html('<a class="btn btn-sm btn-outline-danger" href="{}">{}</a>',
                               reverse("award_revoke", args=[record.pk]), _("Revoke"))  # fmt: skip
        return ""


def revocation_columns(user):
    """Extra columns for the award history table."""
    return [("revocation", RevocationColumn(user))]


def recipient_unit(award):
    return award.person.unit if award.person_id else award.unit


def get_award_for_user(user, pk, *, action=VIEW):
    award = (
        _visible(AwardRecord.objects.all(), user)
        .select_related("award_type", "person__unit", "unit", "decision__unit")
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404
    require(user, action, recipient_unit(award))
    if action == REVOKE and not may_revoke(user, award):
        raise PermissionDenied
    return award


@require_http_methods(["GET", "POST"])
def award_revoke_view(request, pk):
    award = get_award_for_user(request.user, pk, action=REVOKE)
    if award.revoked:
        messages.info(request, _("This award is already revoked."))
        revocation = Revocation.objects.filter(award=award).first()
        if revocation is not None:
            return redirect("revocation_detail", pk=revocation.pk)
        return redirect("revocation_list")
    form = RevocationForm(request.POST or None, initial={"decision_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            revocation = award_revoke(actor=request.user, award=award, **form.cleaned_data)
        except (WorkflowError, PermissionDenied) as refusal:
            form.add_error(None, str(refusal))
        else:
            count = revocation.flags.count()
            messages.success(
                request,
                _("The award was revoked; %(count)s dependent awards or nominations are flagged.")
                % {"count": count},
            )
            return redirect("revocation_detail", pk=revocation.pk)
    return render(request, "awards/decisions/revocation_form.html",
                  {"award": award, "form": form})  # fmt: skip


@require_safe
def revocation_detail(request, pk):
    revocation = (
        _visible(Revocation.objects.all(), request.user, prefix="award__")
        .select_related(
            "award__award_type",
            "award__person__unit",
            "award__unit",
            "award__decision",
            "revoked_by",
        )  # fmt: skip
        .filter(pk=pk)
        .first()
    )
    if revocation is None:
        raise Http404
    require(request.user, VIEW, recipient_unit(revocation.award))
    flags = revocation.flags.select_related(
        "award__award_type", "award__person", "award__unit", "nomination__award_type",
        "nomination__person", "nomination__unit",
    ).order_by("id")  # fmt: skip
    return render(
        request,
        "awards/decisions/revocation_detail.html",
        {"revocation": revocation, "award": revocation.award, "flags": flags},
    )


@require_safe
def revocation_list(request):
    require(request.user, VIEW)
    revocations = (
        _visible(Revocation.objects.all(), request.user, prefix="award__")
        .select_related("award__award_type", "award__person", "award__unit")
        .annotate(flag_count=Count("flags"))
        .order_by("-decision_date", "-id")
    )
    page = Paginator(revocations, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "awards/decisions/revocation_list.html", {"page": page})
