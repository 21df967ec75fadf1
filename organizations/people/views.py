from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_tables2 import RequestConfig

from organizations.access import get_person_for_user, require, scope_of
from organizations.lookups import SUGGESTIONS
from organizations.models import AuditEntry, Person
from organizations.paging import LongListData
from organizations.people import services
from organizations.people.filters import PersonFilter
from organizations.people.forms import PersonForm
from organizations.people.tables import PersonTable


def person_list(request):
    people = Person.objects.visible_to(request.user).select_related("unit")
    person_filter = PersonFilter(request.GET or None, queryset=people, user=request.user)
    table = PersonTable(LongListData(person_filter.qs, searched=person_filter.searching))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "organizations/people/person_list.html",
        {"filter": person_filter, "table": table, "unit": person_filter.chosen_unit},
    )


def person_detail(request, pk):
    person = get_person_for_user(request.user, pk)
    history = AuditEntry.objects.filter(
        content_type__app_label="organizations", content_type__model="person", object_id=str(pk)
    ).select_related("actor")[:50]
    return render(
        request,
        "organizations/people/person_detail.html",
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
    return render(request, "organizations/people/person_form.html", {"form": form, "person": None})


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
    return render(
        request, "organizations/people/person_form.html", {"form": form, "person": person}
    )


@require_safe
def person_lookup(request):
    """The active people the user may see whose name, position or staff number matches `q`,
    diacritics ignored, for the person lookup of static/js/lookup.js: the one whose staff
    number it is first. Only the active: the forms that look people up take no one else."""
    query = request.GET.get("q", "").strip()[:100]
    if not query:
        return JsonResponse({"results": []})
    exact_first = Case(When(code__iexact=query, then=Value(0)), default=Value(1))
    rows = (
        Person.objects.visible_to(request.user)
        .filter(is_active=True)
        .search(query)
        .order_by(exact_first, "sort_name", "code")
        .values_list("id", "code", "full_name", "unit__short_name", "unit__name")
    )
    results = [
        {"id": pk, "code": code, "name": name, "unit": short_name or unit_name}
        for pk, code, name, short_name, unit_name in rows[:SUGGESTIONS]
    ]
    return JsonResponse({"results": results})
