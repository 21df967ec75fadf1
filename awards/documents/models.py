"""The key that signs PDF documents (PAdES): a PKCS#12 file a superuser uploads in the admin.

The file is kept under MEDIA_ROOT/keys/, a storage without a URL (nothing under MEDIA_ROOT is
served, and this storage could not make an address even by mistake). Its passphrase is stored in
the database for now; when the field is empty, THIDUA_SIGNING_PASSPHRASE from the environment
is used instead, which keeps it out of database dumps.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyStorage(FileSystemStorage):
    """MEDIA_ROOT/keys/, read from the settings at each use, and without any URL."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "keys")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def key_storage():
    return KeyStorage()


class SigningKeyQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(active=True)


class SigningKey(models.Model):
    name = models.CharField(_("name"), max_length=200)
    pkcs12 = models.FileField(_("PKCS#12 file (.p12, .pfx)"), storage=key_storage,
                              upload_to="%Y/")  # fmt: skip
    passphrase = models.CharField(
        _("passphrase"), max_length=200, blank=True,
        help_text=_("Stored in the database. Leave empty to use the THIDUA_SIGNING_PASSPHRASE "
                    "environment variable instead."),
    )  # fmt: skip
    active = models.BooleanField(_("in use"), default=True,
                                 help_text=_("The newest key in use signs documents."))  # fmt: skip
    subject = models.CharField(_("certificate holder"), max_length=500, blank=True, editable=False)
    issuer = models.CharField(_("certificate issuer"), max_length=500, blank=True, editable=False)
    not_before = models.DateTimeField(_("valid from"), null=True, blank=True, editable=False)
    not_after = models.DateTimeField(_("valid until"), null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = SigningKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.name
