"""Certificates of granted awards, their register numbers, the per-award-type layout and the
per-printer offset (domain.md §4)."""

import secrets

from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.history.models import AwardRecord
from organizations.scope import scope_of

# A printer that shifts its print by more than this is out of order, not out of line.
MAX_OFFSET_MM = 20
OFFSET_RANGE = [MinValueValidator(-MAX_OFFSET_MM), MaxValueValidator(MAX_OFFSET_MM)]


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


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A certificate belongs to its recipient: a person's to their unit, a collective's to
        the unit itself; users see those inside their subtrees (award.view is every role's)."""
        scope = scope_of(user)
        if scope.is_superuser:
            return self
        return self.filter(
            (Q(award__person__isnull=False) & scope.unit_filter(prefix="award__person__unit__"))
            | (Q(award__person__isnull=True) & scope.unit_filter(prefix="award__unit__"))
        )


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

    objects = CertificateQuerySet.as_manager()

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

    @property
    def audit_unit(self):
        award = self.award
        return award.unit if award.unit_id else award.person.unit


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


class PrinterOffsetQuerySet(models.QuerySet):
    def usable_by(self, user):
        """The printers of the units the user works in, of the units below them and of the units
        above them: a district clerk may print on the department's printer, never on another
        district's."""
        scope = scope_of(user)
        if scope.is_superuser:
            return self
        above = set()
        for grant in scope.grants:
            segments = grant.unit_path.strip("/").split("/")
            above.update("/" + "/".join(segments[:n]) + "/" for n in range(1, len(segments)))
        return self.filter(scope.unit_filter(prefix="unit__") | Q(unit__path__in=above))


class PrinterOffset(models.Model):
    """How far a printer shifts what it prints on the office's blanks; added to every field.
    A printer belongs to the office (unit) that uses it; its officers set the offset."""

    unit = models.ForeignKey("organizations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="printers")  # fmt: skip
    name = models.CharField(_("printer"), max_length=100)
    dx_mm = models.DecimalField(_("shift right (mm)"), max_digits=5, decimal_places=1, default=0,
                                validators=OFFSET_RANGE,
                                help_text=_("Negative: to the left."))  # fmt: skip
    dy_mm = models.DecimalField(_("shift down (mm)"), max_digits=5, decimal_places=1, default=0,
                                validators=OFFSET_RANGE,
                                help_text=_("Negative: upwards."))  # fmt: skip

    objects = PrinterOffsetQuerySet.as_manager()

    class Meta:
        verbose_name = _("printer offset")
        verbose_name_plural = _("printer offsets")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], name="printer_offset_unique_name_per_unit",
                violation_error_message=_("This unit already has a printer of that name."),
            ),
            models.CheckConstraint(
                condition=models.Q(dx_mm__gte=-MAX_OFFSET_MM, dx_mm__lte=MAX_OFFSET_MM,
                                   dy_mm__gte=-MAX_OFFSET_MM, dy_mm__lte=MAX_OFFSET_MM),
                name="printer_offset_within_range",
                violation_error_message=_("A printer's offset is at most 20 mm each way."),
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.name
