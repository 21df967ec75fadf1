"""Council sessions: opening one with its agenda and members, attendance, declared conflicts,
secret ballots and the closing tally. One transaction and one audit row (at least) each.

Every write locks the session row first, so a ballot cast while an officer closes the session
is either counted or refused, never lost. Ballots are secret: no audit row, message or return
value of this module carries a member's choice next to the member; only the closing tally of
each item leaves it, as counts.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.council.models import AgendaItem, Ballot, CouncilMember, CouncilSession, Recusal
from awards.nominations.models import Nomination
from awards.nominations.services import nomination_lock, nomination_move
from organizations.audit.services import audit_record
from organizations.models import Membership, Role
from organizations.scope import scope_of
from organizations.workflow import WorkflowError

__all__ = [
    "WorkflowError",
    "ballot_cast",
    "conflict_declare",
    "council_holders",
    "recusal_reasons",
    "session_close",
    "session_open",
    "session_set_attendance",
    "tally_passes",
]

MANAGE = "council.manage"
VOTE = "council.vote"
State = CouncilSession.State
Choice = Ballot.Choice


# --- Helpers -----------------------------------------------------------------------------------


def _require(actor, action, unit):
    if not scope_of(actor).may(action, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit.name})


def _locked_open(session):
    """The session row locked for this transaction; refused unless it is still open."""
    locked = CouncilSession.objects.select_for_update().select_related("unit").get(pk=session.pk)
    if locked.state != State.OPEN:
        raise WorkflowError(_("The session is closed: nothing can change any more."))
    return locked


def _seat(actor, session):
    seat = CouncilMember.objects.filter(session=session, user_id=getattr(actor, "pk", None))
    seat = seat.first()
    if seat is None:
        raise PermissionDenied(_("Only the members of this council session may do this."))
    return seat


def _self_and_ancestors(unit):
    return [*unit.ancestor_ids(), unit.pk]


def council_holders(unit):
    """Users holding the council role on the deciding unit itself or on a unit above it: the
    council of that unit."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__role=Role.COUNCIL,
            memberships__unit_id__in=_self_and_ancestors(unit),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def recusal_reasons(session_unit, users, nominations):
    """{(user id, nomination id): why the user must stand aside} for the automatic recusals.

    There is no link between a user account and a person record, so "the member is the nominee
    or belongs to the nominated unit" is read from the memberships: a member holding any role
    on the nomination's unit itself (the nominated unit, or the nominee's unit for a person) is
    recused. The council-role memberships on the session's unit or above it do not count: they
    are what makes the user a member of this council, and every member holds one. A nominee who
    holds no membership there declares the conflict themselves (conflict_declare). One query."""
    qualifying = _self_and_ancestors(session_unit)
    roles = defaultdict(set)
    rows = (
        Membership.objects.filter(
            user__in=[user.pk for user in users],
            unit_id__in={nomination.unit_id for nomination in nominations},
        )
        .exclude(role=Role.COUNCIL, unit_id__in=qualifying)
        .values_list("user_id", "unit_id", "role")
    )
    for user_id, unit_id, role in rows:
        roles[user_id, unit_id].add(str(Role(role).label))
    reasons = {}
    for user in users:
        for nomination in nominations:
            held = roles.get((user.pk, nomination.unit_id))
            if held:
                reasons[user.pk, nomination.pk] = _(
                    "Holds the role %(roles)s on %(unit)s, the nominated unit."
                ) % {"roles": ", ".join(sorted(held)), "unit": nomination.unit.name}
    return reasons


def tally_passes(*, agree, members_total, threshold):
    """Whether `agree` of `members_total` members reach `threshold` (a share such as 0.9).
    Compared exactly in decimals: 9 of 10 reach 0.9, 8 of 10 do not."""
    if not members_total:
        return False
    return Decimal(agree) >= Decimal(threshold) * members_total


def _publicity_block(nomination, on_date):
    # The publicity subdomain owns the rule; imported here so each module reads alone.
    from awards.publicity.services import publicity_block

    return publicity_block(nomination, on_date)


# --- Opening -----------------------------------------------------------------------------------


