from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations.demo import DEMO_PASSWORD, foreign_rows

# Each app that has demo data exposes demo.load(); later apps build on the earlier ones' rows.
DEMO_APPS = ["organizations", "indicators", "awards"]


class Command(BaseCommand):
    help = (
        "Load the demo department, people and sign-ins. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Load the demo although debug mode is off (a database holding real data "
                   "is refused all the same)."),
        )  # fmt: skip

    def handle(self, *args, **options):
        foreign = foreign_rows()
        if foreign:
            described = "; ".join(
                _("%(count)s %(kind)s such as %(sample)s")
                % {"count": count, "kind": kind, "sample": ", ".join(sample)}
                for kind, count, sample in foreign
            )
            raise CommandError(
                _("This database holds data that is not the demo's (%(rows)s). The demo is "
                  "only loaded into an empty database or one that holds nothing else.")
                % {"rows": described}
            )  # fmt: skip
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _("Debug mode is off: this looks like a real installation. Run load_demo "
                  "--force to load the demo department with its published password anyway.")
            )  # fmt: skip
        users = []
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            result = module.load()
            if app == "organizations":
                users = result
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        self.stdout.write(
            _("Demo sign-ins (password for all: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for username, _full_name, role, unit_code, superuser in users:
            role_text = _("administrator") if superuser else f"{role.label} — {unit_code}"
            self.stdout.write(f"  {username:<10} {role_text}")
