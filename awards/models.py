from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organizations.models import Person, Unit


class Rating(models.TextChoices):
    """Annual assessment (đánh giá, xếp loại), best first."""

    EXCELLENT = "HTXSNV", _("Excellently completed duties (HTXSNV)")
    GOOD = "HTTNV", _("Well completed duties (HTTNV)")
    COMPLETED = "HTNV", _("Completed duties (HTNV)")
    NOT_COMPLETED = "KHTNV", _("Did not complete duties (KHTNV)")


RATING_RANK = {Rating.EXCELLENT: 3, Rating.GOOD: 2, Rating.COMPLETED: 1, Rating.NOT_COMPLETED: 0}


class CommendationType(models.TextChoices):
    MERIT = "merit", _("Merit (annual)")
    ADHOC = "adhoc", _("Ad-hoc (đột xuất)")
    THEMATIC = "thematic", _("Campaign or thematic")
    CAREER = "career", _("Career contribution")
    EXTERNAL = "external", _("External")


class SubjectMixin(models.Model):
    """Rows about either one person or one unit, never both (database-enforced)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person or self.unit

    @staticmethod
    def exactly_one_subject(name):
        return models.CheckConstraint(
            condition=(Q(person__isnull=False) & Q(unit__isnull=True))
            | (Q(person__isnull=True) & Q(unit__isnull=False)),
            name=name,
        )


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


class AnnualRating(SubjectMixin):
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=6, choices=Rating.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        constraints = [
            SubjectMixin.exactly_one_subject("rating_exactly_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="rating_unique_person_year"),
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(unit__isnull=False),
                                    name="rating_unique_unit_year"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.subject} · {self.year} · {self.rating}"


class Initiative(models.Model):
    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Grassroots")
        PROVINCE = "province", _("Province")
        MINISTRY = "ministry", _("Ministry")
        NATIONAL = "national", _("National")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="initiatives")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year recognised"))
    title = models.CharField(_("title"), max_length=500)
    level = models.CharField(_("level of recognition"), max_length=12, choices=Level.choices)
    consumed_by = models.ForeignKey(
        "AwardRecord", verbose_name=_("used for"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="initiatives_used",
        help_text=_("The title this initiative already supported; it cannot support another."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["person", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "title"],
                                    name="initiative_unique_person_year_title")
        ]  # fmt: skip

    def __str__(self):
        return self.title

    LEVEL_RANK = {"grassroots": 1, "province": 2, "ministry": 2, "national": 3}

    def reaches(self, level):
        return self.LEVEL_RANK[self.level] >= self.LEVEL_RANK[level]


class Hold(SubjectMixin):
    """Discipline, investigation, inspection or an open complaint: no award, no proposal."""

    reason = models.CharField(_("reason"), max_length=500)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = [
            SubjectMixin.exactly_one_subject("hold_exactly_one_subject"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                                   name="hold_end_after_start"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.subject}: {self.reason}"

    def covers_year(self, year):
        return self.start.year <= year and (self.end is None or self.end.year >= year)


class AwardRecord(SubjectMixin):
    """An award a person or unit holds: granted through Thi đua or imported from past records."""

    class Source(models.TextChoices):
        IMPORTED = "imported", _("Imported from past records")
        GRANTED = "granted", _("Granted through Thi đua")

    award_type = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="records")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    commendation_type = models.CharField(_("commendation type"), max_length=10,
                                         choices=CommendationType.choices,
                                         default=CommendationType.MERIT)  # fmt: skip
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issuer (as printed)"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.IMPORTED)  # fmt: skip
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award history")
        ordering = ["-year", "award_type__display_order"]
        constraints = [
            SubjectMixin.exactly_one_subject("award_record_exactly_one_subject"),
            models.UniqueConstraint(
                fields=["award_type", "person", "year", "commendation_type"],
                condition=Q(person__isnull=False), name="award_record_unique_person",
            ),
            models.UniqueConstraint(
                fields=["award_type", "unit", "year", "commendation_type"],
                condition=Q(unit__isnull=False), name="award_record_unique_unit",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.award_type.code} · {self.subject} · {self.year}"


class Cluster(models.Model):
    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster (cụm)")
        BLOCK = "block", _("Block (khối)")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("emulation cluster or block")
        verbose_name_plural = _("emulation clusters and blocks")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "year"],
                                               name="cluster_unique_name_year")]  # fmt: skip

    def __str__(self):
        return f"{self.name} ({self.year})"


class ClusterMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        DEPUTY = "deputy", _("Deputy")
        MEMBER = "member", _("Member")
        WINNER = "winner", _("Voted leading unit")

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="cluster_memberships")  # fmt: skip
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit", "role"],
                                    name="cluster_member_unique_unit_role"),
            models.UniqueConstraint(fields=["cluster"], condition=Q(role="winner"),
                                    name="cluster_single_winner"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.cluster} · {self.unit} · {self.role}"


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers and superusers see every campaign; others see launched campaigns aimed at
        one of their units (or at everyone)."""
        from organizations.access import scope_of

        scope = scope_of(user)
        if scope.is_superuser or "officer" in scope.roles:
            return self
        # A campaign aimed at a unit reaches its whole subtree; aimed at nobody, it reaches all.
        # It concerns a user when it is aimed at one of their units, above one (it reaches it)
        # or below one (it reaches part of their subtree). One condition pair per grant: no
        # query, and no limit on the number of units in the subtree.
        targeted = Q(target_units__isnull=True)
        for path in sorted({grant.unit_path for grant in scope.grants}):
            targeted |= Q(target_units__path__in=_ancestor_paths(path))
            targeted |= Q(target_units__path__startswith=path)
        return self.filter(
            targeted, state__in=[Campaign.State.OPEN, Campaign.State.CLOSED]
        ).distinct()


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
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

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

    def is_accepting(self, today):
        return (
            self.state == self.State.OPEN
            and self.nominations_open <= today <= self.nominations_close
        )


def campaign_document_path(instance, filename):
    return f"campaigns/{instance.campaign_id}/{filename}"


class CampaignDocument(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=campaign_document_path)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign document")
        verbose_name_plural = _("campaign documents")

    def __str__(self):
        return self.title


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from organizations.access import scope_of

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
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
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


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from organizations.access import scope_of

        scope = scope_of(user)
        return self if scope.is_superuser else self.filter(scope.unit_filter(prefix="unit__"))

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
        WITHDRAWN = "withdrawn", _("Withdrawn")

    CLOSED_STATES = {"withdrawn"}

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
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

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
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=40)
    file = models.FileField(_("file"), upload_to=dossier_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")  # fmt: skip
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.original_name