@transaction.atomic
def session_open(*, actor, unit, title, date, place, nominations, member_users=None, notes=""):
    """Open a council session of `unit` with the accepted nominations of its subtree as agenda.

    Members are every user holding the council role on the unit or above it, or the subset an
    officer picks (`member_users`, each of whom must hold that role). Members who hold a role
    on a nominated unit are recused from that item automatically (see recusal_reason)."""
    _require(actor, MANAGE, unit)
    title, place = (title or "").strip(), (place or "").strip()
    if not title or not place:
        raise WorkflowError(_("Give the session a title and a place."))
    holders = list(council_holders(unit))
    if member_users is None:
        members = holders
    else:
        members = list({user.pk: user for user in member_users}.values())
        strangers = [user for user in members if user.pk not in {h.pk for h in holders}]
        if strangers:
            raise WorkflowError(
                _("%(names)s do not hold the council role on %(unit)s.")
                % {
                    "names": ", ".join(u.get_full_name() or u.get_username() for u in strangers),
                    "unit": unit.name,
                }
            )
    if not members:
        raise WorkflowError(
            _("Nobody holds the council role on %(unit)s: the council has no members.")
            % {"unit": unit.name}
        )
    wanted = sorted({nomination.pk for nomination in nominations})
    if not wanted:
        raise WorkflowError(_("Put at least one nomination on the agenda."))
    # Locked in primary-key order, so two officers opening sessions at once cannot deadlock and
    # the second finds the first one's agenda items.
    locked = list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "person", "unit")
        .filter(pk__in=wanted)
        .order_by("pk")
    )
    if len(locked) != len(wanted):
        raise WorkflowError(_("A nomination on the agenda no longer exists."))
    busy = set(
        AgendaItem.objects.filter(nomination_id__in=wanted, session__state=State.OPEN).values_list(
            "nomination_id", flat=True
        )
    )
    for nomination in locked:
        if nomination.state != Nomination.State.ACCEPTED:
            raise WorkflowError(
                _("%(nomination)s is “%(state)s”: only accepted nominations go to the council.")
                % {"nomination": nomination, "state": nomination.get_state_display()}
            )
        if not nomination.unit.path.startswith(unit.path):
            raise WorkflowError(
                _("%(nomination)s is not from %(unit)s or a unit below it.")
                % {"nomination": nomination, "unit": unit.name}
            )
        if nomination.pk in busy:
            raise WorkflowError(
                _("%(nomination)s is already on the agenda of an open session.")
                % {"nomination": nomination}
            )
    session = CouncilSession.objects.create(
        unit=unit,
        title=title,
        date=date,
        place=place,
        notes=(notes or "").strip(),
        opened_by=actor if getattr(actor, "pk", None) else None,
    )
    seats = CouncilMember.objects.bulk_create(
        [CouncilMember(session=session, user=user) for user in members]
    )
    ordered = sorted(locked, key=lambda n: (n.award_type.display_order, str(n.nominee), n.pk))
    items = AgendaItem.objects.bulk_create(
        [AgendaItem(session=session, nomination=n, order=i) for i, n in enumerate(ordered, 1)]
    )
    reasons = recusal_reasons(unit, members, ordered)
    recusals = [
        Recusal(
            item=item, member=seat, automatic=True, reason=reasons[seat.user_id, item.nomination_id]
        )  # fmt: skip
        for item in items
        for seat in seats
        if (seat.user_id, item.nomination_id) in reasons
    ]
    Recusal.objects.bulk_create(recusals)
    audit_record(
        actor=actor,
        obj=session,
        action="council.open",
        to_state=State.OPEN,
        changes={
            "members": [seat.user.get_username() for seat in seats],
            "agenda": [str(item.nomination) for item in items],
            "recusals": len(recusals),
        },
    )
    return session


# --- While open --------------------------------------------------------------------------------


@transaction.atomic
def session_set_attendance(*, actor, session, member, present, written_opinion=""):
    """Record whether a member attends and, for an absent one, their written opinion."""
    _require(actor, MANAGE, session.unit)
    locked = _locked_open(session)
    seat = CouncilMember.objects.select_for_update().filter(session=locked, pk=member.pk).first()
    if seat is None:
        raise WorkflowError(_("This person is not a member of the session."))
    opinion = "" if present else (written_opinion or "").strip()
    changes = {}
    if seat.present != bool(present):
        changes["present"] = [seat.present, bool(present)]
    if seat.written_opinion != opinion:
        changes["written_opinion"] = [seat.written_opinion, opinion]
    if changes:
        seat.present, seat.written_opinion = bool(present), opinion
        seat.save(update_fields=["present", "written_opinion"])
        audit_record(
            actor=actor,
            obj=locked,
            action="council.attendance",
            changes={"member": seat.user.get_username(), **changes},
        )
    member.present, member.written_opinion = seat.present, seat.written_opinion
    return seat


def _item_in(session, item):
    found = AgendaItem.objects.select_related("nomination__award_type", "nomination__unit")
    found = found.filter(session=session, pk=item.pk).first()
    if found is None:
        raise WorkflowError(_("This item is not on the session's agenda."))
    return found


@transaction.atomic
def conflict_declare(*, actor, item, reason):
    """A member declares a conflict of interest on an item and stands aside from it. Refused
    once they have voted on it: a cast ballot is not taken back silently."""
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Give a reason."))
    session = _locked_open(item.session)
    seat = _seat(actor, session)
    found = _item_in(session, item)
    if Recusal.objects.filter(item=found, member=seat).exists():
        raise WorkflowError(_("You already stand aside on this item."))
    if Ballot.objects.filter(item=found, member=seat).exists():
        raise WorkflowError(
            _("You have already voted on this item; a conflict must be declared before voting.")
        )
    recusal = Recusal.objects.create(item=found, member=seat, automatic=False, reason=reason)
    audit_record(
        actor=actor,
        obj=session,
        action="council.conflict_declare",
        reason=reason,
        changes={"member": seat.user.get_username(), "item": str(found.nomination)},
    )
    return recusal


