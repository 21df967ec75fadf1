from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations.archive import archive_export


class Command(BaseCommand):
    help = (
        "Write every table (users, units, people, roles, audit log, indicators, awards, …) and "
        "every uploaded file into one ZIP archive that import_archive restores."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the archive to write, e.g. thidua-2026-01-31.zip"))

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": path.parent})
        if path.is_dir():
            raise CommandError(_("%(path)s is a folder; name the archive file.") % {"path": path})
        manifest = archive_export(path=path)
        if options["verbosity"] > 1:
            for label, count in manifest["counts"].items():
                self.stdout.write(f"  {label:<32} {count:>9}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Archive written to %(path)s: %(rows)s rows in %(tables)s tables, %(files)s "
                  "files.")
                % {"path": path, "rows": sum(manifest["counts"].values()),
                   "tables": len(manifest["counts"]), "files": len(manifest["media"])}
            )
        )  # fmt: skip
