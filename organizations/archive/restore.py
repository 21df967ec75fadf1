"""Restore an archive into an empty, migrated database and its files into MEDIA_ROOT.

Everything about the archive and the database is checked before anything is written; then the
rows load in one transaction and the files are written before it commits, so a failure at any
point leaves the database empty and MEDIA_ROOT as it was.
"""

import hashlib
import io
import json
import re
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils.translation import gettext as _

from organizations.archive.contents import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    PRELOADED,
    ArchiveRefused,
    archived_models,
    data_member,
    is_safe_media_name,
    media_member,
    migrated_apps,
    migration_state,
    sha256_of,
)
from organizations.models import Unit
from organizations.signals import bulk_changed

OCCUPIED_SHOWN = 5


def archive_import(*, path, storage=None, using=DEFAULT_DB_ALIAS):
    """Restore the archive at `path`; return the rows loaded per model ("counts") and the
    files written ("files"). Raise ArchiveRefused, having changed nothing, when the archive is
    damaged, altered, of another format or migration state, or when the database is not
    empty."""
    storage = storage or default_storage
    connection = connections[using]
    ContentType.objects.clear_cache()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveRefused(
            _("%(path)s is not a readable ZIP file (%(error)s).") % {"path": path, "error": error}
        ) from None
    with archive:
        manifest = _read_manifest(archive)
        models = _check_contents(archive, manifest)
        _check_migrations(connection, manifest, models)
        _check_empty(models, using)
        _check_digests(archive, manifest)
        missing_files = _check_media_targets(manifest, storage)
        written = []
        try:
            with transaction.atomic(using=using):
                counts = _load_rows(archive, manifest, models, connection)
                _reset_sequences(connection, models)
                _restore_files(archive, missing_files, storage, written)
                bulk_changed.send(sender=Unit)
        except BaseException:
            for name in written:
                storage.delete(name)
            raise
    return {"counts": counts, "files": written}


