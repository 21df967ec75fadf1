"""Proposals upward (tờ trình) for awards decided above the department, and what the higher
authority answered for each nominee."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.nominations.models import Nomination
from organizations.models import Unit
from organizations.scope import UnitScopedQuerySet


class Proposal(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed and sent")
        ANSWERED = "answered", _("Answered")

    unit = models.ForeignKey(Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    authority = models.CharField(_("proposed to"), max_length=255)
    number_text = models.CharField(_("number"), max_length=100, blank=True)
    subject = models.TextField(_("subject (trích yếu)"))
    body = models.TextField(_("text"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal upward")
        verbose_name_plural = _("proposals upward")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.number_text or self.subject[:60]


class ProposalLine(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="lines"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="proposal_lines",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices,
                               default=Outcome.PENDING)  # fmt: skip
    decision = models.ForeignKey(
        "awards.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal_lines",
    )

    class Meta:
        verbose_name = _("proposed nominee")
        verbose_name_plural = _("proposed nominees")
        ordering = ["proposal", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "nomination"],
                                               name="proposal_line_unique_nomination")]  # fmt: skip

    def __str__(self):
        return f"{self.proposal} · {self.nomination}"
