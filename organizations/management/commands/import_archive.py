from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations.archive import ArchiveRefused, archive_import


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_archive into an empty database, migrated to the "
        "same version, and its files into MEDIA_ROOT. A database holding anything is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the archive written by export_archive"))

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        try:
            result = archive_import(path=path)
        except ArchiveRefused as refusal:
            raise CommandError(str(refusal)) from None
        if options["verbosity"] > 1:
            for label, count in result["counts"].items():
                self.stdout.write(f"  {label:<32} {count:>9}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Archive restored: %(rows)s rows in %(tables)s tables, %(files)s files.")
                % {"rows": sum(result["counts"].values()), "tables": len(result["counts"]),
                   "files": len(result["files"])}
            )
        )  # fmt: skip
