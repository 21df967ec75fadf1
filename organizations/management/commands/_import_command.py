from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations.tabular import ImportRefused


class ImportCommand(BaseCommand):
    """Shared shell of every `import_*` command: read the file, call the service, report."""

    service = None

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV (UTF-8) or XLSX file, header on line 1"))

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        try:
            result = type(self).service(data=path.read_bytes(), filename=path.name)
        except ImportRefused as refusal:
            for error in refusal.errors:
                self.stderr.write(str(error))
            raise CommandError(_("Nothing was imported.")) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Import finished: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % vars(result)
            )
        )
