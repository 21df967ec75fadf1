from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit
from organizations.scope import scope_of


class Indicator(models.Model):
    class ValueType(models.TextChoices):
        COUNT = "count", _("Count (whole number)")
        PERCENT = "percent", _("Percentage (0–100)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(
        _("unit of measure"), max_length=50, help_text=_("người, %, hộ, vụ, VND…")
    )
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.COUNT
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    group = models.CharField(_("group or sector"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("definition source"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    display_order = models.PositiveIntegerField(_("display order"), default=100)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["display_order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_percent(self):
        return self.value_type == self.ValueType.PERCENT


class Period(models.TextChoices):
    """Only annual figures today; quarters slot in as further choices without touching the
    arithmetic, which compares a period with the same period of the previous year."""

    YEAR = "Y", _("Whole year")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="indicator_values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(
        _("period"), max_length=3, choices=Period.choices, default=Period.YEAR
    )
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    result = models.DecimalField(
        _("result"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    target_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("target by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_at = models.DateTimeField(_("target at"), null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("result by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result_at = models.DateTimeField(_("result at"), null=True, blank=True)
    # Bumped on every save: a form that read version n may only write over version n.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year", "period"], name="indicator_value_unique_cell"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="indicator_target_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(result__isnull=True) | Q(result__gte=0),
                name="indicator_result_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100), name="indicator_value_year_range"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "unit"], name="indicator_value_year_unit_idx"),
            # Everything the report reads of a year's figures (indicators/report/rollup.py): it
            # reads them from this index alone, without visiting the table row of each.
            models.Index(
                fields=["year", "period", "unit", "indicator", "target", "result"],
                name="indicator_value_report_idx",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.unit.code} · {self.year}"


class ValueChange(models.Model):
    """One row per changed figure: what it was, what it became, who changed it and when."""

    value = models.ForeignKey(
        IndicatorValue, verbose_name=_("value"), on_delete=models.CASCADE, related_name="changes"
    )
    field = models.CharField(_("field"), max_length=10)
    old = models.CharField(_("old value"), max_length=200, blank=True)
    new = models.CharField(_("new value"), max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=20, default="grid")

    class Meta:
        verbose_name = _("value change")
        verbose_name_plural = _("value changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.value_id}.{self.field}: {self.old} → {self.new}"


class DataStatusQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.is_superuser:
            return self
        return self.filter(scope.unit_filter(prefix="unit__"))


class DataStatus(models.Model):
    """Where one unit's figures for one period stand in the approval workflow."""

    class State(models.TextChoices):
        OPEN = "open", _("Being entered")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="data_statuses"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(
        _("period"), max_length=3, choices=Period.choices, default=Period.YEAR
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    reason = models.TextField(_("last reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    objects = DataStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("data approval status")
        verbose_name_plural = _("data approval statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "period"], name="data_status_unique_unit_period"
            )
        ]

    def __str__(self):
        return f"{self.unit.code} · {self.year} · {self.get_state_display()}"

    @property
    def is_locked(self):
        return self.state in {self.State.SUBMITTED, self.State.APPROVED}
