import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations.access import scope_of, units_where
from organizations.audit.services import audit_reason
from organizations.tabular import ImportRefused


class ImportCommand(BaseCommand):
    """Shared shell of every `import_*` command: read the file, call the service, report.

    `--actor USERNAME` imports as that account: its name goes on the audit rows and its units
    limit the file, exactly as in the web page. Without it the import is not limited and its
    audit rows carry no account; their reason names the operating-system user who ran it."""

    service = None
    # The action whose units limit the file (passed as `allowed_units`); None for an import
    # that checks its actor itself (the catalogues).
    action = None
    # The action the actor needs at all, when it differs from `action`.
    requires = None

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV (UTF-8) or XLSX file, header on line 1"))
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help=_("Import as this account: its units limit the file and it is named in the log"),
        )

    def handle(self, *args, file, actor=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        arguments = {"data": path.read_bytes(), "filename": path.name}
        if actor is not None:
            arguments.update(self._as_actor(actor))
        reason = _("command line import by %(user)s") % {"user": getpass.getuser()}
        try:
            with audit_reason(reason):
                result = type(self).service(**arguments)
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

    def _as_actor(self, username):
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(_("No active account is named %(user)s.") % {"user": username})
        needed = self.requires or self.action
        if needed and not scope_of(user).may(needed):
            raise CommandError(
                _("%(user)s holds no role that allows this import.") % {"user": username}
            )
        arguments = {"actor": user}
        if self.action:
            arguments["allowed_units"] = units_where(user, self.action)
        return arguments
