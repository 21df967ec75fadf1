"""The legal catalogue of emulation titles and forms of commendation."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CommendationType(models.TextChoices):
    MERIT = "merit", _("Merit (annual)")
    ADHOC = "adhoc", _("Ad-hoc (đột xuất)")
    THEMATIC = "thematic", _("Campaign or thematic")
    CAREER = "career", _("Career contribution")
    EXTERNAL = "external", _("External")


class AwardType(models.Model):
    class Kind(models.TextChoices):
        TITLE = "title", _("Emulation title")
        COMMENDATION = "commendation", _("Form of commendation")

    class Recipient(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")
        BOTH = "both", _("Individual or collective")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    recipient = models.CharField(_("recipient"), max_length=10, choices=Recipient.choices)
    authority = models.CharField(_("deciding authority"), max_length=255)
    decided_by_department = models.BooleanField(
        _("decided by the department itself"),
        default=False,
        help_text=_("Law 2022 Art. 80: otherwise the department only proposes it upward."),
    )
    bonus_coefficient = models.DecimalField(
        _("bonus coefficient (× base salary)"), max_digits=5, decimal_places=2, default=0
    )
    criteria = models.TextField(_("criteria"), blank=True)
    legal_document = models.CharField(_("legal document"), max_length=255, blank=True)
    legal_article = models.CharField(_("article"), max_length=100, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    required_documents = models.JSONField(
        _("required dossier documents"),
        default=list,
        blank=True,
        help_text=_('List of {"code": …, "label": …} entries.'),
    )
    vote_threshold = models.DecimalField(
        _("council vote threshold"),
        max_digits=4,
        decimal_places=3,
        default=0.5,
        help_text=_("Share of all council members who must approve (0.9 = 90%)."),
    )
    public_comment_required = models.BooleanField(_("public comment window required"),
                                                  default=False)  # fmt: skip
    public_comment_days = models.PositiveSmallIntegerField(_("comment window (working days)"),
                                                           default=0)  # fmt: skip
    certificate_template = models.CharField(_("certificate template"), max_length=100, blank=True)
    rule_params = models.JSONField(
        _("eligibility parameters"),
        default=dict,
        blank=True,
        help_text=_("Configurable values used by the eligibility rules."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["display_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vote_threshold__gte=0) & Q(vote_threshold__lte=1),
                name="award_type_vote_threshold_is_a_share",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        language = (get_language() or "vi")[:2]
        return getattr(self, f"name_{language}", None) or self.name_vi

    def accepts(self, *, individual):
        wanted = self.Recipient.INDIVIDUAL if individual else self.Recipient.COLLECTIVE
        return self.recipient in (wanted, self.Recipient.BOTH)

    def param(self, name, default=None):
        return (self.rule_params or {}).get(name, default)
