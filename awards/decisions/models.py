"""Decisions: the department's own numbered decisions that grant awards, amend or revoke them,
the decisions of outside authorities recorded here, the base salary that prices the bonuses,
and revocations with the dependants they flag."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.history.models import AwardRecord
from awards.nominations.models import Nomination
from organizations.models import Person, Unit
from organizations.scope import UnitScopedQuerySet


class BaseSalary(models.Model):
    """Mức lương cơ sở: the amount in force from `valid_from` until the next row."""

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.DecimalField(_("base salary (VND)"), max_digits=12, decimal_places=0)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0),
                                              name="base_salary_positive")]  # fmt: skip

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}: {self.amount}"


class DecisionCounter(models.Model):
    """The last number an issuer gave in a calendar year; locked while a decision is issued, so
    numbers are gap-free and never given twice."""

    issuer_code = models.CharField(_("issuer code"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("decision counter")
        verbose_name_plural = _("decision counters")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "year"], name="decision_counter_unique_issuer_year"
            )
        ]

    def __str__(self):
        return f"{self.issuer_code} {self.year}: {self.last_number}"


class Decision(models.Model):
    class Kind(models.TextChoices):
        GRANT = "grant", _("Commendation decision")
        AMEND = "amend", _("Amending decision")
        REVOKE = "revoke", _("Revoking decision")
        OUTSIDE = "outside", _("Decision of a higher authority")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.GRANT)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.DRAFT)
    unit = models.ForeignKey(Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    issuer_code = models.CharField(_("issuer code"), max_length=40,
                                   help_text=_("Printed after “QĐ-” in the number."))  # fmt: skip
    issuer_name = models.CharField(_("issuer (as printed)"), max_length=255)
    authority = models.CharField(_("deciding authority"), max_length=255, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the number"), null=True, blank=True)
    number_text = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    subject = models.TextField(_("subject (trích yếu)"))
    legal_bases = models.TextField(_("legal bases"), blank=True)
    proposal_phrase = models.TextField(_("“Xét đề nghị của …”"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    amends = models.ForeignKey("self", verbose_name=_("amends or revokes"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="amendments")  # fmt: skip
    campaign = models.ForeignKey(
        "awards.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    base_salary = models.DecimalField(_("base salary applied"), max_digits=12, decimal_places=0,
                                      null=True, blank=True)  # fmt: skip
    total_bonus = models.DecimalField(_("total bonus (VND)"), max_digits=15, decimal_places=0,
                                      default=0)  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decision_date", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer_code", "year", "number"],
                                    condition=Q(number__isnull=False),
                                    name="decision_unique_number"),
            models.CheckConstraint(condition=Q(state="draft") | Q(decision_date__isnull=False),
                                   name="decision_issued_has_date"),
        ]  # fmt: skip

    def __str__(self):
        return self.number_text or str(_("Draft decision"))


class DecisionLine(models.Model):
    """One recipient in a decision's annex, priced on the decision date."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="lines"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
    )
    award_type = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    recipient_name = models.CharField(_("recipient (as printed)"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    unit_name = models.CharField(_("unit (as printed)"), max_length=255, blank=True)
    coefficient = models.DecimalField(
        _("coefficient"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    bonus_amount = models.DecimalField(_("bonus (VND)"), max_digits=15, decimal_places=0,
                                       null=True, blank=True)  # fmt: skip
    award_record = models.OneToOneField(
        AwardRecord,
        verbose_name=_("award record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_line",
    )

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        ordering = ["decision", "order", "id"]

    def __str__(self):
        return f"{self.decision} · {self.recipient_name}"


class Revocation(models.Model):
    """An award cancelled under Law 2022 ch. VII: it stays in history, marked revoked."""

    award = models.OneToOneField(
        AwardRecord, verbose_name=_("award"), on_delete=models.PROTECT, related_name="revocation"
    )
    reason = models.TextField(_("reason"))
    decision_number = models.CharField(_("revoking decision number"), max_length=100)
    decision_date = models.DateField(_("revoking decision date"))
    bonus_to_recover = models.DecimalField(_("bonus to recover (VND)"), max_digits=15,
                                           decimal_places=0, default=0)  # fmt: skip
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")
        ordering = ["-revoked_at"]

    def __str__(self):
        return f"{self.award} · {self.decision_number}"


class RevocationFlag(models.Model):
    """A later award or open nomination whose prerequisite relied on the revoked award."""

    revocation = models.ForeignKey(
        Revocation, verbose_name=_("revocation"), on_delete=models.CASCADE, related_name="flags"
    )
    award = models.ForeignKey(
        AwardRecord,
        verbose_name=_("award"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation_flags",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation_flags",
    )
    note = models.TextField(_("why it is flagged"))
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag after a revocation")
        verbose_name_plural = _("flags after revocations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(award__isnull=False) & Q(nomination__isnull=True))
                | (Q(award__isnull=True) & Q(nomination__isnull=False)),
                name="revocation_flag_exactly_one_target",
            ),
        ]

    def __str__(self):
        return self.note[:60]
