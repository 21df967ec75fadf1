from importlib import import_module

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from organizations.demo import DEMO_PASSWORD

# Each app that has demo data exposes demo.load(); later apps build on the earlier ones' rows.
DEMO_APPS = ["organizations", "indicators", "awards"]


class Command(BaseCommand):
    help = (
        "Load the demo department, people and sign-ins. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
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
