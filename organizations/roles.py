from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("Unit clerk")
    OFFICER = "officer", _("Emulation officer")
    COUNCIL = "council", _("Council member")
    APPROVER = "approver", _("Approver (director)")
    VIEWER = "viewer", _("Viewer (auditor)")
