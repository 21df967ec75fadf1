"""`code,name,parent[,short_name,kind]`: the unit tree, created or updated by code.

The whole tree is read in one query and the new paths are worked out in memory, so a file of
thousands of units costs a handful of queries: one read, inserts and updates in batches, and the
audit rows in batches.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organizations.audit.services import audit_entry, changes_created, changes_from
from organizations.imports._bulk import insert_rows, update_rows
from organizations.imports._common import (
    ImportResult,
    allowed_ids,
    created_meanwhile,
    ensure_keys,
    repeated_code,
    text_cell,
)
from organizations.models import AuditEntry, Unit, path_segment
from organizations.signals import bulk_changed
from organizations.tabular import ImportRefused, RowError, read_table

UNIT_COLUMNS = ["code", "name", "parent"]
# Written by an import; the derived columns follow the name, the path and depth the parent.
_WRITTEN = ["name", "short_name", "kind", "parent", "path", "depth", "search_text", "sort_name"]


@dataclass
class _Line:
    row: object
    values: dict  # name, and short_name and kind when the file has them
    parent_code: str | None


def units_import(*, data, filename, actor=None, allowed_units=None):
    """Import units. `allowed_units` limits an officer's file to their subtrees: every line's
    unit, and when a line places a unit (a new one, or a move), its new and its current parent
    must lie inside them. None (the command line without --actor) limits nothing."""
    rows = read_table(data, filename, UNIT_COLUMNS)
    planned, errors = _read_lines(rows)
    stored = {unit.code: unit for unit in Unit.objects.all()}
    by_pk = {unit.pk: unit for unit in stored.values()}
    parent_of = {code: by_pk[unit.parent_id].code if unit.parent_id else None
                 for code, unit in stored.items()}  # fmt: skip
    parent_of.update({code: line.parent_code for code, line in planned.items()})
    errors += _tree_errors(planned, parent_of)
    # A superuser's units are every unit, and also none yet: they may add a top-level one.
    allowed = None if getattr(actor, "is_superuser", False) else allowed_ids(allowed_units)
    if allowed is not None and not errors:
        errors += _scope_errors(planned, stored, by_pk, parent_of, allowed)
    if errors:
        raise ImportRefused(errors)
    try:
        with transaction.atomic():
            result = _save(planned, stored, by_pk, parent_of, actor)
            bulk_changed.send(sender=Unit)
            return result
    except IntegrityError:
        new = {code: line.row.line for code, line in planned.items() if code not in stored}
        raise ImportRefused(created_meanwhile(Unit.objects, new)) from None


def _read_lines(rows):
    kinds = {value for value, _label in Unit.Kind.choices}
    planned, errors = {}, []
    for row in rows:
        problems = []
        code = text_cell(row, "code", problems, Unit)
        name = text_cell(row, "name", problems, Unit)
        parent_code = row.text("parent")
        kind = row.text("kind").lower()
        if code == "":
            errors.append(RowError(row.line, _("The code is empty.")))
            continue
        if code in planned:
            errors.append(RowError(row.line, repeated_code(code, planned[code].row.line)))
            continue
        if name == "":
            problems.append(_("The name is empty."))
        if kind and kind not in kinds:
            problems.append(
                _("Unknown kind “%(kind)s” (use one of: %(kinds)s).")
                % {"kind": kind, "kinds": ", ".join(sorted(kinds))}
            )
        values = {"name": name}
        if "short_name" in row.values:
            values["short_name"] = text_cell(row, "short_name", problems, Unit)
        if kind:
            values["kind"] = kind
        errors.extend(RowError(row.line, problem) for problem in problems)
        if code:
            planned[code] = _Line(row, values, parent_code or None)
    return planned, errors


def _tree_errors(planned, parent_of):
    errors = []
    for code, line in planned.items():
        parent_code = line.parent_code
        if parent_code and parent_code not in parent_of:
            message = _("The parent unit %(parent)s is neither in the file nor stored.") % {
                "parent": parent_code
            }
        elif parent_code and _has_cycle(code, parent_of):
            message = _(
                "Unit %(code)s would end up inside itself (a cycle through its parent %(parent)s)."
            ) % {"code": code, "parent": parent_code}
        else:
            continue
        errors.append(RowError(line.row.line, message))
    return errors


def _has_cycle(code, parent_of):
    """True when following the parents of `code` leads back to `code` itself. A unit that merely
    hangs below someone else's cycle is not reported: only the lines forming the cycle are."""
    seen = set()
    current = parent_of.get(code)
    while current and current not in seen:
        if current == code:
            return True
        seen.add(current)
        current = parent_of.get(current)
    return False


