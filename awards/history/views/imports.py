"""The upload pages of the five award-input imports."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awards.history import services
from awards.history.views._common import (
    HISTORY,
    INPUTS,
)
from organizations.access import require, units_where
from organizations.imports.forms import ImportForm
from organizations.jobs.services import import_in_background, runs_in_background
from organizations.tabular import ImportRefused

IMPORTS = {
    "ratings": {
        "service": services.ratings_import,
        "action": INPUTS,
        "title": gettext_lazy("Import annual ratings"),
        "columns": services.RATING_COLUMNS,
        "optional": [],
        "example": [["NV027", "2024", "HTXSNV"], ["PLD-DV", "2024", "HTTNV"]],
        "notes": [
            gettext_lazy(
                "subject: a person's staff number, or a unit code for the collective's rating. "
                "A code that names both a person and a unit is refused as ambiguous: enter "
                "that rating in the grid."
            ),
            gettext_lazy("rating: HTXSNV, HTTNV, HTNV or KHTNV."),
            gettext_lazy("A subject's rating for a year already stored is replaced."),
        ],
    },
    "initiatives": {
        "service": services.initiatives_import,
        "action": INPUTS,
        "title": gettext_lazy("Import initiatives"),
        "columns": services.INITIATIVE_COLUMNS,
        "optional": [],
        "example": [["NV027", "2024", "Số hóa hồ sơ người có công", "grassroots"]],
        "notes": [
            gettext_lazy(
                "person: staff number; level: grassroots, province, ministry or national."
            ),
            gettext_lazy("The same person, year and title already stored is updated (its level)."),
        ],
    },
    "holds": {
        "service": services.holds_import,
        "action": HISTORY,
        "title": gettext_lazy("Import holds"),
        "columns": services.HOLD_COLUMNS,
        "optional": services.HOLD_OPTIONAL,
        "example": [["NV027", "Đang xem xét kỷ luật", "01/06/2024", ""]],
        "notes": [
            gettext_lazy("subject: a person's staff number or a unit code."),
            gettext_lazy(
                "Dates as 2024-06-01 or 01/06/2024; leave end empty while the hold lasts."
            ),
            gettext_lazy("The same subject, start and reason already stored is updated (its end)."),
        ],
    },
    "awards": {
        "service": services.awards_import,
        "action": HISTORY,
        "title": gettext_lazy("Import past awards"),
        "columns": services.AWARD_COLUMNS,
        "optional": services.AWARD_OPTIONAL,
        "example": [
            ["BK_TINH", "NV027", "2022", "merit", "1234/QĐ-UBND", "15/03/2023", "UBND tỉnh"],
        ],
        "notes": [
            gettext_lazy(
                "award_type: a catalogue code (LDTT, CSTDCS, BK_TINH, …); recipient: a staff "
                "number or a unit code, matching the award's recipients."
            ),
            gettext_lazy("commendation_type: merit, adhoc, thematic, career or external."),
            gettext_lazy(
                "The same award, recipient, year and commendation type already stored is "
                "updated (decision number, date and issuer)."
            ),
        ],
    },
    "clusters": {
        "service": services.clusters_import,
        "action": HISTORY,
        "title": gettext_lazy("Import emulation clusters and blocks"),
        "columns": services.CLUSTER_COLUMNS,
        "optional": [],
        "example": [
            ["Khối các phòng huyện", "block", "2024", "PLD-DV", "leader"],
            ["Khối các phòng huyện", "block", "2024", "PLD-MV", "member"],
            ["Khối các phòng huyện", "block", "2024", "PLD-DV", "winner"],
        ],
        "notes": [
            gettext_lazy("kind: cluster or block; role: leader, deputy, member or winner."),
            gettext_lazy(
                "winner is the unit the cluster voted as its leading unit (the flag "
                "candidate): one per cluster and year; a new winner replaces the stored one."
            ),
        ],
    },
}


@require_http_methods(["GET", "POST"])
def inputs_import(request, kind):
    spec = IMPORTS[kind]
    require(request.user, spec["action"])
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if runs_in_background(upload):
            return import_in_background(request, upload=upload, kind=kind)
        try:
            result = spec["service"](
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
                allowed_units=units_where(request.user, spec["action"]),
            )
        except ImportRefused as refusal:
            errors = refusal.errors
            messages.error(
                request, _("Nothing was imported. Correct the lines below and try again.")
            )
        else:
            messages.success(
                request,
                _(
                    "Import finished: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % vars(result),
            )
            return redirect(request.path)
    return render(
        request,
        "awards/history/inputs_import.html",
        {
            "form": form,
            "errors": errors,
            "kind": kind,
            "title": spec["title"],
            "columns": spec["columns"] + spec["optional"],
            "optional": spec["optional"],
            "example": spec["example"],
            "notes": spec["notes"],
        },
    )
