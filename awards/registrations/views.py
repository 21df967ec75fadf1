"""Registrations (đăng ký thi đua): the list of units for a year, a unit's registration form,
its transitions, and registered versus achieved titles.

A registration belongs to its unit: editing and submitting need "registration.edit" on it,
approving and returning "registration.review" (a unit outside the user's subtrees is a 404).
"""

from collections import Counter, defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards.models import AwardRecord, Registration, RegistrationLine
from awards.pages import error_messages, history_of, year_choices, year_or_404, year_param
from awards.registrations import services
from awards.registrations.forms import RegistrationForm
from indicators.years import latest_year_with_data, latest_year_with_results
from organizations.access import get_unit_for_user, scope_of
from organizations.http import next_url
from organizations.models import Unit
from organizations.workflow import run_unit_year_transition

EDIT = "registration.edit"
REVIEW = "registration.review"
RegistrationState = Registration.State
NOT_REGISTERED = "none"
# Bootstrap padding that shows a unit's depth below the top unit the user sees.
INDENT_CLASSES = ["", "ps-3", "ps-4", "ps-5"]

REGISTRATION_TRANSITIONS = {
    "submit": {
        "permission": EDIT,
        "service": services.registration_submit,
        "reason": False,
        "from": services.EDITABLE_REGISTRATION,
        "label": gettext_lazy("Submit for approval"),
        "done": gettext_lazy("The registration of %(unit)s for %(year)s was submitted."),
    },
    "approve": {
        "permission": REVIEW,
        "service": services.registration_approve,
        "reason": False,
        "from": {RegistrationState.SUBMITTED},
        "label": gettext_lazy("Approve"),
        "done": gettext_lazy("The registration of %(unit)s for %(year)s was approved."),
    },
    "return": {
        "permission": REVIEW,
        "service": services.registration_return,
        "reason": True,
        "from": {RegistrationState.SUBMITTED},
        "label": gettext_lazy("Return for correction"),
        "done": gettext_lazy("The registration of %(unit)s for %(year)s was returned to the unit."),
    },
}


def _registration_actions(scope, unit, state, *, include_submit=True):
    return [
        {"name": name, "label": spec["label"], "reason": spec["reason"]}
        for name, spec in REGISTRATION_TRANSITIONS.items()
        if state in spec["from"]
        and scope.may(spec["permission"], unit)
        and (include_submit or name != "submit")
    ]


@require_safe
def registration_list(request):
    year = year_param(request) or latest_year_with_data(request.user)
    scope = scope_of(request.user)
    units = list(
        Unit.objects.visible_to(request.user)
        .filter(is_active=True)
        .in_tree_order()
        .only("id", "code", "name", "short_name", "parent_id", "path", "depth")
    )
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("collective_award")
        .annotate(line_count=Count("lines"))
    }
    wanted = request.GET.get("state", "")
    if wanted not in {*RegistrationState.values, NOT_REGISTERED}:
        wanted = ""
    top = min((unit.depth for unit in units), default=0)
    counts, rows = Counter(), []
    for unit in units:
        registration = registrations.get(unit.pk)
        state = registration.state if registration else NOT_REGISTERED
        counts[state] += 1
        if wanted and state != wanted:
            continue
        rows.append(
            {
                "unit": unit,
                "indent_class": INDENT_CLASSES[min(unit.depth - top, len(INDENT_CLASSES) - 1)],
                "registration": registration,
                "state": RegistrationState(state) if registration else None,
                "may_edit": scope.may(EDIT, unit),
                "actions": _registration_actions(scope, unit, state, include_submit=False)
                if registration
                else [],
            }
        )
    summary = [(NOT_REGISTERED, _("Not registered"), counts[NOT_REGISTERED])] + [
        (state.value, state.label, counts[state.value]) for state in RegistrationState
    ]
    return render(
        request,
        "awards/registrations/registration_list.html",
        {
            "year": year,
            "years": year_choices(year),
            "rows": rows,
            "summary": summary,
            "state_filter": wanted,
            "total": len(units),
            "next": request.get_full_path(),
            "may_review": scope.may(REVIEW),
        },
    )


