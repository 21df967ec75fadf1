"""A nomination's page (checklist, dossier, timeline, actions) and its workflow actions."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from awards.eligibility import evaluate_nomination
from awards.models import CommendationType, Nomination
from awards.nominations import services
from awards.nominations.forms import DossierUploadForm
from awards.nominations.views._common import (
    ACTION_LABELS,
    EDIT,
    REVIEW,
    TRANSITIONS,
    State,
    checklist_of,
    evidence_rows,
    get_nomination_for_user,
    passes_all,
    rule_label,
)
from organizations.access import scope_of
from organizations.forms import ReasonForm
from organizations.models import AuditEntry


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
        checklist = checklist_of(live, covered)
        checked_at, snapshot = timezone.now(), False
    else:
        checklist = checklist_of(nomination.eligibility or [], covered)
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
            "eligible": passes_all(checklist),
            "new_failures": new_failures,
            "dossier": dossier,
            "other_documents": other_documents,
            "missing": missing,
            "evidence": []
            if nomination.is_individual
            else evidence_rows(nomination.indicator_evidence or []),
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
