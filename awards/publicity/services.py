"""The public comment window (công khai): publishing accepted nominees, withdrawing a notice,
the officer's extra days off, the public's comments, and the check the council runs before a
vote.

Publishing copies only the public facts of each nominee (name, unit, award, a short summary)
into PublicNoticeEntry rows: the public pages read those rows and nothing else, so no date of
birth, staff code, sex or rating can ever reach them.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from awards.models import Nomination
from awards.publicity import calendar
from awards.publicity.models import DayOff, PublicComment, PublicNotice, PublicNoticeEntry
from organizations.access import may_department_wide, scope_of
from organizations.audit.services import audit_record, changes_created
from organizations.workflow import WorkflowError

__all__ = [
    "COMMENT_LIMIT_PER_HOUR",
    "WorkflowError",
    "address_hash",
    "comment_add",
    "comments_open",
    "dayoff_add",
    "dayoff_remove",
    "default_working_days",
    "notice_publish",
    "notice_withdraw",
    "publicity_block",
]

MANAGE = "publicity.manage"
SUMMARY_MAX = 1000
COMMENT_MAX = 2000
NAME_MAX = 120
CONTACT_MAX = 200
COMMENT_LIMIT_PER_HOUR = 5


def _date(day):
    return day.strftime("%d/%m/%Y")


def _require(actor, unit=None):
    if not scope_of(actor).may(MANAGE, unit):
        where = unit.name if unit is not None else _("any unit")
        raise PermissionDenied(
            _("You may not manage public comment windows for %(unit)s.") % {"unit": where}
        )


def _require_department_wide(actor):
    # The extra days off are one calendar for every unit: a district officer's change would move
    # the end of every other unit's windows.
    if not may_department_wide(actor, MANAGE):
        raise PermissionDenied(
            _("Only the emulation office of the whole department may change the days off.")
        )


# --- The council's check -----------------------------------------------------------------------


def publicity_block(nomination, on_date):
    """Why `nomination` may not be voted on `on_date`, or None when it may.

    The council helper (awards.council) calls this before it lets members vote on an agenda
    item: an award type that requires a public comment window (domain.md §3.4) may only be
    voted on once the window of its latest published notice has ended, i.e. `ends_on` is
    before `on_date`. Withdrawn notices do not count; a nomination never published is blocked.
    """
    if not nomination.award_type.public_comment_required:
        return None
    latest = (
        PublicNotice.objects.filter(
            state=PublicNotice.State.PUBLISHED, entries__nomination=nomination
        )
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    if latest is None:
        return _("It has not been published for public comment (công khai) yet.")
    if latest >= on_date:
        return _("Its public comment window runs until %(date)s.") % {"date": _date(latest)}
    return None


# --- Notices -----------------------------------------------------------------------------------


def default_working_days(nominations):
    """The longest window the chosen nominations' award types ask for, at least one day."""
    return max([1, *(n.award_type.public_comment_days for n in nominations)])


def _display_name(nomination):
    return nomination.person.full_name if nomination.person_id else nomination.unit.name


def _short(text, limit):
    """The text cut to `limit` characters, paragraphs kept, blank runs squeezed."""
    lines = (" ".join(line.split()) for line in (text or "").splitlines())
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open_notices_of(nominations, today):
    """nomination id → a published notice whose window has not ended yet."""
    entries = PublicNoticeEntry.objects.filter(
        nomination__in=nominations,
        notice__state=PublicNotice.State.PUBLISHED,
        notice__ends_on__gte=today,
    ).select_related("notice")
    return {entry.nomination_id: entry.notice for entry in entries}


def _check_nominations(unit, nominations, today):
    problems = []
    running = _open_notices_of(nominations, today)
    for n in nominations:
        name = f"{_display_name(n)} ({n.award_type.code})"
        if n.state != Nomination.State.ACCEPTED:
            problems.append(
                _("%(name)s is not accepted for the council (it is “%(state)s”).")
                % {"name": name, "state": n.get_state_display()}
            )
        elif not n.unit.path.startswith(unit.path):
            problems.append(
                _("%(name)s does not belong to %(unit)s.") % {"name": name, "unit": unit.name}
            )
        elif not n.award_type.public_comment_required:
            problems.append(
                _("%(name)s: the award “%(award)s” needs no public comment window.")
                % {"name": name, "award": n.award_type.name}
            )
        elif n.pk in running:
            notice = running[n.pk]
            problems.append(
                _("%(name)s is already open for comment in “%(title)s” until %(date)s.")
                % {"name": name, "title": notice.title, "date": _date(notice.ends_on)}
            )
    return problems


