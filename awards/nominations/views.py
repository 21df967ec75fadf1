"""Nominations: the lists, the form, the page with its checklist, dossier and timeline, and the
workflow actions.

Access: a nomination outside the user's subtrees does not exist for them (404), its files
neither; editing needs "nomination.edit" on its unit (clerks, officers), reviewing
"nomination.review" (officers); a visible nomination without the role is a 403. The POST-only
URLs check the method first, so a GET is a 405 whatever the nomination.
"""

import io
from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_tables2 import RequestConfig

from awards.eligibility import Outcome, evaluate, evaluate_nomination
from awards.eligibility.base import stored_message
from awards.models import CommendationType, Nomination
from awards.nominations import services as services
from awards.nominations.filters import NominationFilter
from awards.nominations.forms import (
    COMMENDATION_OF_CAMPAIGN,
    DossierUploadForm,
    NominationCreateForm,
    NominationUpdateForm,
)
from awards.nominations.tables import NominationTable
from organizations.access import require, scope_of
from organizations.forms import ReasonForm
from organizations.models import AuditEntry
from organizations.paging import LongListData
from organizations.tabular import append_row

EDIT = "nomination.edit"
REVIEW = "nomination.review"
State = Nomination.State
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 50
LIST_DEFERRED = ["summary", "eligibility", "override_reason", "indicator_evidence"]

TRANSITIONS = {
    "submit": {
        "permission": EDIT,
        "service": services.nomination_submit,
        "reason": None,
        "done": gettext_lazy("The nomination was submitted; its eligibility checklist is stored."),
    },
    "withdraw": {
        "permission": EDIT,
        "service": services.nomination_withdraw,
        "reason": False,
        "done": gettext_lazy("The nomination was withdrawn."),
    },
    "return": {
        "permission": REVIEW,
        "service": services.nomination_return,
        "reason": True,
        "done": gettext_lazy("The nomination was returned to the unit."),
    },
    "accept": {
        "permission": REVIEW,
        "service": services.nomination_accept,
        "reason": None,
        "done": gettext_lazy("The nomination was accepted for the council."),
    },
    "override": {
        "permission": REVIEW,
        "service": services.nomination_override,
        "reason": True,
        "done": gettext_lazy("The override was recorded; the nomination may now be submitted."),
    },
}

RULE_LABELS = {
    "recipient": gettext_lazy("Kind of nominee"),
    "one_nomination_per_year": gettext_lazy("One open nomination per award and year"),
    "not_already_awarded": gettext_lazy("Not already awarded for the year"),
    "one_achievement_one_award": gettext_lazy("One achievement, one form of commendation"),
    "adhoc_not_counted": gettext_lazy("Ad-hoc and thematic awards not counted"),
    "no_hold": gettext_lazy("No discipline, investigation or complaint"),
    "minimum_rating": gettext_lazy("Annual rating"),
    "grassroots_fighter": gettext_lazy("Grassroots emulation fighter prerequisites"),
    "consecutive_fighter_titles": gettext_lazy("Consecutive emulation fighter titles"),
    "advanced_collective": gettext_lazy("Share of advanced workers in the unit"),
    "excellent_collective": gettext_lazy("Excellent collective criteria"),
    "diploma_of_merit_history": gettext_lazy("Certificate of merit prerequisites"),
    "five_year_window": gettext_lazy("Five-year record"),
    "commemorative_medal": gettext_lazy("Commemorative medal: once per person, service years"),
    "cluster_leader": gettext_lazy("Voted leading unit of a cluster or block"),
    "fighter_quota": gettext_lazy("Quota of emulation fighters"),
    "indicator_targets_met": gettext_lazy("Indicator targets met"),
    "deciding_authority": gettext_lazy("Deciding authority"),
}
OUTCOME_ICONS = {
    Outcome.PASS: "bi-check-circle-fill text-success",
    Outcome.FAIL: "bi-x-octagon-fill text-danger",
    Outcome.WARNING: "bi-exclamation-triangle-fill text-warning-emphasis",
    Outcome.NOT_APPLICABLE: "bi-dash-circle text-body-secondary",
}
ACTION_LABELS = {
    "nomination.create": gettext_lazy("Created"),
    "nomination.update": gettext_lazy("Edited"),
    "nomination.document_upload": gettext_lazy("Document uploaded"),
    "nomination.document_remove": gettext_lazy("Document removed"),
    "nomination.submit": gettext_lazy("Submitted"),
    "nomination.return": gettext_lazy("Returned"),
    "nomination.accept": gettext_lazy("Accepted"),
    "nomination.withdraw": gettext_lazy("Withdrawn"),
    "nomination.override": gettext_lazy("Eligibility overridden"),
    "nomination.council_pass": gettext_lazy("Passed by the council"),
    "nomination.council_fail": gettext_lazy("Not passed by the council"),
    "nomination.grant": gettext_lazy("Granted"),
    "nomination.propose": gettext_lazy("Proposed upward"),
    "nomination.refuse": gettext_lazy("Refused upward"),
}


