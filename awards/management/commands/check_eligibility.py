import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from awards.eligibility import evaluate
from awards.models import AwardType
from organizations.models import Person, Unit


class Command(BaseCommand):
    help = "Judge whether a person or unit is eligible for an award in a year, rule by rule."

    def add_arguments(self, parser):
        parser.add_argument("--award-type", required=True, help=_("award type code, e.g. CSTDCS"))
        parser.add_argument("--nominee", required=True, help=_("person or unit code"))
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--commendation-type", default="merit")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, award_type, nominee, year, commendation_type, format, **options):
        award = AwardType.objects.filter(code=award_type).first()
        if award is None:
            raise CommandError(_("Unknown award type “%(code)s”.") % {"code": award_type})
        person = Person.objects.select_related("unit").filter(code=nominee).first()
        unit = Unit.objects.filter(code=nominee).first()
        if person and unit:
            raise CommandError(_("“%(code)s” names both a person and a unit.") % {"code": nominee})
        if not person and not unit:
            raise CommandError(_("Unknown person or unit code “%(code)s”.") % {"code": nominee})
        verdict = evaluate(award_type=award, year=year, person=person, unit=unit,
                           commendation_type=commendation_type)  # fmt: skip
        if format == "json":
            self.stdout.write(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=1))
            return
        for result in verdict.results:
            self.stdout.write(
                f"[{result.outcome}{'*' if result.blocking else ''}] {result.message}"
            )
        self.stdout.write(_("Eligible") if verdict.eligible else _("Not eligible"))