@transaction.atomic
def notice_publish(*, actor, unit, title, starts_on, working_days=None, nominations, today=None):
    """Publish accepted nominations of `unit`'s subtree for public comment during
    `working_days` working days from `starts_on` (by default the longest window their award
    types ask for).

    `today` is the day the notice counts as published on (by default the real today): the
    window may not start before it. Only the demo passes it, to replay a past campaign."""
    _require(actor, unit)
    ids = sorted({n.pk for n in nominations})
    if not ids:
        raise WorkflowError(_("Choose at least one nomination to publish."))
    title = (title or "").strip()
    if not title:
        raise WorkflowError(_("Give the notice a title."))
    locked = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("person", "unit", "award_type")
        .order_by("award_type__display_order", "person__full_name", "unit__name", "pk")
    )
    today = today or timezone.localdate()
    problems = _check_nominations(unit, locked, today)
    if problems:
        raise WorkflowError(
            _("Nothing was published: %(problems)s") % {"problems": " ".join(problems)}
        )
    if starts_on < today:
        raise WorkflowError(_("The window cannot start in the past."))
    days = working_days or default_working_days(locked)
    if not 1 <= days <= calendar.MAX_WORKING_DAYS:
        raise WorkflowError(
            _("The window must last between 1 and %(max)s working days.")
            % {"max": calendar.MAX_WORKING_DAYS}
        )
    ends_on = calendar.add_working_days(starts_on, days)
    notice = PublicNotice.objects.create(
        unit=unit,
        title=title[:255],
        starts_on=starts_on,
        ends_on=ends_on,
        working_days=days,
        published_by=actor,
    )
    PublicNoticeEntry.objects.bulk_create(
        PublicNoticeEntry(
            notice=notice,
            nomination=n,
            order=position,
            display_name=_display_name(n)[:255],
            display_unit=n.unit.name[:255],
            award_name=n.award_type.name_vi[:255],
            summary=_short(n.summary, SUMMARY_MAX),
        )
        for position, n in enumerate(locked, start=1)
    )
    audit_record(
        actor=actor,
        obj=notice,
        action="publicity.publish",
        to_state=notice.state,
        changes={
            **changes_created({"starts_on": starts_on, "ends_on": ends_on, "working_days": days}),
            "nominations": ids,
        },
    )
    return notice


@transaction.atomic
def notice_withdraw(*, actor, notice, reason):
    """Take a notice off the public pages; its comments are kept for the record."""
    notice = PublicNotice.objects.select_for_update().select_related("unit").get(pk=notice.pk)
    _require(actor, notice.unit)
    if notice.state != PublicNotice.State.PUBLISHED:
        raise WorkflowError(_("This notice is already withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    notice.state = PublicNotice.State.WITHDRAWN
    notice.save(update_fields=["state"])
    audit_record(
        actor=actor,
        obj=notice,
        action="publicity.withdraw",
        from_state=PublicNotice.State.PUBLISHED,
        to_state=notice.state,
        reason=reason,
    )
    return notice


# --- Extra days off ----------------------------------------------------------------------------


@transaction.atomic
def dayoff_add(*, actor, date, name):
    _require_department_wide(actor)
    name = (name or "").strip()
    if not name:
        raise WorkflowError(_("Say what the day off is for."))
    if DayOff.objects.filter(date=date).exists():
        raise WorkflowError(_("%(date)s is already an extra day off.") % {"date": _date(date)})
    holiday = dict(calendar.public_holidays(date.year)).get(date)
    if holiday:
        raise WorkflowError(
            _("%(date)s is already a public holiday: %(name)s.")
            % {"date": _date(date), "name": holiday}
        )
    if not calendar.is_working_day(date, set()):
        raise WorkflowError(_("%(date)s is not a working day anyway.") % {"date": _date(date)})
    day = DayOff.objects.create(date=date, name=name[:255], created_by=actor)
    audit_record(
        actor=actor, obj=day, action="publicity.dayoff_add",
        changes=changes_created({"date": date, "name": day.name}),
    )  # fmt: skip
    return day


@transaction.atomic
def dayoff_remove(*, actor, day):
    """Remove an extra day off. Windows already published keep the end date they were given."""
    _require_department_wide(actor)
    day = DayOff.objects.select_for_update().filter(pk=day.pk).first()
    if day is None:
        raise WorkflowError(_("This day off was already removed."))
    audit_record(
        actor=actor, obj=day, action="publicity.dayoff_remove",
        changes={"date": [_date(day.date), None], "name": [day.name, None]},
    )  # fmt: skip
    day.delete()


# --- Comments from the public ------------------------------------------------------------------


def comments_open(notice, today=None):
    today = today or timezone.localdate()
    return notice.state == PublicNotice.State.PUBLISHED and (
        notice.starts_on <= today <= notice.ends_on
    )


def address_hash(address):
    """A keyed hash of the sender's address: the same address always gives the same value, but
    without the secret key nobody can tell which address it was."""
    return salted_hmac(
        "awards.publicity.comment", address or "unknown", algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def comment_add(*, entry, author_name="", contact="", text, address):
    """Store one comment from the public on a published entry while its window is open.

    No audit row: the comment row itself is the record, and its sender is anonymous."""
    notice = entry.notice
    if not comments_open(notice):
        raise WorkflowError(_("Comments on this notice are not being accepted now."))
    text = (text or "").strip()
    author_name = (author_name or "").strip()
    contact = (contact or "").strip()
    if not text:
        raise WorkflowError(_("Write your comment."))
    if len(text) > COMMENT_MAX:
        raise WorkflowError(
            _("A comment may be at most %(max)s characters long; yours has %(count)s.")
            % {"max": COMMENT_MAX, "count": len(text)}
        )
    if len(author_name) > NAME_MAX or len(contact) > CONTACT_MAX:
        raise WorkflowError(
            _("The name may be at most %(name)s characters and the contact %(contact)s.")
            % {"name": NAME_MAX, "contact": CONTACT_MAX}
        )
    hashed = address_hash(address)
    since = timezone.now() - timedelta(hours=1)
    recent = PublicComment.objects.filter(address_hash=hashed, created_at__gte=since).count()
    if recent >= COMMENT_LIMIT_PER_HOUR:
        raise WorkflowError(
            _(
                "You have sent %(count)s comments in the last hour, the most we accept. "
                "Please try again later."
            )
            % {"count": recent}
        )
    return PublicComment.objects.create(
        entry=entry, author_name=author_name, contact=contact, text=text, address_hash=hashed
    )
