from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.roles import Role
from organizations.scope import InSubtree, scope_of
from organizations.text import fold, person_sort_key, sort_key


def path_segment(pk):
    """A unit's id as written in paths: zero-padded, so that ordering by path lists siblings in
    the order they were created (2 before 10) and every parent before its children."""
    return f"{pk:08d}"


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Units inside the subtrees where the user holds any membership."""
        scope = scope_of(user)
        if scope.sees_every_unit():
            return self
        return self.filter(scope.unit_filter())

    def search(self, text):
        folded = fold(text)
        if not folded:
            return self
        return self.filter(Q(search_text__contains=folded) | Q(code__iexact=text.strip()))

    def in_tree_order(self):
        return self.order_by("path")


class Unit(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        OFFICE = "office", _("Office")
        CENTRE = "centre", _("Centre")
        SCHOOL = "school", _("School")
        DIVISION = "division", _("District or commune division")
        ENTERPRISE = "enterprise", _("Enterprise")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The unit that took over when this one merged or was dissolved."),
    )
    # Materialised path of zero-padded primary keys ("/00000001/00000005/"): subtree queries
    # become one prefix match, so scoping costs the same whatever the depth of the tree.
    path = models.CharField(_("path"), max_length=1024, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False, default=0)
    search_text = models.CharField(_("search text"), max_length=600, editable=False, default="")
    sort_name = models.CharField(_("sort name"), max_length=1200, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="unit_not_its_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "sort_name"}
        if self.pk is None:
            super().save(*args, **kwargs)
            self.path, self.depth = self._compute_path()
            super().save(update_fields=["path", "depth"])
            return
        old_path = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""
        self.path, self.depth = self._compute_path()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] |= {"path", "depth"}
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self._move_subtree(old_path)

    def fill_derived_fields(self):
        """The search and sort columns, from the name; `save` calls it, bulk writers must."""
        self.search_text = fold(f"{self.name} {self.short_name}")
        self.sort_name = sort_key(self.name)

    def _compute_path(self):
        segment = path_segment(self.pk)
        if self.parent_id is None:
            return f"/{segment}/", 0
        parent = Unit.objects.only("path", "depth").get(pk=self.parent_id)
        if f"/{segment}/" in parent.path:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        return f"{parent.path}{segment}/", parent.depth + 1

    def _move_subtree(self, old_path):
        descendants = list(Unit.objects.filter(path__in_subtree=old_path).exclude(pk=self.pk))
        for descendant in descendants:
            descendant.path = self.path + descendant.path[len(old_path) :]
            descendant.depth = descendant.path.count("/") - 2
        Unit.objects.bulk_update(descendants, ["path", "depth"])

    def has_history(self):
        """Whether anything refers to this unit: such a unit is deactivated or merged into a
        successor (valid_to, successor), never deleted, so campaigns keep their targets and
        the audit log keeps its scope."""
        from django.apps import apps

        Campaign = apps.get_model("awards", "Campaign")
        return (
            self.children.exists()
            or self.people.exists()
            or self.memberships.exists()
            or AuditEntry.objects.filter(unit=self).exists()
            or Campaign.objects.filter(target_units=self).exists()
        )

    @property
    def display_name(self):
        return self.short_name or self.name

    def ancestor_ids(self):
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def clean(self):
        super().clean()
        if self.parent_id and self.pk:
            parent = self.parent
            if parent.pk == self.pk or (self.path and parent.path.startswith(self.path)):
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_every_unit():
            return self
        return self.filter(scope.unit_filter(prefix="unit__"))

    def search(self, text):
        folded = fold(text)
        if not folded:
            return self
        return self.filter(Q(search_text__contains=folded) | Q(code__iexact=text.strip()))


class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    code = models.CharField(_("staff number"), max_length=32, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    sector_start = models.DateField(
        _("in the sector since"),
        null=True,
        blank=True,
        help_text=_("Counts the service years for the commemorative medal."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(_("search text"), max_length=400, editable=False, default="")
    sort_name = models.CharField(_("sort name"), max_length=1300, editable=False, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "code"]
        # The list's order with the unit and key beside it: a page deep in the list is found by
        # walking this index alone. Searches go through `search_text`, trigram-indexed on
        # PostgreSQL (migration 0009).
        indexes = [
            models.Index(fields=["sort_name", "code", "unit", "id"], name="person_list_order_idx")
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_name"}
        super().save(*args, **kwargs)

    def fill_derived_fields(self):
        """The search and sort columns, from the name; `save` calls it, bulk writers must."""
        self.search_text = fold(f"{self.full_name} {self.position}")
        self.sort_name = person_sort_key(self.full_name)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_every_unit():
            return self
        return self.filter(scope.unit_filter(prefix="unit__"))


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="membership_unique_user_unit_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class AuditEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entries about the user's units, and the department-wide ones."""
        scope = scope_of(user)
        if scope.sees_every_unit():
            return self
        return self.filter(scope.unit_filter(prefix="unit_") | Q(unit_path=""))


