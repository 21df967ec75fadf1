from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        # Imported for their receivers, which connect on import.
        from organizations import signals  # noqa: F401
        from organizations.accounts import language  # noqa: F401
