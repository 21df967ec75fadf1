"""What eligibility reads: annual ratings, initiatives, holds, awards held, clusters."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType, CommendationType
from organizations.models import Person, Unit


class Rating(models.TextChoices):
    """Annual assessment (đánh giá, xếp loại), best first."""

    EXCELLENT = "HTXSNV", _("Excellently completed duties (HTXSNV)")
    GOOD = "HTTNV", _("Well completed duties (HTTNV)")
    COMPLETED = "HTNV", _("Completed duties (HTNV)")
    NOT_COMPLETED = "KHTNV", _("Did not complete duties (KHTNV)")


RATING_RANK = {Rating.EXCELLENT: 3, Rating.GOOD: 2, Rating.COMPLETED: 1, Rating.NOT_COMPLETED: 0}


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


class AnnualRating(SubjectMixin):
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=6, choices=Rating.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
    # Set when the award was granted here: the decision and the nomination it came from.
    decision = models.ForeignKey(
        "awards.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    nomination = models.OneToOneField(
        "awards.Nomination",
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award",
    )
    bonus_amount = models.DecimalField(_("bonus (VND)"), max_digits=15, decimal_places=0,
                                       null=True, blank=True)  # fmt: skip

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

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="members"
    )
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
