"""Backups as one ZIP file that any installation of the same version can restore.

    manifest.json                       format version, migration state, rows and SHA-256 per
                                        table, every file's SHA-256, export time
    data/<app>.<model>.jsonl            one row a line, Django's serialized form
    media/<path under MEDIA_ROOT>       every uploaded file (dossiers, campaign documents, …)

`manage.py export_archive FILE.zip` writes it (organizations/archive/export.py) and `manage.py
import_archive FILE.zip` restores it into an empty, migrated database
(organizations/archive/restore.py). What goes in, and in which order it is loaded, is in
organizations/archive/contents.py.
"""

from organizations.archive.contents import FORMAT_VERSION, ArchiveRefused
from organizations.archive.export import archive_export
from organizations.archive.restore import archive_import

__all__ = ["FORMAT_VERSION", "ArchiveRefused", "archive_export", "archive_import"]