def _read_manifest(archive):
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveRefused(
            _("This is not a Thi đua archive: %(manifest)s is missing or unreadable.")
            % {"manifest": MANIFEST}
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveRefused(
            _("The archive has format version %(found)s; this version of Thi đua reads format "
              "version %(wanted)s only. Restore it with the version that wrote it.")
            % {"found": manifest.get("format_version"), "wanted": FORMAT_VERSION}
        )  # fmt: skip
    return manifest


def _check_contents(archive, manifest):
    """The manifest describes exactly this version's tables and exactly the archive's members;
    return the models in loading order."""
    models = archived_models()
    tables = manifest.get("tables")
    media = manifest.get("media")
    wanted = [model._meta.label_lower for model in models]
    if not isinstance(tables, list) or not isinstance(media, list):
        raise ArchiveRefused(_("The archive's manifest is incomplete."))
    found = [table.get("model") if isinstance(table, dict) else None for table in tables]
    if sorted(map(str, found)) != sorted(wanted):
        raise ArchiveRefused(
            _("The archive holds other tables than this version of Thi đua has (only in the "
              "archive: %(extra)s; only here: %(missing)s). Restore it with the version that "
              "wrote it.")
            % {"extra": ", ".join(sorted(set(map(str, found)) - set(wanted))) or "—",
               "missing": ", ".join(sorted(set(wanted) - set(map(str, found)))) or "—"}
        )  # fmt: skip
    by_label = {model._meta.label_lower: model for model in models}
    described = {MANIFEST}
    for table in tables:
        if (
            table.get("path") != data_member(by_label[table["model"]])
            or not isinstance(table.get("rows"), int)
            or not _is_digest(table.get("sha256"))
        ):
            raise ArchiveRefused(_("The archive's manifest is incomplete."))
        described.add(table["path"])
    for entry in media:
        if not isinstance(entry, dict) or not is_safe_media_name(entry.get("path")):
            raise ArchiveRefused(
                _("The archive names a file outside MEDIA_ROOT: %(name)s.")
                % {"name": entry.get("path") if isinstance(entry, dict) else entry}
            )
        if media_member(entry["path"]) in described or not _is_digest(entry.get("sha256")):
            raise ArchiveRefused(_("The archive's manifest is incomplete."))
        described.add(media_member(entry["path"]))
    members = {info.filename for info in archive.infolist() if not info.is_dir()}
    if members != described:
        raise ArchiveRefused(
            _("The archive's files do not match its manifest (missing: %(missing)s; not "
              "described: %(extra)s): it is damaged or was altered.")
            % {"missing": ", ".join(sorted(described - members)) or "—",
               "extra": ", ".join(sorted(members - described)) or "—"}
        )  # fmt: skip
    return models


def _is_digest(value):
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None


def _check_migrations(connection, manifest, models):
    here = migration_state(connection, migrated_apps(models))
    there = manifest.get("migrations")
    if there != here:
        there = there if isinstance(there, dict) else {}
        differences = "; ".join(
            _("%(app)s: archive %(archive)s, database %(database)s")
            % {"app": app, "archive": there.get(app) or "—", "database": here.get(app) or "—"}
            for app in sorted(set(here) | set(there))
            if here.get(app) != there.get(app)
        )
        raise ArchiveRefused(
            _("The archive was written at another migration state than this database's "
              "(%(differences)s): run migrate to the same version first.")
            % {"differences": differences}
        )  # fmt: skip


def _check_empty(models, using):
    occupied = []
    for model in models:
        if model._meta.label_lower in PRELOADED:
            continue
        count = model._base_manager.using(using).count()
        if count:
            occupied.append(f"{count} × {model._meta.verbose_name_plural}")
    if occupied:
        shown = ", ".join(occupied[:OCCUPIED_SHOWN]) + (", …" if occupied[OCCUPIED_SHOWN:] else "")
        raise ArchiveRefused(
            _("The database is not empty (%(rows)s). An archive is restored only into an empty "
              "database: create a new one, run migrate, then import the archive.")
            % {"rows": shown}
        )  # fmt: skip


def _check_digests(archive, manifest):
    entries = [(table["path"], table) for table in manifest["tables"]]
    entries += [(media_member(entry["path"]), entry) for entry in manifest["media"]]
    for member, entry in entries:
        try:
            with archive.open(member) as stream:
                digest = sha256_of(stream)
        except (zipfile.BadZipFile, OSError):
            digest = None
        if digest != entry.get("sha256"):
            raise ArchiveRefused(
                _("%(member)s does not match its SHA-256 in the manifest: the archive is "
                  "damaged or was altered. Nothing was imported.") % {"member": member}
            )  # fmt: skip


def _check_media_targets(manifest, storage):
    """The archived files that MEDIA_ROOT lacks. One that it holds already with the same
    content is left alone; one with other content is refused rather than overwritten."""
    missing = []
    for entry in manifest["media"]:
        name = entry["path"]
        if not storage.exists(name):
            missing.append(entry)
            continue
        with storage.open(name, "rb") as stream:
            if sha256_of(stream) != entry["sha256"]:
                raise ArchiveRefused(
                    _("MEDIA_ROOT already holds a different %(name)s; move it away first.")
                    % {"name": name}
                )
    return missing


def _load_rows(archive, manifest, models, connection):
    """Every table in dependency order. Rows are saved raw, as loaddata does: no model save()
    runs (Unit.save would recompute paths, Person.save the search text: the archive holds
    them already), auto_now fields keep their stored times, and signal receivers see raw=True
    (none of this project's acts on a save)."""
    counts = {}
    tables = {table["model"]: table for table in manifest["tables"]}
    for model in models:
        label = model._meta.label_lower
        if label in PRELOADED:
            model._base_manager.using(connection.alias).all().delete()
        counts[label] = _load_table(archive, tables[label]["path"], label, connection.alias)
        if counts[label] != tables[label].get("rows"):
            raise ArchiveRefused(
                _("%(member)s holds %(found)s rows where the manifest says %(wanted)s.")
                % {"member": tables[label]["path"], "found": counts[label],
                   "wanted": tables[label].get("rows")}
            )  # fmt: skip
    try:
        connection.check_constraints()
    except DatabaseError as error:
        raise ArchiveRefused(
            _("The archive's rows refer to rows it does not hold: %(error)s") % {"error": error}
        ) from None
    return counts


def _load_table(archive, member, label, using):
    count = 0
    with archive.open(member) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8")
        try:
            for row in serializers.deserialize("jsonl", lines, using=using):
                if row.object._meta.label_lower != label:
                    raise DeserializationError(
                        _("a row of %(model)s") % {"model": row.object._meta.label_lower}
                    )
                row.save(using=using, force_insert=True)
                count += 1
        except (DeserializationError, DatabaseError, ObjectDoesNotExist, ValidationError,
                UnicodeDecodeError) as error:  # fmt: skip
            raise ArchiveRefused(
                _("Line %(line)s of %(member)s cannot be restored: %(error)s")
                % {"line": count + 1, "member": member, "error": error}
            ) from None
    return count


def _reset_sequences(connection, models):
    """Rows came with their ids: move each id sequence past them (PostgreSQL), so that the
    next row written gets a fresh id. SQLite does it by itself."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _restore_files(archive, entries, storage, written):
    for entry in entries:
        name = entry["path"]
        with archive.open(media_member(name)) as member:
            reader = _HashingReader(member)
            saved = storage.save(name, File(reader, name=name))
            written.append(saved)
        if saved != name or reader.hexdigest() != entry["sha256"]:
            raise ArchiveRefused(
                _("%(name)s could not be restored as it was archived.") % {"name": name}
            )


class _HashingReader:
    """A file object that hashes what is read from it: the bytes written to MEDIA_ROOT are
    the bytes that were checked."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        return chunk

    def hexdigest(self):
        return self.digest.hexdigest()
