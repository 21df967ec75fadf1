from dataclasses import dataclass, field

from organizations.models import Unit
from organizations.text import fold


@dataclass
class Node:
    unit: object
    children: list = field(default_factory=list)
    open: bool = False
    match: bool = False


def build_tree(units, query=""):
    """Nest units (given in path order) under their visible parents. With a query, keep only the
    matching units and the branches leading to them, opened so the matches show."""
    folded = fold(query)
    nodes = {unit.pk: Node(unit) for unit in units}
    matches = []
    if folded:
        keep = set()
        for unit in units:
            if folded in fold(f"{unit.name} {unit.short_name}") or query.strip() == unit.code:
                nodes[unit.pk].match = True
                matches.append(unit)
                ids = [int(part) for part in unit.path.strip("/").split("/")]
                keep.update(ids)
                for ancestor_id in ids[:-1]:
                    if ancestor_id in nodes:
                        nodes[ancestor_id].open = True
        nodes = {pk: node for pk, node in nodes.items() if pk in keep}
    roots = []
    for unit in units:
        node = nodes.get(unit.pk)
        if node is None:
            continue
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(node)
    if not folded:
        for node in roots:
            node.open = True
    return roots, matches


def common_ancestor(units):
    """The lowest unit that is, or is above, every one of `units`; None when they share no root
    (or there are none)."""
    paths = [unit.path for unit in units]
    if not paths:
        return None
    parts = [path.strip("/").split("/") for path in paths]
    shared = []
    for segments in zip(*parts, strict=False):
        if len(set(segments)) > 1:
            break
        shared.append(segments[0])
    if not shared:
        return None
    return Unit.objects.filter(path="/" + "/".join(shared) + "/").first()
