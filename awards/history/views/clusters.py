"""Emulation clusters and blocks by year."""

from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import render

from awards.history.forms import YearForm
from awards.history.views._common import (
    HISTORY,
    READ,
    _can_see,
    _last_year,
)
from awards.models import (
    Cluster,
    ClusterMember,
)
from organizations.access import require, scope_of

ROLE_ORDER = {"winner": 0, "leader": 1, "deputy": 2, "member": 3}


def cluster_list(request):
    require(request.user, READ)
    years = list(Cluster.objects.order_by("-year").values_list("year", flat=True).distinct())
    default = years[0] if years else _last_year()
    form = YearForm(request.GET or None, years=years or [default], initial={"year": default})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else default
    clusters = list(Cluster.objects.filter(year=year).prefetch_related(_members_prefetch()))
    scope = scope_of(request.user)
    entries = []
    for cluster in clusters:
        roles = defaultdict(list)
        units = {}
        for member in cluster.members.all():
            roles[member.unit_id].append(member)
            units[member.unit_id] = member.unit
        lines = []
        for unit_id, members in roles.items():
            members.sort(key=lambda m: ROLE_ORDER.get(m.role, 9))
            unit = units[unit_id]
            lines.append(
                {
                    "unit": unit,
                    "linked": _can_see(scope, unit),
                    "roles": [m for m in members if m.role != ClusterMember.Role.MEMBER],
                    "winner": any(m.role == ClusterMember.Role.WINNER for m in members),
                    "order": min(ROLE_ORDER.get(m.role, 9) for m in members),
                }
            )
        lines.sort(key=lambda line: (line["order"], line["unit"].sort_name))
        winner = next((line["unit"] for line in lines if line["winner"]), None)
        entries.append({"cluster": cluster, "lines": lines, "winner": winner})
    return render(
        request,
        "awards/history/inputs_cluster_list.html",
        {
            "form": form,
            "year": year,
            "entries": entries,
            "can_import": scope.may(HISTORY),
            "has_years": bool(years),
        },
    )


def _members_prefetch():
    return Prefetch(
        "members",
        queryset=ClusterMember.objects.select_related("unit").only(
            "id", "cluster_id", "role", "unit__id", "unit__name", "unit__code", "unit__path",
            "unit__sort_name", "unit__short_name",
        ),
    )  # fmt: skip
