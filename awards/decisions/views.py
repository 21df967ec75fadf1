"""Decisions: the list, drafting from passed nominations, the document, issuing.

Access: a decision the user may not read does not exist for them (404; see queries.py for who
reads what); drafting, editing, issuing and discarding need "decision.issue" (approvers) on the
issuing unit, else 403. An issued decision is only read: its edit and issue pages send back to it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards.decisions import services, text
from awards.decisions.forms import (
    DecisionCreateForm,
    DecisionFilterForm,
    DecisionIssueForm,
    DecisionUpdateForm,
    decidable_nominations,
)
from awards.decisions.lines import grant_order
from awards.decisions.queries import annex, estimated_total, visible_decisions
from awards.models import Decision, SigningKey
from organizations.access import require, scope_of, units_where
from organizations.lookups import UnitSwitchForm

ISSUE = services.ISSUE
READ = "award.view"
PER_PAGE = 50
State = Decision.State
ROMAN = ["I", "II"]


def get_decision_for_user(user, pk, *, action=None):
    decision = visible_decisions(user).select_related("unit__parent", "amends").filter(pk=pk)
    decision = decision.first()
    if decision is None:
        raise Http404
    if action is not None:
        require(user, action, decision.unit)
    return decision


def _refuse(request, error):
    messages.error(request, str(error) or _("You may not do this."))


# --- List ------------------------------------------------------------------------------------


@require_safe
def decision_list(request):
    require(request.user, READ)
    form = DecisionFilterForm(request.GET or None)
    decisions = visible_decisions(request.user)
    if form.is_valid():
        year = form.cleaned_data["year"]
        if year:
            decisions = decisions.filter(
                Q(year=year) | Q(year__isnull=True, decision_date__year=year)
            )
        if form.cleaned_data["state"]:
            decisions = decisions.filter(state=form.cleaned_data["state"])
    decisions = (
        decisions.select_related("unit")
        .annotate(line_count=Count("lines"))
        .order_by("state", "-decision_date", "-number", "-id")
    )
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "awards/decisions/decision_list.html",
        {
            "form": form,
            "page": page,
            "decisions": page.object_list,
            "can_draft": scope_of(request.user).may(ISSUE),
            "query": query.urlencode(),
        },
    )


# --- Drafting ----------------------------------------------------------------------------------


def _nomination_rows(form):
    by_pk = {n.pk: n for n in form.fields["nominations"].queryset}
    rows = []
    for widget in form["nominations"]:
        value = widget.data["value"]
        nomination = by_pk.get(getattr(value, "value", value))
        if nomination is not None:
            rows.append({"widget": widget, "nomination": nomination})
    return rows


def _chosen_unit(request, units):
    """(the issuing unit, the box that switches it): the unit asked for by id (the form's own
    hidden field), code or name, else the first of the user's units in tree order. The
    Director issues for every unit of the department: a box, not a select of them all."""
    wanted = (request.POST or request.GET).get("unit", "").strip()
    label = _("Issuing unit")
    unit, chooser = UnitSwitchForm.choose(wanted, units=units, label=label)
    if unit is None:
        unit = units.order_by("path").first()
        if not chooser.errors:
            chooser = UnitSwitchForm(initial={"unit": unit}, units=units, label=label)
    return unit, chooser


@require_http_methods(["GET", "POST"])
def decision_create(request):
    require(request.user, ISSUE)
    units = units_where(request.user, ISSUE)
    unit, chooser = _chosen_unit(request, units)
    if unit is None:
        raise PermissionDenied
    # The subject names the year of the achievements; the newest passed ones are the likely pick.
    year = decidable_nominations(request.user, unit).values_list("year", flat=True).first()
    year = year or timezone.localdate().year - 1
    defaults = text.draft_defaults(unit=unit, year=year, actor=request.user,
                                   issuer_code=services.last_issuer_code(unit))  # fmt: skip
    form = DecisionCreateForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        unit=unit,
        initial={"unit": unit.pk, **defaults},
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            decision = services.decision_draft(actor=request.user, **values)
        except (services.WorkflowError, PermissionDenied) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The draft decision was saved. Check it, then issue it."))
            return redirect("decision_detail", pk=decision.pk)
    return render(
        request,
        "awards/decisions/decision_form.html",
        {
            "form": form,
            "decision": None,
            "unit": unit,
            "chooser": chooser,
            "several_units": units.count() > 1,
            "rows": _nomination_rows(form),
        },
    )


@require_http_methods(["GET", "POST"])
def decision_update(request, pk):
    decision = get_decision_for_user(request.user, pk, action=ISSUE)
    if decision.state != State.DRAFT:
        messages.error(request, _("An issued decision cannot be changed."))
        return redirect("decision_detail", pk=decision.pk)
    on_it = list(decision.lines.values_list("nomination_id", flat=True))
    initial = {name: getattr(decision, name) for name in services.TEXT_FIELDS}
    initial.update(decision_date=decision.decision_date, nominations=on_it)
    form = DecisionUpdateForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        decision=decision,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.decision_update(actor=request.user, decision=decision, **values)
        except services.WorkflowError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("decision_detail", pk=decision.pk)
    return render(
        request,
        "awards/decisions/decision_form.html",
        {"form": form, "decision": decision, "unit": decision.unit, "rows": _nomination_rows(form)},
    )


# --- The document ------------------------------------------------------------------------------


def decision_document_context(decision, user):
    """What the decision as printed needs: the page, its PDF and its Word file share it."""
    collectives, individuals, base = annex(decision)
    lines = collectives + individuals
    draft = decision.state == State.DRAFT
    total = estimated_total(lines) if draft else decision.total_bonus
    sections = []
    for title, rows in (("TẬP THỂ", collectives), ("CÁ NHÂN", individuals)):
        if rows:
            sections.append({"number": ROMAN[len(sections)], "title": title, "lines": rows})
    return {
        "decision": decision,
        "sections": sections,
        "lines": lines,
        "total": total,
        "base_salary": base,
        "place_date": text.place_date(decision.decision_date),
        "authority": text.authority_line(decision),
        "articles": text.articles(
            decision,
            collectives=collectives,
            individuals=individuals,
            base_salary=base,
            total=total,
        ),
        "annex_note": text.annex_note(decision),
        "legal_bases": [b.strip() for b in decision.legal_bases.splitlines() if b.strip()],
        "signer_title": [t.strip() for t in decision.signer_title.splitlines() if t.strip()],
        "can_change": False,
    }


@require_safe
def decision_detail(request, pk):
    decision = get_decision_for_user(request.user, pk)
    context = decision_document_context(decision, request.user)
    may_issue = scope_of(request.user).may(ISSUE, decision.unit)
    draft = decision.state == State.DRAFT
    context.update(
        grant_order=grant_order(context["lines"]) if draft else [],
        can_change=draft and may_issue,
        can_amend=not draft and may_issue and decision.kind != Decision.Kind.OUTSIDE,
        amendments=list(visible_decisions(request.user).filter(amends=decision)),
        can_sign_pdf=not draft and SigningKey.objects.usable().exists(),
    )
    return render(request, "awards/decisions/decision_detail.html", context)


# --- Workflow ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def decision_issue(request, pk):
    decision = get_decision_for_user(request.user, pk, action=ISSUE)
    if decision.state != State.DRAFT:
        messages.error(request, _("This decision is already issued."))
        return redirect("decision_detail", pk=decision.pk)
    form = DecisionIssueForm(
        request.POST if request.method == "POST" else None,
        initial={"decision_date": decision.decision_date or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_issue(
                actor=request.user,
                decision=decision,
                decision_date=form.cleaned_data["decision_date"],
            )
        except services.WorkflowError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Decision %(number)s was issued; its awards are granted.")
                % {"number": decision.number_text},
            )
            return redirect("decision_detail", pk=decision.pk)
    collectives, individuals, _base = annex(decision)
    return render(
        request,
        "awards/decisions/decision_issue.html",
        {"decision": decision, "form": form, "line_count": len(collectives) + len(individuals)},
    )


@require_POST
def decision_discard(request, pk):
    decision = get_decision_for_user(request.user, pk, action=ISSUE)
    try:
        services.decision_discard(actor=request.user, decision=decision)
    except services.WorkflowError as refusal:
        _refuse(request, refusal)
        return redirect("decision_detail", pk=decision.pk)
    messages.success(request, _("The draft decision was discarded."))
    return redirect("decision_list")


@require_POST
def decision_line_remove(request, pk, line_pk):
    decision = get_decision_for_user(request.user, pk, action=ISSUE)
    line = decision.lines.filter(pk=line_pk).first()
    if line is None:
        raise Http404
    try:
        services.decision_line_remove(actor=request.user, line=line)
    except services.WorkflowError as refusal:
        _refuse(request, refusal)
    else:
        messages.success(
            request, _("%(name)s was taken off the draft.") % {"name": line.recipient_name}
        )
    return redirect("decision_detail", pk=decision.pk)


@require_POST
def decision_amend(request, pk):
    decision = get_decision_for_user(request.user, pk, action=ISSUE)
    kind = request.POST.get("kind", Decision.Kind.AMEND)
    try:
        amendment = services.decision_amend_draft(actor=request.user, decision=decision, kind=kind)
    except services.WorkflowError as refusal:
        _refuse(request, refusal)
        return redirect("decision_detail", pk=decision.pk)
    messages.success(request, _("A draft correcting decision was created; write what it changes."))
    return redirect("decision_update", pk=amendment.pk)
