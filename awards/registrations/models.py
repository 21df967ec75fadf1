"""Đăng ký thi đua: the titles a unit and its people aim for at the start of the year."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from organizations.models import Person, Unit
from organizations.scope import scope_of


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        return self if scope.is_superuser else self.filter(scope.unit_filter(prefix="unit__"))


class Registration(models.Model):
    """Đăng ký thi đua: the titles a unit and its people aim for at the start of the year."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="registrations")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    collective_award = models.ForeignKey(
        AwardType, verbose_name=_("collective title aimed for"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    reason = models.TextField(_("last reason"), blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["unit", "year"],
                                               name="registration_unique_unit_year")]  # fmt: skip

    def __str__(self):
        return f"{self.unit} · {self.year}"


class RegistrationLine(models.Model):
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="lines"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    award_type = models.ForeignKey(AwardType, verbose_name=_("title aimed for"),
                                   on_delete=models.PROTECT, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("registration line")
        verbose_name_plural = _("registration lines")
        constraints = [models.UniqueConstraint(fields=["registration", "person", "award_type"],
                                               name="registration_line_unique")]  # fmt: skip

    def __str__(self):
        return f"{self.person} → {self.award_type.code}"
