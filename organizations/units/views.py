from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organizations.access import get_unit_for_user, scope_of
from organizations.lookups import SUGGESTIONS
from organizations.models import Unit
from organizations.tree import build_tree


def unit_tree(request):
    query = request.GET.get("q", "").strip()
    visible = Unit.objects.visible_to(request.user).only(
        "id", "code", "name", "short_name", "kind", "parent_id", "path", "depth", "is_active"
    )
    roots, matches = build_tree(list(visible.in_tree_order()), query)
    return render(
        request,
        "organizations/units/unit_tree.html",
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
        "organizations/units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "children": children,
            "people": people,
            "can_manage_people": scope_of(request.user).may("person.manage", unit),
        },
    )


@require_safe
def unit_lookup(request):
    """The user's units whose name or code matches `q`, diacritics ignored, for the unit
    lookup of static/js/lookup.js: the closest to the top of the tree first."""
    query = request.GET.get("q", "").strip()[:100]
    units = Unit.objects.none()
    if query:
        units = Unit.objects.visible_to(request.user).search(query)
    rows = units.order_by("depth", "sort_name", "code").values("id", "code", "name")
    return JsonResponse({"results": list(rows[:SUGGESTIONS])})
