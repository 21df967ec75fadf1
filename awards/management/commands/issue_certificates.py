from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from awards.certificates.services import certificates_backfill
from awards.models import AwardRecord


class Command(BaseCommand):
    help = (
        "Give a certificate and register number to every granted award that has none (awards "
        "granted before certificates existed), in the order they were granted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help=_("count the awards without issuing anything"))  # fmt: skip

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = AwardRecord.objects.filter(source=AwardRecord.Source.GRANTED,
                                               certificate__isnull=True).count()  # fmt: skip
            self.stdout.write(_("%(count)d awards would get a certificate.") % {"count": count})
            return
        with transaction.atomic():
            count = certificates_backfill()
        self.stdout.write(self.style.SUCCESS(
            _("%(count)d certificates issued.") % {"count": count}))  # fmt: skip
