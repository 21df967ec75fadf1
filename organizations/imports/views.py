from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from organizations.access import require, units_where
from organizations.imports import PERSON_COLUMNS, UNIT_COLUMNS, people_import, units_import
from organizations.imports.forms import ImportForm
from organizations.jobs.services import import_in_background, runs_in_background
from organizations.tabular import ImportRefused

# Lazy: this table is built once at import, the title must follow each request's language.
IMPORTS = {
    "units": {
        "service": units_import,
        "title": gettext_lazy("Import units"),
        "columns": UNIT_COLUMNS + ["short_name", "kind"],
    },
    "people": {
        "service": people_import,
        "title": gettext_lazy("Import people"),
        "columns": PERSON_COLUMNS + ["date_of_birth"],
    },
}


@require_http_methods(["GET", "POST"])
def directory_import(request, kind):
    require(request.user, "directory.import")
    spec = IMPORTS[kind]
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
                allowed_units=units_where(request.user, "directory.import"),
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
        "organizations/imports/import.html",
        {"form": form, "errors": errors, "title": spec["title"], "columns": spec["columns"]},
    )
