from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from django_tables2 import RequestConfig

from organizations import services
from organizations.access import (
    get_person_for_user,
    get_unit_for_user,
    require,
    scope_of,
    units_where,
)
from organizations.filters import PersonFilter
from organizations.forms import ImportForm, PersonForm
from organizations.jobs import import_in_background, runs_in_background
from organizations.models import AuditEntry, Person, Role, Unit
from organizations.paging import LongListData
from organizations.tables import PersonTable
from organizations.tabular import ImportRefused
from organizations.tree import build_tree


def home(request):
    scope = scope_of(request.user)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[g.unit_id for g in scope.grants])}
    grants = sorted(
        (
            {"unit": units[g.unit_id], "role": g.role, "role_label": Role(g.role).label}
            for g in scope.grants
            if g.unit_id in units
        ),
        key=lambda item: (item["unit"].path, item["role"]),
    )
    panels = [import_string(path)(request) for path in settings.HOME_PANELS]
    return render(
        request,
        "organizations/home.html",
        {"grants": grants, "panels": [panel for panel in panels if panel]},
    )


def unit_tree(request):
    query = request.GET.get("q", "").strip()
    visible = Unit.objects.visible_to(request.user).only(
        "id", "code", "name", "short_name", "kind", "parent_id", "path", "depth", "is_active"
    )
    roots, matches = build_tree(list(visible.in_tree_order()), query)
    return render(
        request,
        "organizations/unit_tree.html",
        {"roots": roots, "query": query, "match_count": len(matches), "matches": matches},
    )


def unit_detail(request, pk):
    unit = get_unit_for_user(request.user, pk)
    visible = Unit.objects.visible_to(request.user)
    ancestors = visible.filter(pk__in=unit.ancestor_ids()).in_tree_order()
    children = visible.filter(parent=unit).order_by("sort_name")
    people = unit.people.order_by("sort_name", "code")
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "children": children,
            "people": people,
            "can_manage_people": scope_of(request.user).may("person.manage", unit),
        },
    )


# The most units the lookup offers at once: the user types more to narrow them down.
LOOKUP_LIMIT = 20


def person_list(request):
    people = Person.objects.visible_to(request.user).select_related("unit")
    person_filter = PersonFilter(request.GET or None, queryset=people, user=request.user)
    table = PersonTable(LongListData(person_filter.qs, searched=person_filter.searching))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "organizations/person_list.html",
        {"filter": person_filter, "table": table, "unit": person_filter.chosen_unit},
    )


@require_safe
def unit_lookup(request):
    """The user's units whose name or code matches `q`, diacritics ignored, for the unit
    lookup of static/js/unit-lookup.js: the closest to the top of the tree first."""
    query = request.GET.get("q", "").strip()[:100]
    units = Unit.objects.none()
    if query:
        units = Unit.objects.visible_to(request.user).search(query)
    rows = units.order_by("depth", "sort_name", "code").values("id", "code", "name")
    return JsonResponse({"results": list(rows[:LOOKUP_LIMIT])})


def person_detail(request, pk):
    person = get_person_for_user(request.user, pk)
    history = AuditEntry.objects.filter(
        content_type__app_label="organizations", content_type__model="person", object_id=str(pk)
    ).select_related("actor")[:50]
    return render(
        request,
        "organizations/person_detail.html",
        {
            "person": person,
            "history": history,
            "can_edit": scope_of(request.user).may("person.manage", person.unit),
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request):
    require(request.user, "person.manage")
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = request.GET["unit"]
    form = PersonForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect("person_detail", pk=person.pk)
    return render(request, "organizations/person_form.html", {"form": form, "person": None})


@require_http_methods(["GET", "POST"])
def person_update(request, pk):
    person = get_person_for_user(request.user, pk, action="person.manage")
    form = PersonForm(
        request.POST if request.method == "POST" else None, instance=person, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("person_detail", pk=person.pk)
    return render(request, "organizations/person_form.html", {"form": form, "person": person})


# Lazy: this table is built once at import, the title must follow each request's language.
IMPORTS = {
    "units": {
        "service": services.units_import,
        "title": gettext_lazy("Import units"),
        "columns": services.UNIT_COLUMNS + ["short_name", "kind"],
    },
    "people": {
        "service": services.people_import,
        "title": gettext_lazy("Import people"),
        "columns": services.PERSON_COLUMNS + ["date_of_birth"],
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
        "organizations/import.html",
        {"form": form, "errors": errors, "title": spec["title"], "columns": spec["columns"]},
    )
