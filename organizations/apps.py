from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from organizations import language, signals  # noqa: F401  (connect their receivers)