@transaction.atomic
def ballot_cast(*, actor, item, choice):
    """Cast or change the actor's secret ballot on an item while the session is open.

    Only a member of the session holding "council.vote" on its unit, not recused from the item,
    and only once the nomination's public comment window (if its award needs one) has ended.
    Attendance does not matter here: an absent member may send their vote online, as the written
    opinion the rules ask of them. The audit row says that the member voted, never how."""
    if choice not in Choice.values:
        raise WorkflowError(_("Choose agree, disagree or abstain."))
    session = _locked_open(item.session)
    _require(actor, VOTE, session.unit)
    seat = _seat(actor, session)
    found = _item_in(session, item)
    if Recusal.objects.filter(item=found, member=seat).exists():
        raise WorkflowError(_("You stand aside on this item and may not vote on it."))
    blocked = _publicity_block(found.nomination, timezone.localdate())
    if blocked:
        raise WorkflowError(
            _("%(nomination)s cannot be voted on yet: %(reason)s")
            % {"nomination": found.nomination, "reason": blocked}
        )
    ballot, _created = Ballot.objects.update_or_create(
        item=found, member=seat, defaults={"choice": choice}
    )
    audit_record(
        actor=actor,
        obj=session,
        action="ballot.cast",
        changes={"item": str(found.nomination)},
    )
    return ballot


# --- Closing -----------------------------------------------------------------------------------


def _tally_reason(item):
    return _(
        "Council vote: %(agree)s agree, %(disagree)s disagree, %(abstain)s abstain, "
        "%(recused)s recused, of %(total)s members; needed %(threshold)s%% of all members."
    ) % {
        "agree": item.agree,
        "disagree": item.disagree,
        "abstain": item.abstain,
        "recused": item.recused,
        "total": item.members_total,
        "threshold": format((item.threshold * 100).normalize(), "f"),
    }


@transaction.atomic
def session_close(*, actor, session):
    """Close the session: tally each item over all members of the council (absent and recused
    members included in the denominator, domain rule 14), move each nomination to passed or
    not passed, and lock the ballots. Refused while an item's public comment window runs."""
    _require(actor, MANAGE, session.unit)
    locked = _locked_open(session)
    items = list(
        AgendaItem.objects.filter(session=locked)
        .select_related("nomination__award_type", "nomination__person", "nomination__unit")
        .order_by("order", "pk")
    )
    today = timezone.localdate()
    blocked = [
        f"{item.nomination}: {reason}"
        for item in items
        if (reason := _publicity_block(item.nomination, today))
    ]
    if blocked:
        raise WorkflowError(
            _("The session cannot close while items may not be voted on yet: %(items)s")
            % {"items": "; ".join(blocked)}
        )
    members_total = CouncilMember.objects.filter(session=locked).count()
    counts = {
        (row["item_id"], row["choice"]): row["n"]
        for row in Ballot.objects.filter(item__session=locked)
        .values("item_id", "choice")
        .annotate(n=Count("id"))
    }
    recused = dict(
        Recusal.objects.filter(item__session=locked)
        .values("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )
    results = []
    for item in items:
        item.members_total = members_total
        item.agree = counts.get((item.pk, Choice.AGREE), 0)
        item.disagree = counts.get((item.pk, Choice.DISAGREE), 0)
        item.abstain = counts.get((item.pk, Choice.ABSTAIN), 0)
        item.recused = recused.get(item.pk, 0)
        item.threshold = item.nomination.award_type.vote_threshold
        item.passed = tally_passes(
            agree=item.agree, members_total=members_total, threshold=item.threshold
        )
        item.save(update_fields=["members_total", "agree", "disagree", "abstain", "recused",
                                 "threshold", "passed"])  # fmt: skip
        nomination = nomination_lock(item.nomination)
        nomination_move(
            actor=actor,
            nomination=nomination,
            allowed_from={Nomination.State.ACCEPTED},
            to=Nomination.State.PASSED if item.passed else Nomination.State.NOT_PASSED,
            action="nomination.council_pass" if item.passed else "nomination.council_fail",
            reason=_tally_reason(item),
        )
        results.append({"item": str(item.nomination), "agree": item.agree,
                        "disagree": item.disagree, "abstain": item.abstain,
                        "recused": item.recused, "passed": item.passed})  # fmt: skip
    locked.state = State.CLOSED
    locked.closed_by = actor if getattr(actor, "pk", None) else None
    locked.closed_at = timezone.now()
    locked.save(update_fields=["state", "closed_by", "closed_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="council.close",
        from_state=State.OPEN,
        to_state=State.CLOSED,
        changes={"members": members_total, "items": results},
    )
    session.state, session.closed_by, session.closed_at = (
        locked.state,
        locked.closed_by,
        locked.closed_at,
    )
    return locked
