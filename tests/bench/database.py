"""The bench database: created when missing, dropped when its data set is stale, written fast.

The generated data set is stored with a fingerprint (generator version, seed, scale) in a table
of its own, written last: a database whose fingerprint differs, or whose generation did not
finish, is dropped and generated again.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection, models

META_TABLE = "bench_meta"
BATCH = 5_000


def _postgres_admin(url):
    """A psycopg connection to the server's maintenance database, and the bench database name."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=parts.username or None,
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )
    return admin, name


def ensure_exists(url):
    """Create an empty PostgreSQL bench database if there is none (SQLite creates its file)."""
    if not url.startswith("postgres"):
        Path(urlsplit(url).path).parent.mkdir(parents=True, exist_ok=True)
        return
    admin, name = _postgres_admin(url)
    with admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            admin.execute(f'CREATE DATABASE "{name}"')


def drop(url):
    connection.close()
    if not url.startswith("postgres"):
        path = Path(urlsplit(url).path)
        for stale in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        return
    admin, name = _postgres_admin(url)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def stored_fingerprint():
    if META_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE name = 'fingerprint'")
        row = cursor.fetchone()
    return row[0] if row else None


def store_fingerprint(value):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name varchar(40) PRIMARY KEY, "
                       "value varchar(200) NOT NULL)")  # fmt: skip
        cursor.execute(f"DELETE FROM {META_TABLE} WHERE name = 'fingerprint'")
        cursor.execute(f"INSERT INTO {META_TABLE} (name, value) VALUES ('fingerprint', %s)",
                       [value])  # fmt: skip


def fast_writes():
    """SQLite without a rollback journal or fsync while generating: a crash means regenerating,
    which the missing fingerprint forces anyway."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")


def maker(model):
    """A fast stand-in for `model(**values)` for the generator's hundreds of thousands of rows:
    a copy of a default instance's attributes (so fields added later get their defaults)
    updated with the values, without `Model.__init__`'s per-field work. Only for `insert`."""
    defaults = model().__dict__

    def make(**values):
        obj = model.__new__(model)
        obj.__dict__.update(defaults)
        obj.__dict__.update(values)
        return obj

    return make


def insert(model, objects):
    """INSERT model instances that carry their primary key, in batches of one prepared
    statement each. Values go through each field's `get_db_prep_save`, as `Model.save` does;
    auto_now fields keep the time the generator gave them. Returns the number of rows."""
    fields = model._meta.concrete_fields
    convert = [(field.attname, _converter(field)) for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    if connection.vendor == "postgresql":
        return _copy(model, fields, convert, objects)
    count, batch = 0, []
    with connection.cursor() as cursor:
        for obj in objects:
            batch.append([to_db(getattr(obj, name)) for name, to_db in convert])
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _copy(model, fields, convert, objects):
    """PostgreSQL's COPY, several times faster than INSERTs for hundreds of thousands of rows;
    psycopg adapts each value as it would a query parameter."""
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    count = 0
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([to_db(getattr(obj, name)) for name, to_db in convert])
                count += 1
    return count


def _converter(field):
    """Values both drivers take as they are (Django registers SQLite's adapters for decimals
    and dates) pass unconverted; a value repeated from the row before is converted once."""
    plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
             models.ForeignKey, models.DecimalField)  # fmt: skip
    if isinstance(field, plain) or type(field) is models.DateField:
        return lambda value: value
    last = [object(), None]

    def to_db(value):
        if value is not last[0]:
            last[:] = [value, field.get_db_prep_save(value, connection)]
        return last[1]

    return to_db


def analyze(*, vacuum=False):
    """PostgreSQL's planner statistics (and visibility map), as autovacuum would have them on a
    database in use; the bench must not measure plans made for empty tables. SQLite keeps no
    statistics unless someone runs ANALYZE, which Django never does: nor does the bench."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def reset_sequences(model_list):
    """Explicit keys leave PostgreSQL's sequences at 1: move them past the generated rows."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def describe(url):
    parts = urlsplit(url)
    if url.startswith("postgres"):
        return f"PostgreSQL database {parts.path.lstrip('/')} on {parts.hostname}"
    path = Path(parts.path)
    size = path.stat().st_size / 2**20 if path.exists() else 0
    return f"SQLite {os.path.relpath(path)} ({size:,.0f} MB)"
