"""Deep pages of a long list found again by key instead of by OFFSET.

Page 1,500 of the people list starts 74,950 rows down: with OFFSET the database walks that many
index entries on every request (PostgreSQL 9–16 ms, a third of the page). When a deep page is
read, the ordering values of its first row are kept as long as the list's count is; the next
request for that page (the same user paging back, a colleague with the same scope and filters)
seeks straight to them through the ordering index. Like the kept count, the page may be up to
that long out of date: rows added above it in the meantime shift it by as many rows.

Only orderings that name the model's own columns in one direction and end with a unique one
qualify (the people list's sort name and staff number, the audit log's time and id); others keep
their OFFSET.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Q


def ordering_of(queryset):
    """The terms the queryset is sorted by: its own, or its model's default."""
    ordering = list(queryset.query.order_by)
    if not ordering and queryset.query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    return ordering


def seekable_ordering(queryset):
    """The ordering as (field names, descending), or None when a seek could not reproduce it."""
    ordering = ordering_of(queryset)
    if not ordering or not all(isinstance(term, str) for term in ordering):
        return None
    descending = {term.startswith("-") for term in ordering}
    if len(descending) != 1:
        return None
    names = [term.lstrip("-") for term in ordering]
    meta = queryset.model._meta
    try:
        fields = [meta.pk if name == "pk" else meta.get_field(name) for name in names]
    except Exception:  # a related lookup or an annotation: not a column of this model
        return None
    if any(field.is_relation or field.null for field in fields):
        return None
    if not (fields[-1].primary_key or fields[-1].unique):
        return None
    return [field.attname for field in fields], descending.pop()


def _cache_key(list_key, ordering, start):
    text = repr((list_key, ordering, start))
    return "page-start:" + hashlib.sha256(text.encode()).hexdigest()


def known_start(list_key, ordering, start):
    """The ordering values of the first row of the page starting at row `start`, if kept."""
    return cache.get(_cache_key(list_key, ordering, start))


def remember_start(list_key, ordering, start, row, seconds):
    names, _descending = ordering
    if any(name in row.get_deferred_fields() for name in names):
        return
    cache.set(_cache_key(list_key, ordering, start), [getattr(row, n) for n in names], seconds)


def from_start(queryset, ordering, values):
    """The rows of `queryset` from the one with these ordering values on, in its ordering.

    (a, b) ≥ (x, y) is written a ≥ x AND (a > x OR b ≥ y): the first term bounds the index scan
    on both databases; the rest needs no row-value comparison."""
    names, descending = ordering
    after, same = ("lt", "lte") if descending else ("gt", "gte")
    tail = Q(**{f"{names[-1]}__{same}": values[-1]})
    for name, value in zip(reversed(names[:-1]), reversed(values[:-1]), strict=True):
        tail = Q(**{f"{name}__{after}": value}) | (Q(**{name: value}) & tail)
    return queryset.filter(Q(**{f"{names[0]}__{same}": values[0]}), tail)
