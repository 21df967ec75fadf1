"""Nominations of a person or unit for one award, with their dossiers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.campaigns.models import Campaign
from awards.catalogue.models import AwardType, CommendationType
from awards.history.models import SubjectMixin
from organizations.scope import scope_of


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        # Every nomination has a unit: one who sees every unit sees them all, and the list
        # then reads them without joining the units to check each one.
        if scope.sees_every_unit():
            return self
        return self.filter(scope.unit_filter(prefix="unit__"))

    def open(self):
        return self.exclude(state__in=Nomination.CLOSED_STATES)


class Nomination(SubjectMixin):
    """A proposal of one award for one person or unit, with its dossier.

    `unit` is always set: the nominated unit itself, or the person's unit; it decides who may
    see the nomination. `person` is set for individual nominations.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted for the council")
        PASSED = "passed", _("Passed by the council")
        NOT_PASSED = "not_passed", _("Not passed by the council")
        PROPOSED = "proposed", _("Proposed to a higher authority")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused by the higher authority")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # No longer waiting for anything: a granted nomination lives on as its AwardRecord.
    CLOSED_STATES = {"withdrawn", "not_passed", "granted", "refused"}

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="nominations")  # fmt: skip
    award_type = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="nominations")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    commendation_type = models.CharField(_("commendation type"), max_length=10,
                                         choices=CommendationType.choices,
                                         default=CommendationType.MERIT)  # fmt: skip
    summary = models.TextField(_("achievement summary"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    eligibility = models.JSONField(_("eligibility at submission"), default=list, blank=True)
    override_reason = models.TextField(_("override reason"), blank=True)
    indicator_evidence = models.JSONField(_("indicator report at submission"), default=list,
                                          blank=True)  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(condition=Q(unit__isnull=False), name="nomination_has_unit"),
            models.UniqueConstraint(
                fields=["award_type", "person", "year"],
                condition=Q(person__isnull=False) & ~Q(state="withdrawn"),
                name="nomination_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["award_type", "unit", "year"],
                condition=Q(person__isnull=True) & ~Q(state="withdrawn"),
                name="nomination_one_open_per_unit",
            ),
        ]
        # The list's default order (last change first), alone and under its state filters.
        indexes = [
            models.Index(fields=["updated_at"], name="nomination_updated_idx"),
            models.Index(fields=["state", "updated_at"], name="nomination_state_updated_idx"),
        ]

    def __str__(self):
        return f"{self.award_type.code} · {self.nominee} · {self.year}"

    @property
    def nominee(self):
        return self.person or self.unit

    @property
    def is_individual(self):
        return self.person_id is not None


def dossier_path(instance, filename):
    return f"dossiers/{instance.nomination_id}/{instance.kind}/{filename}"


class DossierDocument(models.Model):
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=40)
    file = models.FileField(_("file"), upload_to=dossier_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.original_name
