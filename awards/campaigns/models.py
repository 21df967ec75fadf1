"""Emulation campaigns launched to units."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from organizations.models import Unit
from organizations.scope import ACTIONS, scope_of
from organizations.tree import common_ancestor


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Superusers see every campaign. Others see the launched campaigns aimed at one of their
        units (or at everyone), and, in any state, drafts included, the campaigns they may manage:
        those aimed only at units where they hold "campaign.manage", or aimed at everyone when
        they hold it on every top-level unit. A district officer does not see the department's
        drafts, nor another district's."""
        scope = scope_of(user)
        if scope.is_superuser:
            return self
        # A campaign aimed at a unit reaches its whole subtree; aimed at nobody, it reaches all.
        # It concerns a user when it is aimed at one of their units, above one (it reaches it)
        # or below one (it reaches part of their subtree). One condition pair per grant: no
        # query, and no limit on the number of units in the subtree.
        targeted = Q(target_units__isnull=True)
        for path in sorted({grant.unit_path for grant in scope.grants}):
            targeted |= Q(target_units__path__in=_ancestor_paths(path))
            targeted |= Q(target_units__path__startswith=path)
        shown = targeted & Q(state__in=[Campaign.State.OPEN, Campaign.State.CLOSED])
        manager_roles = ACTIONS["campaign.manage"]
        if any(grant.role in manager_roles for grant in scope.grants):
            outside = Campaign.target_units.through.objects.exclude(
                scope.unit_filter(prefix="unit__", roles=manager_roles)
            )
            uncovered_top = Unit.objects.filter(parent__isnull=True).exclude(
                scope.unit_filter(roles=manager_roles)
            )
            shown |= Q(target_units__isnull=False) & ~Q(pk__in=outside.values("campaign_id"))
            shown |= Q(target_units__isnull=True) & ~Exists(uncovered_top)
        return self.filter(shown).distinct()


def _ancestor_paths(path):
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


class Campaign(models.Model):
    class Type(models.TextChoices):
        ANNUAL = "annual", _("Annual")
        THEMATIC = "thematic", _("Thematic")
        ADHOC = "adhoc", _("Ad-hoc")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Launched")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=255)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.ANNUAL)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    award_types = models.ManyToManyField(AwardType, verbose_name=_("award types accepted"),
                                         related_name="campaigns")  # fmt: skip
    target_units = models.ManyToManyField(
        Unit, verbose_name=_("target units"), blank=True, related_name="campaigns",
        help_text=_("Each unit with its sub-units; leave empty to target every unit."),
    )  # fmt: skip
    nominations_open = models.DateField(_("nominations open"))
    nominations_close = models.DateField(_("nominations close"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "-nominations_open", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(nominations_close__gte=models.F("nominations_open")),
                                   name="campaign_window_in_order"),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    @property
    def audit_unit(self):
        """Audit rows of a campaign sit under the lowest unit its targets share, so that a
        district's auditors read about their own campaigns and not the department's; a campaign
        aimed at everyone belongs to the single top-level unit (or to nobody's in particular)."""
        targets = list(self.target_units.all()) or list(Unit.objects.filter(parent__isnull=True))
        return common_ancestor(targets)

    def is_accepting(self, today):
        return (
            self.state == self.State.OPEN
            and self.nominations_open <= today <= self.nominations_close
        )


def campaign_document_path(instance, filename):
    return f"campaigns/{instance.campaign_id}/{filename}"


class CampaignDocument(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=campaign_document_path)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign document")
        verbose_name_plural = _("campaign documents")

    def __str__(self):
        return self.title
