"""What the directory, indicator and award imports share: the result they report, the scope
that limits an officer's file to their own units, and bulk reads and writes that cost the same
number of queries whatever the file's length."""

import sqlite3
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from organizations.tabular import RowError, max_length


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def allowed_ids(allowed_units):
    """The ids of `allowed_units` (a queryset or an iterable of units or ids), or None for no
    limit (the command line without --actor)."""
    if allowed_units is None:
        return None
    if isinstance(allowed_units, QuerySet):
        return set(allowed_units.values_list("pk", flat=True))
    return {getattr(unit, "pk", unit) for unit in allowed_units}


def by_code(queryset, codes):
    """{code: object} for the codes a file names: one query, or one per `code_batches`."""
    batches = code_batches(codes)
    return {obj.code: obj for batch in batches for obj in queryset.filter(code__in=batch)}


def code_batches(codes):
    """The distinct non-empty codes in lists the database takes as one query's parameters: a
    single list for any file on PostgreSQL, and on SQLite for up to 32,766 codes."""
    codes = sorted({code for code in codes if code})
    size = _parameter_limit() - 1
    return [codes[start : start + size] for start in range(0, len(codes), size)]


def _parameter_limit():
    if connection.vendor == "sqlite":
        # Django 5.2 assumes SQLite's historical default of 999; ask the library linked in.
        connection.ensure_connection()
        getlimit = getattr(connection.connection, "getlimit", None)  # Python 3.11+
        if getlimit is not None:
            return getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 65_535


def repeated_code(code, first_line):
    return _("The code %(code)s already appears on line %(line)s.") % {
        "code": code,
        "line": first_line,
    }


def text_cell(row, column, problems, model=None, field=None):
    """The cell's text, or "" with the reason in `problems` when it is longer than the model's
    field stores."""
    try:
        return row.text(column, max_length(model, field or column) if model else None)
    except ValueError as error:
        problems.append(str(error))
        return None


def created_meanwhile(queryset, lines_by_code):
    """The refusal for codes another import created between our check and our write (the
    database's unique constraint stopped ours): one line each."""
    taken = set(by_code(queryset.only("pk", "code"), lines_by_code))
    return [
        RowError(
            line,
            _(
                "%(code)s was created by someone else while this file was being imported; "
                "nothing was imported. Import the file again to update it."
            )
            % {"code": code},
        )
        for code, line in lines_by_code.items()
        if code in taken
    ] or [
        RowError(
            1,
            _(
                "Someone else changed the same records at the same time. Nothing was "
                "imported; please import the file again."
            ),
        )
    ]


def ensure_keys(model, objects):
    """Give freshly inserted objects their keys (`insert_rows` does not read them back): one
    query by code."""
    missing = {obj.code: obj for obj in objects if obj.pk is None}
    for batch in code_batches(missing):
        for code, pk in model.objects.filter(code__in=batch).values_list("code", "pk"):
            missing[code].pk = pk
