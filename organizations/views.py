"""The site's home page: the user's roles and the panels the apps add (settings.HOME_PANELS)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.module_loading import import_string

from organizations.access import scope_of
from organizations.models import Role, Unit


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
