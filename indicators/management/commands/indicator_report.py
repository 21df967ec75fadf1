import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators.exports import to_csv, to_json, to_xlsx
from indicators.report import build_report
from organizations.models import Unit


class Command(BaseCommand):
    help = (
        "Write the indicator report for a year: one row per indicator × unit with a target or a "
        "result, with the computed columns."
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
        rows = build_report(units=units.order_by("path"), year=year)
        if format == "xlsx":
            if not output:
                sys.stdout.buffer.write(to_xlsx(rows))
            else:
                Path(output).write_bytes(to_xlsx(rows))
            return
        text = to_json(rows) if format == "json" else to_csv(rows)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
