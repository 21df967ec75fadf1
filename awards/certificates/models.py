"""Certificates of granted awards, their register numbers, the per-award-type layout and the
per-printer offset (domain.md §4)."""

import secrets

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.history.models import AwardRecord


def new_verification_code():
    return secrets.token_urlsafe(12)


class CertificateCounter(models.Model):
    """The last register number (số vào sổ) of an issuer for a form in a year; locked while a
    certificate is issued, so numbers are gap-free and never given twice."""

    issuer_code = models.CharField(_("issuer code"), max_length=40)
    form_code = models.CharField(_("form"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last register number"), default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")
        constraints = [
            models.UniqueConstraint(fields=["issuer_code", "form_code", "year"],
                                    name="certificate_counter_unique")
        ]  # fmt: skip

    def __str__(self):
        return f"{self.issuer_code} {self.form_code} {self.year}: {self.last_number}"


class Certificate(models.Model):
    award = models.OneToOneField(
        AwardRecord, verbose_name=_("award"), on_delete=models.PROTECT, related_name="certificate"
    )
    issuer_code = models.CharField(_("issuer code"), max_length=40)
    form_code = models.CharField(_("form"), max_length=20)
    year = models.PositiveSmallIntegerField(_("register year"))
    register_number = models.PositiveIntegerField(_("register number"))
    register_text = models.CharField(_("register number (as printed)"), max_length=100)
    verification_code = models.CharField(
        _("verification code"), max_length=32, unique=True, editable=False,
        default=new_verification_code,
    )  # fmt: skip
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-year", "form_code", "register_number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer_code", "form_code", "year", "register_number"],
                                    name="certificate_unique_register_number")
        ]  # fmt: skip

    def __str__(self):
        return self.register_text


def border_path(instance, filename):
    return f"certificates/borders/{instance.award_type_id}/{filename}"


class CertificateTemplate(models.Model):
    """How one award type's certificate is laid out. Positions are in millimetres from the top
    left corner of the paper: {field: [x, y, width, font size in pt]}."""

    award_type = models.OneToOneField(AwardType, verbose_name=_("award"),
                                      on_delete=models.CASCADE,
                                      related_name="certificate_layout")  # fmt: skip
    form_code = models.CharField(
        _("form code"), max_length=20, help_text=_("Printed after the register number, e.g. GK.")
    )
    width_mm = models.PositiveSmallIntegerField(_("paper width (mm)"))
    height_mm = models.PositiveSmallIntegerField(_("paper height (mm)"))
    motto_line1 = models.CharField(_("national name"), max_length=200,
                                   default="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # fmt: skip
    motto_line2 = models.CharField(_("motto"), max_length=200,
                                   default="Độc lập - Tự do - Hạnh phúc")  # fmt: skip
    issuer_line = models.CharField(
        _("issuer line (in red)"), max_length=255, blank=True,
        help_text=_("Left empty: the issuer of the award's decision, in capitals."),
    )  # fmt: skip
    grant_word = models.CharField(_("“TẶNG”"), max_length=50, default="TẶNG")
    award_title = models.CharField(_("award name (in red)"), max_length=255)
    positions = models.JSONField(_("field positions (mm)"), default=dict, blank=True)
    border_image = models.FileField(
        _("border or emblem image"), upload_to=border_path, blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg"])],
        help_text=_("SVG, PNG or JPEG, drawn for the whole sheet."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self):
        return f"{self.award_type.code} · {self.width_mm}×{self.height_mm} mm"


class PrinterOffset(models.Model):
    """How far a printer shifts what it prints on the office's blanks; added to every field."""

    name = models.CharField(_("printer"), max_length=100, unique=True)
    dx_mm = models.DecimalField(_("shift right (mm)"), max_digits=5, decimal_places=1, default=0)
    dy_mm = models.DecimalField(_("shift down (mm)"), max_digits=5, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("printer offset")
        verbose_name_plural = _("printer offsets")
        ordering = ["name"]

    def __str__(self):
        return self.name
