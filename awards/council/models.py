"""Sessions of the emulation and commendation council: members, attendance, agenda, secret
ballots, recusals and the tallies written at closing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.nominations.models import Nomination
from organizations.models import Unit
from organizations.scope import UnitScopedQuerySet


class CouncilSession(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open for voting")
        CLOSED = "closed", _("Closed")

    unit = models.ForeignKey(Unit, verbose_name=_("council of"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=255)
    notes = models.TextField(_("notes for the minutes"), blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title


class CouncilMember(models.Model):
    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"),
                             on_delete=models.PROTECT, related_name="council_seats")  # fmt: skip
    present = models.BooleanField(_("present"), default=True)
    written_opinion = models.TextField(_("written opinion (absent member)"), blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "user"],
                                               name="council_member_unique_user")]  # fmt: skip

    def __str__(self):
        return str(self.user)


class AgendaItem(models.Model):
    """One nomination on a session's agenda; the tally is written when the session closes."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    members_total = models.PositiveSmallIntegerField(_("members of the council"), null=True,
                                                     blank=True)  # fmt: skip
    agree = models.PositiveSmallIntegerField(_("agree"), null=True, blank=True)
    disagree = models.PositiveSmallIntegerField(_("disagree"), null=True, blank=True)
    abstain = models.PositiveSmallIntegerField(_("abstain"), null=True, blank=True)
    recused = models.PositiveSmallIntegerField(_("recused"), null=True, blank=True)
    threshold = models.DecimalField(_("threshold"), max_digits=4, decimal_places=3, null=True,
                                    blank=True)  # fmt: skip
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "nomination"],
                                               name="agenda_item_unique_nomination")]  # fmt: skip

    def __str__(self):
        return f"{self.session} · {self.nomination}"


class Ballot(models.Model):
    """A member's vote on one item. Secret: no page, export or admin screen shows `choice`
    next to the member; only the member sees their own while the session is open."""

    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="ballots"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="ballots"
    )
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["item", "member"],
                                               name="ballot_one_per_member")]  # fmt: skip

    def __str__(self):
        return f"{self.item} · ballot"


class Recusal(models.Model):
    """A member who may not vote on an item: the nominee, a member of the nominated unit
    (automatic) or one who declared a conflict of interest."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="recusals"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="recusals"
    )
    automatic = models.BooleanField(_("automatic"), default=False)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [models.UniqueConstraint(fields=["item", "member"],
                                               name="recusal_one_per_member")]  # fmt: skip

    def __str__(self):
        return f"{self.member} · {self.item}"
