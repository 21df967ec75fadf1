"""Writing thousands of rows at once, for the imports.

Django 5.2's `bulk_update` sends one UPDATE per batch with a CASE WHEN per field and row, which
SQLite evaluates in time quadratic in the batch: 10,000 people × 8 fields took 30 s. Here one
prepared statement is executed for every row (DB-API `executemany`): linear, and one entry in
Django's query log. Values are converted by each field's `get_db_prep_save`, as `Model.save`
does, so dates, decimals, JSON and aware datetimes are stored exactly as by the ORM.
"""

from django.db import connections, models, router
from django.utils import timezone


def insert_rows(model, objects):
    """INSERT the (unsaved) objects. Their keys are not read back: call `ensure_keys` (or look
    them up) when they are needed. Fields with auto_now or auto_now_add get one time for all."""
    if not objects:
        return
    db = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                setattr(obj, field.attname, now)
    convert = [(f.attname, _converter(f, db)) for f in fields]
    rows = [[to_db(getattr(obj, name)) for name, to_db in convert] for obj in objects]
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    sql = (
        f"INSERT INTO {db.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with db.cursor() as cursor:
        cursor.executemany(sql, rows)


def update_rows(model, objects, field_names):
    """UPDATE the named fields of the (saved) objects, one prepared statement for all."""
    if not objects:
        return
    db = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in field_names]
    convert = [(f.attname, _converter(f, db)) for f in fields]
    rows = [[*(to_db(getattr(obj, name)) for name, to_db in convert), obj.pk]
            for obj in objects]  # fmt: skip
    assignments = ", ".join(f"{db.ops.quote_name(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {db.ops.quote_name(model._meta.db_table)} SET {assignments} "
        f"WHERE {db.ops.quote_name(model._meta.pk.column)} = %s"
    )
    with db.cursor() as cursor:
        cursor.executemany(sql, rows)


def _converter(field, db):
    """The field's value as the database takes it. Text in a text field and an empty non-JSON
    value pass as they are, which is what `get_db_prep_save` returns for them on every backend;
    a value repeated from the row before (the import's time, its author) is converted once."""
    json = isinstance(field, models.JSONField)
    text = isinstance(field, (models.CharField, models.TextField))
    last = [object(), None]

    def to_db(value):
        if (value is None and not json) or (text and type(value) is str):
            return value
        if value is not last[0]:
            last[:] = [value, field.get_db_prep_save(value, db)]
        return last[1]

    return to_db
