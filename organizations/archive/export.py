"""Write every archived table and every uploaded file into one ZIP file."""

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path

import django
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from organizations.archive.contents import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    RowSerializer,
    archived_models,
    data_member,
    media_member,
    media_names,
    migrated_apps,
    migration_state,
    rows,
)

COPY_CHUNK = 1 << 20


def archive_export(*, path, storage=None, using=DEFAULT_DB_ALIAS):
    """Write the archive to `path` and return its manifest. The file appears only once
    complete: it is written beside `path` under a temporary name, then renamed."""
    storage = storage or default_storage
    path = Path(path)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(handle)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            manifest = _write(archive, storage=storage, using=using)
        os.replace(partial, path)
    finally:
        Path(partial).unlink(missing_ok=True)
    return manifest


def _write(archive, *, storage, using):
    connection = connections[using]
    models = archived_models()
    tables = []
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        ContentType.objects.clear_cache()
        if outermost:
            _read_one_snapshot(connection)
        exported_at = timezone.now()
        for model in models:
            tables.append(_write_table(archive, model))
        migrations = migration_state(connection, migrated_apps(models))
    files = [_write_file(archive, storage, name) for name in media_names(storage)]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(),
        "django_version": django.get_version(),
        "database": connection.vendor,
        "migrations": migrations,
        "counts": {table["model"]: table["rows"] for table in tables},
        "tables": tables,
        "media": files,
    }
    archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def _read_one_snapshot(connection):
    """Every table as of one instant, however long the export takes and whatever is written
    meanwhile. A SQLite transaction gives that already; PostgreSQL needs repeatable read, asked
    for before the transaction's first query."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _write_table(archive, model):
    member = data_member(model)
    counted = _Counted(rows(model))
    with archive.open(member, "w", force_zip64=True) as raw:
        stream = _HashingTextStream(raw)
        RowSerializer().serialize(counted, stream=stream)
        stream.flush()
    return {
        "model": model._meta.label_lower,
        "path": member,
        "rows": counted.count,
        "sha256": stream.hexdigest(),
    }


def _write_file(archive, storage, name):
    digest = hashlib.sha256()
    size = 0
    with (
        storage.open(name, "rb") as source,
        archive.open(media_member(name), "w", force_zip64=True) as target,
    ):
        while chunk := source.read(COPY_CHUNK):
            digest.update(chunk)
            target.write(chunk)
            size += len(chunk)
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


class _Counted:
    """An iterable that counts what passes through it."""

    def __init__(self, iterable):
        self.iterable = iterable
        self.count = 0

    def __iter__(self):
        for item in self.iterable:
            self.count += 1
            yield item


class _HashingTextStream:
    """The text stream the serializer writes to: encodes, hashes and writes through to the
    ZIP member, buffering the serializer's many small writes."""

    def __init__(self, raw):
        self.raw = raw
        self.digest = hashlib.sha256()
        self.pending = []
        self.pending_size = 0

    def write(self, text):
        self.pending.append(text)
        self.pending_size += len(text)
        if self.pending_size >= 1 << 16:
            self.flush()

    def flush(self):
        data = "".join(self.pending).encode()
        self.digest.update(data)
        self.raw.write(data)
        self.pending = []
        self.pending_size = 0

    def hexdigest(self):
        return self.digest.hexdigest()