@require_http_methods(["GET", "POST"])
def registration_edit(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=EDIT)
    year_or_404(year)
    here = reverse("registration_edit", args=[unit.pk, year])
    registration = (
        Registration.objects.filter(unit=unit, year=year).select_related("collective_award").first()
    )
    state = RegistrationState(registration.state) if registration else RegistrationState.DRAFT
    editable = state in services.EDITABLE_REGISTRATION
    people = list(unit.people.filter(is_active=True).order_by("sort_name", "code"))
    stored_lines = (
        list(
            RegistrationLine.objects.filter(registration=registration)
            .select_related("person", "award_type")
            .order_by("award_type__display_order")
        )
        if registration
        else []
    )
    lines = {line.person_id: line.award_type_id for line in stored_lines}
    present = {person.pk for person in people}
    departed = [line for line in stored_lines if line.person_id not in present]
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        people=people,
        lines=lines,
        collective=registration.collective_award if registration else None,
        disabled=not editable,
    )
    if request.method == "POST":
        if not editable:
            messages.error(
                request,
                _("The registration is “%(state)s” and can no longer be changed.")
                % {"state": state.label},
            )
            return redirect(here)
        if form.is_valid():
            try:
                services.registration_save(
                    actor=request.user,
                    unit=unit,
                    year=year,
                    collective_award=form.collective(),
                    lines=form.lines(),
                )
                if "and_submit" in request.POST:
                    services.registration_submit(actor=request.user, unit=unit, year=year)
            except ValidationError as error:
                for message in error_messages(error):
                    messages.error(request, message)
            except services.WorkflowError as refusal:
                messages.error(request, str(refusal))
            else:
                if "and_submit" in request.POST:
                    messages.success(
                        request,
                        REGISTRATION_TRANSITIONS["submit"]["done"]
                        % {"unit": unit.name, "year": year},
                    )
                else:
                    messages.success(request, _("The registration was saved."))
                return redirect(here)
        else:
            messages.error(request, _("Nothing was saved: correct the choices marked below."))
    scope = scope_of(request.user)
    return render(
        request,
        "awards/registrations/registration_edit.html",
        {
            "unit": unit,
            "year": year,
            "registration": registration,
            "state": state,
            "editable": editable,
            "form": form,
            "departed": departed,
            "actions": _registration_actions(scope, unit, state, include_submit=False)
            if registration
            else [],
            "history": history_of(registration) if registration else [],
            "next": here,
        },
    )


@require_POST
def registration_transition(request, unit_pk, year, action):
    spec = REGISTRATION_TRANSITIONS.get(action)
    if spec is None:
        raise Http404
    unit = get_unit_for_user(request.user, unit_pk, action=spec["permission"])
    year_or_404(year)
    run_unit_year_transition(request, spec=spec, unit=unit, year=year)
    return redirect(next_url(request, reverse("registration_edit", args=[unit.pk, year])))


@require_safe
def registration_results(request):
    """Registered vs achieved: each registered title beside whether the unit or person holds
    that award for the year (an unrevoked AwardRecord). Four queries whatever the size."""
    year = year_param(request) or latest_year_with_results(request.user)
    registrations = list(
        Registration.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("unit", "collective_award")
        .order_by("unit__path")
    )
    lines = defaultdict(list)
    for line in (
        RegistrationLine.objects.filter(registration__in=registrations)
        .select_related("person", "award_type")
        .order_by("person__sort_name", "person__code")
    ):
        lines[line.registration_id].append(line)
    held = set()
    if registrations:
        records = AwardRecord.objects.filter(year=year, revoked=False).filter(
            Q(person__in=Subquery(
                RegistrationLine.objects.filter(registration__in=registrations).values("person")
            ))
            | Q(unit__in={registration.unit_id for registration in registrations})
        )  # fmt: skip
        for award_type_id, person_id, unit_id in records.values_list(
            "award_type_id", "person_id", "unit_id"
        ):
            held.add((award_type_id, "person" if person_id else "unit", person_id or unit_id))
    groups, registered, achieved = [], 0, 0
    for registration in registrations:
        rows = []
        if registration.collective_award_id:
            rows.append(
                {
                    "subject": registration.unit,
                    "collective": True,
                    "award_type": registration.collective_award,
                    "achieved": (registration.collective_award_id, "unit", registration.unit_id)
                    in held,
                }
            )
        for line in lines[registration.pk]:
            rows.append(
                {
                    "subject": line.person,
                    "collective": False,
                    "award_type": line.award_type,
                    "achieved": (line.award_type_id, "person", line.person_id) in held,
                }
            )
        registered += len(rows)
        achieved += sum(row["achieved"] for row in rows)
        groups.append(
            {
                "registration": registration,
                "state": RegistrationState(registration.state),
                "rows": rows,
                "achieved": sum(row["achieved"] for row in rows),
            }
        )
    return render(
        request,
        "awards/registrations/registration_results.html",
        {
            "year": year,
            "years": year_choices(year),
            "groups": groups,
            "registered": registered,
            "achieved": achieved,
        },
    )
