import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators.report.build import REPORT_UNIT_FIELDS, rolled_up
from indicators.report.exports import csv_chunks, json_chunks, xlsx_chunks
from organizations.models import Unit

WRITERS = {"json": json_chunks, "csv": csv_chunks, "xlsx": xlsx_chunks}


class Command(BaseCommand):
    help = (
        "Write the indicator report for a year: one row per indicator × unit with a target or a "
        "result, with the computed columns. The rows are written as they are computed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help=_("unit code: that unit and its sub-units"))
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help=_("file to write instead of standard output"))
        parser.add_argument(
            "--user", help=_("report only what this user may see (default: every unit)")
        )

    def handle(self, *args, year, unit, format, output, user, **options):
        units = Unit.objects.all()
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(_("No such user: %(user)s") % {"user": user})
            units = Unit.objects.visible_to(account)
        if unit:
            root = units.filter(code=unit).first()
            if root is None:
                raise CommandError(_("Unknown unit code “%(code)s”.") % {"code": unit})
            units = units.filter(path__startswith=root.path)
        report = rolled_up(units=units.only(*REPORT_UNIT_FIELDS), year=year)
        chunks = WRITERS[format](report)
        if format == "xlsx":
            self._write_bytes(chunks, output)
        elif output:
            with Path(output).open("w", encoding="utf-8", newline="") as file:
                file.writelines(chunks)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")

    def _write_bytes(self, chunks, output):
        if output:
            with Path(output).open("wb") as file:
                file.writelines(chunks)
        else:
            sys.stdout.buffer.writelines(chunks)