# --- Access ------------------------------------------------------------------------------------


def rule_label(name):
    """The rule's name in words; a rule added later without a label shows its name readably."""
    return RULE_LABELS.get(name) or str(name or "").replace("_", " ").capitalize()


def get_nomination_for_user(user, pk, *, action=None):
    """The nomination if the user may see it (else 404) and, when an action is named, may do it
    (else 403)."""
    nomination = (
        Nomination.objects.visible_to(user)
        .select_related("person__unit", "unit", "award_type", "campaign", "created_by")
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    if action is not None:
        require(user, action, nomination.unit)
    return nomination


# --- List --------------------------------------------------------------------------------------


@require_safe
def nomination_list(request):
    scope = scope_of(request.user)
    reviewer = scope.may(REVIEW)
    nominations = (
        Nomination.objects.visible_to(request.user)
        .select_related("person", "unit", "award_type", "campaign")
        # The dossier's texts and snapshots are for the nomination's own page.
        .defer(*LIST_DEFERRED)
    )
    nomination_filter = NominationFilter(
        request.GET, queryset=nominations, user=request.user, reviewer=reviewer
    )
    form = nomination_filter.form
    searched = bool(form.is_valid() and form.cleaned_data.get("q"))
    table = NominationTable(LongListData(nomination_filter.qs, searched=searched))
    if request.GET.get("format") == "xlsx":
        RequestConfig(request, paginate=False).configure(table)
        return _xlsx([row.record for row in table.rows])
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    export = request.GET.copy()
    export["format"] = "xlsx"
    export.pop("page", None)
    return render(
        request,
        "awards/nominations/nomination_list.html",
        {
            "filter": nomination_filter,
            "table": table,
            "reviewer": reviewer,
            "can_create": scope.may(EDIT),
            "export_query": export.urlencode(),
        },
    )


def _xlsx(nominations):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nominations")[:31]
    sheet.append(
        [
            _("Nominee"),
            _("Code"),
            _("Kind"),
            _("Unit"),
            _("Award code"),
            _("Award"),
            _("Campaign"),
            _("Year"),
            _("Commendation type"),
            _("State"),
            _("Submitted"),
            _("Last change"),
        ]
    )
    local = timezone.localtime
    for n in nominations:
        nominee = n.person or n.unit
        append_row(
            sheet,
            [
                str(nominee),
                nominee.code,
                _("Individual") if n.person_id else _("Collective"),
                n.unit.name,
                n.award_type.code,
                n.award_type.name,
                n.campaign.name,
                n.year,
                n.get_commendation_type_display(),
                n.get_state_display(),
                local(n.submitted_at).replace(tzinfo=None) if n.submitted_at else None,
                local(n.updated_at).replace(tzinfo=None),
            ],
        )
    for header in sheet[1]:
        header.font = Font(bold=True)
    widths = {
        "A": 32,
        "B": 12,
        "C": 12,
        "D": 36,
        "E": 12,
        "F": 40,
        "G": 36,
        "H": 8,
        "I": 20,
        "J": 20,
        "K": 18,
        "L": 18,
    }
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for column in "KL":
        for cell in sheet[column][1:]:
            cell.number_format = "dd/mm/yyyy hh:mm"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    filename = f"nominations-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(
        buffer.getvalue(),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


# --- Create and edit ---------------------------------------------------------------------------


def _checklist(verdict, covered=()):
    """Rows for the eligibility checklist template from a Verdict or a stored snapshot."""
    results = verdict if isinstance(verdict, list) else [r.as_dict() for r in verdict.results]
    rows = []
    for result in results:
        outcome = result.get("outcome", "")
        blocks = bool(result.get("blocking")) and outcome == Outcome.FAIL
        rows.append(
            {
                **result,
                "message": stored_message(result),  # in the reader's language, not the submitter's
                "label": rule_label(result.get("rule")),
                "outcome_label": Outcome(outcome).label if outcome in Outcome.values else outcome,
                "icon": OUTCOME_ICONS.get(outcome, "bi-question-circle"),
                "blocks": blocks,
                "overridden": blocks and result.get("rule") in covered,
            }
        )
    return rows


def _eligible(rows):
    return not any(row["blocks"] and not row["overridden"] for row in rows)


def _evidence_rows(records):
    """The frozen report for display, numbers written the way the active language writes them."""
    from indicators.forms_entry import display_number
    from indicators.models import DataStatus

    states = dict(DataStatus.State.choices)
    rows = []
    for record in records:
        row = dict(record)
        for key in ("target", "result", "percent_of_plan"):
            if row.get(key) not in (None, ""):
                row[key] = display_number(Decimal(str(row[key])))
        row["state_label"] = states.get(row.get("state"), row.get("state") or "")
        rows.append(row)
    return rows


def _preview(form, nomination=None):
    """The checklist for what the form says, without saving anything."""
    data = form.cleaned_data
    if nomination is None:
        person, unit = data.get("person"), data.get("unit")
        return evaluate(
            award_type=data["award_type"],
            year=data["campaign"].year,
            person=person,
            unit=unit,
            commendation_type=data["commendation_type"],
            campaign=data["campaign"],
        )
    return evaluate(
        award_type=nomination.award_type,
        year=nomination.year,
        person=nomination.person,
        unit=nomination.unit,
        commendation_type=data["commendation_type"],
        nomination_id=nomination.pk,
        campaign=nomination.campaign,
    )


@require_http_methods(["GET", "POST"])
def nomination_create(request):
    require(request.user, EDIT)
    initial = {}
    wanted = request.GET.get("campaign", "")
    if wanted.isdigit():
        campaign = services.accepting_campaigns(request.user).filter(pk=wanted).first()
        if campaign is not None:
            initial = {
                "campaign": campaign.pk,
                "commendation_type": COMMENDATION_OF_CAMPAIGN.get(campaign.type),
            }
    form = NominationCreateForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    checklist = None
    if request.method == "POST" and form.is_valid():
        if "check" in request.POST:
            checklist = _checklist(_preview(form))
        else:
            try:
                nomination = services.nomination_create(actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as refusal:
                form.add_error(None, _messages_of(refusal))
            else:
                messages.success(
                    request,
                    _("The nomination was created as a draft. Upload its dossier, then submit it."),
                )
                return redirect("nomination_detail", pk=nomination.pk)
    return render(
        request,
        "awards/nominations/nomination_form.html",
        {
            "form": form,
            "nomination": None,
            "checklist": checklist,
            "checklist_eligible": checklist is not None and _eligible(checklist),
            "no_campaign": not form.fields["campaign"].queryset.exists(),
        },
    )


def _messages_of(refusal):
    if isinstance(refusal, ValidationError):
        return refusal.messages
    return [str(refusal) or _("You may not nominate outside your units.")]


@require_http_methods(["GET", "POST"])
def nomination_update(request, pk):
    nomination = get_nomination_for_user(request.user, pk, action=EDIT)
    if nomination.state not in services.EDITABLE_STATES:
        messages.error(request, _("Only a draft or returned nomination can be edited."))
        return redirect("nomination_detail", pk=nomination.pk)
    form = NominationUpdateForm(
        request.POST if request.method == "POST" else None, instance=nomination
    )
    checklist = None
    if request.method == "POST" and form.is_valid():
        if "check" in request.POST:
            checklist = _checklist(_preview(form, nomination))
        else:
            try:
                services.nomination_update(
                    actor=request.user, nomination=nomination, **form.cleaned_data
                )
            except services.WorkflowError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("The changes were saved."))
            return redirect("nomination_detail", pk=nomination.pk)
    return render(
        request,
        "awards/nominations/nomination_form.html",
        {
            "form": form,
            "nomination": nomination,
            "checklist": checklist,
            "checklist_eligible": checklist is not None and _eligible(checklist),
        },
    )


# --- Detail ------------------------------------------------------------------------------------


def _state_label(value):
    return State(value).label if value in State.values else value


def _commendation_label(value):
    return CommendationType(value).label if value in CommendationType.values else value


def _changed_fields(changes):
    fields = {}
    if "summary" in changes:
        fields["summary"] = True
    if isinstance(changes.get("commendation_type"), list):
        fields["commendation_type"] = [_commendation_label(v) for v in changes["commendation_type"]]
    return fields


def _timeline(nomination):
    content_type = ContentType.objects.get_for_model(Nomination)
    entries = AuditEntry.objects.filter(
        content_type=content_type, object_id=str(nomination.pk)
    ).select_related("actor")
    timeline = []
    for entry in sorted(entries, key=lambda e: (e.at, e.pk)):
        changes = entry.changes or {}
        timeline.append(
            {
                "entry": entry,
                # A submission after a return is a resubmission: say so, not "Submitted" twice.
                "label": _state_label(entry.to_state)
                if entry.action == "nomination.submit" and entry.to_state
                else ACTION_LABELS.get(entry.action, entry.action),
                "from_label": _state_label(entry.from_state) if entry.from_state else "",
                "to_label": _state_label(entry.to_state) if entry.to_state else "",
                "moved": entry.from_state != entry.to_state,
                "rules": [rule_label(r) for r in changes.get("rules", [])],
                "overridden": [rule_label(r) for r in changes.get("overridden", [])],
                "file": changes.get("file", ""),
                "fields": _changed_fields(changes),
            }
        )
    return timeline


def _dossier(nomination, *, editable, failed_form=None):
    documents = list(nomination.documents.select_related("uploaded_by").order_by("uploaded_at"))
    by_kind = defaultdict(list)
    for document in documents:
        by_kind[document.kind].append(document)
    rows = []
    for doc in nomination.award_type.required_documents or []:
        kind = doc.get("code")
        if not kind:
            continue
        versions = by_kind.pop(kind, [])
        form = None
        if editable:
            form = (
                failed_form
                if failed_form is not None and failed_form.data.get("kind") == kind
                else DossierUploadForm(
                    award_type=nomination.award_type,
                    initial={"kind": kind},
                    auto_id=f"id_{kind}_%s",
                )
            )
        rows.append(
            {
                "kind": kind,
                "label": doc.get("label") or kind,
                "current": versions[-1] if versions else None,
                "older": list(reversed(versions[:-1])),
                "form": form,
            }
        )
    others = [d for versions in by_kind.values() for d in versions]
    return rows, others, documents


def _actions(nomination, *, can_edit, can_review, submit_blockers, override_needed):
    state = nomination.state
    actions = []
    if state in services.EDITABLE_STATES and can_edit:
        actions.append(
            {
                "name": "submit",
                "blockers": submit_blockers,
                "label": _("Resubmit") if state == State.RETURNED else _("Submit"),
            }
        )
        actions.append({"name": "withdraw", "label": _("Withdraw"), "reason": "optional"})
    if state in services.UNDER_REVIEW and can_review:
        actions.append({"name": "accept", "label": _("Accept for the council")})
        actions.append({"name": "return", "label": _("Return to the unit"), "reason": "required"})
    if state in services.OVERRIDABLE_STATES and can_review and override_needed:
        actions.append(
            {"name": "override", "label": _("Override eligibility"), "reason": "required"}
        )
    return actions


def _render_detail(request, nomination, *, failed_upload=None, status=200):
    scope = scope_of(request.user)
    can_edit = scope.may(EDIT, nomination.unit)
    can_review = scope.may(REVIEW, nomination.unit)
    editable = nomination.state in services.EDITABLE_STATES
    covered = services.overridden_rules(nomination)
    live = None
    if editable or (can_review and nomination.state in services.UNDER_REVIEW):
        live = evaluate_nomination(nomination)
    if editable:
        checklist = _checklist(live, covered)
        checked_at, snapshot = timezone.now(), False
    else:
        checklist = _checklist(nomination.eligibility or [], covered)
        checked_at, snapshot = nomination.submitted_at, True
    uncovered = [r for r in (live.blocking_failures if live else []) if r.rule not in covered]
    # Rules that fail now although the stored checklist let the nomination through.
    new_failures = [] if editable else [rule_label(r.rule) for r in uncovered]
    dossier, other_documents, documents = _dossier(
        nomination, editable=editable and can_edit, failed_form=failed_upload
    )
    missing = services.missing_documents(nomination, documents)
    submit_blockers = [
        *[
            _("%(rule)s: %(message)s") % {"rule": rule_label(r.rule), "message": r.message}
            for r in uncovered
        ],
        *[_("Missing document: %(document)s") % {"document": label} for label in missing],
    ]
    timeline = _timeline(nomination)
    returned = None
    if nomination.state == State.RETURNED:
        returns = [item for item in timeline if item["entry"].action == "nomination.return"]
        returned = returns[-1]["entry"] if returns else None
    actions = _actions(
        nomination,
        can_edit=can_edit,
        can_review=can_review,
        submit_blockers=submit_blockers,
        override_needed=bool(uncovered),
    )
    return render(
        request,
        "awards/nominations/nomination_detail.html",
        {
            "nomination": nomination,
            "checklist": checklist,
            "checklist_snapshot": snapshot,
            "checked_at": checked_at,
            "eligible": _eligible(checklist),
            "new_failures": new_failures,
            "dossier": dossier,
            "other_documents": other_documents,
            "missing": missing,
            "evidence": []
            if nomination.is_individual
            else _evidence_rows(nomination.indicator_evidence or []),
            "timeline": timeline,
            "returned": returned,
            "actions": actions,
            "can_edit": can_edit and editable,
        },
        status=status,
    )


@require_safe
def nomination_detail(request, pk):
    return _render_detail(request, get_nomination_for_user(request.user, pk))


# --- Workflow ----------------------------------------------------------------------------------


@require_POST
def nomination_transition(request, pk, action):
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise Http404
    nomination = get_nomination_for_user(request.user, pk, action=spec["permission"])
    extra = {}
    if spec["reason"] is not None:
        form = ReasonForm(request.POST, required=spec["reason"])
        if not form.is_valid():
            messages.error(request, _("Give a reason."))
            return redirect("nomination_detail", pk=nomination.pk)
        extra["reason"] = form.cleaned_data["reason"]
    try:
        spec["service"](actor=request.user, nomination=nomination, **extra)
    except services.WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, str(spec["done"]))
    return redirect("nomination_detail", pk=nomination.pk)


# --- Dossier -----------------------------------------------------------------------------------


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