class AuditEntry(models.Model):
    """Who did what to which object, when, from which state to which, and why."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("content type"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("object ID"), max_length=64)
    # The unit the object belongs to, kept so that the log can be scoped like everything else;
    # empty for department-wide objects (catalogues, campaigns).
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    # The unit's path when the row was written: the log stays scoped as it was even if the unit
    # later moves in the tree.
    unit_path = models.CharField(
        _("unit path"), max_length=1024, blank=True, default="", db_index=True, editable=False
    )
    object_repr = models.CharField(_("object"), max_length=200)
    search_text = models.CharField(_("search text"), max_length=400, editable=False, default="")
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
            # The log's order (and its date filters); the key makes it cover a keys-only page.
            models.Index(fields=["at", "id"], name="audit_list_order_idx"),
            # "Action starts with": PostgreSQL needs the pattern operator class for LIKE 'x%'
            # under a non-C collation; SQLite ignores it.
            models.Index(fields=["action"], name="audit_action_idx",
                         opclasses=["varchar_pattern_ops"]),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


# Subtree filters (organizations.scope.Scope.unit_filter) on the two path columns.
Unit._meta.get_field("path").register_lookup(InSubtree)
AuditEntry._meta.get_field("unit_path").register_lookup(InSubtree)


class Notification(models.Model):
    """Something the user should know happened (a nomination of theirs changed state). Stored
    as the action and its values, rendered in the reader's language when shown."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    action = models.CharField(_("action"), max_length=64)
    subject = models.CharField(_("about"), max_length=255)
    from_state = models.CharField(_("from state"), max_length=32, blank=True)
    to_state = models.CharField(_("to state"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    url = models.CharField(_("URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return f"{self.user} · {self.action} · {self.subject}"


class UserPreference(models.Model):
    """What a user chose for themselves, kept on the account so that it follows them to any
    computer (a cookie would stay behind on the last one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="preference",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")

    def __str__(self):
        return f"{self.user}: {self.language}"


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is its owner's (and superusers'): the file and its errors name people."""
        if user.is_superuser:
            return self
        return self.filter(user=user)


class Job(models.Model):
    """Work that runs outside the request (organizations.jobs): a large import, or a file made
    in the background. The task queue only carries the job's id; the state, progress and outcome
    the user sees live here."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    kind = models.CharField(_("kind"), max_length=32)
    # What the job works on beyond the file, e.g. {"unit": 7, "year": 2024} for a figures
    # upload, so that the result page links back to the right place.
    target = models.JSONField(_("target"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to="jobs/%Y/%m/", blank=True)
    # What a job that makes a file made (served to its owner only, by jobs.views.job_output).
    output = models.FileField(_("file made"), upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    language = models.CharField(_("language"), max_length=8, default="vi")
    state = models.CharField(_("state"), max_length=16, choices=State.choices,
                             default=State.QUEUED)  # fmt: skip
    phase = models.CharField(_("phase"), max_length=32, blank=True)
    progress_done = models.PositiveIntegerField(_("progress done"), default=0)
    progress_total = models.PositiveIntegerField(_("progress total"), default=100)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # [{"line": 12, "message": "…"}]: an import's RowErrors, or one line-less failure message.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.kind} · {self.filename} · {self.state}"

    @property
    def finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self):
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
