"""Long lists (people, nominations, the audit log) at the size of a province.

A department holds about 100,000 people and as many audit rows. Beyond the page's own rows,
two things made their pages slow: counting every matching row on every request, and reading
whole rows (joined to their units) for everything an OFFSET skips. Here the count of a long
list is kept a minute, and a page deep in the list is read in two steps: the keys of its rows,
which the list's ordering index answers alone, then those rows by key; the same page asked again
is found by the key of its first row (organizations/page_starts.py). A text search reads its
matching keys once, for its count and its page together.
"""

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import F, Func
from django_tables2.data import TableQuerysetData

from organizations.page_starts import (
    from_start,
    known_start,
    ordering_of,
    remember_start,
    seekable_ordering,
)

# Counts below this are cheap and stay exact; above, a count a minute old is shown.
CACHED_COUNT_FROM = 2_000
COUNT_SECONDS = 60
# Pages past this many rows are read keys first; nearer the top the rows are read at once.
KEYS_FIRST_FROM = 1_000
# A search that matches at most this many rows is read once, keys only, for both its count and
# its page (a search cannot use the ordering index, so each pass reads the whole table).
SEARCH_KEYS = 5_000


def _count_key(queryset):
    """The cache key of a list's count: the query itself, so it differs with the user's scope
    and every filter. None when the query can match nothing."""
    queryset = queryset.order_by()
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return None
    return "list-count:" + hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()


# The shared cache is a database table: each worker also keeps what it read from it for a few
# seconds, sparing a list page a round trip (counts are then at most a minute and that old).
LOCAL_SECONDS = 10
_LOCAL_MOST = 1_000
_local = {}


def _kept(key):
    found = _local.get(key)
    if found is not None and found[0] > time.monotonic():
        return found[1]
    value = cache.get(key)
    if value is not None:
        _keep_locally(key, value)
    return value


def _keep_locally(key, value):
    if len(_local) >= _LOCAL_MOST:
        _local.clear()
    _local[key] = (time.monotonic() + LOCAL_SECONDS, value)


def list_count(queryset):
    """The number of rows, kept for a minute when there are many."""
    key = _count_key(queryset)
    if key is None:
        return 0
    count = _kept(key)
    if count is None:
        count = queryset.order_by().count()
        if count >= CACHED_COUNT_FROM:
            cache.set(key, count, COUNT_SECONDS)
            _keep_locally(key, count)
    return count


def known_count(queryset):
    """The count `list_count` keeps for this list, if it keeps one now."""
    key = _count_key(queryset)
    return 0 if key is None else _kept(key)


class ScanOrder(Func):
    """An ordering key SQLite will not read from an index (a unary `+`, which leaves the value
    as it is). A text search must read every row anyway: reading the table in storage order and
    sorting the few matches beats walking the ordering index and fetching each row out of order
    (several times slower on 100,000 people). Other databases get the plain column."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


def scan_then_sort(queryset):
    ordering = ordering_of(queryset)
    if not ordering or not isinstance(ordering[0], str):
        return queryset
    first = ordering[0]
    key = ScanOrder(F(first.lstrip("-")))
    ordering[0] = key.desc() if first.startswith("-") else key.asc()
    return queryset.order_by(*ordering)


class LongListData(TableQuerysetData):
    """django-tables2 data for a long queryset: `list_count` for the paginator, and a page read
    keys first. `searched` says the rows come from a text search, read once when few match.
    The tables write their rows themselves (organizations/rows.py)."""

    def __init__(self, data, *, searched=False):
        super().__init__(data)
        self.searched = searched
        self._length = None
        self._keys = None

    def order_by(self, aliases):
        super().order_by(aliases)
        self._length = self._keys = None

    def _search_keys(self):
        """Every matching key in order, or None when the search matches too many."""
        if not self.searched:
            return None
        if self._keys is None:
            known = known_count(self.data)
            if known is not None and known > SEARCH_KEYS:
                # A common word (a third of Vietnamese people are Nguyễn): its count is kept,
                # and its page is found near the top of the ordering index.
                self._keys, self._length = False, known
        if self._keys is None:
            keys = scan_then_sort(self.data).values_list("pk", flat=True)
            keys = list(keys[: SEARCH_KEYS + 1])
            self._keys = keys if len(keys) <= SEARCH_KEYS else False
        return None if self._keys is False else self._keys

    def __len__(self):
        if self._length is None:
            keys = self._search_keys()
            self._length = len(keys) if keys is not None else list_count(self.data)
        return self._length

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return super().__getitem__(key)
        keys = self._search_keys()
        if keys is not None:
            return self._rows_by_key(keys[key])
        start = key.start or 0
        if start < KEYS_FIRST_FROM:
            return list(self.data[key])
        ordering, list_key = seekable_ordering(self.data), _count_key(self.data)
        if ordering is not None and list_key is not None:
            values = known_start(list_key, ordering, start)
            if values is not None:
                rows = from_start(self.data, ordering, values)
                return list(rows if key.stop is None else rows[: key.stop - start])
        rows = self._rows_by_key(list(self.data.values_list("pk", flat=True)[key]))
        if rows and ordering is not None and list_key is not None:
            remember_start(list_key, ordering, start, rows[0], COUNT_SECONDS)
        return rows

    def _rows_by_key(self, keys):
        if not keys:
            return []
        by_key = {row.pk: row for row in self.data.order_by().filter(pk__in=keys)}
        return [by_key[pk] for pk in keys if pk in by_key]