def _scope_errors(planned, stored, by_pk, parent_of, allowed):
    """Lines touching a unit outside the importer's subtrees. A stored unit is inside when it
    lies in them now; a new one when its parent in the file's tree is inside."""

    def inside(code):
        seen = set()
        while code not in stored:
            if code is None or code in seen:
                return False
            seen.add(code)
            code = parent_of.get(code)
        return stored[code].pk in allowed

    errors = []
    for code, line in planned.items():
        unit = stored.get(code)
        old_parent = by_pk[unit.parent_id].code if unit and unit.parent_id else None
        problems = []
        if unit is not None and unit.pk not in allowed:
            problems.append(_("The unit %(code)s is outside your units.") % {"code": code})
        elif unit is None or old_parent != line.parent_code:
            if line.parent_code is None:
                problems.append(_("A unit without a parent would lie outside your units."))
            elif not inside(line.parent_code):
                problems.append(
                    _("The parent unit %(parent)s is outside your units.")
                    % {"parent": line.parent_code}
                )
            if old_parent is not None and not inside(old_parent):
                problems.append(
                    _("The current parent unit %(parent)s is outside your units.")
                    % {"parent": old_parent}
                )
        errors.extend(RowError(line.row.line, problem) for problem in problems)
    return errors


def _save(planned, stored, by_pk, parent_of, actor):
    old_values = {code: {"name": unit.name, "short_name": unit.short_name, "kind": unit.kind,
                         "parent": by_pk.get(unit.parent_id)}
                  for code, unit in stored.items() if code in planned}  # fmt: skip
    new = [Unit(code=code, **line.values) for code, line in planned.items() if code not in stored]
    for unit in new:
        unit.fill_derived_fields()
    # Inserted without parent and path first: both need keys that do not exist yet.
    insert_rows(Unit, new)
    ensure_keys(Unit, new)
    units = {**stored, **{unit.code: unit for unit in new}}

    diffs = {}
    for code, line in planned.items():
        unit = units[code]
        for name, value in line.values.items():
            setattr(unit, name, value)
        unit.parent = units[line.parent_code] if line.parent_code else None
        unit.fill_derived_fields()
        if code in stored:
            diffs[code] = changes_from(old_values[code], {**line.values, "parent": unit.parent})
    written = {unit.pk: unit for unit in _place(units.values())}
    written.update({units[code].pk: units[code] for code in planned if diffs.get(code, True)})
    update_rows(Unit, list(written.values()), _WRITTEN)

    result, entries = ImportResult(), []
    for code in _parents_first(planned, parent_of):
        unit = units[code]
        if code not in stored:
            result.created += 1
            values = {"code": code, **planned[code].values, "parent": unit.parent}
            entries.append(audit_entry(actor=actor, obj=unit, action="import.create",
                                       changes=changes_created(values)))  # fmt: skip
        elif diffs[code]:
            result.updated += 1
            entries.append(audit_entry(actor=actor, obj=unit, action="import.update",
                                       changes=diffs[code]))  # fmt: skip
        else:
            result.unchanged += 1
    insert_rows(AuditEntry, entries)
    return result


def _place(units):
    """Set every unit's path and depth from its parent, as Unit.save would; return the units
    whose place changed (the moved subtrees included)."""
    units = list(units)
    by_pk = {unit.pk: unit for unit in units}
    placed, changed = {}, []

    def place(unit):
        if unit.pk in placed:
            return placed[unit.pk]
        chain = []
        current = unit
        while current is not None and current.pk not in placed:
            chain.append(current)
            current = by_pk.get(current.parent_id) if current.parent_id else None
        path, depth = placed[current.pk] if current is not None else ("/", -1)
        for link in reversed(chain):
            path, depth = f"{path}{path_segment(link.pk)}/", depth + 1
            placed[link.pk] = (path, depth)
        return placed[unit.pk]

    for unit in units:
        path, depth = place(unit)
        if (unit.path, unit.depth) != (path, depth):
            unit.path, unit.depth = path, depth
            changed.append(unit)
    return changed


def _parents_first(planned, parent_of):
    def depth(code):
        level = 0
        current = parent_of.get(code)
        while current:
            level += 1
            current = parent_of.get(current)
        return level

    return sorted(planned, key=lambda code: (depth(code), planned[code].row.line))
