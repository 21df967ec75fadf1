"""Emulation clusters and blocks (cụm, khối thi đua) and their voted leading units."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext as _

from awards.history.services._common import (
    CLUSTER_COLUMNS,
    _atomic_import,
    _check_length,
    _choice,
    _Directory,
    _duplicate,
    _field,
    _one_line,
    _refuse_if,
    _Saver,
    parse_year,
)
from awards.models import (
    Cluster,
    ClusterMember,
)
from organizations.audit.services import audit_record, changes_created
from organizations.imports import ImportResult
from organizations.tabular import RowError, max_length, read_table


def clusters_import(*, data, filename, actor=None, allowed_units=None):
    """`cluster,kind,year,unit,role`: the member units of each emulation cluster or block per
    year; key (cluster name, year, unit, role). A cluster has at most one voted leading unit
    (`winner`) per year: a winner in the file replaces the stored one."""
    rows = read_table(data, filename, CLUSTER_COLUMNS)
    directory = _Directory((row.text("unit") for row in rows), allowed_units, people=False)
    errors, planned, clusters, winners = [], {}, {}, {}
    for row in rows:
        problems = []
        name = _one_line(row.text("cluster"))
        if not name:
            problems.append(_("The cluster name is empty."))
        _check_length(problems, name, max_length(Cluster, "name"), _("cluster name"))
        kind = _field(row, "kind", problems, lambda v: _choice(v, Cluster.Kind.values, _("kind")))
        year = _field(row, "year", problems, parse_year)
        unit = None
        code = row.text("unit")
        if not code:
            problems.append(_("The unit code is empty."))
        else:
            try:
                unit = directory.unit(code)
            except ValueError as error:
                problems.append(str(error))
        role = _field(
            row, "role", problems, lambda v: _choice(v, ClusterMember.Role.values, _("role"))
        )
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
            continue
        cluster_key = (name, year)
        if cluster_key in clusters and clusters[cluster_key][1] != kind:
            first_line, first_kind = clusters[cluster_key]
            errors.append(
                RowError(
                    row.line,
                    _(
                        "%(cluster)s (%(year)s) is a %(kind)s here but a %(first_kind)s on line "
                        "%(line)s."
                    )
                    % {"cluster": name, "year": year, "kind": kind, "first_kind": first_kind,
                       "line": first_line},
                )
            )  # fmt: skip
            continue
        clusters.setdefault(cluster_key, (row.line, kind))
        key = (name, year, unit.pk, role)
        if key in planned:
            errors.append(_duplicate(row, planned[key][0].line))
            continue
        if role == ClusterMember.Role.WINNER:
            if cluster_key in winners:
                first = winners[cluster_key]
                errors.append(
                    RowError(
                        row.line,
                        _(
                            "Lines %(first)s and %(line)s both name a voted leading unit of "
                            "%(cluster)s (%(year)s): %(first_unit)s and %(unit)s; a cluster has "
                            "one per year."
                        )
                        % {"first": first[0].line, "line": row.line, "cluster": name,
                           "year": year, "first_unit": first[1].code, "unit": unit.code},
                    )
                )  # fmt: skip
                continue
            winners[cluster_key] = (row, unit)
        planned[key] = (row, name, year, kind, unit, role)
    _refuse_if(errors)

    def save():
        saver = _Saver(actor)
        wanted = list(clusters)
        by_key = {}
        if wanted:
            condition = reduce(or_, (Q(name=name, year=year) for name, year in wanted))
            for cluster in Cluster.objects.select_for_update().filter(condition):
                by_key[(cluster.name, cluster.year)] = cluster
        members = {
            (m.cluster_id, m.unit_id, m.role): m
            for m in ClusterMember.objects.select_for_update()
            .filter(cluster__in=list(by_key.values()))
            .select_related("unit")
        }
        stored_winner = {
            m.cluster_id: m for m in members.values() if m.role == ClusterMember.Role.WINNER
        }
        for (_name, _year, _unit, _role), (_row, name, year, kind, unit, role) in planned.items():
            cluster = by_key.get((name, year))
            line_changed = False
            if cluster is None:
                cluster = Cluster(name=name, year=year, kind=kind)
                cluster.save()
                audit_record(actor=actor, obj=cluster, action="import.create",
                             changes=changes_created({"name": name, "year": year,
                                                  "kind": kind}))  # fmt: skip
                by_key[(name, year)] = cluster
            elif cluster.kind != kind:
                audit_record(actor=actor, obj=cluster, action="import.update",
                             changes={"kind": [cluster.kind, kind]})  # fmt: skip
                cluster.kind = kind
                cluster.save(update_fields=["kind"])
                line_changed = True
            if (cluster.pk, unit.pk, role) in members:
                if line_changed:
                    saver.result.updated += 1
                else:
                    saver.result.unchanged += 1
                continue
            if role == ClusterMember.Role.WINNER and cluster.pk in stored_winner:
                previous = stored_winner.pop(cluster.pk)
                audit_record(actor=actor, obj=cluster, action="import.update",
                             changes={"winner": [previous.unit.code, unit.code]})  # fmt: skip
                previous.delete()
                member = ClusterMember(cluster=cluster, unit=unit, role=role)
                member.save()
                members[(cluster.pk, unit.pk, role)] = member
                saver.result.updated += 1
                continue
            member = ClusterMember(cluster=cluster, unit=unit, role=role)
            saver.create(member, {"cluster": name, "year": year, "unit": unit.code, "role": role})
            members[(cluster.pk, unit.pk, role)] = member
        return saver.result

    return _atomic_import(save) if planned else ImportResult()
