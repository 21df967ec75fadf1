"""Data entry and approval of a unit's figures for a year.

Permissions: the grid, the template and the upload need "indicator.enter" on the unit; the
workflow actions need "indicator.enter" (submit) or "indicator.approve" (approve, return, reopen).
A unit outside the user's subtrees is a 404, a visible unit without the role a 403.
`figures_transition` is POST only and checks the method first: a GET is a 405 for everyone,
whatever the unit, so the answer reveals nothing about units the user cannot see.
"""

import io
from collections import Counter, defaultdict
from decimal import Decimal

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from indicators import services
from indicators.arithmetic import roll_up
from indicators.forms_entry import EntryGrid, display_number
from indicators.models import DataStatus, Indicator, IndicatorValue, Period
from indicators.years import latest_year_with_data
from organizations.access import get_unit_for_user, scope_of, units_where
from organizations.forms import ImportForm
from organizations.http import next_url
from organizations.jobs import import_in_background, runs_in_background
from organizations.models import Unit
from organizations.tabular import ImportRefused, append_row
from organizations.workflow import run_unit_year_transition

ENTER = "indicator.enter"
APPROVE = "indicator.approve"
State = DataStatus.State
LOCKED_STATES = {State.SUBMITTED, State.APPROVED}
# Which workflow action a state offers, and to whom.
OFFERS = {
    State.OPEN: [("submit", ENTER)],
    State.RETURNED: [("submit", ENTER)],
    State.SUBMITTED: [("approve", APPROVE), ("return", APPROVE)],
    State.APPROVED: [("reopen", APPROVE)],
}
TRANSITIONS = {
    "submit": {
        "permission": ENTER,
        "service": services.figures_submit,
        "reason": False,
        "label": gettext_lazy("Submit for approval"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were submitted for approval."),
    },
    "approve": {
        "permission": APPROVE,
        "service": services.figures_approve,
        "reason": False,
        "label": gettext_lazy("Approve"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were approved and locked."),
    },
    "return": {
        "permission": APPROVE,
        "service": services.figures_return,
        "reason": True,
        "label": gettext_lazy("Return for correction"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were returned to the unit."),
    },
    "reopen": {
        "permission": APPROVE,
        "service": services.figures_reopen,
        "reason": True,
        "label": gettext_lazy("Reopen"),
        "done": gettext_lazy("The figures of %(unit)s for %(year)s were reopened for entry."),
    },
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_COLUMNS = [*services.VALUE_COLUMNS, "name", "unit_of_measure"]
MAX_INDENT = 6


def _check_year(year):
    if not services.YEAR_MIN <= year <= services.YEAR_MAX:
        raise Http404


def _year_param(request):
    """?year=YYYY, or the latest year with figures in the user's units when absent or not a
    year."""
    text = request.GET.get("year", "").strip()
    if text.isdigit() and services.YEAR_MIN <= int(text) <= services.YEAR_MAX:
        return int(text)
    return latest_year_with_data(request.user)


def _year_choices(year):
    current = timezone.localdate().year
    return sorted({*range(current - 5, current + 2), year}, reverse=True)


def _actions(scope, unit, state):
    """The workflow actions this user may take on the unit in this state."""
    return [
        {"name": name, "label": TRANSITIONS[name]["label"], "reason": TRANSITIONS[name]["reason"]}
        for name, permission in OFFERS[state]
        if scope.may(permission, unit)
    ]


def _status_of(unit, year):
    return (
        DataStatus.objects.filter(unit=unit, year=year, period=Period.YEAR)
        .select_related("changed_by")
        .first()
    )


# --- Status table ------------------------------------------------------------------------------


@require_safe
def figures_status(request):
    year = _year_param(request)
    scope = scope_of(request.user)
    units = list(
        Unit.objects.visible_to(request.user)
        .in_tree_order()
        .only("id", "code", "name", "short_name", "parent_id", "path", "depth", "is_active")
    )
    statuses = {
        status.unit_id: status
        for status in DataStatus.objects.visible_to(request.user)
        .filter(year=year, period=Period.YEAR)
        .select_related("changed_by")
    }
    wanted = request.GET.get("state", "")
    if wanted not in State.values:
        wanted = ""
    top = min((unit.depth for unit in units), default=0)
    rows, counts = [], Counter()
    for unit in units:
        status = statuses.get(unit.pk)
        state = State(status.state) if status else State.OPEN
        counts[state] += 1
        if wanted and state != wanted:
            continue
        rows.append(
            {
                "unit": unit,
                "indent": min(unit.depth - top, MAX_INDENT),
                "state": state,
                "status": status,
                "may_enter": scope.may(ENTER, unit),
                "actions": _actions(scope, unit, state),
            }
        )
    return render(
        request,
        "indicators/status.html",
        {
            "year": year,
            "years": _year_choices(year),
            "rows": rows,
            "state_filter": wanted,
            "summary": [(state, counts[state]) for state in State],
            "total": len(units),
            "next": request.get_full_path(),
        },
    )


# --- Entry grid --------------------------------------------------------------------------------


def _previous_results(unit, year, indicators):
    """Last year's result of each indicator: the unit's own, or for counts the sum over its
    sub-units. Maps indicator id → (value or None, rolled up?). Two queries."""
    children_of = defaultdict(list)
    for unit_id, parent_id in Unit.objects.filter(path__startswith=unit.path).values_list(
        "id", "parent_id"
    ):
        children_of[parent_id].append(unit_id)
    own = defaultdict(dict)
    for indicator_id, unit_id, result in IndicatorValue.objects.filter(
        unit__path__startswith=unit.path,
        year=year - 1,
        period=Period.YEAR,
        result__isnull=False,
    ).values_list("indicator_id", "unit_id", "result"):
        own[indicator_id][unit_id] = result
    previous = {}
    for indicator in indicators:
        mine = own[indicator.pk].get(unit.pk)
        if mine is not None:
            previous[indicator.pk] = (mine, False)
        else:
            value = roll_up(unit.pk, own[indicator.pk], children_of, indicator.value_type)
            previous[indicator.pk] = (value, value is not None)
    return previous


def _stored_cells(unit, year):
    return {
        cell.indicator_id: cell
        for cell in IndicatorValue.objects.filter(unit=unit, year=year, period=Period.YEAR)
    }


def _dash(number):
    return display_number(number) or "—"


def _conflict_message(conflicts):
    parts = []
    for conflict in conflicts:
        stored = conflict.stored
        parts.append(
            _("%(code)s (now: target %(target)s, result %(result)s)")
            % {
                "code": conflict.indicator.code,
                "target": _dash(stored.target),
                "result": _dash(stored.result),
            }
        )
    return _(
        "Nothing was saved: someone else changed these figures after you opened the page: "
        "%(list)s. Your values are kept below; check them and save again."
    ) % {"list": "; ".join(parts)}


@require_http_methods(["GET", "POST"])
def figures_entry(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=ENTER)
    _check_year(year)
    here = reverse("figures_entry", args=[unit.pk, year])
    status = _status_of(unit, year)
    state = State(status.state) if status else State.OPEN
    locked = state in LOCKED_STATES
    indicators = list(Indicator.objects.filter(is_active=True))
    conflicts = {}
    if request.method == "POST":
        if locked:
            messages.error(request, _locked_notice(unit, year, state))
            return redirect(here)
        grid = EntryGrid(indicators=indicators, cells={}, data=request.POST)
        if not grid.is_valid():
            messages.error(
                request,
                ngettext(
                    "Nothing was saved: %(count)s figure needs correcting (marked below).",
                    "Nothing was saved: %(count)s figures need correcting (marked below).",
                    grid.error_count,
                )
                % {"count": grid.error_count},
            )
        else:
            rows = grid.changed_rows()
            if not rows:
                messages.info(request, _("Nothing was changed."))
                return redirect(here)
            try:
                changed = services.figures_save(actor=request.user, unit=unit, year=year, rows=rows)
            except services.LockedFigures as refusal:
                messages.error(request, str(refusal))
                return redirect(here)
            except services.StaleCells as stale:
                conflicts = {c.indicator.pk: c for c in stale.conflicts}
                messages.warning(request, _conflict_message(stale.conflicts))
                grid = grid.refreshed(_stored_cells(unit, year))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Saved: %(count)s indicator changed.",
                        "Saved: %(count)s indicators changed.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(here)
    else:
        grid = EntryGrid(indicators=indicators, cells=_stored_cells(unit, year))
    previous = _previous_results(unit, year, indicators)
    rows = []
    for form in grid.rows:
        value, rolled = previous[form.indicator.pk]
        conflict = conflicts.get(form.indicator.pk)
        rows.append(
            {
                "indicator": form.indicator,
                "form": form,
                "previous_display": display_number(value),
                "previous_rolled": rolled,
                "conflict": conflict,
                "conflict_target": _dash(conflict.stored.target) if conflict else "",
                "conflict_result": _dash(conflict.stored.result) if conflict else "",
            }
        )
    scope = scope_of(request.user)
    return render(
        request,
        "indicators/entry.html",
        {
            "unit": unit,
            "year": year,
            "status": status,
            "state": state,
            "locked": locked,
            "locked_notice": _locked_notice(unit, year, state) if locked else "",
            "rows": rows,
            "actions": _actions(scope, unit, state),
            "next": here,
            "example_count": display_number(Decimal("17605")),
            "example_rate": display_number(Decimal("69.5")),
        },
    )


def _locked_notice(unit, year, state):
    if state == State.APPROVED:
        return _(
            "The figures of %(unit)s for %(year)s are approved and locked. An emulation officer "
            "can reopen them, giving a reason."
        ) % {"unit": unit.name, "year": year}
    return _(
        "The figures of %(unit)s for %(year)s are submitted and locked while they await "
        "approval. An emulation officer can return them for correction."
    ) % {"unit": unit.name, "year": year}


# --- Workflow ----------------------------------------------------------------------------------


@require_POST
def figures_transition(request, unit_pk, year, action):
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise Http404
    unit = get_unit_for_user(request.user, unit_pk, action=spec["permission"])
    _check_year(year)
    fallback = f"{reverse('figures_status')}?year={year}"
    if action == "submit" and not request.POST.get("confirm_empty") and _is_empty(unit, year):
        # Submitting a year without a single figure is almost always a slip: ask first.
        return render(
            request,
            "indicators/submit_empty_confirm.html",
            {"unit": unit, "year": year, "next": next_url(request, fallback)},
        )
    run_unit_year_transition(request, spec=spec, unit=unit, year=year)
    return redirect(next_url(request, fallback))


def _is_empty(unit, year):
    """No target or result for the year in the unit or its sub-units. One query."""
    return not (
        IndicatorValue.objects.filter(unit__path__startswith=unit.path, year=year)
        .filter(Q(target__isnull=False) | Q(result__isnull=False))
        .exists()
    )


# --- Template and upload -----------------------------------------------------------------------


def _plain(number):
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


@require_safe
def figures_template(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=ENTER)
    _check_year(year)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    cells = _stored_cells(unit, year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    sheet.append(TEMPLATE_COLUMNS)
    for indicator in Indicator.objects.filter(is_active=True):
        cell = cells.get(indicator.pk)
        append_row(
            sheet,
            [
                indicator.code,
                unit.code,
                year,
                _plain(cell.target) if cell else None,
                _plain(cell.result) if cell else None,
                indicator.name,
                indicator.unit_of_measure,
            ],
        )
    for header in sheet[1]:
        header.font = Font(bold=True)
    widths = {"A": 24, "B": 14, "C": 8, "D": 14, "E": 14, "F": 60, "G": 16}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    filename = f"bieu-mau-{slugify(unit.code) or unit.pk}-{year}.xlsx"
    return HttpResponse(
        buffer.getvalue(),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@require_http_methods(["GET", "POST"])
def figures_upload(request, unit_pk, year):
    unit = get_unit_for_user(request.user, unit_pk, action=ENTER)
    _check_year(year)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if runs_in_background(upload):
            return import_in_background(
                request, upload=upload, kind="values", target={"unit": unit.pk, "year": year}
            )
        try:
            result = services.values_import(
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
                allowed_units=units_where(request.user, ENTER),
            )
        except ImportRefused as refusal:
            errors = refusal.errors
            messages.error(
                request, _("Nothing was saved. Correct the lines below and upload the file again.")
            )
        else:
            messages.success(
                request,
                _(
                    "Upload finished: %(created)s figures created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % vars(result),
            )
            return redirect("figures_entry", unit_pk=unit.pk, year=year)
    return render(
        request,
        "indicators/upload.html",
        {"unit": unit, "year": year, "form": form, "errors": errors, "columns": TEMPLATE_COLUMNS},
    )


urlpatterns = [
    path("status/", figures_status, name="figures_status"),
    path("entry/<int:unit_pk>/<int:year>/", figures_entry, name="figures_entry"),
    path("entry/<int:unit_pk>/<int:year>/template.xlsx", figures_template, name="figures_template"),
    path("entry/<int:unit_pk>/<int:year>/upload/", figures_upload, name="figures_upload"),
    path(
        "entry/<int:unit_pk>/<int:year>/<str:action>/",
        figures_transition,
        name="figures_transition",
    ),
]
