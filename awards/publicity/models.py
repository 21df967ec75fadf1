"""The public comment window (công khai): accepted nominees shown to the public before the
council meets, the comments anyone may leave, and the extra days off that the working-day
calendar skips."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.nominations.models import Nomination
from organizations.models import Unit
from organizations.scope import UnitScopedQuerySet


def new_public_token():
    return secrets.token_urlsafe(16)


class DayOff(models.Model):
    """A day the office does not work besides weekends and public holidays (a bridge day, a
    provincial holiday); the working-day calendar skips it."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("occasion"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("extra day off")
        verbose_name_plural = _("extra days off")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class PublicNotice(models.Model):
    """One publication of accepted nominees, open for comments from `starts_on` to `ends_on`."""

    class State(models.TextChoices):
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    unit = models.ForeignKey(Unit, verbose_name=_("publishing unit"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    title = models.CharField(_("title"), max_length=255)
    token = models.CharField(
        _("token"), max_length=40, unique=True, default=new_public_token, editable=False
    )
    starts_on = models.DateField(_("comments open on"))
    ends_on = models.DateField(_("comments close on"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PUBLISHED)  # fmt: skip
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="notice_ends_after_start"),
        ]  # fmt: skip

    def __str__(self):
        return self.title


class PublicNoticeEntry(models.Model):
    """A nominee as the public sees it: a copy of the public facts made when publishing, so that
    nothing else about the person ever reaches the public page."""

    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="entries"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="notice_entries",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    display_name = models.CharField(_("name"), max_length=255)
    display_unit = models.CharField(_("unit"), max_length=255)
    award_name = models.CharField(_("award"), max_length=255)
    summary = models.TextField(_("achievement summary"))

    class Meta:
        verbose_name = _("public notice entry")
        verbose_name_plural = _("public notice entries")
        ordering = ["notice", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["notice", "nomination"],
                                               name="notice_entry_unique_nomination")]  # fmt: skip

    def __str__(self):
        return f"{self.display_name} · {self.award_name}"


class PublicComment(models.Model):
    entry = models.ForeignKey(PublicNoticeEntry, verbose_name=_("entry"), on_delete=models.CASCADE,
                              related_name="comments")  # fmt: skip
    author_name = models.CharField(_("name"), max_length=120, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # A keyed hash of the sender's address: enough to throttle, not enough to identify.
    address_hash = models.CharField(_("address hash"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["address_hash", "created_at"], name="comment_addr_idx")]

    def __str__(self):
        return self.text[:60]
